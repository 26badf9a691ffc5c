import type { SentRecord } from "./http.js";
import { declaredResponse, type OperationModel, type ParameterModel } from "./spec.js";

/** One class of values of one parameter, and whether a request of the run carried a value of it. */
export interface ParameterClass {
  parameter: string;
  /**
   * `absent`, `empty`, `valid`, `minimum`, `maximum`, `value <enum value>`, or `invalid: <rule>` (for an integer:
   * `below-minimum`, `above-maximum`, `not-an-integer`, `empty` and, for `format: int32`, `outside-int32`).
   */
  class: string;
  covered: boolean;
}

/** One documented status + content type of an operation, and whether the server produced it. */
export interface ResponseClass {
  operation: string;
  status: string;
  /** The media type, or `(none)` for a response declared without a body. */
  contentType: string;
  covered: boolean;
  /**
   * Counted in the percentage: a response a client can provoke. Gateway transients (x-transient), 5xx, and
   * CreateToken's errors (never provoked on purpose: five failed authentications lock a partner account) are
   * listed but not counted.
   */
  counted: boolean;
}

export interface Coverage {
  /** covered / total × 100, rounded down to one decimal, over the parameter classes and the counted responses. */
  percent: number;
  covered: number;
  total: number;
  parameters: ParameterClass[];
  responses: ResponseClass[];
}

const INTEGER = /^[+-]?\d+$/;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const num = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);
const enumOf = (p: ParameterModel): string[] | undefined => (Array.isArray(p.schema.enum) ? p.schema.enum.map(String) : undefined);

/** The classes of values a parameter's schema defines. */
export function parameterClasses(p: ParameterModel): string[] {
  const classes: string[] = [];
  if (!p.required) classes.push("absent");
  const values = enumOf(p);
  if (p.schema.type === "integer") {
    classes.push("valid");
    if (num(p.schema.minimum) !== undefined) classes.push("minimum", "invalid: below-minimum");
    if (num(p.schema.maximum) !== undefined) classes.push("maximum", "invalid: above-maximum");
    classes.push("invalid: not-an-integer", "invalid: empty");
    if (p.schema.format === "int32") classes.push("invalid: outside-int32");
  } else if (values) {
    for (const value of values) classes.push(value === "" ? "empty" : `value ${value}`);
    classes.push("invalid: not-in-enum");
  } else {
    if (num(p.schema.minLength) === undefined || num(p.schema.minLength) === 0) classes.push("empty");
    classes.push("valid");
    if (num(p.schema.maxLength) !== undefined) classes.push("maximum", "invalid: above-maxLength");
    if (num(p.schema.minLength) !== undefined && num(p.schema.minLength)! > 0) classes.push("invalid: below-minLength");
  }
  return classes;
}

/** The class of one value (`undefined` = the parameter was left out). */
export function classify(p: ParameterModel, value: string | undefined): string {
  if (value === undefined) return "absent";
  const values = enumOf(p);
  if (p.schema.type === "integer") {
    if (value === "") return "invalid: empty";
    if (!INTEGER.test(value)) return "invalid: not-an-integer";
    const n = Number(value);
    if (p.schema.format === "int32" && (n > INT32_MAX || n < INT32_MIN)) return "invalid: outside-int32";
    const min = num(p.schema.minimum);
    const max = num(p.schema.maximum);
    if (min !== undefined && n < min) return "invalid: below-minimum";
    if (max !== undefined && n > max) return "invalid: above-maximum";
    if (n === min) return "minimum";
    if (n === max) return "maximum";
    return "valid";
  }
  if (values) return values.includes(value) ? (value === "" ? "empty" : `value ${value}`) : "invalid: not-in-enum";
  if (value === "") return num(p.schema.minLength) ? "invalid: below-minLength" : "empty";
  const length = [...value].length;
  const maxLength = num(p.schema.maxLength);
  if (maxLength !== undefined && length > maxLength) return "invalid: above-maxLength";
  if (maxLength !== undefined && length === maxLength) return "maximum";
  return "valid";
}

/** Coverage of a run: the parameter classes its Get Customers requests carried, the responses its server produced. */
export function computeCoverage(getCustomers: OperationModel, createToken: OperationModel, sent: readonly SentRecord[]): Coverage {
  const seenClasses = new Set<string>();
  const seenResponses = new Set<string>();
  for (const exchange of sent) {
    const operation = exchange.request.path === getCustomers.path ? getCustomers : exchange.request.path === createToken.path ? createToken : undefined;
    if (!operation) continue;
    if (operation === getCustomers) {
      const query = new Map(exchange.request.query);
      for (const p of getCustomers.parameters) seenClasses.add(`${p.name}\u0000${classify(p, query.get(p.name))}`);
    }
    if (exchange.status === undefined) continue;
    const declared = declaredResponse(operation, exchange.status);
    if (!declared) continue;
    const mediaType = Object.keys(declared.content).length === 0 ? "(none)" : (exchange.mediaType ?? "");
    seenResponses.add(`${operation.operationId}\u0000${declared.status}\u0000${mediaType}`);
  }
  const parameters = getCustomers.parameters.flatMap((p) =>
    parameterClasses(p).map((c) => ({ parameter: p.name, class: c, covered: seenClasses.has(`${p.name}\u0000${c}`) })),
  );
  const calledCreateToken = sent.some((e) => e.request.path === createToken.path);
  const responses: ResponseClass[] = [getCustomers, createToken].flatMap((operation) =>
    Object.values(operation.responses).flatMap((r) => {
      const types = Object.keys(r.content);
      const counted = operation === getCustomers ? !r.transient && !r.status.startsWith("5") : r.status === "200" && calledCreateToken;
      return (types.length === 0 ? ["(none)"] : types).map((contentType) => ({
        operation: operation.operationId,
        status: r.status,
        contentType,
        covered: seenResponses.has(`${operation.operationId}\u0000${r.status}\u0000${contentType}`),
        counted,
      }));
    }),
  );
  const counted = [...parameters, ...responses.filter((r) => r.counted)];
  const covered = counted.filter((c) => c.covered).length;
  const total = counted.length;
  return { percent: total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10, covered, total, parameters, responses };
}

/** What a run did not cover, one short phrase each (counted items only). */
export function notCovered(coverage: Coverage): string[] {
  return [
    ...coverage.parameters.filter((c) => !c.covered).map((c) => `${c.parameter} ${c.class}`),
    ...coverage.responses.filter((r) => r.counted && !r.covered).map((r) => `${r.operation} ${r.status} ${r.contentType}`),
  ];
}
