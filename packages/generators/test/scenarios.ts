// Every documented answer of GetCustomers, read from spec/openapi.yaml, and how to make the mocks produce it.
import { fileURLToPath } from "node:url";
import { loadSpec } from "@finicity-aggregation/mock";

export const SPEC = fileURLToPath(new URL("../../../spec/openapi.yaml", import.meta.url));

/** Explicit sandbox credentials (the sandbox's defaults are not relied on): startMock requires exactly these. */
export const CREDENTIALS = { appKey: "generators-app-key", partnerId: "generators-partner", partnerSecret: "generators-secret-0001" };

/** One documented (status, media type) pair of GetCustomers' responses. */
export interface Documented {
  status: number;
  mediaType: string;
  /** The response is given by `$ref` (to components.responses) rather than written inline. */
  viaRef: boolean;
}

/**
 * The codes a range stands for in these checks: `5XX` for the gateway answers it is declared for (502, 504),
 * any other range by its first code.
 */
const RANGE_CODES: Record<string, number[]> = { "5XX": [502, 504] };

/** A request any generated client can send: the base URL, the query and the headers, nothing client-specific. */
export interface ScenarioRequest {
  baseUrl: string;
  query: { start?: number; limit?: number };
  headers: Record<string, string>;
}

export interface Targets {
  /** `startMock({ mode: "sandbox" }).url`: Prism's validating proxy in front of the sandbox. */
  sandboxUrl: string;
  /** `startMock({ mode: "static" }).url`: Prism serving the spec's examples (`Prefer: code=`). */
  staticUrl: string;
  token: string;
}

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads GetCustomers' responses from the spec, following `$ref`s to components.responses. */
export async function documentedResponses(): Promise<Documented[]> {
  const spec = await loadSpec(SPEC);
  const operation = (spec["paths"] as Node)["/aggregation/v1/customers"] as Node;
  const responses = (operation["get"] as Node)["responses"] as Node;
  const out: Documented[] = [];
  for (const [status, value] of Object.entries(responses)) {
    let response = value as Node;
    const viaRef = typeof response["$ref"] === "string";
    if (typeof response["$ref"] === "string") {
      const name = response["$ref"].replace("#/components/responses/", "");
      response = ((spec["components"] as Node)["responses"] as Node)[name] as Node;
    }
    const codes = /^\d{3}$/.test(status) ? [Number(status)] : /^[1-5]XX$/.test(status) ? (RANGE_CODES[status] ?? [Number(status[0]) * 100]) : [];
    if (codes.length === 0) throw new Error(`GetCustomers documents the response "${status}", which these checks cannot produce (\`default\`?)`);
    const content = isNode(response["content"]) ? Object.keys(response["content"]) : [];
    for (const code of codes) for (const mediaType of content) out.push({ status: code, mediaType, viaRef });
  }
  return out;
}

/**
 * How to produce one documented answer. The sandbox's own behaviour where it has one (a good request, a bad
 * `start`, an unknown token, another app key: the gateway's text/plain 401), its `X-Mock-Fault: status=` for the
 * other JSON errors, and the static mock's `Prefer: code=` with `Accept` for other plain-text bodies.
 */
export function requestFor(d: Documented, t: Targets): { how: string; request: ScenarioRequest } {
  const auth = { "App-Key": CREDENTIALS.appKey, "Finicity-App-Token": t.token };
  const json = d.mediaType === "application/json";
  if (d.status === 200 && json) return { how: "sandbox, a valid request", request: { baseUrl: t.sandboxUrl, query: { limit: 5 }, headers: auth } };
  if (d.status === 400 && json) return { how: "sandbox, start=0", request: { baseUrl: t.sandboxUrl, query: { start: 0 }, headers: auth } };
  if (d.status === 401 && json) {
    return { how: "sandbox, an unknown token", request: { baseUrl: t.sandboxUrl, query: {}, headers: { ...auth, "Finicity-App-Token": "NeverIssuedToken0001" } } };
  }
  if (d.status === 401 && d.mediaType === "text/plain") {
    return { how: "sandbox, another app key (the gateway's text/plain 401)", request: { baseUrl: t.sandboxUrl, query: {}, headers: { ...auth, "App-Key": "another-app-key" } } };
  }
  if (json) {
    const fault = `status=${d.status}${d.status === 429 || d.status >= 502 ? "; retry-after=1" : ""}`;
    return { how: `sandbox, X-Mock-Fault: ${fault}`, request: { baseUrl: t.sandboxUrl, query: {}, headers: { ...auth, "X-Mock-Fault": fault } } };
  }
  return {
    how: `static mock, Prefer: code=${d.status}, Accept: ${d.mediaType}`,
    request: { baseUrl: t.staticUrl, query: {}, headers: { ...auth, Prefer: `code=${d.status}`, Accept: d.mediaType } },
  };
}
