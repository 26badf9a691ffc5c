import { applyDynamicOverlay } from "./dynamic-overlay.js";
import { makeDynamicPageConsistent } from "./dynamic-consistency.js";
import { startPrismServer, type PrismLogLevel, type RunningPrism } from "./prism.js";
import { startSandboxServer } from "./sandbox/node-server.js";
import { createSandboxCore, type SandboxControl } from "./sandbox/core.js";
import { DEMO_CREDENTIALS, type SandboxOptions } from "./sandbox/options.js";
import { SandboxInputError } from "./sandbox/errors.js";
import { loadSpec, specPath } from "./spec.js";
import { controlAccessFor } from "./sandbox/control-access.js";

export type MockMode = "static" | "dynamic" | "sandbox";

interface CommonOptions {
  /** TCP port; 0 (the default) takes a free one. In sandbox mode this is the port of `url` (the validating proxy). */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Prism's log level; default `silent`. At every level, credentials are masked in the log (`[redacted]`). */
  logLevel?: PrismLogLevel;
  /** Path of another OpenAPI document to serve or validate against (default: the one shipped with `@finicity-aggregation/types`). */
  spec?: string;
  /** Turn response violations into 500s (Prism's `--errors`). Default true: the mock must never serve what the spec forbids. */
  errors?: boolean;
}

export interface StartPrismMockOptions extends CommonOptions {
  /** `static` serves the spec's examples; `dynamic` generates data from the schemas. Default `static`. */
  mode?: "static" | "dynamic";
  /** Seed for `dynamic` mode, so generated data repeats. */
  seed?: string | number;
}

export interface StartSandboxOptions extends CommonOptions, SandboxOptions {
  mode: "sandbox";
  /** Port of `directUrl` (the sandbox itself); default 0, a free one. */
  directPort?: number;
  /**
   * Bearer token for the HTTP control API under `directUrl/__sandbox/` (16+ printable characters). Without one,
   * the control API is served only when `host` is a loopback address, and is off otherwise.
   */
  controlToken?: string;
}

export type StartMockOptions = StartPrismMockOptions | StartSandboxOptions;

export interface RunningMock {
  /** Base URL of the mock, no trailing slash, e.g. `http://127.0.0.1:53211`. */
  url: string;
  /** Stops the server(s) and frees the port(s). */
  close(): Promise<void>;
}

export interface RunningSandbox extends RunningMock {
  /** Prism's validation proxy in front of the sandbox: any response that breaks the spec becomes a 500. */
  url: string;
  /** The sandbox itself, for faults a validating proxy would mask (drop, truncate, wrong content type). */
  directUrl: string;
  /** Drive the sandbox from code. */
  sandbox: SandboxControl;
  /** Base of the HTTP control API (`directUrl` + `/__sandbox`), or undefined when it is off (see `controlToken`). */
  controlUrl: string | undefined;
}

/** Starts a mock. Resolves once it accepts connections. */
export function startMock(options: StartSandboxOptions): Promise<RunningSandbox>;
export function startMock(options?: StartPrismMockOptions): Promise<RunningMock>;
export async function startMock(options: StartMockOptions = {}): Promise<RunningMock | RunningSandbox> {
  const mode = options.mode ?? "static";
  if (mode !== "static" && mode !== "dynamic" && mode !== "sandbox") {
    throw new SandboxInputError("mode", `must be "static", "dynamic" or "sandbox", got ${JSON.stringify(mode)}`);
  }
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SandboxInputError("port", "must be a whole number from 0 to 65535");
  const logLevel = options.logLevel ?? "silent";
  const errors = options.errors ?? true;
  const path = options.spec ?? specPath();

  if (options.mode === "sandbox") {
    const controlApi = controlAccessFor(host, options.controlToken);
    const core = createSandboxCore({ ...options, controlApi });
    const { control } = core;
    const direct = await startSandboxServer(core, options.directPort ?? 0, host);
    let proxy: RunningPrism;
    try {
      proxy = await startPrismServer({
        spec: path,
        host,
        port,
        logLevel,
        cors: true,
        // Masked in every log line besides secret-named headers and fields (which are masked whatever their value).
        secrets: [options.credentials?.appKey, options.credentials?.partnerSecret, DEMO_CREDENTIALS.appKey, DEMO_CREDENTIALS.partnerSecret].filter(
          (value): value is string => typeof value === "string",
        ),
        config: {
          isProxy: true,
          upstream: new URL(direct.url),
          upstreamProxy: undefined,
          validateRequest: false,
          checkSecurity: false,
          validateResponse: true,
          errors,
          mock: { dynamic: false },
        },
      });
    } catch (error) {
      await direct.close();
      throw error;
    }
    return {
      url: proxy.url,
      directUrl: direct.url,
      sandbox: control,
      controlUrl: controlApi === false ? undefined : `${direct.url}/__sandbox`,
      close: async () => {
        await Promise.all([proxy.close(), direct.close()]);
      },
    };
  }

  const seed = (options as StartPrismMockOptions).seed;
  return startPrismServer({
    spec: mode === "dynamic" ? applyDynamicOverlay(await loadSpec(path)) : path,
    host,
    port,
    logLevel,
    cors: true,
    ...(mode === "dynamic" ? { transform: makeDynamicPageConsistent } : {}),
    config: {
      isProxy: false,
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors,
      upstreamProxy: undefined,
      mock: {
        dynamic: mode === "dynamic",
        ...(seed === undefined ? {} : { seed: String(seed) }),
      },
    },
  });
}
