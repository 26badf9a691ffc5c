/**
 * The peer: the Stainless runtime, as shipped in openai-node (pinned in this package's package.json), used
 * through its generic `client.get(path, { query })`. It does the same job as this toolkit's client (retries with
 * backoff, a per-attempt timeout, typed errors), so "faster than the best SDK runtime" is measured, not claimed.
 *
 * Configured the way the bench configures the client: the same three headers, 2 retries, a 30 s timeout. The
 * runtime's own bearer header is removed (`Authorization: null`); the headers it always adds (User-Agent,
 * X-Stainless-*: retry count, timeout, OS, arch, runtime) are part of what it costs and stay.
 */
import OpenAI from "openai";
import type { Customers, GetCustomersQuery } from "@finicity-aggregation/types";
import { APP_KEY, APP_TOKEN } from "./fixtures.js";

const PATH = "/aggregation/v1/customers";

export interface StainlessPeer {
  getCustomers(query: GetCustomersQuery): Promise<Customers>;
}

export function createStainlessPeer(options: { baseUrl: string; fetch?: typeof fetch }): StainlessPeer {
  const runtime = new OpenAI({
    apiKey: "unused", // required by the constructor; its Authorization header is removed below
    baseURL: options.baseUrl,
    defaultHeaders: { Authorization: null, Accept: "application/json", "App-Key": APP_KEY, "Finicity-App-Token": APP_TOKEN },
    maxRetries: 2,
    timeout: 30_000,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    getCustomers: (query) => runtime.get<Customers>(PATH, { query }),
  };
}
