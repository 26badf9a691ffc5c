// One adapter per generated client: send a ScenarioRequest the way a partner calls that client, and report
// what the client handed back (status, parsed body). Nothing here parses a body itself.
import axios from "axios";
import { createClient } from "../generated/hey-api/client/index.js";
import * as heyApi from "../generated/hey-api/sdk.gen.js";
import * as orvalPlain from "../generated/orval/customers.js";
import * as orvalMutator from "../generated/orval-mutator/customers.js";
import { createApiClient } from "../generated/zod-client/customers.js";
import { setOrvalBaseUrl } from "../src/orval-fetch.js";
import { CREDENTIALS, type ScenarioRequest } from "./scenarios.js";

export interface Outcome {
  status: number;
  /** The body as the client gives it to the caller. */
  data: unknown;
}

export interface GeneratedClient {
  name: string;
  createToken(baseUrl: string): Promise<Outcome>;
  getCustomers(request: ScenarioRequest): Promise<Outcome>;
}

const partner = { partnerId: CREDENTIALS.partnerId, partnerSecret: CREDENTIALS.partnerSecret };
const appKey = { "App-Key": CREDENTIALS.appKey };

export const heyApiClient: GeneratedClient = {
  name: "@hey-api/openapi-ts",
  async createToken(baseUrl) {
    const r = await heyApi.createToken({ client: createClient({ baseUrl }), body: partner, headers: appKey });
    if (!r.response) throw new Error(`hey-api: no response (${String(r.error)})`);
    return { status: r.response.status, data: r.data ?? r.error };
  },
  async getCustomers({ baseUrl, query, headers }) {
    const r = await heyApi.getCustomers({ client: createClient({ baseUrl }), query, headers });
    if (!r.response) throw new Error(`hey-api: no response (${String(r.error)})`);
    return { status: r.response.status, data: r.response.ok ? r.data : r.error };
  },
};

/**
 * orval's fetch client as generated: it calls the global `fetch` with a path, so a partner supplies the origin;
 * here a fetch that prefixes it (the only thing it does) is passed in for the duration of one call.
 */
async function withOrigin<T>(baseUrl: string, call: () => Promise<T>): Promise<T> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => realFetch(typeof input === "string" && input.startsWith("/") ? `${baseUrl}${input}` : input, init);
  try {
    return await call();
  } finally {
    globalThis.fetch = realFetch;
  }
}

export const orvalPlainClient: GeneratedClient = {
  name: "orval (fetch client as generated)",
  async createToken(baseUrl) {
    const r = await withOrigin(baseUrl, () => orvalPlain.createToken(partner, { headers: appKey }));
    return { status: r.status, data: r.data };
  },
  async getCustomers({ baseUrl, query, headers }) {
    const r = await withOrigin(baseUrl, () => orvalPlain.getCustomers(query, { headers }));
    return { status: r.status, data: r.data };
  },
};

export const orvalMutatorClient: GeneratedClient = {
  name: "orval (fetch client with the content-type mutator)",
  async createToken(baseUrl) {
    setOrvalBaseUrl(baseUrl);
    const r = await orvalMutator.createToken(partner, { headers: appKey });
    return { status: r.status, data: r.data };
  },
  async getCustomers({ baseUrl, query, headers }) {
    setOrvalBaseUrl(baseUrl);
    const r = await orvalMutator.getCustomers(query, { headers });
    return { status: r.status, data: r.data };
  },
};

/**
 * openapi-zod-client's Zodios client. Zodios validates requests too (it refuses `start: 0` before sending), so
 * to see the server's 400 this client validates responses only; a test checks the request-side refusal apart.
 * Non-2xx answers reject with an AxiosError carrying the response.
 */
export const zodiosClient: GeneratedClient = {
  name: "openapi-zod-client (Zodios)",
  async createToken(baseUrl) {
    return zodiosCall(() => createApiClient(baseUrl).CreateToken(partner, { headers: appKey }));
  },
  async getCustomers({ baseUrl, query, headers }) {
    return zodiosCall(() => createApiClient(baseUrl, { validate: "response" }).GetCustomers({ queries: query, headers }));
  },
};

async function zodiosCall(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { status: 200, data: await call() };
  } catch (error) {
    if (axios.isAxiosError(error) && error.response) return { status: error.response.status, data: error.response.data };
    throw error;
  }
}

export const allClients = [heyApiClient, orvalPlainClient, orvalMutatorClient, zodiosClient];
