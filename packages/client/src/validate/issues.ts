import type { GeneratedValidationError } from "../generated/validators.js";

/** One way a response body breaks the spec. Never carries the offending value, only its type. */
export interface ValidationIssue {
  /** JSON pointer to the offending value, e.g. `/customers/0/id` (`""` is the whole body). */
  path: string;
  /** The JSON Schema keyword that failed: `type`, `required`, `pattern`, `enum`, `maxLength`, `anyOf`, ... */
  rule: string;
  /** What the rule asks for, e.g. `must be string`. Built from the schema only, never from the body. */
  message: string;
  /** JSON type of the value found at `path`: `string`, `number`, `boolean`, `null`, `array`, `object` or `undefined` (missing). */
  valueType: string;
}

/** Turns the errors of a generated validator into issues, one per problem. */
export function toIssues(errors: readonly GeneratedValidationError[], body: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const absorbed = new Set<number>();
  for (let i = errors.length - 1; i >= 0; i--) {
    if (absorbed.has(i)) continue;
    const error = errors[i]!;
    let message = describe(error);
    if (error.keyword === "anyOf" || error.keyword === "oneOf") {
      // Ajv reports each failed branch before the combinator: fold them into one issue.
      const branches: string[] = [];
      for (let j = i - 1; j >= 0 && isBranchOf(errors[j]!, error); j--) {
        absorbed.add(j);
        branches.unshift(describe(errors[j]!));
      }
      if (branches.length > 0) message = `must match one of: ${[...new Set(branches)].join("; or ")}`;
    }
    const path =
      error.keyword === "required" && typeof error.params.missingProperty === "string"
        ? `${error.instancePath}/${escapePointer(error.params.missingProperty)}`
        : error.instancePath;
    issues.unshift({ path, rule: error.keyword, message, valueType: typeAt(body, path) });
  }
  return issues;
}

/** An error raised inside a branch of `combinator`: at or below its path, from one of its subschemas or a ref. */
function isBranchOf(error: GeneratedValidationError, combinator: GeneratedValidationError): boolean {
  const underPath = error.instancePath === combinator.instancePath || error.instancePath.startsWith(`${combinator.instancePath}/`);
  const fromBranch = error.schemaPath.startsWith(`${combinator.schemaPath}/`) || !error.schemaPath.startsWith("#");
  return underPath && fromBranch;
}

/** A message from the schema alone. Ajv's messages hold no data; the few rewritten here only read clearer. */
function describe(error: GeneratedValidationError): string {
  const { keyword, params } = error;
  if (keyword === "type" && Array.isArray(params.type)) return `must be ${params.type.join(" or ")}`;
  if (keyword === "enum" && Array.isArray(params.allowedValues)) {
    return `must be one of ${params.allowedValues.map((value) => JSON.stringify(value)).join(", ")}`;
  }
  return error.message ?? `must pass "${keyword}"`;
}

function escapePointer(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** JSON type of the value a JSON pointer designates in `body`. */
function typeAt(body: unknown, pointer: string): string {
  let node: unknown = body;
  if (pointer !== "") {
    for (const raw of pointer.slice(1).split("/")) {
      const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      if (node === null || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, token)) return "undefined";
      node = (node as Record<string, unknown>)[token];
    }
  }
  if (node === null) return "null";
  if (Array.isArray(node)) return "array";
  return typeof node;
}
