// `@finicity-aggregation/client/validate`: checks response bodies against the spec's schemas.
// The validators are compiled from the spec when the package is generated (Ajv standalone code, see
// scripts/build-validators.mjs), so nothing is compiled at run time and Ajv itself is not shipped. The client
// loads this module only when `validateResponses: true`.
import { responses, type OperationId } from "../generated/validators.js";
import { toIssues, type ValidationIssue } from "./issues.js";

export type { OperationId, ValidationIssue };

/**
 * Checks a parsed response body against the schema the spec declares for `operationId` and `status`.
 *
 * Returns every problem found, or `[]` when the body is valid. Also `[]` when the spec declares no such status
 * (there is nothing to check against), and when `body` is a string for a status the spec allows as
 * `text/plain`. Response schemas are open: a property the spec does not name passes.
 *
 * @throws TypeError when `operationId` is not an operation of the spec.
 */
export function validateResponse(operationId: OperationId, status: number, body: unknown): ValidationIssue[] {
  const statuses = Object.prototype.hasOwnProperty.call(responses, operationId) ? responses[operationId] : undefined;
  if (statuses === undefined) {
    throw new TypeError(`validateResponse: unknown operationId ${JSON.stringify(operationId)}; expected one of ${Object.keys(responses).join(", ")}`);
  }
  const rule = statuses[String(status)] ?? statuses[`${String(status).charAt(0)}XX`] ?? statuses.default;
  if (rule === undefined) return [];
  if (typeof body === "string" && rule.text) return [];
  if (rule.json === undefined) return [];
  if (rule.json(body)) return [];
  return toIssues(rule.json.errors ?? [], body);
}
