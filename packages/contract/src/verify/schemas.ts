import { Ajv2020 } from "ajv/dist/2020.js";
import type { ErrorObject, ValidateFunction } from "ajv";
import { isObject, type Json, type SpecModel } from "./spec.js";


const COMPONENTS_ID = "urn:finicity-aggregation:components";

/** Rewrites `#/components/schemas/X` to a reference into the components schema registered with Ajv. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!isObject(node)) return node;
  const copy: Json = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] =
      key === "$ref" && typeof value === "string" && value.startsWith("#/components/schemas/")
        ? `${COMPONENTS_ID}#/$defs/${value.slice("#/components/schemas/".length)}`
        : rewriteRefs(value);
  }
  return copy;
}

export interface SchemaCheck {
  valid: boolean;
  /** Ajv's errors, one line each ("/customers/0/id must be string"). */
  errors: string[];
}

const describeErrors = (errors: ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((error) => `${error.instancePath || "(body)"} ${error.message ?? "is invalid"}`.trim());

/**
 * Body-vs-schema validation, draft 2020-12 (the spec is OpenAPI 3.1). One instance per run: every schema is
 * compiled the first time it is needed and reused after that.
 */
export class SchemaValidator {
  private readonly ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(spec: SpecModel) {
    this.ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    // OpenAPI keywords that carry no validation.
    this.ajv.addKeyword({ keyword: "x-format" });
    this.ajv.addVocabulary(["example", "xml", "externalDocs", "discriminator"]);
    this.ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
    this.ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
    const components = isObject(spec.document.components) ? spec.document.components : {};
    this.ajv.addSchema({ $id: COMPONENTS_ID, $defs: rewriteRefs(isObject(components.schemas) ? components.schemas : {}) });
  }

  /** Validates a parsed body against a schema taken from the spec. */
  validate(schema: Json, body: unknown): SchemaCheck {
    const key = JSON.stringify(schema);
    const validate = this.compiled.get(key) ?? this.ajv.compile(rewriteRefs(schema) as Json);
    this.compiled.set(key, validate);
    const valid = validate(body) as boolean;
    return { valid, errors: valid ? [] : describeErrors(validate.errors) };
  }

  /** Validates against a named component schema, e.g. `ErrorMessage`. */
  validateComponent(name: string, body: unknown): SchemaCheck {
    return this.validate({ $ref: `#/components/schemas/${name}` }, body);
  }
}
