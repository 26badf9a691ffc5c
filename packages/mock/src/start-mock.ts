import { startPrismServer, type PrismLogLevel } from "./prism.js";
import { specPath } from "./spec.js";

export type MockMode = "static" | "dynamic";

export interface StartMockOptions {
  /** TCP port; 0 (the default) takes a free one. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** `static` serves the spec's examples; `dynamic` generates data from the schemas. Default `static`. */
  mode?: MockMode;
  /** Seed for `dynamic` mode, so generated data repeats. */
  seed?: string | number;
  /** Turn response violations into 500s (Prism's `--errors`). Default true: the mock must never serve what the spec forbids. */
  errors?: boolean;
  /** Prism's log level; default `silent`. */
  logLevel?: PrismLogLevel;
  /** Path of another OpenAPI document to serve (default: the one shipped with `@finicity-aggregation/types`). */
  spec?: string;
}

export interface RunningMock {
  /** Base URL of the mock, no trailing slash, e.g. `http://127.0.0.1:53211`. */
  url: string;
  /** Stops the server and frees the port. */
  close(): Promise<void>;
}

/** Starts Prism on the Get Customers spec. Resolves once the server accepts connections. */
export async function startMock(options: StartMockOptions = {}): Promise<RunningMock> {
  const mode = options.mode ?? "static";
  if (mode !== "static" && mode !== "dynamic") {
    throw new TypeError(`mode must be "static" or "dynamic", got ${JSON.stringify(mode)}`);
  }
  return startPrismServer({
    spec: options.spec ?? specPath(),
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    logLevel: options.logLevel ?? "silent",
    cors: true,
    config: {
      isProxy: false,
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: options.errors ?? true,
      upstreamProxy: undefined,
      mock: {
        dynamic: mode === "dynamic",
        ...(options.seed === undefined ? {} : { seed: String(options.seed) }),
      },
    },
  });
}
