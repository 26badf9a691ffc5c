/** A request violation as Prism reports it: where (`["query", "limit"]`) and which keyword failed (`minimum`). */
export interface RequestViolation {
  path?: Array<string | number>;
  code?: string | number;
}

/**
 * Which of the spec's GetCustomers 400 examples matches the rule a request broke, so that static mode answers
 * `limit=0` with "Limit cannot be less than one" rather than the first example ("Invalid customer type."). The
 * first violation decides; `undefined` when no example fits (Prism's own choice then stands).
 */
export function badRequestExampleFor(violations: readonly RequestViolation[]): string | undefined {
  for (const violation of violations) {
    const [where, name] = violation.path ?? [];
    if (where !== "query") continue;
    if (name === "type") return "invalidType";
    if (name === "start") return "startBelowOne";
    if (name === "limit") return violation.code === "maximum" ? "limitAboveMaximum" : "limitBelowOne";
  }
  return undefined;
}
