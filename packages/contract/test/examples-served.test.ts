import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type RunningMock } from "@finicity-aggregation/mock";
import { listResponseExamples } from "../src/index.js";

const specText = await readFile(createRequire(import.meta.url).resolve("@finicity-aggregation/types/openapi.yaml"), "utf8");
const examples = listResponseExamples(specText);

let mock: RunningMock;
beforeAll(async () => {
  // errors: true is Prism's --errors: an example that breaks its schema comes back as a 500 with violations
  mock = await startMock({ port: 0, mode: "static", errors: true });
});
afterAll(async () => {
  await mock?.close();
});

describe("every example in the spec", () => {
  it("exists for every declared response", () => {
    expect(examples.length).toBeGreaterThanOrEqual(10);
    expect(examples.map((e) => `${e.method} ${e.status}`)).toEqual(
      expect.arrayContaining(["GET 200", "GET 400", "GET 401", "GET 404", "GET 429", "GET 500", "GET 503", "POST 200"]),
    );
  });

  it.each(examples.map((e) => [`${e.method} ${e.path} ${e.status} ${e.mediaType} ${e.name}`, e] as const))(
    "is served without a violation: %s",
    async (_, example) => {
      const response = await fetch(`${mock.url}${example.path}`, {
        method: example.method,
        headers: {
          "App-Key": "app-key",
          "Finicity-App-Token": "token",
          Accept: example.mediaType,
          Prefer: `code=${example.status}, example=${example.name}`,
          ...(example.method === "POST" ? { "Content-Type": "application/json" } : {}),
        },
        ...(example.method === "POST" ? { body: JSON.stringify({ partnerId: "partner", partnerSecret: "secret" }) } : {}),
      });
      const text = await response.text();
      expect(response.headers.get("sl-violations"), text).toBeNull();
      expect(response.status, text).toBe(example.status);
      expect(response.headers.get("content-type")).toContain(example.mediaType);
      const body = example.mediaType.includes("json") ? JSON.parse(text) : text;
      expect(body).toEqual(example.value);
    },
  );
});
