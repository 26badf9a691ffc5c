const REDACTED = "[redacted]";

/** A string as it appears inside a JSON string: `"`, `\\` and control characters escaped. */
export const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1);

/**
 * One client's secrets (app key, static token, partner secret, and every token it obtains) and how to take them
 * out of what it throws. Each secret is held raw and JSON-escaped (a `"` or `\` in it is escaped inside a
 * JSON body). Secrets shorter than 3 characters are not redacted (they would blank out ordinary text).
 */
export function redactor() {
  const secrets = new Set<string>();

  /** Registers a secret (a token as soon as the client receives it). */
  const add = (secret: unknown) => {
    if (typeof secret === "string" && secret.length > 2) secrets.add(secret).add(jsonEscaped(secret));
  };

  const text = (value: string) => {
    for (const secret of secrets) value = value.split(secret).join(REDACTED);
    return value;
  };

  /** The value with every secret replaced by `[redacted]`: a string, or any JSON-able value (a parsed body). */
  const redact = (value: unknown): unknown => {
    if (typeof value === "string") return text(value);
    try {
      const json = JSON.stringify(value);
      if (json === undefined) return value;
      const clean = text(json);
      // Stryker disable next-line ConditionalExpression: equivalent, an equal copy of a parsed JSON body instead of the body itself
      return clean === json ? value : JSON.parse(clean);
    } catch {
      return REDACTED; // not JSON-able, or a secret that spans the JSON's structure
    }
  };

  /** Redacts an error in place: message, stack, every own field, and the same down its `cause` chain. */
  const scrub = (error: unknown, depth = 0): unknown => {
    // Stryker disable next-line EqualityOperator: not worth a test, it would assert that a secret 10 causes deep stays (stryker-equivalent.md)
    if (error instanceof Error && depth < 9) {
      for (const key of ["message", "stack", ...Object.keys(error)]) {
        const value = (error as unknown as Record<string, unknown>)[key];
        const clean = redact(value);
        // defineProperty: also works where `message` is an inherited accessor (DOMException).
        if (clean !== value) Object.defineProperty(error, key, { value: clean });
      }
      scrub(error.cause, depth + 1);
    }
    return error;
  };

  return { add, redact, scrub };
}
