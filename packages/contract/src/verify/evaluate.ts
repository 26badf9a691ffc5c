import { conformance, isTransient, parseJson } from "./conformance.js";
import type { CheckName } from "./checks.js";
import type { InvalidValue, Query } from "./generate.js";
import type { Exchange } from "./http.js";
import { fail, pass, type Outcome } from "./results.js";
import type { SchemaValidator } from "./schemas.js";
import { asPage, pageSemantics, type CustomersPage } from "./semantics.js";
import { isObject, type OperationModel } from "./spec.js";

/** What a request is meant to provoke. */
export type Expectation = { kind: "valid" } | { kind: "invalid"; invalid: InvalidValue } | { kind: "none" } | { kind: "unauthorized"; check: CheckName };

/** The error codes Mastercard documents for a rejected parameter (see the 400 response of the spec). */
const DOCUMENTED_CODES: Record<string, Partial<Record<InvalidValue["rule"], string>>> = {
  type: { "not-in-enum": "14016" },
  start: { "below-minimum": "41003" },
  limit: { "below-minimum": "41004" },
};

const brief = (text: string, limit = 200) => (text.length > limit ? `${text.slice(0, limit)}…` : text);

export interface Evaluation {
  outcomes: Outcome[];
  page?: CustomersPage;
  transient: boolean;
}

/** Every check that applies to one Get Customers exchange, given what its request was meant to provoke. */
export function makeEvaluator(operation: OperationModel, validator: SchemaValidator): (exchange: Exchange, query: Query, expectation: Expectation) => Evaluation {
  return (exchange: Exchange, query: Query, expectation: Expectation): Evaluation => {
    if (isTransient(operation, exchange)) return { outcomes: [], transient: true };
    const outcomes = conformance(operation, validator, exchange);
    const response = exchange.response;
    const summary = response ? `${response.status}: ${brief(response.text)}` : `no response: ${exchange.error ?? ""}`;
    const parsed = response && response.mediaType.includes("json") ? parseJson(response.text) : undefined;
    const body = parsed?.ok ? parsed.value : undefined;
    if (expectation.kind === "unauthorized") {
      outcomes.push(response?.status === 401 ? pass(expectation.check) : fail(expectation.check, "401", summary));
    }
    if (expectation.kind === "valid") {
      outcomes.push(response?.status === 200 ? pass("valid-input-accepted") : fail("valid-input-accepted", "200", summary));
    }
    if (expectation.kind === "invalid") {
      const { parameter, rule, value } = expectation.invalid;
      const errorBody = body !== undefined && validator.validateComponent("ErrorMessage", body).valid;
      outcomes.push(
        response?.status === 400 && errorBody
          ? pass("invalid-input-rejected")
          : fail("invalid-input-rejected", `400 with an ErrorMessage body (${parameter}=${JSON.stringify(value)} is ${rule})`, summary),
      );
      const code = DOCUMENTED_CODES[parameter]?.[rule];
      if (code && response?.status === 400) {
        const got = isObject(body) ? String(body.code) : "no code";
        outcomes.push(got === code ? pass("error-code-documented") : fail("error-code-documented", `code ${code} for ${parameter} ${rule}`, `code ${got}`));
      }
    }
    let page: CustomersPage | undefined;
    if (response?.status === 200) {
      page = asPage(body);
      if (page) outcomes.push(...pageSemantics(operation, query, page));
    }
    return { outcomes, transient: false, ...(page ? { page } : {}) };
  };
}
