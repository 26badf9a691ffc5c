// validateOptions as createSandboxFetch meets it: the demo credentials are the only ones known by default (a
// wrong app key or partner secret is refused), `credentials` must be an object, and faults.first may count 0.
import { describe, expect, it } from "vitest";
import { createSandboxFetch, DEMO_CREDENTIALS } from "../src/index.js";

const BASE = "http://sandbox.test";

async function answer(response: Response) {
  return { status: response.status, contentType: response.headers.get("content-type"), body: await response.text() };
}

describe("default credentials", () => {
  it("refuses another app key with the gateway's plain-text 401", async () => {
    const sandboxFetch = createSandboxFetch({ customers: 1 });
    const token = sandboxFetch.sandbox.issueToken();
    const response = await sandboxFetch(`${BASE}/aggregation/v1/customers`, { headers: { "App-Key": "another-app-key", "Finicity-App-Token": token } });
    expect(await answer(response)).toEqual({ status: 401, contentType: "text/plain", body: "Invalid (Finicity-App-Key)" });
  });

  it("issues a token for the demo partner only", async () => {
    const sandboxFetch = createSandboxFetch({ customers: 1 });
    const authenticate = (partnerId: string, partnerSecret: string) =>
      sandboxFetch(`${BASE}/aggregation/v2/partners/authentication`, {
        method: "POST",
        headers: { "App-Key": DEMO_CREDENTIALS.appKey, "Content-Type": "application/json" },
        body: JSON.stringify({ partnerId, partnerSecret }),
      });
    const refused = { status: 401, contentType: "application/json", body: JSON.stringify({ code: "24302", message: "Invalid credentials" }) };
    expect(await answer(await authenticate(DEMO_CREDENTIALS.partnerId, "another-secret"))).toEqual(refused);
    expect(await answer(await authenticate("another-partner", DEMO_CREDENTIALS.partnerSecret))).toEqual(refused);
    expect((await authenticate(DEMO_CREDENTIALS.partnerId, DEMO_CREDENTIALS.partnerSecret)).status).toBe(200);
  });

  it("keeps the demo values for the credentials not given", async () => {
    const sandboxFetch = createSandboxFetch({ customers: 1, credentials: { partnerSecret: "my-own-secret" } });
    const token = sandboxFetch.sandbox.issueToken();
    const response = await sandboxFetch(`${BASE}/aggregation/v1/customers`, { headers: { "App-Key": "another-app-key", "Finicity-App-Token": token } });
    expect(response.status).toBe(401);
  });
});

describe("option rules", () => {
  it.each([null, "demo-app-key", 5])("credentials: %s is refused", (credentials) => {
    let caught: unknown;
    try {
      createSandboxFetch({ credentials: credentials as never });
    } catch (error) {
      caught = error;
    }
    const { name, message, field } = caught as { name: string; message: string; field: string };
    expect({ name, message, field }).toEqual({ name: "SandboxInputError", message: "credentials must be an object", field: "credentials" });
  });

  it("faults.first may count 0: no request is faulted", async () => {
    const sandboxFetch = createSandboxFetch({ customers: 1, faults: { first: { count: 0, fault: { status: 503 } } } });
    const token = sandboxFetch.sandbox.issueToken();
    const response = await sandboxFetch(`${BASE}/aggregation/v1/customers`, { headers: { "App-Key": DEMO_CREDENTIALS.appKey, "Finicity-App-Token": token } });
    expect(response.status).toBe(200);
  });
});
