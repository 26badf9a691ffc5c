import { validateControlAccess, type ControlApiAccess } from "./control-routes.js";

/** True for addresses only this machine can reach: `localhost`, 127.0.0.0/8 and `::1`. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare) || /^::ffff:127\./.test(bare);
}

/**
 * Safe by default: with a token, the control API needs it; without one, it is served only on a loopback
 * address (anyone who can reach another address could otherwise reset or fault the sandbox) and is off elsewhere.
 */
export function controlAccessFor(host: string, token: string | undefined): ControlApiAccess {
  if (token !== undefined) return validateControlAccess({ token });
  return isLoopbackHost(host);
}

/** The line `finicity-mock` prints at start about the control API (never the token itself). */
export function describeControlApi(controlUrl: string | undefined, hasToken: boolean, host: string): string {
  if (controlUrl === undefined) {
    return `Control API (/__sandbox/) is off: ${host} is not a loopback address; set --control-token or FINICITY_MOCK_CONTROL_TOKEN to turn it on.`;
  }
  return hasToken
    ? `Control API on ${controlUrl}/ (send Authorization: Bearer <your control token>)`
    : `Control API on ${controlUrl}/ (loopback only, no token), e.g. curl -X POST '${controlUrl}/reset'`;
}
