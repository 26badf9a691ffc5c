import { requestUrl, type TestRequest } from "./http.js";

/** Headers that carry credentials: their values are always masked. */
const CREDENTIAL_HEADERS = new Set(["app-key", "finicity-app-key", "app-token", "finicity-app-token", "authorization"]);

/** Secrets shorter than this are masked only where they stand as a whole header value (masking "t" everywhere helps nobody). */
const MIN_MASKED_LENGTH = 4;

/** Replaces every occurrence of a secret with `***`: as it is, URL-encoded, or escaped inside a JSON string. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) {
    if (secret.length < MIN_MASKED_LENGTH) continue;
    for (const spelling of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) {
      masked = masked.split(spelling).join("***");
    }
  }
  return masked;
}

/** A copy of `value` with every string in it, at any depth and whatever the field, passed through `maskSecrets`. */
export function maskDeep<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === "string") return maskSecrets(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => maskDeep(item, secrets)) as T;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [maskSecrets(key, secrets), maskDeep(item, secrets)])) as T;
  }
  return value;
}

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** The request as a curl command that reproduces it, with secrets masked as `***`. */
export function toCurl(baseUrl: string, request: TestRequest, secrets: readonly string[]): string {
  const parts = ["curl", "-sS", "-i"];
  if (request.method !== "GET") parts.push("-X", request.method);
  for (const [name, value] of Object.entries(request.headers)) {
    const secret = CREDENTIAL_HEADERS.has(name.toLowerCase()) && secrets.includes(value);
    parts.push("-H", shellQuote(`${name}: ${secret ? "***" : value}`));
  }
  if (request.body !== undefined) parts.push("--data-raw", shellQuote(maskBody(request.body)));
  parts.push(shellQuote(requestUrl(baseUrl, request)));
  return maskSecrets(parts.join(" "), secrets);
}

/** A JSON body's `partnerSecret` is always masked, whatever its length. */
function maskBody(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === "object" && parsed !== null && "partnerSecret" in parsed) {
      return JSON.stringify({ ...parsed, partnerSecret: "***" });
    }
  } catch {
    // not JSON: masked by value below
  }
  return body;
}
