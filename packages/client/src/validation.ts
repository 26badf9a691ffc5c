import { ValidationError, type ValidationIssue } from "./errors.js";
import type { QueryRule } from "./generated/query-rules.js";

/**
 * A rule for one input: the query rules generated from the spec, or the option rules of this client.
 * `type` may list several JSON-ish types (`"string|function"`); without a type, anything goes.
 * `header`: a string value is sent as a header value, so it must not hold CR, LF or NUL.
 */
export interface Rule extends QueryRule {
  header?: boolean;
}
export type Rules = Readonly<Record<string, Rule>>;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const HEADER_BREAK = /[\r\n\0]/;

const issue = (field: string, rule: string, message: string): ValidationIssue => ({ field, rule, message });

/**
 * Checks an object against rules. Unknown keys are refused; `undefined` means absent. Adds every problem,
 * by field and rule, to `issues` and returns it (empty: valid).
 */
export function issuesOf(input: unknown, rules: Rules, issues: ValidationIssue[] = [], name = "query"): ValidationIssue[] {
  if (typeOf(input) !== "object") issues.push(issue(name, "type", "must be an object"));
  else {
    for (const field in input as object) {
      const value = (input as Record<string, unknown>)[field];
      const rule = rules[field];
      if (rule === undefined) issues.push(issue(field, "unknown", "is not allowed"));
      else if (value !== undefined) checkValue(field, value, rule, issues);
    }
  }
  return issues;
}

/** Checks one value against its rule, adding each problem to `issues`. Never reports the value itself. */
export function checkValue(field: string, value: unknown, rule: Rule, issues: ValidationIssue[]): void {
  const type = rule.type ?? "";
  const actual = typeOf(value);
  if (type === "integer" ? !Number.isInteger(value) : type !== "" && !type.includes(actual)) {
    issues.push(issue(field, "type", `must be ${type.replace("|", " or ")}, got ${actual}`));
    return;
  }
  if (typeof value === "string") {
    if (LONE_SURROGATE.test(value)) issues.push(issue(field, "unicode", "must be well-formed Unicode"));
    if (rule.header && HEADER_BREAK.test(value)) issues.push(issue(field, "header-value", "must not contain CR, LF or NUL"));
  }
  // A comparison with an absent bound (undefined) is false.
  if ((value as number) < (rule.minimum as number)) issues.push(issue(field, "minimum", `must be ≥ ${rule.minimum}`));
  if ((value as number) > (rule.maximum as number)) issues.push(issue(field, "maximum", `must be ≤ ${rule.maximum}`));
  if (rule.enum && !rule.enum.includes(value)) {
    issues.push(issue(field, "enum", `must be one of ${rule.enum.map((v) => JSON.stringify(v)).join(", ")}`));
  }
}

/** Throws a ValidationError listing every problem, if there is any. */
export function assertValid(issues: ValidationIssue[]): void {
  if (issues.length > 0) throw new ValidationError(issues);
}

/** typeof, with `null`, `array` and `NaN` told apart. */
function typeOf(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : Number.isNaN(value) ? "NaN" : typeof value;
}
