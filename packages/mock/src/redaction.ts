/**
 * Redaction of credentials in what the mock logs and records. A header, field or query parameter is secret when
 * its name suggests a credential: authorization, proxy-authorization, cookie, or any name containing key, token,
 * secret or password (App-Key, Finicity-App-Token, partnerSecret, set-cookie, x-api-key...).
 */
const SECRET_NAME = /authorization|cookie|key|token|secret|password/i;

export const REDACTED = "[redacted]";

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** `name: value` (a header line as Prism logs it), at a line start or after a tab. */
const HEADER_LINE = /(^|[\t\n])([!#$%&'*+.^_`|~0-9A-Za-z-]+): ([^\r\n]*)/g;
/** `"name": "value"` inside JSON text (a body as Prism logs it); the value may hold escaped quotes. */
const JSON_PAIR = /("((?:[^"\\]|\\.)*)"\s*:\s*)"(?:[^"\\]|\\.)*"/g;
/** `name=value` in a query string or form body. */
const QUERY_PAIR = /(^|[?&\s])([^=&?\s"]+)=([^&\s"]*)/g;

/** Masks the values of secret-named headers, JSON fields and query parameters in free text, and every literal `secrets` value. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text
    .replace(HEADER_LINE, (match, lead: string, name: string) => (isSecretName(name) ? `${lead}${name}: ${REDACTED}` : match))
    .replace(JSON_PAIR, (match, head: string, name: string) => (isSecretName(name) ? `${head}"${REDACTED}"` : match))
    .replace(QUERY_PAIR, (match, lead: string, name: string) => (isSecretName(name) ? `${lead}${name}=${REDACTED}` : match));
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  return out;
}

/** A copy of `value` with every secret-named field masked and every string passed through `redactText`. */
export function redactValue(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (typeof value !== "object" || value === null) return value;
  if (depth > 32) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    out[name] = isSecretName(name) && item !== null && item !== undefined ? REDACTED : redactValue(item, secrets, depth + 1);
  }
  return out;
}

/** One log line (pino's JSON, or text) with its secrets masked, whatever the level. */
export function redactLogLine(line: string, secrets: readonly string[] = []): string {
  const trimmed = line.trimEnd();
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (typeof parsed === "object" && parsed !== null) return `${JSON.stringify(redactValue(parsed, secrets))}\n`;
  } catch {
    // Not JSON: redact it as text.
  }
  return `${redactText(trimmed, secrets)}\n`;
}
