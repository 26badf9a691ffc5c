import { createLogger } from "@stoplight/prism-core";
import { getHttpOperationsFromSpec, type IHttpConfig } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";


export type PrismLogLevel = "silent" | "fatal" | "error" | "warn" | "info" | "debug" | "trace";

export interface PrismServerOptions {
  /** Path or URL of the OpenAPI document, or the parsed document itself. */
  spec: string | object;
  host: string;
  port: number;
  config: IHttpConfig;
  logLevel: PrismLogLevel;
  /** Answer CORS preflights, so a browser page can call the mock. */
  cors: boolean;
}

export interface RunningPrism {
  /** Base URL, no trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** Runs Prism's HTTP server in this process (no child process, no CLI start-up cost). */
export async function startPrismServer(options: PrismServerOptions): Promise<RunningPrism> {
  const operations = await getHttpOperationsFromSpec(options.spec);
  if (operations.length === 0) throw new Error("The OpenAPI document declares no operations.");
  const logger = createLogger("PRISM", { level: options.logLevel });
  const server = createServer(operations, {
    cors: options.cors,
    config: options.config,
    components: { logger: logger.child({ name: "HTTP SERVER" }) },
  });
  const address = await server.listen(options.port, options.host);
  const { port } = new URL(address);
  return {
    url: `http://${formatHost(options.host)}:${port}`,
    close: () => server.close(),
  };
}

function formatHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}
