import { beforeAll, describe, expect, it } from "vitest";
import { authHeaders, startSandbox } from "./helpers.js";
import type { RunningSandbox } from "../src/index.js";

let mock: RunningSandbox;
let auth: Record<string, string>;
const values: Record<string, Array<string | undefined>> = {};

beforeAll(async () => {
  mock = await startSandbox({ seed: "shapes", customers: 60 });
  auth = authHeaders(mock);
  const customers = mock.sandbox.customers();
  const named = customers.find((c) => c.firstName && c.lastName)!;
  const special = customers.find((c) => /[+#@]/.test(c.username)) ?? customers[0]!;
  values["username"] = [undefined, "", customers[0]!.username, special.username, "unknown.user", "a"];
  values["type"] = [undefined, "", "active", "testing", "bogus"];
  values["search"] = [undefined, "", named.firstName!, `${named.firstName} ${named.lastName}`, `${named.lastName} ${named.firstName}`, "zzzz", "+#@%&"];
  values["start"] = [undefined, "", "1", "16", "60", "61", "1000", "0", "-1", "abc"];
  values["limit"] = [undefined, "", "1", "25", "59", "1000", "0", "1001", "x"];
});

function queryString(query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.append(name, value);
  return params.toString();
}

async function check(query: Record<string, string | undefined>, headers: Record<string, string>, failures: string[]) {
  const qs = queryString(query);
  const response = await fetch(`${mock.url}/aggregation/v1/customers?${qs}`, { headers });
  const violations = response.headers.get("sl-violations");
  const body = await response.text();
  if (violations !== null || ![200, 400, 401].includes(response.status)) {
    failures.push(`?${qs} → ${response.status} ${violations ?? ""} ${body.slice(0, 300)}`);
  }
  return response.status;
}

describe("every query shape through the validating proxy", () => {
  it("answers each parameter value alone, and every pair of parameters, without a spec violation", async () => {
    const failures: string[] = [];
    const seen = new Set<number>();
    const names = Object.keys(values);
    for (const name of names) for (const value of values[name]!) seen.add(await check({ [name]: value }, auth, failures));
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const [a, b] = [names[i]!, names[j]!];
        for (const x of values[a]!) for (const y of values[b]!) seen.add(await check({ [a]: x, [b]: y }, auth, failures));
      }
    }
    expect(failures, failures.join("\n")).toEqual([]);
    expect([...seen].sort()).toEqual([200, 400]);
  });

  it("answers every credential shape without a spec violation", async () => {
    const failures: string[] = [];
    const token = mock.sandbox.issueToken();
    const shapes: Array<Record<string, string>> = [
      {},
      { "App-Key": "demo-app-key" },
      { "Finicity-App-Key": "demo-app-key" },
      { "Finicity-App-Token": token },
      { "App-Key": "demo-app-key", "Finicity-App-Token": "unknown" },
      { "App-Key": "demo-app-key", "Finicity-App-Token": token },
      { "Finicity-App-Key": "demo-app-key", "Finicity-App-Token": token },
    ];
    const statuses = [];
    for (const headers of shapes) statuses.push(await check({ limit: "5" }, headers, failures));
    expect(failures, failures.join("\n")).toEqual([]);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 200, 200]);
  });

  it("answers every token request shape without a spec violation", async () => {
    const failures: string[] = [];
    const bodies = ["", "{}", "[]", "not json", JSON.stringify({ partnerId: "p" }), JSON.stringify({ partnerId: "", partnerSecret: "s" }), JSON.stringify({ partnerId: "demo-partner", partnerSecret: "demo-secret" })];
    const statuses = [];
    for (const headers of [{}, { "App-Key": "demo-app-key" }] as Array<Record<string, string>>) {
      for (const body of bodies) {
        const response = await fetch(`${mock.url}/aggregation/v2/partners/authentication`, {
          method: "POST",
          headers: { "Content-Type": "application/json", ...headers },
          body,
        });
        const violations = response.headers.get("sl-violations");
        const text = await response.text();
        statuses.push(response.status);
        if (violations !== null || response.status >= 500) failures.push(`${JSON.stringify(headers)} ${body} → ${response.status} ${violations} ${text}`);
      }
    }
    expect(failures, failures.join("\n")).toEqual([]);
    expect(statuses.at(-1)).toBe(200);
  });

  it("passes every gateway fault status the spec declares", async () => {
    for (const fault of ["status=429;retry-after=3", "status=500", "status=502", "status=503;retry-after=1", "status=504;retry-after=2"]) {
      const response = await fetch(`${mock.url}/aggregation/v1/customers`, { headers: { ...auth, "X-Mock-Fault": fault } });
      expect(response.headers.get("sl-violations"), `${fault}: ${await response.text()}`).toBeNull();
      expect(response.status).toBe(Number(/status=(\d+)/.exec(fault)![1]));
    }
  });
});
