import { beforeAll, describe, expect, it } from "vitest";
import type { ErrorMessage } from "@finicity-aggregation/types";
import { explain, getCustomers, openSandbox, startSandbox } from "./helpers.js";
import { createSandbox, DEMO_CREDENTIALS, type RunningSandbox } from "../src/index.js";

let mock: RunningSandbox;
let token: string;
beforeAll(async () => {
  mock = await startSandbox({ customers: 30 });
  token = mock.sandbox.issueToken();
});

describe("sandbox query errors (through the validating proxy)", () => {
  const cases: Array<[string, string]> = [
    ["type=bogus", "14016"],
    ["type=ACTIVE", "14016"],
    ["start=0", "41003"],
    ["start=-5", "41003"],
    ["start=abc", "41003"],
    ["start=1.5", "41003"],
    ["limit=0", "41004"],
    ["limit=-1", "41004"],
    ["limit=ten", "41004"],
    ["limit=1001", "14020"],
  ];
  for (const [query, code] of cases) {
    it(`${query} → 400 ${code}`, async () => {
      const answer = await getCustomers<ErrorMessage>(mock.url, { "App-Key": "demo-app-key", "Finicity-App-Token": token }, query);
      expect(answer.status, explain(answer)).toBe(400);
      expect(answer.violations).toBeNull();
      expect(answer.body.code).toBe(code);
      expect(answer.body.message).toEqual(expect.any(String));
    });
  }

  it("gives the documented messages", async () => {
    const message = async (query: string) =>
      (await getCustomers<ErrorMessage>(mock.url, { "App-Key": "demo-app-key", "Finicity-App-Token": token }, query)).body.message;
    expect(await message("type=x")).toBe("Invalid customer type.");
    expect(await message("start=0")).toBe("Start index cannot be less than one");
    expect(await message("limit=0")).toBe("Limit cannot be less than one");
  });

  it("answers the Postman default request (empty filters) but rejects an empty start or limit, as the spec says", async () => {
    const headers = { "App-Key": "demo-app-key", "Finicity-App-Token": token };
    const postman = await getCustomers(mock.url, headers, "username=&type=&search=&start=1&limit=25");
    expect(postman.status, explain(postman)).toBe(200);
    expect(postman.body.displaying).toBe(25);
    for (const [query, code] of [["start=", "41003"], ["limit=", "41004"], ["start=&limit=", "41003"], ["start=2147483648", "41003"]] as const) {
      const answer = await getCustomers<ErrorMessage>(mock.url, headers, query);
      expect(answer.status, `${query}: ${explain(answer)}`).toBe(400);
      expect(answer.violations).toBeNull();
      expect(answer.body.code).toBe(code);
    }
    const largest = await getCustomers(mock.url, headers, "start=2147483647");
    expect(largest.status, explain(largest)).toBe(200);
  });
});

describe("sandbox authentication (through the validating proxy)", () => {
  const cases: Array<[string, () => Record<string, string>, string]> = [
    ["no app key", () => ({ "Finicity-App-Token": token }), "10026"],
    ["no app key and no token", () => ({}), "10026"],
    ["no token", () => ({ "App-Key": "demo-app-key" }), "10024"],
    ["an empty token", () => ({ "App-Key": "demo-app-key", "Finicity-App-Token": "" }), "10024"],
    ["an unknown token", () => ({ "App-Key": "demo-app-key", "Finicity-App-Token": "not-a-real-token" }), "10022"],
  ];
  for (const [what, headers, code] of cases) {
    it(`answers ${what} with 401 ${code}`, async () => {
      const answer = await getCustomers<ErrorMessage>(mock.url, headers());
      expect(answer.status, explain(answer)).toBe(401);
      expect(answer.violations).toBeNull();
      expect(answer.body.code).toBe(code);
    });
  }

  it("accepts the app key as App-Key or Finicity-App-Key", async () => {
    for (const name of ["App-Key", "Finicity-App-Key"]) {
      const answer = await getCustomers(mock.url, { [name]: "demo-app-key", "Finicity-App-Token": token });
      expect(answer.status, `${name}: ${explain(answer)}`).toBe(200);
    }
  });

  it("issues a token for the demo credentials (DEMO_CREDENTIALS), and it works", async () => {
    expect(DEMO_CREDENTIALS).toEqual({ appKey: "demo-app-key", partnerId: "demo-partner", partnerSecret: "demo-secret" });
    const response = await fetch(`${mock.url}/aggregation/v2/partners/authentication`, {
      method: "POST",
      headers: { "App-Key": DEMO_CREDENTIALS.appKey, "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ partnerId: DEMO_CREDENTIALS.partnerId, partnerSecret: DEMO_CREDENTIALS.partnerSecret }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    const { token: fresh } = (await response.json()) as { token: string };
    expect(fresh).toMatch(/^[A-Za-z0-9]{20}$/);
    const answer = await getCustomers(mock.url, { "App-Key": DEMO_CREDENTIALS.appKey, "Finicity-App-Token": fresh });
    expect(answer.status, explain(answer)).toBe(200);
  });

  it("by default refuses every other app key, partner ID and secret as the real API does", async () => {
    const authenticate = (appKey: string, partnerId: string, partnerSecret: string) =>
      fetch(`${mock.url}/aggregation/v2/partners/authentication`, {
        method: "POST",
        headers: { "App-Key": appKey, "Content-Type": "application/json" },
        body: JSON.stringify({ partnerId, partnerSecret }),
      });
    const wrongKey = await authenticate("any-app-key", DEMO_CREDENTIALS.partnerId, DEMO_CREDENTIALS.partnerSecret);
    expect(wrongKey.status).toBe(401);
    expect(await wrongKey.text()).toBe("Invalid (Finicity-App-Key)");
    for (const [id, secret] of [["any-partner", DEMO_CREDENTIALS.partnerSecret], [DEMO_CREDENTIALS.partnerId, "wrong-secret"]] as const) {
      const refused = await authenticate(DEMO_CREDENTIALS.appKey, id, secret);
      expect(refused.status, `${id}`).toBe(401);
      expect(await refused.json()).toMatchObject({ code: "24302" });
    }
    const answer = await getCustomers(mock.url, { "App-Key": "any-app-key", "Finicity-App-Token": token });
    expect(answer.status, explain(answer)).toBe(401);
    expect(answer.body).toBe("Invalid (Finicity-App-Key)");
  });

  it("accepts any non-empty credentials only with acceptAnyCredentials, still checking those configured", async () => {
    const open = await openSandbox({ customers: 2, acceptAnyCredentials: true });
    const half = await openSandbox({ customers: 2, acceptAnyCredentials: true, credentials: { partnerSecret: "only-this" } });
    try {
      const authenticate = (url: string, appKey: string, partnerSecret: string) =>
        fetch(`${url}/aggregation/v2/partners/authentication`, {
          method: "POST",
          headers: { "App-Key": appKey, "Content-Type": "application/json" },
          body: JSON.stringify({ partnerId: "anyone", partnerSecret }),
        });
      const anyone = await authenticate(open.url, "any-key", "any-secret");
      expect(anyone.status).toBe(200);
      const { token: issued } = (await anyone.json()) as { token: string };
      expect((await getCustomers(open.url, { "App-Key": "another-key", "Finicity-App-Token": issued })).status).toBe(200);
      expect((await authenticate(half.url, "any-key", "only-this")).status).toBe(200);
      expect((await authenticate(half.url, "any-key", "not-this")).status).toBe(401);
    } finally {
      await Promise.all([open.close(), half.close()]);
    }
    expect(() => createSandbox({ acceptAnyCredentials: "yes" as unknown as boolean })).toThrow(/^acceptAnyCredentials must be true or false/);
  });

  it("rejects a token request without an app key (10026) or with missing fields (400 10005)", async () => {
    const post = (headers: Record<string, string>, body: string) =>
      fetch(`${mock.url}/aggregation/v2/partners/authentication`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body });
    const noKey = await post({}, JSON.stringify({ partnerId: "demo-partner", partnerSecret: "demo-secret" }));
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ code: "10026" });
    const missing = await post({ "App-Key": "demo-app-key" }, JSON.stringify({ partnerId: "demo-partner", partnerSecret: "" }));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: "10005" });
    const notJson = await post({ "App-Key": "demo-app-key" }, "partnerId=p");
    expect(notJson.status).toBe(400);
    expect(notJson.headers.get("sl-violations")).toBeNull();
  });
});

describe("sandbox with required credentials", () => {
  let strict: RunningSandbox;
  beforeAll(async () => {
    strict = await startSandbox({ customers: 5, credentials: { appKey: "right-key", partnerId: "partner-1", partnerSecret: "s3cret" } });
  });
  const authenticate = (appKey: string, partnerId: string, partnerSecret: string) =>
    fetch(`${strict.url}/aggregation/v2/partners/authentication`, {
      method: "POST",
      headers: { "App-Key": appKey, "Content-Type": "application/json" },
      body: JSON.stringify({ partnerId, partnerSecret }),
    });

  it("issues tokens only for the configured partner ID and secret (else 401 24302)", async () => {
    expect((await authenticate("right-key", "partner-1", "s3cret")).status).toBe(200);
    for (const [id, secret] of [["partner-1", "wrong"], ["partner-2", "s3cret"]] as const) {
      const response = await authenticate("right-key", id, secret);
      expect(response.status).toBe(401);
      expect(response.headers.get("sl-violations")).toBeNull();
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ code: "24302" });
      expect(text).not.toContain("s3cret");
    }
  });

  it("rejects another app key with the gateway's text/plain 401", async () => {
    const response = await authenticate("wrong-key", "partner-1", "s3cret");
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe("Invalid (Finicity-App-Key)");
    const answer = await getCustomers(strict.url, { "App-Key": "wrong-key", "Finicity-App-Token": strict.sandbox.issueToken() });
    expect(answer.status, explain(answer)).toBe(401);
    expect(answer.violations).toBeNull();
    expect(answer.body).toBe("Invalid (Finicity-App-Key)");
  });
});

describe("token expiry", () => {
  let clock = Date.parse("2026-01-01T00:00:00Z");
  let expiring: RunningSandbox;
  beforeAll(async () => {
    expiring = await startSandbox({ customers: 3, tokenTtlMs: 60_000, now: () => clock });
  });

  it("accepts a token until its lifetime is over, then answers 401 10023", async () => {
    const headers = { "App-Key": "demo-app-key", "Finicity-App-Token": expiring.sandbox.issueToken() };
    clock += 59_999;
    expect((await getCustomers(expiring.url, headers)).status).toBe(200);
    clock += 1;
    const expired = await getCustomers<ErrorMessage>(expiring.url, headers);
    expect(expired.status, explain(expired)).toBe(401);
    expect(expired.violations).toBeNull();
    expect(expired.body.code).toBe("10023");
  });

  it("defaults to 90 minutes", async () => {
    let now = 0;
    const { createSandboxFetch } = await import("../src/index.js");
    const sandboxFetch = createSandboxFetch({ customers: 1, now: () => now });
    const headers = { "App-Key": "demo-app-key", "Finicity-App-Token": sandboxFetch.sandbox.issueToken() };
    now = 90 * 60 * 1000 - 1;
    expect((await sandboxFetch("http://sandbox.test/aggregation/v1/customers", { headers })).status).toBe(200);
    now += 1;
    const response = await sandboxFetch("http://sandbox.test/aggregation/v1/customers", { headers });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: "10023" });
  });
});
