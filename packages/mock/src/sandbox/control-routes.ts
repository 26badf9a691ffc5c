import type { Customer } from "@finicity-aggregation/types";
import type { PlainHeaders, SandboxControl, SandboxRequest } from "./core.js";
import { SandboxInputError } from "./errors.js";
import { parseFaultHeader, validateFault, type Fault } from "./faults.js";
import { jsonAnswer, type SandboxAnswer } from "./responses.js";

/** Every route of the HTTP control API starts with this (described by `control-api.openapi.yaml` in the package). */
export const CONTROL_PREFIX = "/__sandbox/";

/**
 * Who may use the HTTP control API: `false` (off: its paths are 404s like any unknown path), `true` (open: for
 * a sandbox that only loopback clients reach, or one in process) or `{ token }` (`Authorization: Bearer TOKEN`).
 */
export type ControlApiAccess = boolean | { token: string };

/** Most customers one `POST /__sandbox/customers` adds; most faults one `POST /__sandbox/faults` queues. */
export const MAX_CUSTOMERS_PER_REQUEST = 1000;
export const MAX_QUEUED_FAULTS_PER_REQUEST = 10_000;

/** Checks the `controlApi` option; throws SandboxInputError naming it. */
export function validateControlAccess(access: unknown): ControlApiAccess {
  if (access === undefined) return false;
  if (typeof access === "boolean") return access;
  if (typeof access === "object" && access !== null && typeof (access as { token?: unknown }).token === "string") {
    const { token } = access as { token: string };
    if (token.length < 16 || !/^[\x21-\x7e]+$/.test(token)) {
      throw new SandboxInputError("controlApi.token", "must be at least 16 printable characters without spaces");
    }
    return { token };
  }
  throw new SandboxInputError("controlApi", "must be true, false or { token: string }");
}

/**
 * Answers one request under `/__sandbox/` with the same semantics as `SandboxControl`. Such requests are
 * not part of the Get Customers API: they take no fault and are not recorded in the request log or usage.
 */
export async function serveControl(request: SandboxRequest, control: SandboxControl, access: Exclude<ControlApiAccess, false>): Promise<SandboxAnswer> {
  if (access !== true && !bearerMatches(request.headers, access.token)) {
    return controlError(401, "Authorization: Bearer <control token> is required (the --control-token the sandbox was started with)", {
      "www-authenticate": 'Bearer realm="finicity-sandbox-control"',
    });
  }
  const method = request.method.toUpperCase();
  const route = request.path.slice(CONTROL_PREFIX.length);
  try {
    switch (route) {
      case "reset":
        if (method !== "POST") return notAllowed("POST");
        control.reset();
        return noContent();
      case "customers":
        if (method === "GET") return jsonAnswer(200, { customers: control.customers() });
        if (method === "POST") return addCustomers(control, await readJson(request));
        return notAllowed("GET, POST");
      case "faults":
        if (method !== "POST") return notAllowed("POST");
        return queueFaults(control, await readJson(request));
      case "requests":
        if (method !== "GET") return notAllowed("GET");
        return jsonAnswer(200, { requests: control.requests });
      case "token":
        if (method !== "POST") return notAllowed("POST");
        return jsonAnswer(200, { token: control.issueToken() });
      case "usage":
        if (method !== "GET") return notAllowed("GET");
        return jsonAnswer(200, control.usage());
      // Stryker disable next-line ConditionalExpression: equivalent, without the default case the switch ends there as well
      default:
        break;
    }
    if (route.startsWith("customers/")) {
      if (method !== "DELETE") return notAllowed("DELETE");
      const id = decodeSegment(route.slice("customers/".length));
      if (id === undefined) return controlError(400, "customer id must be one path segment of digits");
      return control.removeCustomer(id) ? noContent() : controlError(404, `No customer with id ${JSON.stringify(id)}`);
    }
    return controlError(404, `No control route ${JSON.stringify(request.path)}; see control-api.openapi.yaml in @finicity-aggregation/mock`);
  } catch (error) {
    if (error instanceof SandboxInputError) return controlError(400, error.message, {}, error.field);
    throw error;
  }
}

function addCustomers(control: SandboxControl, body: unknown): SandboxAnswer {
  const list = Array.isArray(body) ? body : [body];
  if (list.length === 0) throw new SandboxInputError("body", "must be a customer object or a non-empty array of them");
  if (list.length > MAX_CUSTOMERS_PER_REQUEST) {
    throw new SandboxInputError("body", `must hold at most ${MAX_CUSTOMERS_PER_REQUEST} customers per request`);
  }
  const added: Customer[] = [];
  try {
    list.forEach((partial, index) => {
      if (typeof partial !== "object" || partial === null || Array.isArray(partial)) {
        throw new SandboxInputError(Array.isArray(body) ? `body[${index}]` : "body", "must be a customer object");
      }
      added.push(control.addCustomer(partial as Partial<Customer>));
    });
  } catch (error) {
    // All or nothing: take back the ones added before the bad one.
    for (const customer of added) control.removeCustomer(customer.id);
    throw error;
  }
  return jsonAnswer(201, { customers: added });
}

function queueFaults(control: SandboxControl, body: unknown): SandboxAnswer {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new SandboxInputError("body", 'must be an object: { "count": N, "fault": { ... } or "status=503;retry-after=2" }');
  }
  const { count, fault } = body as { count?: unknown; fault?: unknown };
  // Stryker disable next-line ConditionalExpression: equivalent, Number.isInteger is false for any non-number (stryker-equivalent.md)
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAX_QUEUED_FAULTS_PER_REQUEST) {
    throw new SandboxInputError("count", `must be a whole number from 1 to ${MAX_QUEUED_FAULTS_PER_REQUEST}`);
  }
  let parsed: Fault;
  if (typeof fault === "string") parsed = parseFaultHeader(fault);
  else if (typeof fault === "object" && fault !== null && !Array.isArray(fault)) parsed = validateFault(pickFault(fault as Record<string, unknown>), "fault");
  else throw new SandboxInputError("fault", "must be an object (latencyMs, status, retryAfter, drop, truncate, contentType) or a string in the X-Mock-Fault grammar");
  control.failNext(count, parsed);
  return noContent();
}

const FAULT_FIELDS = new Set(["latencyMs", "status", "retryAfter", "drop", "truncate", "contentType"]);

function pickFault(fields: Record<string, unknown>): Fault {
  for (const name of Object.keys(fields)) {
    if (!FAULT_FIELDS.has(name)) throw new SandboxInputError(`fault.${name}`, "is not a fault field (latencyMs, status, retryAfter, drop, truncate, contentType)");
  }
  return fields as Fault;
}

async function readJson(request: SandboxRequest): Promise<unknown> {
  const text = await request.body();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SandboxInputError("body", "must be JSON");
  }
}

function decodeSegment(segment: string): string | undefined {
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch /* Stryker disable next-line BlockStatement: equivalent, id stays undefined, which the digits test below refuses */ {
    return undefined;
  }
  return /^[0-9]{1,64}$/.test(id) ? id : undefined;
}

/** Compares the presented bearer token with the configured one in time that does not depend on where they differ. */
function bearerMatches(headers: PlainHeaders, token: string): boolean {
  const header = headers["authorization"];
  if (typeof header !== "string") return false;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match) return false;
  const presented = match[1]!;
  let diff = presented.length ^ token.length;
  for (let i = 0; i < token.length; i++) diff |= token.charCodeAt(i) ^ presented.charCodeAt(i % Math.max(presented.length, 1));
  return diff === 0;
}

function noContent(): SandboxAnswer {
  return { status: 204, headers: {}, body: "" };
}

function notAllowed(allow: string): SandboxAnswer {
  return controlError(405, `Method not allowed; use ${allow}`, { allow });
}

function controlError(status: number, message: string, headers: Record<string, string> = {}, field?: string): SandboxAnswer {
  // Stryker disable next-line ConditionalExpression: equivalent, JSON.stringify leaves out a field that is undefined
  return jsonAnswer(status, field === undefined ? { message } : { field, message }, { "cache-control": "no-store", ...headers });
}
