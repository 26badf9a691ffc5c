import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parse } from "yaml";

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A query parameter as the spec declares it. */
export interface ParameterModel {
  name: string;
  required: boolean;
  /** The parameter's JSON Schema (resolved). */
  schema: Json;
  /** Values of the parameter's `examples` (and `example`). */
  examples: unknown[];
}

/** One declared response of an operation. */
export interface ResponseModel {
  status: string;
  /** The spec marks the status as a gateway transient (`x-transient: true`): reported apart from violations. */
  transient: boolean;
  /** Media type → schema (local `$ref`s left in place). */
  content: Record<string, Json>;
}

export interface OperationModel {
  operationId: string;
  method: string;
  path: string;
  parameters: ParameterModel[];
  responses: Record<string, ResponseModel>;
}

export interface SpecModel {
  document: Json;
  getCustomers: OperationModel;
  createToken: OperationModel;
}

/** Where the shipped spec lives: `@finicity-aggregation/types/openapi.yaml`. */
export function shippedSpecPath(): string {
  return createRequire(import.meta.url).resolve("@finicity-aggregation/types/openapi.yaml");
}

/** Resolves a local `$ref` ("#/components/...") against the document. */
export function deref(document: Json, node: unknown): unknown {
  let current = node;
  for (let depth = 0; isObject(current) && typeof current.$ref === "string"; depth += 1) {
    if (depth > 32) throw new Error(`$ref chain too deep at ${String(current.$ref)}`);
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`Only local $refs are supported, got ${ref}`);
    current = ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((at, key) => (isObject(at) ? at[key] : undefined), document);
    if (current === undefined) throw new Error(`Unresolved $ref ${ref}`);
  }
  return current;
}

function examplesOf(document: Json, node: Json): unknown[] {
  const values: unknown[] = [];
  if ("example" in node) values.push(node.example);
  if (isObject(node.examples)) {
    for (const example of Object.values(node.examples)) {
      const resolved = deref(document, example);
      if (isObject(resolved) && "value" in resolved) values.push(resolved.value);
    }
  }
  return values;
}

function operationModel(document: Json, operationId: string): OperationModel {
  for (const [path, pathItem] of Object.entries(isObject(document.paths) ? document.paths : {})) {
    if (!isObject(pathItem)) continue;
    for (const [method, operation] of Object.entries(pathItem)) {
      if (!isObject(operation) || operation.operationId !== operationId) continue;
      const parameters: ParameterModel[] = [];
      for (const ref of Array.isArray(operation.parameters) ? operation.parameters : []) {
        const parameter = deref(document, ref);
        if (!isObject(parameter) || parameter.in !== "query" || typeof parameter.name !== "string") continue;
        const schema = deref(document, parameter.schema);
        parameters.push({
          name: parameter.name,
          required: parameter.required === true,
          schema: isObject(schema) ? schema : {},
          examples: examplesOf(document, parameter),
        });
      }
      const responses: Record<string, ResponseModel> = {};
      for (const [status, ref] of Object.entries(isObject(operation.responses) ? operation.responses : {})) {
        const response = deref(document, ref);
        if (!isObject(response)) continue;
        const content: Record<string, Json> = {};
        for (const [mediaType, media] of Object.entries(isObject(response.content) ? response.content : {})) {
          if (isObject(media)) content[mediaType.toLowerCase()] = isObject(media.schema) ? media.schema : {};
        }
        responses[status] = { status, transient: response["x-transient"] === true, content };
      }
      return { operationId, method: method.toUpperCase(), path, parameters, responses };
    }
  }
  throw new Error(`The spec has no operation ${operationId}`);
}

/** Reads and models the spec (default: the one shipped with `@finicity-aggregation/types`). */
export function loadSpec(path: string = shippedSpecPath()): SpecModel {
  const document = parse(readFileSync(path, "utf8")) as Json;
  return {
    document,
    getCustomers: operationModel(document, "GetCustomers"),
    createToken: operationModel(document, "CreateToken"),
  };
}

/** The declared response for a status: exact code, then `4XX`-style ranges, then `default`. */
export function declaredResponse(operation: OperationModel, status: number): ResponseModel | undefined {
  return operation.responses[String(status)] ?? operation.responses[`${String(status)[0]}XX`] ?? operation.responses.default;
}
