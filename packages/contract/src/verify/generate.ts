import fc from "fast-check";
import type { ParameterModel } from "./spec.js";

/** Query parameter name → raw (unencoded) value, in the spec's parameter order. */
export type Query = Record<string, string>;

/** Which rule of a parameter's schema an invalid value breaks. */
export type InvalidRule = "below-minimum" | "above-maximum" | "not-an-integer" | "outside-int32" | "empty" | "not-in-enum";

export interface InvalidValue {
  parameter: string;
  value: string;
  rule: InvalidRule;
}

/** A fixed request: from an example, a boundary, or a known-invalid value. */
export interface FixedCase {
  label: string;
  query: Query;
  invalid?: InvalidValue;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

const numberOr = (value: unknown, fallback: number): number => (typeof value === "number" ? value : fallback);
const isInteger = (p: ParameterModel) => p.schema.type === "integer";
/** `format: int32`: a whole number outside -2147483648..2147483647 breaks the schema whatever its bounds. */
const isInt32 = (p: ParameterModel) => isInteger(p) && p.schema.format === "int32";
const enumOf = (p: ParameterModel): string[] | undefined =>
  Array.isArray(p.schema.enum) ? p.schema.enum.map((v) => String(v)) : undefined;

function integerBounds(p: ParameterModel): { min: number; max: number } {
  return { min: numberOr(p.schema.minimum, INT32_MIN), max: numberOr(p.schema.maximum, INT32_MAX) };
}

/**
 * Valid values of one parameter, derived from its schema. Weighted towards values that find data (small
 * integers, empty strings, the spec's examples and `hints` such as usernames seen in earlier answers), with the
 * whole valid range still reachable.
 */
export function validValue(p: ParameterModel, hints: readonly string[] = []): fc.Arbitrary<string> {
  const values = enumOf(p);
  if (values) return fc.constantFrom(...values);
  if (isInteger(p)) {
    const { min, max } = integerBounds(p);
    return fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min, max: Math.min(max, Math.max(min, 0) + 100) }) },
      { weight: 1, arbitrary: fc.integer({ min, max }) },
    ).map(String);
  }
  const minLength = numberOr(p.schema.minLength, 0);
  const maxLength = Math.min(numberOr(p.schema.maxLength, 24), 24);
  const known = [...new Set([...(minLength === 0 ? [""] : []), ...p.examples.map(String), ...hints])].filter(
    (v) => v.length >= minLength && v.length <= numberOr(p.schema.maxLength, Number.MAX_SAFE_INTEGER),
  );
  const random = fc.string({ minLength, maxLength: Math.max(minLength, maxLength) });
  return known.length === 0 ? random : fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: random });
}

/** Invalid values of one parameter (one rule broken at a time), or undefined when its schema forbids nothing. */
export function invalidValue(p: ParameterModel): fc.Arbitrary<InvalidValue> | undefined {
  const choices: fc.Arbitrary<InvalidValue>[] = [];
  const make = (rule: InvalidRule) => (value: string) => ({ parameter: p.name, value, rule });
  const values = enumOf(p);
  if (values) {
    const known = values.map((v) => v.toLowerCase());
    choices.push(
      fc
        .stringMatching(/^[a-z][a-z0-9]{0,9}$/)
        .filter((v) => !known.includes(v.toLowerCase()))
        .map(make("not-in-enum")),
    );
  }
  if (isInteger(p)) {
    const { min, max } = integerBounds(p);
    if (min > INT32_MIN) choices.push(fc.integer({ min: INT32_MIN, max: min - 1 }).map(String).map(make("below-minimum")));
    if (max < INT32_MAX) choices.push(fc.integer({ min: max + 1, max: INT32_MAX }).map(String).map(make("above-maximum")));
    choices.push(
      fc
        .oneof(
          fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 9 })).map(([whole, tenth]) => `${whole}.${tenth}`),
          fc.stringMatching(/^[a-z]{1,6}$/),
        )
        .map(make("not-an-integer")),
    );
    // An integer parameter sent empty (`start=`) is not a number: the spec documents a 400 for it.
    choices.push(fc.constant("").map(make("empty")));
    if (isInt32(p)) choices.push(fc.bigInt({ min: BigInt(INT32_MAX) + 1n, max: 2n ** 63n }).map(String).map(make("outside-int32")));
  }
  return choices.length === 0 ? undefined : fc.oneof(...choices);
}

/** Queries whose every parameter is valid; optional parameters may be left out (and shrink away). */
export function validQuery(parameters: readonly ParameterModel[], hints: Readonly<Record<string, readonly string[]>> = {}): fc.Arbitrary<Query> {
  const model: Record<string, fc.Arbitrary<string>> = {};
  for (const p of parameters) model[p.name] = validValue(p, hints[p.name]);
  const requiredKeys = parameters.filter((p) => p.required).map((p) => p.name);
  return fc.record(model, { requiredKeys }) as fc.Arbitrary<Query>;
}

/** Queries with exactly one invalid parameter; the others are valid or absent. */
export function invalidQuery(parameters: readonly ParameterModel[]): fc.Arbitrary<{ query: Query; invalid: InvalidValue }> {
  const invalids = parameters.map(invalidValue).filter((a): a is fc.Arbitrary<InvalidValue> => a !== undefined);
  if (invalids.length === 0) throw new Error("No parameter of the operation has a schema that can be broken");
  return fc.tuple(validQuery(parameters), fc.oneof(...invalids)).map(([query, invalid]) => ({
    query: orderQuery(parameters, { ...query, [invalid.parameter]: invalid.value }),
    invalid,
  }));
}

function orderQuery(parameters: readonly ParameterModel[], query: Query): Query {
  const ordered: Query = {};
  for (const p of parameters) if (query[p.name] !== undefined) ordered[p.name] = query[p.name]!;
  return ordered;
}

/** Requests taken from the spec's parameter examples, plus the documented all-filters-empty request. */
export function exampleCases(parameters: readonly ParameterModel[]): FixedCase[] {
  const cases: FixedCase[] = [];
  const empty: Query = {};
  for (const p of parameters) {
    if (isInteger(p)) empty[p.name] = String(numberOr(p.schema.default, integerBounds(p).min));
    else if (!enumOf(p) || enumOf(p)!.includes("")) empty[p.name] = "";
  }
  cases.push({ label: "every filter empty", query: empty });
  for (const p of parameters) {
    for (const example of p.examples) {
      if (example === undefined || example === null) continue;
      cases.push({ label: `example ${p.name}=${JSON.stringify(example)}`, query: { [p.name]: String(example) } });
    }
  }
  return cases;
}

/** Valid values at the edges of each schema, and invalid values just past them. */
export function boundaryCases(parameters: readonly ParameterModel[]): { valid: FixedCase[]; invalid: FixedCase[] } {
  const valid: FixedCase[] = [];
  const invalid: FixedCase[] = [];
  const add = (p: ParameterModel, value: string) => valid.push({ label: `boundary ${p.name}=${value}`, query: { [p.name]: value } });
  const bad = (p: ParameterModel, value: string, rule: InvalidRule) =>
    invalid.push({ label: `invalid ${p.name}=${value} (${rule})`, query: { [p.name]: value }, invalid: { parameter: p.name, value, rule } });
  for (const p of parameters) {
    const values = enumOf(p);
    if (values) {
      for (const value of values) add(p, value);
      bad(p, "unknown", "not-in-enum");
    }
    if (isInteger(p)) {
      const { min, max } = integerBounds(p);
      const edges = new Set([min, min + 1, ...(max < INT32_MAX ? [max - 1, max] : [])]);
      for (const edge of edges) add(p, String(edge));
      if (min > INT32_MIN) {
        bad(p, String(min - 1), "below-minimum");
        if (min - 1 !== 0 && min > 0) bad(p, "0", "below-minimum");
        if (min > -1) bad(p, "-1", "below-minimum");
      }
      if (max < INT32_MAX) bad(p, String(max + 1), "above-maximum");
      bad(p, "1.5", "not-an-integer");
      bad(p, "abc", "not-an-integer");
      bad(p, "", "empty");
      if (isInt32(p)) bad(p, String(INT32_MAX + 1), "outside-int32");
    }
  }
  return { valid, invalid };
}
