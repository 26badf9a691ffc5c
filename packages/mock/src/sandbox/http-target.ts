import { AUTHENTICATION_PATH, CUSTOMERS_PATH } from "./core.js";

/** Origin-form targets of printable ASCII without `#`: parsed as `new URL` would, without building one. */
// Stryker disable next-line Regex: dropping `*` or negating the class only keeps targets off the fast path (equivalent); dropping `^` is killed by the `#/top` test, but one comment covers all
const PLAIN_TARGET = /^\/[\x21\x22\x24-\x7e]*$/;
/** An absolute-form target (RFC 9112 §3.2.2), which HTTP/1.1 servers must accept. */
const ABSOLUTE_TARGET = /^[a-z][a-z0-9+.-]*:\/\//i;
/** Base for parsing origin-form targets; the Host header plays no part (it may be anything). */
const BASE = "http://sandbox.invalid";

export interface Target {
  path: string;
  query: URLSearchParams;
}

/**
 * The request target's path and query: origin-form (`/path?query`) or absolute-form (`http://host/path?query`).
 * `undefined` for anything else (`*`, a bare word) and for what URL parsing rejects: those are answered 400.
 */
export function parseTarget(target: string): Target | undefined {
  // Stryker disable next-line ConditionalExpression,BlockStatement: the fast path only saves building a URL: skipping it is equivalent (`true` is killed by the fragment test, but one comment covers both)
  if (PLAIN_TARGET.test(target)) {
    // Stryker disable next-line StringLiteral: equivalent, a wrong mark makes rawPath miss both paths, so the URL path answers the same
    const mark = target.indexOf("?");
    // Stryker disable next-line ConditionalExpression,MethodExpression: equivalent, as the line above
    const rawPath = mark === -1 ? target : target.slice(0, mark);
    // The two paths the sandbox serves are already in the form `new URL` would give; anything else goes through it.
    // Stryker disable next-line ConditionalExpression,LogicalOperator,BlockStatement: equivalent when the fast path is skipped (`true` is killed by the dot-segment test, but one comment covers both)
    if (rawPath === CUSTOMERS_PATH || rawPath === AUTHENTICATION_PATH) {
      return { path: rawPath, query: new URLSearchParams(mark === -1 ? "" : target.slice(mark + 1)) };
    }
  }
  if (!target.startsWith("/") && !ABSOLUTE_TARGET.test(target)) return undefined;
  // `//x` would be read as a host by the URL parser: keep an origin-form target a path.
  const text = target.startsWith("/") ? `${BASE}${target}` : target;
  if (!URL.canParse(text)) return undefined;
  const url = new URL(text);
  return { path: url.pathname, query: url.searchParams };
}

