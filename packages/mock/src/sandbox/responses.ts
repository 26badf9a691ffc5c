import type { ErrorMessage } from "@finicity-aggregation/types";

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function reasonPhrase(status: number): string {
  // Stryker disable next-line EqualityOperator: `> 500` differs only at 500, which REASONS names (`< 500` is killed by test/sandbox-api-answers.test.ts); see stryker-equivalent.md
  return REASONS[status] ?? (status >= 500 ? "Server Error" : "Client Error");
}

/**
 * One answer of the sandbox, before it becomes a web `Response` (createSandbox, createSandboxFetch) or is
 * written to a node:http response (the server). Header names are lower-case.
 */
export interface SandboxAnswer {
  status: number;
  headers: Record<string, string>;
  /** Text, or UTF-8 bytes. */
  body: string | Uint8Array;
  /** A truncate fault: send the headers and half the body, then fail. */
  truncate?: boolean;
}

/** A JSON answer whose body is already serialized. */
export function jsonTextAnswer(status: number, json: string | Uint8Array, headers: Record<string, string> = {}): SandboxAnswer {
  return { status, headers: { "content-type": "application/json", ...headers }, body: json };
}

export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): SandboxAnswer {
  return jsonTextAnswer(status, JSON.stringify(body), headers);
}

/** An error in the spec's `ErrorMessage` shape, code as a string of digits like the real API. */
export function errorAnswer(status: number, code: string, message: string, headers: Record<string, string> = {}): SandboxAnswer {
  const body: ErrorMessage = { code, message };
  return jsonAnswer(status, body, headers);
}

/** The body a gateway fault carries: the spec's 429/500/503 examples use a numeric code and repeat the status. */
export function gatewayErrorAnswer(status: number, headers: Record<string, string> = {}): SandboxAnswer {
  const body: ErrorMessage = { code: status, status: String(status), message: reasonPhrase(status) };
  return jsonAnswer(status, body, headers);
}

export function textAnswer(status: number, text: string): SandboxAnswer {
  return { status, headers: { "content-type": "text/plain" }, body: text };
}
