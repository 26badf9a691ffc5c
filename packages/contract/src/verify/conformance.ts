import type { Exchange } from "./http.js";
import { fail, pass, type Outcome } from "./results.js";
import type { SchemaValidator } from "./schemas.js";
import { declaredResponse, type OperationModel } from "./spec.js";

const isJsonMediaType = (mediaType: string) => mediaType === "application/json" || mediaType.endsWith("+json");

const brief = (text: string, limit = 300) => (text.length > limit ? `${text.slice(0, limit)}…` : text);

/** Parses a JSON body; `undefined` with a reason when it is not JSON. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** True when the response's status is one the spec marks as a gateway transient (x-transient: true). */
export function isTransient(operation: OperationModel, exchange: Exchange): boolean {
  const status = exchange.response?.status;
  return status !== undefined && declaredResponse(operation, status)?.transient === true;
}

/**
 * The checks every response gets: no 5xx (or dropped connection), a declared status, a declared content type,
 * and a body that matches the schema declared for both.
 */
export function conformance(operation: OperationModel, validator: SchemaValidator, exchange: Exchange): Outcome[] {
  const { response } = exchange;
  if (!response) {
    const got = exchange.status === undefined ? "no response" : `${exchange.status} with a body that was not read`;
    return [fail("no-server-error", "an HTTP response", `${got}: ${exchange.error ?? "unknown error"}`)];
  }
  const outcomes: Outcome[] = [];
  outcomes.push(
    response.status >= 500
      ? fail("no-server-error", "a status below 500", `${response.status}: ${brief(response.text)}`)
      : pass("no-server-error"),
  );
  const declared = declaredResponse(operation, response.status);
  const statuses = Object.keys(operation.responses).join(", ");
  if (!declared) {
    outcomes.push(fail("status-declared", `one of ${statuses}`, `${response.status}: ${brief(response.text)}`));
    return outcomes;
  }
  outcomes.push(pass("status-declared"));

  const mediaTypes = Object.keys(declared.content);
  if (mediaTypes.length === 0) return outcomes;
  const schema = declared.content[response.mediaType];
  if (!schema) {
    outcomes.push(
      fail(
        "content-type-declared",
        `Content-Type ${mediaTypes.join(" or ")} for ${response.status}`,
        response.contentType ? `Content-Type ${response.contentType}` : "no Content-Type",
      ),
    );
    return outcomes;
  }
  outcomes.push(pass("content-type-declared"));

  let body: unknown = response.text;
  if (isJsonMediaType(response.mediaType)) {
    const parsed = parseJson(response.text);
    if (!parsed.ok) {
      outcomes.push(fail("body-matches-schema", `a JSON body for ${response.status}`, `not JSON (${parsed.reason}): ${brief(response.text)}`));
      return outcomes;
    }
    body = parsed.value;
  }
  const result = validator.validate(schema, body);
  outcomes.push(
    result.valid
      ? pass("body-matches-schema")
      : fail(
          "body-matches-schema",
          `a body matching the ${response.status} ${response.mediaType} schema`,
          `${result.errors.slice(0, 5).join("; ")} in ${brief(response.text)}`,
        ),
  );
  return outcomes;
}
