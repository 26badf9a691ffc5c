/**
 * The fetch orval's generated client calls when configured with `override.mutator` (orval.config.mjs): the
 * workaround for orval's known limitation with GetCustomers (README). orval 8.38 picks its parser from the
 * responses written inline in an operation and ignores those given by `$ref`, so GetCustomers' documented
 * `text/plain` 401 (`Invalid (Finicity-App-Key)`) goes to `JSON.parse` and throws `SyntaxError`. This parses
 * by the Content-Type the server actually sent, and prefixes the base URL.
 */
let baseUrl = "";

/** The origin (and optional path prefix) every generated call is sent to, e.g. `http://127.0.0.1:4010`. */
export function setOrvalBaseUrl(url: string): void {
  baseUrl = url.replace(/\/+$/, "");
}

/** orval's mutator contract: resolve to `{ data, status, headers }`, the shape of the generated response types. */
export async function orvalFetch<T>(url: string, init: RequestInit): Promise<T> {
  const response = await fetch(`${baseUrl}${url}`, init);
  const text = [204, 205, 304].includes(response.status) ? "" : await response.text();
  const type = (response.headers.get("content-type") ?? "").toLowerCase();
  const data: unknown = text === "" ? undefined : /[/+]json\b/.test(type) ? JSON.parse(text) : text;
  return { data, status: response.status, headers: response.headers } as T;
}
