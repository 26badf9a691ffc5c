import { CHECK_NAMES, CHECKS, type CheckName } from "./checks.js";
import { maskDeep, maskSecrets, toCurl } from "./curl.js";
import type { Exchange } from "./http.js";
import type { CheckResult, Report, Transient, Violation } from "./report.js";

/** The result of evaluating one check against one exchange. */
export type Outcome = { check: CheckName; ok: true } | { check: CheckName; ok: false; expected: string; got: string };

export const pass = (check: CheckName): Outcome => ({ check, ok: true });
export const fail = (check: CheckName, expected: string, got: string): Outcome => ({ check, ok: false, expected, got });

const KEPT_PER_CHECK = 5;
const BODY_LIMIT = 2_000;

/** Collects outcomes into per-check results; masks secrets in everything it keeps. */
export class Results {
  private readonly counts = new Map<CheckName, { passed: number; failed: number; violations: Violation[] }>();
  private readonly transients: Transient[] = [];
  readonly notes: string[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly secrets: readonly string[],
    private readonly strict: boolean,
  ) {
    for (const name of CHECK_NAMES) this.counts.set(name, { passed: 0, failed: 0, violations: [] });
  }

  mask(text: string): string {
    return maskSecrets(text, this.secrets);
  }

  /** Builds the violation an outcome describes (not recorded). */
  violation(outcome: Outcome & { ok: false }, exchange: Exchange, purpose: string): Violation {
    const basis = CHECKS[outcome.check].basis;
    const body = exchange.response?.text ?? "";
    return {
      check: outcome.check,
      basis,
      severity: basis === "assumed" && !this.strict ? "warning" : "error",
      purpose,
      expected: this.mask(outcome.expected),
      got: this.mask(outcome.got),
      curl: toCurl(this.baseUrl, exchange.request, this.secrets),
      method: exchange.request.method,
      url: this.mask(exchange.url),
      request: {
        method: exchange.request.method,
        path: exchange.request.path,
        query: exchange.request.query.map(([name, value]) => [name, value] as [string, string]),
        credentials: exchange.request.method === "POST" ? "partner" : (exchange.request.replay?.credentials ?? "valid"),
        expectation: exchange.request.replay?.expectation ?? { kind: "none" },
      },
      ...(exchange.response
        ? {
            response: {
              status: exchange.response.status,
              contentType: exchange.response.contentType,
              body: this.mask(body.length > BODY_LIMIT ? `${body.slice(0, BODY_LIMIT)}… (${body.length} characters)` : body),
            },
          }
        : {}),
    };
  }

  /** Records outcomes; returns the violations kept (so a shrunk one can replace them later). */
  record(outcomes: readonly Outcome[], exchange: Exchange, purpose: string): Violation[] {
    const kept: Violation[] = [];
    for (const outcome of outcomes) {
      const entry = this.counts.get(outcome.check)!;
      if (outcome.ok) {
        entry.passed += 1;
        continue;
      }
      entry.failed += 1;
      if (entry.violations.length < KEPT_PER_CHECK) {
        const violation = this.violation(outcome, exchange, purpose);
        entry.violations.push(violation);
        kept.push(violation);
      }
    }
    return kept;
  }

  /** Keeps a violation built with `violation()` (a shrunk one) without counting another evaluation. */
  keep(violation: Violation): void {
    this.counts.get(violation.check)!.violations.unshift(violation);
  }

  transient(exchange: Exchange, purpose: string): void {
    this.transients.push({
      status: exchange.response?.status ?? 0,
      purpose: this.mask(purpose),
      curl: toCurl(this.baseUrl, exchange.request, this.secrets),
    });
  }

  note(text: string): void {
    this.notes.push(this.mask(text));
  }

  toReport(meta: Omit<Report, "tool" | "ok" | "exitCode" | "checks" | "violations" | "transients" | "notes" | "coverageBelowMinimum">): Report {
    const checks: CheckResult[] = CHECK_NAMES.map((name) => {
      const { passed, failed, violations } = this.counts.get(name)!;
      const { basis, description } = CHECKS[name];
      const status =
        failed > 0 ? (basis === "assumed" && !this.strict ? "warned" : "failed") : passed > 0 ? "passed" : "not-run";
      return { name, basis, description, status, passed, failed, violations };
    });
    const violations = checks
      .flatMap((check) => check.violations)
      .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
    const ok = checks.every((check) => check.status !== "failed") && !meta.stopped;
    // Every string of the report, whatever its field (a content type, a purpose, a note), is masked once more here.
    return maskDeep(
      {
        tool: "finicity-contract",
        ok,
        exitCode: meta.stopped ? 2 : ok ? 0 : 1,
        ...meta,
        checks,
        violations,
        transients: this.transients,
        notes: this.notes,
      },
      this.secrets,
    );
  }
}
