import { headerNames, obtainToken } from "./auth.js";
import type { CheckName } from "./checks.js";
import { CHECK_NAMES } from "./checks.js";
import { maskSecrets } from "./curl.js";
import { UsageError, VerifyError } from "./errors.js";
import { escapeControl } from "./escape.js";
import { makeEvaluator, type Expectation } from "./evaluate.js";
import { HttpRunner, type CredentialRole } from "./http.js";
import { resolveOptions, type Region } from "./options.js";
import { SchemaValidator } from "./schemas.js";
import { isObject, loadSpec } from "./spec.js";

/** Options of `replay()` and of `finicity-contract replay REPORT.json`. Credentials come from here or the environment, never from the report. */
export interface ReplayOptions {
  /** The JSON report (`--json` of verify), parsed. */
  report: unknown;
  /** Send to this server instead of the report's `baseUrl`. */
  baseUrl?: string;
  region?: Region;
  appKey?: string;
  appToken?: string;
  partnerId?: string;
  partnerSecret?: string;
  allowProduction?: boolean;
  timeoutMs?: number;
  env?: Record<string, string | undefined>;
}

export type ReplayStatus = "still fails" | "passes now" | "could not be sent";

export interface ReplayResult {
  check: CheckName;
  purpose: string;
  status: ReplayStatus;
  /** What came back (masked), or why it could not be sent or judged. */
  detail: string;
}

export interface ReplayReport {
  baseUrl: string;
  results: ReplayResult[];
  /** 0 when every failing request passes now, 1 otherwise. */
  exitCode: 0 | 1;
}

interface ReplayItem {
  check: CheckName;
  purpose: string;
  method: string;
  path: string;
  query: Array<[string, string]>;
  credentials: CredentialRole | "partner";
  expectation: Expectation;
}

const ROLES = ["valid", "none", "unknown-app-key", "unknown-token", "partner"];

/** The failing requests of a report, checked for what replay needs; a `UsageError` names what is wrong. */
function failingRequests(report: unknown): { baseUrl: string; region: Region; items: ReplayItem[] } {
  if (!isObject(report) || report.tool !== "finicity-contract" || !Array.isArray(report.violations)) {
    throw new UsageError("the report must be the JSON report of finicity-contract verify (--json), with a violations list");
  }
  if (typeof report.baseUrl !== "string") throw new UsageError("the report has no baseUrl");
  const items: ReplayItem[] = [];
  const seen = new Set<string>();
  report.violations.forEach((v: unknown, index) => {
    if (!isObject(v) || v.severity !== "error") return;
    const r = v.request;
    const where = `violations[${index}]`;
    if (!CHECK_NAMES.includes(v.check as CheckName)) throw new UsageError(`${where}.check is not a check of this verifier`);
    if (!isObject(r) || typeof r.method !== "string" || typeof r.path !== "string" || !Array.isArray(r.query)) {
      throw new UsageError(`${where}.request must have a method, a path and a query list (reports written before replay existed lack it)`);
    }
    if (!r.query.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every((x) => typeof x === "string"))) {
      throw new UsageError(`${where}.request.query must be a list of [name, value] string pairs`);
    }
    if (typeof r.credentials !== "string" || !ROLES.includes(r.credentials)) throw new UsageError(`${where}.request.credentials must be one of ${ROLES.join(", ")}`);
    if (!isObject(r.expectation) || typeof r.expectation.kind !== "string") throw new UsageError(`${where}.request.expectation is missing`);
    const key = JSON.stringify([v.check, r.method, r.path, r.query, r.credentials]);
    if (seen.has(key)) return;
    seen.add(key);
    items.push({
      check: v.check as CheckName,
      purpose: typeof v.purpose === "string" ? v.purpose : "",
      method: r.method,
      path: r.path,
      query: r.query as Array<[string, string]>,
      credentials: r.credentials as ReplayItem["credentials"],
      expectation: r.expectation as unknown as Expectation,
    });
  });
  return { baseUrl: report.baseUrl, region: report.region === "us" ? "us" : "au", items };
}

/**
 * Re-sends exactly the failing requests of a JSON report, with credentials from the options or the environment,
 * and says for each whether it still fails, passes now, or could not be sent. Rejects with a `VerifyError`
 * (exit code 2) on a bad report or bad options.
 */
export async function replay(options: ReplayOptions): Promise<ReplayReport> {
  const { baseUrl, region, items } = failingRequests(options.report);
  const resolved = resolveOptions({
    baseUrl: options.baseUrl ?? baseUrl,
    region: options.region ?? region,
    ...(options.appKey === undefined ? {} : { appKey: options.appKey }),
    ...(options.appToken === undefined ? {} : { appToken: options.appToken }),
    ...(options.partnerId === undefined ? {} : { partnerId: options.partnerId }),
    ...(options.partnerSecret === undefined ? {} : { partnerSecret: options.partnerSecret }),
    ...(options.allowProduction === undefined ? {} : { allowProduction: options.allowProduction }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.env === undefined ? {} : { env: options.env }),
  });
  const secrets: string[] = [resolved.appKey, resolved.credentials.kind === "token" ? resolved.credentials.appToken : resolved.credentials.partnerSecret];
  const clean = (text: string) => escapeControl(maskSecrets(text, secrets));
  const spec = loadSpec();
  const operation = spec.getCustomers;
  const evaluate = makeEvaluator(operation, new SchemaValidator(spec));
  const runner = new HttpRunner(resolved.baseUrl, { ...resolved, maxRequests: items.length + 1, rate: Math.min(resolved.rate, 25) });
  const results: ReplayResult[] = [];
  const gets = items.filter((item) => item.method === "GET" && item.path === operation.path);
  let token: string | undefined;
  if (gets.length > 0) {
    try {
      token = (await obtainToken(runner, spec, resolved)).token;
      secrets.push(token);
    } catch (error) {
      if (error instanceof VerifyError) error.message = clean(error.message);
      throw error;
    }
  }
  const names = headerNames(resolved.region);
  for (const item of items) {
    if (!gets.includes(item)) {
      results.push({ check: item.check, purpose: item.purpose, status: "could not be sent", detail: "only Get Customers requests are replayed (CreateToken is called once, to get a token)" });
      continue;
    }
    const headers: Record<string, string> = { Accept: "application/json" };
    if (item.credentials !== "none") {
      headers[names.appKey] = item.credentials === "unknown-app-key" ? "finicity-contract-unknown-key-replay" : resolved.appKey;
      headers[names.appToken] = item.credentials === "unknown-token" ? "finicity-contract-unknown-token-replay" : token!;
    }
    const exchange = await runner.send({ method: "GET", path: item.path, query: item.query, headers });
    if (!exchange.response) {
      results.push({ check: item.check, purpose: item.purpose, status: "could not be sent", detail: clean(exchange.error ?? "no response") });
      continue;
    }
    const evaluation = evaluate(exchange, Object.fromEntries(item.query), item.expectation);
    const outcome = evaluation.outcomes.find((o) => o.check === item.check);
    const got = `${exchange.response.status}: ${exchange.response.text.slice(0, 200)}`;
    if (evaluation.transient) {
      results.push({ check: item.check, purpose: item.purpose, status: "could not be sent", detail: clean(`a gateway transient came back (${got})`) });
    } else if (!outcome) {
      const other = evaluation.outcomes.find((o) => !o.ok);
      results.push({
        check: item.check,
        purpose: item.purpose,
        status: other ? "still fails" : "could not be sent",
        detail: clean(other ? `${other.check}: ${got}` : `${item.check} spans several requests: run verify again to judge it (${got})`),
      });
    } else {
      results.push({ check: item.check, purpose: item.purpose, status: outcome.ok ? "passes now" : "still fails", detail: clean(outcome.ok ? got : `expected ${outcome.expected}; got ${outcome.got}`) });
    }
  }
  return { baseUrl: resolved.baseUrl, results, exitCode: results.every((r) => r.status === "passes now") ? 0 : 1 };
}

/** The replay as lines for a terminal. */
export function formatReplay(report: ReplayReport): string {
  const lines = report.results.map((r) => escapeControl(`${r.status.padEnd(17)} ${r.check}: ${r.purpose}\n    ${r.detail}`).replace(/\\n {4}/, "\n    "));
  const count = (status: ReplayStatus) => report.results.filter((r) => r.status === status).length;
  lines.push(`replayed ${report.results.length} failing requests against ${report.baseUrl}: ${count("passes now")} pass now, ${count("still fails")} still fail, ${count("could not be sent")} could not be sent`);
  return lines.join("\n");
}
