import { afterAll } from "vitest";
import type { Customer, Customers, ErrorMessage } from "@finicity-aggregation/types";
import { startMock, type RunningSandbox, type StartSandboxOptions } from "../src/index.js";
import { controlAccessFor } from "../src/sandbox/control-access.js";
import { createSandboxCore } from "../src/sandbox/core.js";
import { startSandboxServer } from "../src/sandbox/node-server.js";

/**
 * Set by vitest.mutation.config.ts: the mutation runs (Stryker, `pnpm test:mutation`) test the sandbox itself, so
 * `startSandbox` serves it without the validating Prism proxy in front (`url` is then the direct URL). `pnpm test`
 * keeps the proxy, which checks every answer against the spec.
 */
export const WITHOUT_PROXY = process.env.SANDBOX_TESTS_WITHOUT_PROXY === "1";

/** Starts a sandbox (proxy + direct, or direct only when WITHOUT_PROXY) and closes it after the file's tests. */
export async function startSandbox(options: Omit<StartSandboxOptions, "mode"> = {}): Promise<RunningSandbox> {
  const mock = await openSandbox(options);
  afterAll(() => mock.close());
  return mock;
}

/** Starts a sandbox as `startSandbox` does; the caller closes it. */
export function openSandbox(options: Omit<StartSandboxOptions, "mode"> = {}): Promise<RunningSandbox> {
  return WITHOUT_PROXY ? startDirectSandbox(options) : startMock({ mode: "sandbox", ...options });
}

/** What `startMock({ mode: "sandbox" })` starts, less the Prism proxy. */
async function startDirectSandbox(options: Omit<StartSandboxOptions, "mode">): Promise<RunningSandbox> {
  const host = options.host ?? "127.0.0.1";
  const controlApi = controlAccessFor(host, options.controlToken);
  const core = createSandboxCore({ ...options, controlApi });
  const direct = await startSandboxServer(core, 0, host);
  return {
    url: direct.url,
    directUrl: direct.url,
    sandbox: core.control,
    controlUrl: controlApi === false ? undefined : `${direct.url}/__sandbox`,
    close: () => direct.close(),
  };
}

export function authHeaders(mock: { sandbox: { issueToken(): string } }): Record<string, string> {
  return { "App-Key": "demo-app-key", "Finicity-App-Token": mock.sandbox.issueToken(), Accept: "application/json" };
}

export interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
  /** Prism's `sl-violations` header, when the answer broke the spec. */
  violations: string | null;
}

/** GETs /aggregation/v1/customers with a query (object or raw string). */
export async function getCustomers<T = Customers>(
  baseUrl: string,
  headers: Record<string, string>,
  query: Record<string, string | number> | string = {},
): Promise<Answer<T>> {
  const search = typeof query === "string" ? query : new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  const response = await fetch(`${baseUrl}/aggregation/v1/customers${search ? `?${search}` : ""}`, { headers });
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  return {
    status: response.status,
    body: (type.includes("json") ? JSON.parse(text) : text) as T,
    headers: response.headers,
    violations: response.headers.get("sl-violations"),
  };
}

export type ErrorAnswer = Answer<ErrorMessage>;

/** A readable summary of an answer for assertion messages. */
export function explain(answer: Answer<unknown>): string {
  return `${answer.status} ${JSON.stringify(answer.body).slice(0, 500)} violations=${answer.violations}`;
}

export const ids = (customers: readonly Customer[]) => customers.map((customer) => customer.id);
