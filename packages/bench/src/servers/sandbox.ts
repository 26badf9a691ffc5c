import { startMock } from "@finicity-aggregation/mock";
import { APP_KEY } from "../fixtures.js";

/** What the bench needs from `startMock({ mode: "sandbox" })` (issue 5); checked at run time. */
interface RunningSandboxMock {
  url: string;
  directUrl?: string;
  close(): Promise<void>;
  sandbox?: { issueToken?: () => unknown };
}

export interface SandboxInfo {
  /** Prism's validating proxy in front of the sandbox. */
  url: string;
  /** The sandbox itself. */
  directUrl: string;
  /** A token the sandbox accepts. */
  token: string;
}

/**
 * The sandbox knows the bench's credentials and refuses every other (its default since it stopped accepting any).
 * `requireAppKey` is kept for callers; the app key is always required now.
 */
export async function startSandbox(
  customers: number,
  seed: string,
  requireAppKey = false,
): Promise<{ info: SandboxInfo; close(): Promise<void> }> {
  void requireAppKey;
  const credentials = { appKey: APP_KEY, partnerId: "bench-partner", partnerSecret: "bench-secret" };
  const options = { mode: "sandbox", port: 0, customers, seed, credentials };
  const mock = (await startMock(options as unknown as Parameters<typeof startMock>[0])) as unknown as RunningSandboxMock;
  if (typeof mock.directUrl !== "string") {
    await mock.close();
    throw new Error('startMock({ mode: "sandbox" }) returned no directUrl');
  }
  const directUrl = mock.directUrl;
  const token = await tokenFor(mock, directUrl);
  return { info: { url: mock.url, directUrl, token }, close: () => mock.close() };
}

async function tokenFor(mock: RunningSandboxMock, directUrl: string): Promise<string> {
  if (typeof mock.sandbox?.issueToken === "function") {
    const issued = await mock.sandbox.issueToken();
    if (typeof issued === "string") return issued;
    if (issued && typeof (issued as { token?: unknown }).token === "string") return (issued as { token: string }).token;
  }
  const res = await fetch(`${directUrl}/aggregation/v2/partners/authentication`, {
    method: "POST",
    headers: { "App-Key": APP_KEY, "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ partnerId: "bench-partner", partnerSecret: "bench-secret" }),
  });
  const body = (await res.json().catch(() => undefined)) as { token?: unknown } | undefined;
  if (!res.ok || typeof body?.token !== "string") throw new Error(`the sandbox issued no token (HTTP ${res.status})`);
  return body.token;
}
