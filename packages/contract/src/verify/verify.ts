import fc from "fast-check";
import { authProbes, headerNames, obtainToken } from "./auth.js";
import { CHECKS, type CheckName } from "./checks.js";
import { conformance, isTransient, parseJson } from "./conformance.js";
import { UnreachableError, VerifyError } from "./errors.js";
import { maskSecrets } from "./curl.js";
import { escapeControl } from "./escape.js";
import { boundaryCases, exampleCases, invalidQuery, validQuery, type InvalidValue, type Query } from "./generate.js";
import { HttpRunner, RunStopped, type CredentialRole, type Exchange, type StopReason, type TestRequest } from "./http.js";
import { computeCoverage, notCovered } from "./coverage.js";
import { resolveOptions, type VerifyOptions } from "./options.js";
import type { Report, Violation } from "./report.js";
import { fail, pass, Results, type Outcome } from "./results.js";
import { makeEvaluator, type Expectation } from "./evaluate.js";
import { runScenarios } from "./scenarios.js";
import { SchemaValidator } from "./schemas.js";
import { asPage, pageSemantics, type CustomersPage } from "./semantics.js";
import { isObject, loadSpec } from "./spec.js";

/** Which credentials each auth probe sends, by role (a replay sends the same roles). */
const PROBE_ROLES: Partial<Record<CheckName, CredentialRole>> = {
  "missing-credentials-rejected": "none",
  "unknown-app-key-rejected": "unknown-app-key",
  "unknown-token-rejected": "unknown-token",
};

/**
 * Verifies a server against the Get Customers spec: generated and fixed requests, auth probes and semantic
 * scenarios, each response checked. Resolves to a report (`report.ok`, `report.exitCode`); rejects with a
 * `VerifyError` (exit code 2) on bad options, an unreachable server or refused partner credentials.
 */
export async function verify(options: VerifyOptions): Promise<Report> {
  const resolved = resolveOptions(options);
  const secrets: string[] = [resolved.appKey];
  if (resolved.credentials.kind === "token") secrets.push(resolved.credentials.appToken);
  else secrets.push(resolved.credentials.partnerSecret);
  for (const secret of secrets) options.onSecret?.(secret);
  try {
    return await run(options, resolved, secrets);
  } catch (error) {
    // A message built from what the server sent (a CreateToken `code`, a transport error) is masked and made
    // safe to print before it leaves.
    if (error instanceof VerifyError) error.message = escapeControl(maskSecrets(error.message, secrets));
    throw error;
  }
}

async function run(options: VerifyOptions, resolved: ReturnType<typeof resolveOptions>, secrets: string[]): Promise<Report> {
  const startedAt = new Date();
  const spec = loadSpec();
  const operation = spec.getCustomers;
  const validator = new SchemaValidator(spec);
  const runner = new HttpRunner(resolved.baseUrl, resolved);
  const results = new Results(resolved.baseUrl, secrets, resolved.strict);
  const names = headerNames(resolved.region);

  // CreateToken, once.
  const { token, exchange: tokenExchange } = await obtainToken(runner, spec, resolved);
  if (!secrets.includes(token)) {
    secrets.push(token);
    options.onSecret?.(token);
  }
  if (tokenExchange) results.record(conformance(spec.createToken, validator, tokenExchange), tokenExchange, "CreateToken");

  const headers = { Accept: "application/json", [names.appKey]: resolved.appKey, [names.appToken]: token };
  const request = (query: Query, expectation: Expectation, extraHeaders: Record<string, string> = headers): TestRequest => ({
    method: "GET",
    path: operation.path,
    query: Object.entries(query),
    headers: extraHeaders,
    replay: { credentials: expectation.kind === "unauthorized" ? PROBE_ROLES[expectation.check] ?? "valid" : "valid", expectation },
  });

  const evaluate = makeEvaluator(operation, validator);

  let reached = false;
  const sendChecked = async (query: Query, purpose: string, expectation: Expectation, extraHeaders?: Record<string, string>) => {
    const exchange = await runner.send(request(query, expectation, extraHeaders));
    if (!exchange.response && exchange.status === undefined && !reached) throw new UnreachableError(`${resolved.baseUrl} could not be reached: ${exchange.error ?? "no response"}`);
    reached = true;
    const evaluation = evaluate(exchange, query, expectation);
    if (evaluation.transient) results.transient(exchange, purpose);
    else results.record(evaluation.outcomes, exchange, purpose);
    return { exchange, ...evaluation };
  };

  const fails = (outcome: Outcome) => !outcome.ok && (CHECKS[outcome.check].basis !== "assumed" || resolved.strict);

  /** A fast-check property over generated requests; the first failure is shrunk to a minimal request. */
  const property = async <T>(
    arbitrary: fc.Arbitrary<T>,
    toCase: (value: T) => { query: Query; expectation: Expectation; purpose: string },
    seed: number,
    cap: number,
  ) => {
    const first = runner.sent;
    let target: CheckName | undefined;
    let kept: Violation | undefined;
    let last: { outcome: Outcome & { ok: false }; exchange: Exchange; purpose: string } | undefined;
    let capped = false;
    const details = await fc.check(
      fc.asyncProperty(arbitrary, async (value) => {
        if (runner.stop) return true;
        if (runner.sent - first >= cap || runner.remaining() < 1) {
          capped = true;
          return true;
        }
        const { query, expectation, purpose } = toCase(value);
        const exchange = await runner.send(request(query, expectation));
        const evaluation = evaluate(exchange, query, expectation);
        if (evaluation.transient) {
          if (!target) results.transient(exchange, purpose);
          return true;
        }
        if (!target) {
          const violations = results.record(evaluation.outcomes, exchange, purpose);
          const failing = evaluation.outcomes.find(fails);
          if (!failing || failing.ok) return true;
          target = failing.check;
          kept = violations.find((v) => v.check === target);
          last = { outcome: failing, exchange, purpose };
          return false;
        }
        const again = evaluation.outcomes.find((o) => !o.ok && o.check === target);
        if (!again || again.ok) return true;
        last = { outcome: again, exchange, purpose };
        return false;
      }),
      { seed, numRuns: resolved.runs },
    );
    if (last && details.failed) {
      const minimal = { ...results.violation(last.outcome, last.exchange, `${last.purpose} (shrunk: minimal failing request)`), minimal: true };
      if (kept) Object.assign(kept, minimal);
      else results.keep(minimal);
    }
    if (capped) results.note(`a generated-request property stopped early: its share of the request budget (${cap}) was spent`);
    // A stop inside the property ends fast-check's run (it sees a thrown error); it ends the whole run here.
    if (runner.stop) throw new RunStopped(runner.stop);
  };

  let budgetReached = false;
  let stopped: StopReason | undefined;
  try {
    // Fixed cases from the spec's examples; the first one also proves the server is reachable.
    let sample: CustomersPage | undefined;
    for (const c of exampleCases(operation.parameters)) {
      const { page } = await sendChecked(c.query, c.label, { kind: "valid" });
      if (!sample && page && page.customers.length > 0) sample = page;
    }

    // Auth probes: Get Customers only, never CreateToken.
    for (const probe of authProbes(resolved.region, resolved.appKey, token, resolved.seed)) {
      // The 401 expected is one of the outcomes `evaluate` records.
      await sendChecked({}, probe.label, { kind: "unauthorized", check: probe.check }, probe.headers);
    }

    // Boundaries: valid edges must be accepted, values just past them rejected.
    const boundaries = boundaryCases(operation.parameters);
    for (const c of boundaries.valid) await sendChecked(c.query, c.label, { kind: "valid" });
    for (const c of boundaries.invalid) await sendChecked(c.query, c.label, { kind: "invalid", invalid: c.invalid! });

    // Semantic scenarios.
    await runScenarios(
      {
        send: async (query, purpose) => {
          const { exchange, page } = await sendChecked(query, purpose, { kind: "valid" });
          return { exchange, ...(page ? { page } : {}) };
        },
        record: (outcomes, exchange, purpose) => void results.record(outcomes, exchange, purpose),
        note: (text) => results.note(text),
        remaining: () => runner.remaining(),
        seed: resolved.seed,
      },
      sample,
    );

    // Generated requests: valid ones, then one invalid parameter at a time.
    // Values seen in answers make generated requests find data, so page checks have something to judge.
    const seen = sample?.customers ?? [];
    const hints = {
      username: seen.map((c) => c.username).filter((u): u is string => typeof u === "string").slice(0, 5),
      search: seen.flatMap((c) => [c.lastName, c.firstName]).filter((n): n is string => typeof n === "string" && n.length > 0).slice(0, 5),
    };
    await property(
      validQuery(operation.parameters, hints),
      (query) => ({ query, expectation: { kind: "valid" }, purpose: "generated valid request" }),
      resolved.seed,
      Math.max(1, Math.floor(runner.remaining() / 2)),
    );
    await property(
      invalidQuery(operation.parameters),
      ({ query, invalid }) => ({
        query,
        expectation: { kind: "invalid", invalid },
        purpose: `generated invalid request (${invalid.parameter} ${invalid.rule})`,
      }),
      resolved.seed + 1,
      Math.max(1, runner.remaining()),
    );
  } catch (error) {
    if (error instanceof RunStopped) {
      stopped = error.stop;
      results.note(error.stop.detail);
    } else {
      if (!(error instanceof Error && error.name === "BudgetExhausted")) throw error;
      budgetReached = true;
      results.note(`the request budget (${resolved.maxRequests}) was spent before every phase ran; raise --max-requests for a full run`);
    }
  }

  const rerun = `finicity-contract verify --base-url ${resolved.baseUrl} --region ${resolved.region} --seed ${resolved.seed} --runs ${resolved.runs} --max-requests ${resolved.maxRequests}${resolved.strict ? " --strict" : ""}${options.allowProduction ? " --allow-production" : ""}`;
  const report = results.toReport({
    baseUrl: resolved.baseUrl,
    region: resolved.region,
    seed: resolved.seed,
    runs: resolved.runs,
    strict: resolved.strict,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    requests: runner.sent,
    maxRequests: resolved.maxRequests,
    rerun,
    coverage: computeCoverage(operation, spec.createToken, runner.log),
    ...(resolved.minCoverage === undefined ? {} : { minCoverage: resolved.minCoverage }),
    ...(stopped ? { stopped } : {}),
  });
  if (budgetReached && !report.notes.some((n) => n.includes("budget"))) report.notes.push("request budget spent");
  if (resolved.minCoverage !== undefined && report.coverage.percent < resolved.minCoverage) {
    const missing = notCovered(report.coverage);
    report.coverageBelowMinimum = true;
    report.ok = false;
    if (report.exitCode === 0) report.exitCode = 1;
    report.notes.push(
      `coverage ${report.coverage.percent}% is below the minimum of ${resolved.minCoverage}%; not covered: ${missing.slice(0, 20).join(", ")}${missing.length > 20 ? `, and ${missing.length - 20} more` : ""}`,
    );
  }
  return report;
}
