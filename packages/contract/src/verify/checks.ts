/**
 * Every check the verifier runs, with its basis:
 * - `spec`: the OpenAPI description says so;
 * - `documented`: Mastercard documents it (the spec repeats it in prose);
 * - `assumed`: our reading of vaguer documentation. Assumed checks warn and fail a run only with `--strict`.
 */
export type CheckBasis = "spec" | "documented" | "assumed";

export interface CheckDefinition {
  basis: CheckBasis;
  /** What the check asserts, in one sentence. */
  description: string;
}

export const CHECKS = {
  "no-server-error": {
    basis: "spec",
    description: "No request gets a 5xx (other than a gateway transient the spec marks with x-transient) or a dropped connection.",
  },
  "status-declared": {
    basis: "spec",
    description: "The status code is one the spec declares for the operation.",
  },
  "content-type-declared": {
    basis: "spec",
    description: "The Content-Type is one the spec declares for that status.",
  },
  "body-matches-schema": {
    basis: "spec",
    description: "The body matches the schema the spec gives for that status and content type.",
  },
  "valid-input-accepted": {
    basis: "spec",
    description: "A request whose parameters all satisfy their schemas, with valid credentials, gets 200.",
  },
  "invalid-input-rejected": {
    basis: "spec",
    description: "A bad type, start below 1, limit below 1 or above 1000, or a non-integer start/limit gets 400 with an ErrorMessage body.",
  },
  "error-code-documented": {
    basis: "documented",
    description: "Bad type, start < 1 and limit < 1 are rejected with the documented codes 14016, 41003 and 41004.",
  },
  "missing-credentials-rejected": {
    basis: "spec",
    description: "Get Customers without app key and token gets 401.",
  },
  "unknown-app-key-rejected": {
    basis: "spec",
    description: "Get Customers with an app key the server does not know gets 401.",
  },
  "unknown-token-rejected": {
    basis: "spec",
    description: "Get Customers with a token the server never issued gets 401.",
  },
  "page-counts-consistent": {
    basis: "spec",
    description: "displaying equals customers.length and is at most limit; found (when sent) is at least displaying.",
  },
  "more-available-consistent": {
    basis: "spec",
    description: "moreAvailable is true exactly when start + displaying - 1 < found.",
  },
  "username-exact-match": {
    basis: "documented",
    description: "A username filter returns at most one customer, with exactly that username.",
  },
  "type-filter-honoured": {
    basis: "documented",
    description: "A type filter (active or testing) returns only customers of that type.",
  },
  "search-matches-term": {
    basis: "assumed",
    description: "Every search result contains the search text (case-insensitive) in its username or a combination of first and last name.",
  },
  "paging-complete": {
    basis: "documented",
    description: "Paging a query with small pages (start += displaying) yields exactly the one-page result: no gaps, no repeats (when found <= 1000).",
  },
} as const satisfies Record<string, CheckDefinition>;

export type CheckName = keyof typeof CHECKS;

export const CHECK_NAMES = Object.keys(CHECKS) as CheckName[];
