import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { createLogger } from "@stoplight/prism-core";
import {
  createInstance,
  getHttpOperationsFromSpec,
  ProblemJsonError,
  VIOLATIONS,
  type IHttpConfig,
  type IHttpRequest,
} from "@stoplight/prism-http";
import { getHttpConfigFromRequest } from "@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js";
import { serialize } from "@stoplight/prism-http-server/dist/serialize.js";
import { badRequestExampleFor } from "./bad-request-example.js";
import type { GeneratedAnswer } from "./dynamic-consistency.js";
import { redactLogLine } from "./redaction.js";
import { MAX_REQUEST_BODY_BYTES, readBody } from "./sandbox/http-body.js";
import { parseTarget } from "./sandbox/http-target.js";

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
  /** Literal values to mask in the log besides what secret-named headers and fields carry (e.g. configured credentials). */
  secrets?: readonly string[];
  /** Rewrites Prism's answer before it is sent (dynamic mode makes its pages consistent with this). */
  transform?: (query: Record<string, string | string[]>, answer: GeneratedAnswer) => GeneratedAnswer;
}

export interface RunningPrism {
  /** Base URL, no trailing slash. */
  url: string;
  close(): Promise<void>;
}

type Either<L, R> = { _tag: "Left"; left: L } | { _tag: "Right"; right: R };
interface Diagnostic {
  path?: Array<string | number>;
  severity: number;
  code?: string | number;
  message: string;
}
interface PrismOutput {
  output: { statusCode: number; headers?: Record<string, string | string[]>; body?: unknown };
  validations: { input: Diagnostic[]; output: Diagnostic[] };
}
type PrismError = Error & { status?: number; additional?: { headers?: Record<string, string> } };

const SEVERITY = ["Error", "Warning", "Information", "Hint"] as const;
const MAX_SAFE_HEADER_LENGTH = 8 * 1024 - 100;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Runs Prism in this process behind a node:http server of ours rather than `@stoplight/prism-http-server`'s, so
 * that it answers as the sandbox does where that server did not: request bodies are capped (413 past
 * MAX_REQUEST_BODY_BYTES, the rest unread); absolute-form targets are served and `*` or unparsable ones get 400;
 * HEAD is answered as GET without a body; a body labelled JSON that does not parse is passed on as text (the
 * proxy's upstream, or the spec's request validation, answers it, not a Prism `invalid_json`); and every log
 * line is redacted (secret-named headers and fields, and `secrets`), whatever the level.
 */
export async function startPrismServer(options: PrismServerOptions): Promise<RunningPrism> {
  const operations = await getHttpOperationsFromSpec(options.spec);
  if (operations.length === 0) throw new Error("The OpenAPI document declares no operations.");
  const secrets = options.secrets ?? [];
  const destination = { write: (line: string) => void process.stdout.write(redactLogLine(line, secrets)) };
  const logger = createLogger("PRISM", { level: options.logLevel }, destination as never).child({ name: "HTTP SERVER" });
  const prism = createInstance(options.config, { logger });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (options.cors) setCorsHeaders(req, res);
    const method = (req.method ?? "GET").toUpperCase();
    const target = parseTarget(req.url ?? "");
    if (target === undefined) {
      return problem(res, method, 400, "BAD_REQUEST_TARGET", "Bad Request", "Use an origin-form (/path?query) or absolute-form (http://host/path) target.");
    }
    if (method === "OPTIONS" && options.cors && req.headers["origin"] && req.headers["access-control-request-method"]) {
      res.setHeader("Access-Control-Allow-Methods", req.headers["access-control-request-method"]);
      res.setHeader("Vary", "origin");
      res.writeHead(204, { "content-length": "0" }).end();
      return;
    }
    let body: unknown = null;
    if (hasBody(req)) {
      const text = await readBody(req);
      if (text === undefined) {
        res.shouldKeepAlive = false;
        res.setHeader("connection", "close");
        return problem(res, method, 413, "PAYLOAD_TOO_LARGE", "Payload Too Large", `The request body is larger than ${MAX_REQUEST_BODY_BYTES} bytes.`);
      }
      body = text;
      if (JSON_TYPE.test(req.headers["content-type"] ?? "")) {
        try {
          body = JSON.parse(text);
        } catch {
          // Left as text: the upstream (or request validation) answers a malformed body as the API does.
        }
      }
    }
    const input: IHttpRequest = {
      // HEAD is answered as GET (the spec declares GET); the body is left out below.
      method: (method === "HEAD" ? "get" : method.toLowerCase()) as IHttpRequest["method"],
      url: { path: target.path, baseUrl: target.query.get("__server") || undefined, query: nameValues(target.query) },
      headers: req.headers as Record<string, string>,
      body,
    };
    logger.info({ input }, "Request received");
    const preferences = getHttpConfigFromRequest(input) as unknown as Either<PrismError, Record<string, unknown>>;
    if (preferences._tag === "Left") return sendError(res, method, preferences.left);
    const mock = { ...options.config.mock, ...Object.fromEntries(Object.entries(preferences.right).filter(([, v]) => v !== undefined)) };
    const ask = async (mockConfig: Record<string, unknown>) =>
      (await prism.request(input, operations, { ...options.config, mock: mockConfig } as unknown as IHttpConfig)()) as unknown as Either<PrismError, PrismOutput>;
    let result = await ask(mock);
    // A mock answering a rejected request: pick the 400 example that names the rule broken, unless one was asked for.
    if (!options.config.isProxy && result._tag === "Right" && result.right.output.statusCode === 400 && preferences.right["exampleKey"] === undefined) {
      const exampleKey = badRequestExampleFor(result.right.validations.input);
      if (exampleKey !== undefined) {
        const chosen = await ask({ ...mock, code: 400, exampleKey });
        if (chosen._tag === "Right" && chosen.right.output.statusCode === 400) result = chosen;
      }
    }
    if (result._tag === "Left") {
      logger.error({ input }, `Request terminated with error: ${String(result.left)}`);
      return sendError(res, method, result.left);
    }
    const { validations } = result.right;
    const output = options.transform ? options.transform(input.url.query ?? {}, result.right.output) : result.right.output;
    const violations = [...validations.input.map(located("request")), ...validations.output.map(located("response"))];
    if (violations.length > 0) {
      let header = JSON.stringify(violations);
      if (header.length > MAX_SAFE_HEADER_LENGTH) header = `Too many violations! ${header.substring(0, MAX_SAFE_HEADER_LENGTH)}`;
      res.setHeader("sl-violations", header);
      const errors = violations.filter((v, i) => i >= validations.input.length && v.severity === "Error");
      if (options.config.errors && errors.length > 0) {
        return sendError(
          res,
          method,
          ProblemJsonError.fromTemplate(VIOLATIONS, "Your request/response is not valid and the --errors flag is set, so Prism is generating this error for you.", {
            validation: errors,
          }) as PrismError,
        );
      }
      for (const v of violations) {
        const message = `Violation: ${v.location.join(".")} ${v.message}`;
        if (v.severity === "Error") logger.error({ name: "VALIDATOR" }, message);
        else if (v.severity === "Warning") logger.warn({ name: "VALIDATOR" }, message);
        else logger.info({ name: "VALIDATOR" }, message);
      }
    }
    for (const [name, value] of Object.entries(output.headers ?? {})) res.setHeader(name, value);
    const contentType = res.getHeader("content-type");
    const payload = serialize(output.body, typeof contentType === "string" ? contentType : undefined) as string | Buffer | undefined;
    send(res, method, output.statusCode, payload);
  };

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else problem(res, req.method ?? "GET", 500, "UNKNOWN", "Internal Server Error", String((error as Error)?.message ?? error));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://${formatHost(options.host)}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers["content-length"] !== "0" && (req.headers["transfer-encoding"] !== undefined || req.headers["content-length"] !== undefined);
}

function nameValues(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    out[name] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

function located(prefix: string) {
  return (d: Diagnostic) => ({
    location: [prefix, ...(d.path ?? [])],
    severity: SEVERITY[d.severity] ?? String(d.severity),
    code: d.code,
    message: d.message,
  });
}

function send(res: ServerResponse, method: string, status: number, payload: string | Buffer | undefined): void {
  res.statusCode = status;
  if (payload === undefined) {
    res.setHeader("content-length", "0");
    res.end();
    return;
  }
  res.setHeader("content-length", String(Buffer.byteLength(payload)));
  // HEAD: the GET's headers, no body.
  res.end(method === "HEAD" ? undefined : payload);
}

function sendError(res: ServerResponse, method: string, error: PrismError): void {
  res.setHeader("content-type", "application/problem+json");
  for (const [name, value] of Object.entries(error.additional?.headers ?? {})) res.setHeader(name, value);
  send(res, method, error.status || 500, JSON.stringify(ProblemJsonError.toProblemJson(error as never)));
}

function problem(res: ServerResponse, method: string, status: number, type: string, title: string, detail: string): void {
  res.setHeader("content-type", "application/problem+json");
  send(res, method, status, JSON.stringify({ type: `https://stoplight.io/prism/errors#${type}`, title, status, detail }));
}

function setCorsHeaders(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("Access-Control-Allow-Origin", req.headers["origin"] || "*");
  res.setHeader("Access-Control-Allow-Headers", req.headers["access-control-request-headers"] || "*");
  res.setHeader("Access-Control-Allow-Credentials", "true");
  res.setHeader("Access-Control-Expose-Headers", (req.headers["access-control-expose-headers"] as string | undefined) || "*");
}

function formatHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}
