import type { Coverage } from "./coverage.js";
import type { CredentialRole } from "./http.js";
import type { Expectation } from "./evaluate.js";
import type { CheckBasis, CheckName } from "./checks.js";

/** `passed`: every evaluation held; `failed`: a violation that fails the run; `warned`: a violation of an
 * assumed check without `--strict`; `not-run`: no request exercised it (the reason is in `notes`). */
export type CheckStatus = "passed" | "failed" | "warned" | "not-run";

export interface Violation {
  check: CheckName;
  basis: CheckBasis;
  /** `error` fails the run; `warning` (an assumed check without --strict) does not. */
  severity: "error" | "warning";
  /** What the request was for, e.g. "generated valid request" or "boundary limit=1000". */
  purpose: string;
  expected: string;
  got: string;
  /** The request as a curl command that reproduces it; secrets masked as `***`. */
  curl: string;
  method: string;
  /** The URL sent (secrets masked). */
  url: string;
  /** What `finicity-contract replay` re-sends: the request by parts, its credentials by role (never their values). */
  request: {
    method: string;
    path: string;
    query: Array<[string, string]>;
    credentials: CredentialRole | "partner";
    expectation: Expectation;
  };
  response?: { status: number; contentType: string; body: string };
  /** The request was shrunk by fast-check to a minimal one that still fails this check. */
  minimal?: boolean;
}

export interface CheckResult {
  name: CheckName;
  basis: CheckBasis;
  description: string;
  status: CheckStatus;
  /** Evaluations that held. */
  passed: number;
  /** Evaluations that did not hold (only the first few are kept in `violations`). */
  failed: number;
  violations: Violation[];
}

/** A response with a status the spec marks as a gateway transient (`x-transient: true`, e.g. 429, 503). */
export interface Transient {
  status: number;
  purpose: string;
  curl: string;
}

export interface Report {
  tool: "finicity-contract";
  /** true when no check failed (warnings allowed) and the run was not stopped early. */
  ok: boolean;
  /** The CLI's exit code for this report: 0 conforms, 1 does not, 2 the run stopped early (see `stopped`). */
  exitCode: 0 | 1 | 2;
  /** Set when the run stopped before it finished: the server stopped answering, or the time limit ran out. */
  stopped?: { reason: "unanswered" | "max-duration"; detail: string };
  baseUrl: string;
  region: "au" | "us";
  seed: number;
  runs: number;
  strict: boolean;
  startedAt: string;
  durationMs: number;
  /** Requests sent, CreateToken included. */
  requests: number;
  maxRequests: number;
  checks: CheckResult[];
  /** Every kept violation, failing ones first. */
  violations: Violation[];
  transients: Transient[];
  /** Things worth knowing: checks not run and why, a spent request budget, ... */
  notes: string[];
  /** How to repeat this run's generated requests. */
  rerun: string;
  /** Which parameter classes the requests exercised and which documented responses the server produced. */
  coverage: Coverage;
  /** The `--min-coverage` asked for, if any. */
  minCoverage?: number;
  /** Set when the coverage was below `minCoverage` (the run then fails, exit 1). */
  coverageBelowMinimum?: boolean;
}
