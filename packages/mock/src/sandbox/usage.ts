import type { SandboxRequest } from "./core.js";
import type { SandboxAnswer } from "./responses.js";

/**
 * A usage profile: the shapes of the calls a sandbox served, without values that could identify a customer
 * and without secrets. Described by `usage-profile.schema.json` in the package; `finicity-contract compat`
 * checks one against a spec.
 *
 * Version 2 keeps each request shape per status: what the API accepted (2xx) and what it refused (400) are
 * never merged into one value range. Version 1 merged them, so a refused `limit=1001` widened the range of the
 * accepted `limit=25` calls.
 */
export interface UsageProfile {
  format: "finicity-usage-profile";
  version: typeof USAGE_PROFILE_VERSION;
  /** By operationId (`GetCustomers`, `CreateToken`). */
  operations: Record<string, OperationUsage>;
}

export interface OperationUsage {
  method: string;
  path: string;
  calls: number;
  /** The distinct request shapes, most frequent first. */
  shapes: RequestShape[];
  /** Shapes not kept because the operation already had the maximum (`MAX_SHAPES`) of them. */
  shapesDropped: number;
  /** Names (lower-case) of the query parameters sent that the operation does not declare. */
  undeclaredParameters: string[];
  /** Names (lower-case) of the other request headers sent, with how many calls carried each. Credential headers are in the shapes. */
  headers: Record<string, number>;
  /** By status: what the bodies of that status looked like. */
  responses: Record<string, ResponseUsage>;
}

/** The version of the profile format `UsageRecorder` writes. */
export const USAGE_PROFILE_VERSION = 2;

/** Calls with the same parameters (names and kinds), credential headers and answer status. */
export interface RequestShape {
  /** The declared query parameters sent, with the kind of value; a parameter not listed was absent. Ranges and lengths cover only the calls of this status. */
  parameters: Record<string, ParameterUsage>;
  /** Names (lower-case) of the credential headers sent (`app-key`, `finicity-app-key`, `finicity-app-token`, `authorization`): their role, never their value. */
  credentials: string[];
  /** The status that came back (`"200"`, `"400"`; `"0"` when the connection was dropped). */
  status: string;
  /** How many calls had this shape. */
  calls: number;
}

export type ParameterUsage =
  | { kind: "empty" }
  | { kind: "enum"; value: string }
  /** Whole numbers: the smallest and largest sent. */
  | { kind: "integer"; min: number; max: number }
  /** Anything else: the length classes of the texts sent (see `LENGTH_CLASSES`). */
  | { kind: "text"; lengths: LengthClass[] };

/** Character-count classes of text values: a class, never a length or a value. */
export const LENGTH_CLASSES = ["1-5", "6-16", "17-64", "65-255", "256+"] as const;
export type LengthClass = (typeof LENGTH_CLASSES)[number];

export interface ResponseUsage {
  /** The media type of the bodies (without parameters). */
  contentType: string;
  /** JSON paths the sampled bodies had (`found`, `customers[].id`), with the JSON types seen at each. */
  fields: Record<string, JsonType[]>;
}
export type JsonType = "string" | "integer" | "number" | "boolean" | "null" | "object" | "array";

/** Bounds that keep a long-running sandbox's profile small. */
export const MAX_SHAPES = 200;
const MAX_NAMES = 50;
const MAX_NAME_LENGTH = 64;
const MAX_SAMPLED_BODIES = 20;
const MAX_FIELDS = 200;
const MAX_DEPTH = 6;

interface Kind {
  kind: "enum" | "integer" | "text";
  values?: readonly string[];
}

interface OperationSpec {
  operationId: string;
  method: string;
  path: string;
  parameters: Record<string, Kind>;
}

/** The operations the sandbox serves, with the declared query parameters and the kind of value each takes. */
const OPERATIONS: readonly OperationSpec[] = [
  {
    operationId: "GetCustomers",
    method: "GET",
    path: "/aggregation/v1/customers",
    parameters: {
      // Stryker disable next-line ObjectLiteral,StringLiteral: equivalent, a value that is neither an enum value nor an integer is text anyway (stryker-equivalent.md)
      username: { kind: "text" },
      type: { kind: "enum", values: ["active", "testing"] },
      // Stryker disable next-line ObjectLiteral,StringLiteral: equivalent, a value that is neither an enum value nor an integer is text anyway (stryker-equivalent.md)
      search: { kind: "text" },
      start: { kind: "integer" },
      limit: { kind: "integer" },
    },
  },
  { operationId: "CreateToken", method: "POST", path: "/aggregation/v2/partners/authentication", parameters: {} },
];

const CREDENTIAL_HEADERS = new Set(["app-key", "finicity-app-key", "finicity-app-token", "authorization"]);
/** Headers every HTTP client sends on its own: not part of how a partner calls the API. */
const TRANSPORT_HEADERS = new Set(["host", "connection", "content-length", "transfer-encoding", "accept-encoding", "user-agent", "keep-alive", "cookie", "x-mock-fault"]);
const INTEGER = /^[+-]?[0-9]{1,15}$/;

interface ShapeState {
  parameters: Record<string, ParameterUsage>;
  credentials: string[];
  status: string;
  calls: number;
}

interface OperationState {
  spec: OperationSpec;
  calls: number;
  shapes: Map<string, ShapeState>;
  shapesDropped: number;
  undeclared: Set<string>;
  headers: Map<string, number>;
  responses: Map<string, { contentType: string; fields: Map<string, Set<JsonType>>; sampled: number }>;
}

/** Records the shapes of the calls the sandbox answers. Kept across `reset()`: a profile covers a whole run. */
export class UsageRecorder {
  private readonly operations = new Map<string, OperationState>();

  /** Notes one answered request of the Get Customers API (other paths and methods are ignored). Returns the answer. */
  observe(request: SandboxRequest, answer: SandboxAnswer): SandboxAnswer {
    const spec = OPERATIONS.find((operation) => operation.path === request.path && operation.method === request.method.toUpperCase());
    if (spec === undefined) return answer;
    const state = this.state(spec);
    state.calls++;
    const parameters: Record<string, ParameterUsage> = {};
    for (const name of new Set(request.query.keys())) {
      const kind = spec.parameters[name];
      if (kind === undefined) {
        if (state.undeclared.size < MAX_NAMES && name.length <= MAX_NAME_LENGTH) state.undeclared.add(name.toLowerCase());
        continue;
      }
      // Stryker disable next-line StringLiteral: equivalent, get() of a name that keys() gave is never null (stryker-equivalent.md)
      parameters[name] = classify(request.query.get(name) ?? "", kind);
    }
    const credentials: string[] = [];
    for (const name of Object.keys(request.headers).sort()) {
      if (CREDENTIAL_HEADERS.has(name)) credentials.push(name);
      else if (!TRANSPORT_HEADERS.has(name) && !name.startsWith("sec-") && name.length <= MAX_NAME_LENGTH) {
        if (state.headers.has(name) || state.headers.size < MAX_NAMES) state.headers.set(name, (state.headers.get(name) ?? 0) + 1);
      }
    }
    const status = String(answer.status);
    const key = shapeKey(parameters, credentials, status);
    let shape = state.shapes.get(key);
    if (shape === undefined) {
      if (state.shapes.size >= MAX_SHAPES) {
        state.shapesDropped++;
      } else {
        shape = { parameters: {}, credentials, status, calls: 0 };
        state.shapes.set(key, shape);
      }
    }
    if (shape !== undefined) {
      merge(shape.parameters, parameters);
      shape.calls++;
    }
    this.sampleResponse(state, status, answer);
    return answer;
  }

  /** The profile so far, as plain JSON. */
  profile(): UsageProfile {
    const operations: Record<string, OperationUsage> = {};
    for (const state of this.operations.values()) {
      operations[state.spec.operationId] = {
        method: state.spec.method,
        path: state.spec.path,
        calls: state.calls,
        shapes: Array.from(state.shapes.values())
          .sort((a, b) => b.calls - a.calls)
          .map((shape) => ({
            parameters: structuredClone(shape.parameters),
            credentials: [...shape.credentials],
            status: shape.status,
            calls: shape.calls,
          })),
        shapesDropped: state.shapesDropped,
        undeclaredParameters: Array.from(state.undeclared).sort(),
        // Stryker disable next-line EqualityOperator: equivalent, a Map's keys are unique, so two names never compare equal
        headers: Object.fromEntries(Array.from(state.headers).sort(([a], [b]) => (a < b ? -1 : 1))),
        responses: Object.fromEntries(
          Array.from(state.responses, ([status, response]) => [
            status,
            {
              contentType: response.contentType,
              fields: Object.fromEntries(Array.from(response.fields, ([path, types]) => [path, Array.from(types).sort()])),
            },
          ]),
        ),
      };
    }
    return { format: "finicity-usage-profile", version: USAGE_PROFILE_VERSION, operations };
  }

  private state(spec: OperationSpec): OperationState {
    let state = this.operations.get(spec.operationId);
    if (state === undefined) {
      state = { spec, calls: 0, shapes: new Map(), shapesDropped: 0, undeclared: new Set(), headers: new Map(), responses: new Map() };
      this.operations.set(spec.operationId, state);
    }
    return state;
  }

  /** Notes the JSON field paths and types of the first bodies of each status (values are never kept). */
  private sampleResponse(state: OperationState, status: string, answer: SandboxAnswer): void {
    const contentType = (answer.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    let response = state.responses.get(status);
    if (response === undefined) {
      response = { contentType, fields: new Map(), sampled: 0 };
      state.responses.set(status, response);
    }
    if (response.sampled >= MAX_SAMPLED_BODIES || answer.truncate || !contentType.endsWith("json")) return;
    response.sampled++;
    let body: unknown;
    try {
      body = JSON.parse(typeof answer.body === "string" ? answer.body : new TextDecoder().decode(answer.body));
    } catch /* Stryker disable next-line BlockStatement: equivalent, walking an unparsed (undefined) body records nothing */ {
      return;
    }
    walk(body, "", 0, response.fields);
  }
}

function classify(value: string, kind: Kind): ParameterUsage {
  if (value === "") return { kind: "empty" };
  // Stryker disable next-line ConditionalExpression,OptionalChaining: equivalent, a kind has values exactly when it is an enum (stryker-equivalent.md)
  if (kind.kind === "enum" && kind.values?.includes(value)) return { kind: "enum", value };
  if (kind.kind === "integer" && INTEGER.test(value)) {
    const n = Number(value);
    return { kind: "integer", min: n, max: n };
  }
  return { kind: "text", lengths: [lengthClass(value.length)] };
}

export function lengthClass(length: number): LengthClass {
  if (length <= 5) return "1-5";
  if (length <= 16) return "6-16";
  if (length <= 64) return "17-64";
  if (length <= 255) return "65-255";
  return "256+";
}

/**
 * The shape's identity: parameter names with kinds (enum values count, integer values and text lengths do not),
 * credential headers and the answer's status. The status is part of it so that the value ranges of accepted and
 * refused calls are never merged: `compat` checks the 2xx ranges as what a partner relies on.
 */
function shapeKey(parameters: Record<string, ParameterUsage>, credentials: readonly string[], status: string): string {
  const parts = Object.keys(parameters)
    .sort()
    .map((name) => {
      const usage = parameters[name]!;
      // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, the key stays one-to-one with any text after a non-enum kind
      return `${name}:${usage.kind}${usage.kind === "enum" ? `=${usage.value}` : ""}`;
    });
  // Stryker disable next-line StringLiteral: equivalent for the joins, each part starts with a fixed name or credential header (stryker-equivalent.md)
  return `${parts.join("&")}|${credentials.join(",")}|${status}`;
}

function merge(into: Record<string, ParameterUsage>, from: Record<string, ParameterUsage>): void {
  for (const [name, usage] of Object.entries(from)) {
    const known = into[name];
    if (known === undefined) into[name] = usage;
    // The shape key fixes each parameter's kind, so known and usage always have the same one (stryker-equivalent.md).
    else /* Stryker disable next-line LogicalOperator,ConditionalExpression: equivalent, see above */ if (known.kind === "integer" && usage.kind === "integer") {
      known.min = Math.min(known.min, usage.min);
      known.max = Math.max(known.max, usage.max);
    } else /* Stryker disable next-line LogicalOperator,ConditionalExpression: equivalent, as above */ if (known.kind === "text" && usage.kind === "text") {
      for (const length of usage.lengths) if (!known.lengths.includes(length)) known.lengths.push(length);
      known.lengths.sort((a, b) => LENGTH_CLASSES.indexOf(a) - LENGTH_CLASSES.indexOf(b));
    }
  }
}

function walk(value: unknown, path: string, depth: number, fields: Map<string, Set<JsonType>>): void {
  if (path !== "") {
    let types = fields.get(path);
    if (types === undefined) {
      if (fields.size >= MAX_FIELDS) return;
      types = new Set();
      fields.set(path, types);
    }
    types.add(jsonType(value));
  }
  if (depth >= MAX_DEPTH) return;
  if (Array.isArray(value)) {
    // Every item has the same schema: a few of them show the optional and nullable fields.
    for (const item of value.slice(0, 50)) walk(item, `${path}[]`, depth + 1, fields);
  } else if (typeof value === "object" && value !== null) {
    for (const [name, child] of Object.entries(value)) {
      if (name.length <= MAX_NAME_LENGTH) walk(child, path === "" ? name : `${path}.${name}`, depth + 1, fields);
    }
  }
}

function jsonType(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as "string" | "boolean" | "object";
}

