import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpec, startMock, type RunningMock } from "../src/index.js";

interface Example {
  operation: string;
  method: string;
  path: string;
  code: string;
  mediaType: string;
  name: string;
  value: unknown;
}

/** Every example of every declared response in the spec, with $refs to components.responses resolved. */
async function declaredExamples(): Promise<Example[]> {
  const spec = (await loadSpec()) as any;
  const examples: Example[] = [];
  for (const [path, item] of Object.entries<any>(spec.paths)) {
    for (const [method, operation] of Object.entries<any>(item)) {
      for (const [code, declared] of Object.entries<any>(operation.responses)) {
        const response = declared.$ref ? spec.components.responses[declared.$ref.split("/").pop()] : declared;
        for (const [mediaType, content] of Object.entries<any>(response.content ?? {})) {
          for (const [name, example] of Object.entries<any>(content.examples ?? {})) {
            examples.push({ operation: operation.operationId, method, path, code, mediaType, name, value: example.value });
          }
        }
      }
    }
  }
  return examples;
}

let mock: RunningMock;
let examples: Example[];
beforeAll(async () => {
  mock = await startMock({ mode: "static" });
  examples = await declaredExamples();
});
afterAll(() => mock.close());

describe("static Prism mock", () => {
  it("serves every declared example with Prefer: code=…, example=…, each valid against the spec", async () => {
    expect(examples.length).toBeGreaterThan(15);
    const failures: string[] = [];
    for (const example of examples) {
      const response = await fetch(`${mock.url}${example.path}`, {
        method: example.method.toUpperCase(),
        headers: {
          "App-Key": "k",
          "Finicity-App-Token": "t",
          "Content-Type": "application/json",
          Accept: example.mediaType,
          Prefer: `code=${example.code}, example=${example.name}`,
        },
        ...(example.method === "post" ? { body: JSON.stringify({ partnerId: "p", partnerSecret: "s" }) } : {}),
      });
      const text = await response.text();
      const body = example.mediaType === "application/json" ? JSON.parse(text) : text;
      const label = `${example.operation} ${example.code} ${example.mediaType} ${example.name}`;
      if (String(response.status) !== example.code) failures.push(`${label}: status ${response.status} ${text.slice(0, 200)}`);
      else if (response.headers.get("sl-violations")) failures.push(`${label}: ${response.headers.get("sl-violations")}`);
      else if (JSON.stringify(body) !== JSON.stringify(example.value)) failures.push(`${label}: body ${text.slice(0, 200)}`);
    }
    expect(failures, failures.join("\n")).toEqual([]);
  });

  it("answers Prefer: code= alone with that status for every declared code", async () => {
    const codes = new Set(examples.map((e) => `${e.method} ${e.path} ${e.code}`));
    for (const key of codes) {
      const [method, path, code] = key.split(" ") as [string, string, string];
      const response = await fetch(`${mock.url}${path}`, {
        method: method.toUpperCase(),
        headers: { "App-Key": "k", "Finicity-App-Token": "t", "Content-Type": "application/json", Prefer: `code=${code}` },
        ...(method === "post" ? { body: JSON.stringify({ partnerId: "p", partnerSecret: "s" }) } : {}),
      });
      await response.body?.cancel();
      expect(String(response.status), key).toBe(code);
      expect(response.headers.get("sl-violations"), key).toBeNull();
    }
  });
});

describe("static mode's 400 names the rule the request broke (issue 18.6)", () => {
  it("answers each rejected query parameter with its own 400 example", async () => {
    const cases: Array<[string, string, string]> = [
      ["type=bogus", "14016", "Invalid customer type."],
      ["limit=0", "41004", "Limit cannot be less than one"],
      ["limit=abc", "41004", "Limit cannot be less than one"],
      ["limit=1001", "14020", "Limit cannot be greater than 1000"],
      ["start=0", "41003", "Start index cannot be less than one"],
      ["start=abc", "41003", "Start index cannot be less than one"],
    ];
    for (const [query, code, message] of cases) {
      const response = await fetch(`${mock.url}/aggregation/v1/customers?${query}`, { headers: { "App-Key": "k", "Finicity-App-Token": "t" } });
      const text = await response.text();
      expect(response.status, `${query}: ${text}`).toBe(400);
      expect(JSON.parse(text), query).toEqual({ code, message });
    }
    // An example asked for by name still wins.
    const asked = await fetch(`${mock.url}/aggregation/v1/customers?limit=0`, {
      headers: { "App-Key": "k", "Finicity-App-Token": "t", Prefer: "code=400, example=invalidType" },
    });
    expect(await asked.json()).toMatchObject({ code: "14016" });
  });
});
