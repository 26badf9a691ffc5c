import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConnectionError, FinicityApiError, createCustomersClient, type CustomersClientOptions } from "../src/index.js";

// Every error the client throws, on every path that produces one, must hold no secret anywhere: app key,
// static token, partner secret, and every token the client obtained (CreateToken, an appToken function).
// A hostile server echoes every credential it received into every place of its answer.

/** Secrets as a hostile partner might have them: JSON-escaped characters (`"`, `\`, tab) included. */
const secretArb = fc.string({ unit: fc.constantFrom(..."ab9Z\"\\\t{}:,[]"), minLength: 6, maxLength: 24 }).map((s) => `S${s}`);

interface Seen {
  appKey: string;
  token: string;
  partnerSecret: string;
}
type Answer = (seen: Seen, isToken: boolean) => Response;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
/** An ErrorMessage-like body with every credential in every field, in a key, nested, and in X-Request-Id. */
const echo = (status: number, s: Seen) =>
  json(status, { code: s.appKey, message: `key ${s.appKey} token ${s.token} secret ${s.partnerSecret}`, [s.token]: [s.partnerSecret, { k: s.appKey }] }, { "X-Request-Id": `${s.token}|${s.appKey}` });

/** The answer with `Retry-After: 0`, so a retry follows at once (no backoff wait). */
const retryAtOnce = (response: Response) => (response.headers.set("Retry-After", "0"), response);

/** `noToken`: CreateToken fails, so the client never had the "token" the server echoes. `retries`: 1. */
const SCENARIOS: Record<string, { credentials: "static" | "function" | "partner"; answer: Answer; validate?: boolean; noToken?: boolean; retries?: number; throws?: typeof ConnectionError }> = {
  "400 echo (static token)": { credentials: "static", answer: (s) => echo(400, s) },
  "401 echo (token obtained by CreateToken)": { credentials: "partner", answer: (s, isToken) => (isToken ? json(200, { token: s.token }) : echo(401, s)) },
  "403 echo (token from an appToken function)": { credentials: "function", answer: (s) => echo(403, s) },
  "500 text/plain echo": {
    credentials: "partner",
    answer: (s, isToken) => (isToken ? json(200, { token: s.token }) : new Response(`boom ${s.appKey} ${s.token} ${JSON.stringify(s)}`, { status: 500, headers: { "Content-Type": "text/plain", "X-Request-Id": s.token } })),
  },
  "long text body cut around a secret": {
    credentials: "function",
    answer: (s) => new Response(`${"x".repeat(4090)}${s.token}${s.appKey}${"y".repeat(9000)}`, { status: 502, headers: { "Content-Type": "text/plain" } }),
  },
  "CreateToken 400 echoing the partner secret": { credentials: "partner", noToken: true, answer: (s, isToken) => (isToken ? echo(400, s) : json(200, {})) },
  "CreateToken 500 echo, retried": { credentials: "partner", noToken: true, retries: 1, answer: (s) => retryAtOnce(echo(503, s)) },
  "GetCustomers 500 JSON echo, retried, token obtained": { credentials: "partner", retries: 1, answer: (s, isToken) => (isToken ? json(200, { token: s.token }) : retryAtOnce(echo(500, s))) },
  "response validation error (200 breaking the spec)": {
    credentials: "partner",
    validate: true,
    answer: (s, isToken) =>
      isToken ? json(200, { token: s.token }) : json(200, { found: s.appKey, displaying: 1, moreAvailable: false, customers: [{ id: s.token, [s.partnerSecret]: 1 }] }),
  },
  "connection error whose cause chain carries secrets": {
    credentials: "function",
    throws: ConnectionError,
    answer: (s) => {
      throw new TypeError(`fetch failed ${s.token}`, { cause: Object.assign(new Error(`connect ${s.appKey}`), { code: "ECONNREFUSED", detail: s.token }) });
    },
  },
};

/** Every view of an error a user could print or send on. */
function views(error: unknown): string[] {
  const out = [String(error), JSON.stringify(error), inspect(error, { depth: 10 }), inspect(error, { depth: 10, showHidden: true })];
  for (let e = error as { cause?: unknown } | undefined, depth = 0; e && depth < 10; e = e.cause as typeof e, depth++) {
    if (e instanceof Error) out.push(e.message, e.stack ?? "");
    for (const key of Object.getOwnPropertyNames(e)) out.push(`${key}=${JSON.stringify((e as Record<string, unknown>)[key]) ?? String((e as Record<string, unknown>)[key])}`);
  }
  return out;
}

describe("no secret in any error, whatever the server echoes", () => {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    it(name, async () => {
      await fc.assert(
        fc.asyncProperty(secretArb, secretArb, secretArb, async (appKey, token, partnerSecret) => {
          fc.pre(new Set([appKey, token, partnerSecret]).size === 3);
          const seen: Seen = { appKey, token, partnerSecret };
          const fetch = (async (input: Request, init?: RequestInit) => {
            const request = new Request(input, init);
            return scenario.answer(seen, request.url.includes("/partners/authentication"));
          }) as typeof globalThis.fetch;
          const options: CustomersClientOptions = { baseUrl: "https://api.example.com", appKey, fetch, maxRetries: scenario.retries ?? 0, validateResponses: scenario.validate, logLevel: "off" };
          if (scenario.credentials === "static") options.appToken = token;
          else if (scenario.credentials === "function") options.appToken = async () => token;
          else Object.assign(options, { partnerId: "p1", partnerSecret });
          const error = await createCustomersClient(options).getCustomers().catch((e: unknown) => e);
          // An answer from the (hostile) server, never a refusal of the options before any call.
          expect(error).toBeInstanceOf(scenario.throws ?? FinicityApiError);
          // The secrets this client had: the server echoes all three, but a client without partner credentials
          // never had the partner secret, and one whose CreateToken failed never had a token.
          const secrets = [appKey];
          if (scenario.credentials === "partner") secrets.push(partnerSecret);
          if (!scenario.noToken) secrets.push(token);
          const forms = secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]);
          const leaked = views(error).filter((text) => forms.some((s) => text.includes(s)));
          expect(leaked, `${(error as Error).name}: secret shown in ${leaked[0]}`).toEqual([]);
        }),
        { numRuns: 15 },
      );
    }, 60_000);
  }
});
