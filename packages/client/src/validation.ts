import { ValidationError, type ValidationIssue } from "./errors.js";
import type { QueryRule } from "./generated/query-rules.js";

/**
 * A rule for one input: the query rules generated from the spec, or the option rules of this client.
 * `type` may list several JSON-ish types (`"string|function"`); without a type, anything goes.
 * `header`: a string value is sent as a header value, so it must not hold CR, LF or NUL.
 */
export interface Rule extends QueryRule {
  header?: boolean;
  /** An AbortSignal (or one like it: cross-realm signals are accepted). */
  signal?: boolean;
}
export type Rules = Readonly<Record<string, Rule>>;

const HEADER_BREAK = /[\r\n\0]/;

/** Adds one problem to `issues`. */
export function addIssue(issues: ValidationIssue[], field: string, rule: string, message: string): void {
  issues.push({ field, rule, message });
}

/**
 * Checks an object's keys against rules. Unknown keys are refused; `undefined` means absent. Adds every problem,
 * by field and rule, to `issues` and returns it (empty: valid).
 */
export function issuesOf(input: object, rules: Rules, issues: ValidationIssue[] = []): ValidationIssue[] {
  for (const field in input) {
    const value = (input as Record<string, unknown>)[field];
    const rule = rules[field];
    if (!rule) addIssue(issues, field, "unknown", "is not allowed");
    else if (value !== undefined) checkValue(field, value, rule, issues);
  }
  return issues;
}

/** Checks one value against its rule, adding each problem to `issues`. Never reports the value itself. */
export function checkValue(field: string, value: unknown, rule: Rule, issues: ValidationIssue[]): void {
  const actual = typeof value;
  const type = rule.type ?? actual; // no type: anything goes
  if (type === "integer" ? !Number.isInteger(value) : !type.includes(actual)) {
    addIssue(issues, field, "type", `must be ${type}, got ${actual}`);
    return;
  }
  if (rule.signal && typeof (value as AbortSignal | null)?.addEventListener !== "function") {
    addIssue(issues, field, "type", "must be an AbortSignal");
  }
  if (typeof value === "string") {
    // Only a lone surrogate makes encodeURIComponent throw: such a string cannot be sent as it is.
    try {
      encodeURIComponent(value);
    } catch {
      addIssue(issues, field, "unicode", "must be well-formed Unicode");
    }
    if (rule.header && HEADER_BREAK.test(value)) addIssue(issues, field, "header-value", "must not contain CR, LF or NUL");
  }
  // A comparison with an absent bound (undefined) is false.
  if ((value as number) < (rule.minimum as number)) addIssue(issues, field, "minimum", `must be >= ${rule.minimum}`);
  if ((value as number) > (rule.maximum as number)) addIssue(issues, field, "maximum", `must be <= ${rule.maximum}`);
  if (rule.enum && !rule.enum.includes(value)) {
    addIssue(issues, field, "enum", `must be one of ${JSON.stringify(rule.enum)}`);
  }
}

/** Throws a ValidationError listing every problem, if there is any. */
export function assertValid(issues: ValidationIssue[]): void {
  if (issues.length > 0) throw new ValidationError(issues);
}


