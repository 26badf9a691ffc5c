import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Customers } from "@finicity-aggregation/types";
import { startMock, specPath, type RunningMock } from "../src/index.js";
import { startPrismServer } from "../src/prism.js";
import { FIRST_NAMES, LAST_NAMES } from "../src/sandbox/au-data.js";

const auth = { "App-Key": "k", "Finicity-App-Token": "t", Accept: "application/json" };
const running: RunningMock[] = [];
afterAll(() => Promise.all(running.map((m) => m.close())));

let dynamic: RunningMock;
let checker: RunningMock;
beforeAll(async () => {
  dynamic = await startMock({ mode: "dynamic", seed: "dyn" });
  running.push(dynamic);
  // A proxy with the *published* spec (no overlay) in front of the dynamic mock: any violation becomes a 500.
  checker = await startPrismServer({
    spec: specPath(),
    host: "127.0.0.1",
    port: 0,
    logLevel: "silent",
    cors: false,
    config: {
      isProxy: true,
      upstream: new URL(dynamic.url),
      upstreamProxy: undefined,
      validateRequest: false,
      checkSecurity: false,
      validateResponse: true,
      errors: true,
      mock: { dynamic: false },
    },
  });
  running.push(checker);
});

async function get(url: string, path = "/aggregation/v1/customers", headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${path}`, { headers: { ...auth, ...headers } });
  const text = await response.text();
  return { status: response.status, violations: response.headers.get("sl-violations"), text, body: JSON.parse(text) as unknown };
}

describe("dynamic Prism mock", () => {
  it("generates realistic customers from the overlay", async () => {
    const answer = await get(dynamic.url);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.violations).toBeNull();
    const body = answer.body as Customers;
    expect(body.customers.length).toBeGreaterThanOrEqual(1);
    expect(body.customers.length).toBeLessThanOrEqual(5);
    for (const customer of body.customers) {
      expect(Object.keys(customer).sort()).toEqual(
        ["addressLine1", "city", "country", "createdDate", "email", "firstName", "id", "lastModifiedDate", "lastName", "phone", "postalCode", "state", "type", "username"],
      );
      expect(FIRST_NAMES).toContain(customer.firstName);
      expect(LAST_NAMES).toContain(customer.lastName);
      expect(customer.phone).toMatch(/^61-[2378]-[0-9]{4}-[0-9]{4}$/);
      expect(customer.createdDate).toMatch(/^1[67][0-9]{8}$/);
      expect(customer.country).toBe("AU");
    }
  });

  it("validates against the published spec, for every declared status", async () => {
    const failures: string[] = [];
    const statuses = ["200", "400", "401", "404", "429", "500", "503"];
    for (let i = 0; i < 5; i++) {
      for (const code of statuses) {
        const answer = await get(checker.url, "/aggregation/v1/customers", { Prefer: `code=${code}` });
        if (String(answer.status) !== code || answer.violations) failures.push(`${code}: ${answer.status} ${answer.violations} ${answer.text.slice(0, 300)}`);
      }
    }
    const token = await fetch(`${checker.url}/aggregation/v2/partners/authentication`, {
      method: "POST",
      headers: { "App-Key": "k", "Content-Type": "application/json" },
      body: JSON.stringify({ partnerId: "p", partnerSecret: "s" }),
    });
    const tokenText = await token.text();
    if (token.status !== 200 || token.headers.get("sl-violations")) failures.push(`token: ${token.status} ${tokenText}`);
    expect(JSON.parse(tokenText).token).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(failures, failures.join("\n")).toEqual([]);
  });

  it("repeats with the same seed and changes with another", async () => {
    const same = await startMock({ mode: "dynamic", seed: "dyn" });
    const other = await startMock({ mode: "dynamic", seed: "another" });
    running.push(same, other);
    const a = await get(dynamic.url);
    expect((await get(same.url)).body).toEqual(a.body);
    expect((await get(other.url)).body).not.toEqual(a.body);
  });
});

describe("dynamic pages agree with themselves and the request (issue 18.6)", () => {
  const slug = (name: string) => name.toLowerCase().replace(/[^a-z]/g, "");
  it("displaying = customers.length ≤ limit, found ≥ start - 1 + displaying, moreAvailable consistent, usernames from the names", async () => {
    const failures: string[] = [];
    for (const limit of [1, 2, 3, 4, 5, 25]) {
      for (const start of [1, 7]) {
        for (let i = 0; i < 5; i++) {
          const answer = await get(dynamic.url, `/aggregation/v1/customers?start=${start}&limit=${limit}`);
          const page = answer.body as Customers;
          const where = `start=${start} limit=${limit}: ${answer.text.slice(0, 300)}`;
          if (answer.status !== 200 || answer.violations !== null) failures.push(`status ${answer.status} ${answer.violations} ${where}`);
          if (page.displaying !== page.customers.length) failures.push(`displaying ${page.displaying} ≠ ${page.customers.length} customers; ${where}`);
          if (page.customers.length > limit) failures.push(`more than limit; ${where}`);
          if ((page.found ?? 0) < start - 1 + page.displaying) failures.push(`found too small; ${where}`);
          if (page.moreAvailable !== start - 1 + page.displaying < (page.found ?? 0)) failures.push(`moreAvailable wrong; ${where}`);
          if (page.displaying < limit && page.moreAvailable) failures.push(`short page with more available; ${where}`);
          for (const customer of page.customers) {
            const first = slug(customer.firstName ?? "");
            const last = slug(customer.lastName ?? "");
            if (!new RegExp(`^${first}[._-]${last}[0-9]{2,3}$`).test(customer.username)) failures.push(`username ${customer.username} for ${customer.firstName} ${customer.lastName}`);
          }
        }
      }
    }
    expect(failures, failures.slice(0, 10).join("\n")).toEqual([]);
  });

  it("still validates against the published spec through a checking proxy", async () => {
    for (const limit of [1, 3, 25]) {
      const answer = await get(checker.url, `/aggregation/v1/customers?limit=${limit}`);
      expect(answer.status, answer.text).toBe(200);
      expect(answer.violations, answer.text).toBeNull();
    }
  });
});
