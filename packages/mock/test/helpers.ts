import { afterAll } from "vitest";
import type { Customer, Customers, ErrorMessage } from "@finicity-aggregation/types";
import { startMock, type RunningSandbox, type StartSandboxOptions } from "../src/index.js";

/** Starts a sandbox (proxy + direct) and closes it after the file's tests. */
export async function startSandbox(options: Omit<StartSandboxOptions, "mode"> = {}): Promise<RunningSandbox> {
  const mock = await startMock({ mode: "sandbox", ...options });
  afterAll(() => mock.close());
  return mock;
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
