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
  return REASONS[status] ?? (status >= 500 ? "Server Error" : "Client Error");
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** An error in the spec's `ErrorMessage` shape, code as a string of digits like the real API. */
export function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  const body: ErrorMessage = { code, message };
  return jsonResponse(status, body, headers);
}

/** The body a gateway fault carries: the spec's 429/500/503 examples use a numeric code and repeat the status. */
export function gatewayErrorResponse(status: number, headers: Record<string, string> = {}): Response {
  const body: ErrorMessage = { code: status, status: String(status), message: reasonPhrase(status) };
  return jsonResponse(status, body, headers);
}

export function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { "content-type": "text/plain" } });
}
