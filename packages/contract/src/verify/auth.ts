import type { CheckName } from "./checks.js";
import { UnreachableError, TokenError } from "./errors.js";
import type { Exchange, HttpRunner, TestRequest } from "./http.js";
import type { Region, ResolvedOptions } from "./options.js";
import type { SpecModel } from "./spec.js";
import { parseJson } from "./conformance.js";
import { isObject } from "./spec.js";

/** Header names per region: AU sends `App-Key`, the US `Finicity-App-Key`; both send `Finicity-App-Token`. */
export function headerNames(region: Region): { appKey: string; appToken: string } {
  return region === "us"
    ? { appKey: "Finicity-App-Key", appToken: "Finicity-App-Token" }
    : { appKey: "App-Key", appToken: "Finicity-App-Token" };
}

/**
 * Gets the access token: the one given, or one CreateToken call with the partner credentials given. Never
 * retried and never sent with altered credentials: five failed authentications lock a partner account.
 * Returns the exchange too, so its response can be checked against the spec.
 */
export async function obtainToken(
  runner: HttpRunner,
  spec: SpecModel,
  options: ResolvedOptions,
): Promise<{ token: string; exchange?: Exchange }> {
  if (options.credentials.kind === "token") return { token: options.credentials.appToken };
  const names = headerNames(options.region);
  const request: TestRequest = {
    method: "POST",
    path: spec.createToken.path,
    query: [],
    headers: { [names.appKey]: options.appKey, "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ partnerId: options.credentials.partnerId, partnerSecret: options.credentials.partnerSecret }),
  };
  const exchange = await runner.send(request);
  if (!exchange.response) throw new UnreachableError(`${options.baseUrl} could not be reached: ${exchange.error ?? "no response"}`);
  const { status, text } = exchange.response;
  const parsed = parseJson(text);
  const token = parsed.ok && isObject(parsed.value) && typeof parsed.value.token === "string" ? parsed.value.token : undefined;
  if (status !== 200 || !token) {
    // The server's code is shown (masked and escaped by verify()), cut short: it is the server's text, not ours.
    const code = parsed.ok && isObject(parsed.value) ? ` (code ${String(parsed.value.code).slice(0, 80)})` : "";
    throw new TokenError(
      `CreateToken answered ${status}${code}${status === 200 ? " without a token" : ""}; not retried, because five failed ` +
        "authentications lock the partner account. Check the app key, partner ID and partner secret.",
    );
  }
  return { token, exchange };
}

export interface AuthProbe {
  check: CheckName;
  label: string;
  headers: Record<string, string>;
}

/** The three auth probes, all on Get Customers (never on CreateToken). Made-up values only, no real secret altered. */
export function authProbes(region: Region, appKey: string, token: string, seed: number): AuthProbe[] {
  const names = headerNames(region);
  return [
    { check: "missing-credentials-rejected", label: "auth probe: no app key, no token", headers: { Accept: "application/json" } },
    {
      check: "unknown-app-key-rejected",
      label: "auth probe: unknown app key",
      headers: { Accept: "application/json", [names.appKey]: `finicity-contract-unknown-key-${seed}`, [names.appToken]: token },
    },
    {
      check: "unknown-token-rejected",
      label: "auth probe: unknown token",
      headers: { Accept: "application/json", [names.appKey]: appKey, [names.appToken]: `finicity-contract-unknown-token-${seed}` },
    },
  ];
}
