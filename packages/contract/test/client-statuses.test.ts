// The full client, response validation on, against Prism serving the spec's examples: every status the spec
// declares for Get Customers comes back as the right typed error (or as data for 200).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  FinicityApiError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  createCustomersClient,
} from "@finicity-aggregation/client";
import { startMock, type RunningMock } from "@finicity-aggregation/mock";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { listResponseExamples } from "../src/index.js";

const specText = await readFile(createRequire(import.meta.url).resolve("@finicity-aggregation/types/openapi.yaml"), "utf8");
const examples = listResponseExamples(specText).filter((e) => e.method === "GET" && e.mediaType === "application/json");

const EXPECTED: Record<number, new (...args: never[]) => FinicityApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  404: NotFoundError,
  429: RateLimitError,
  500: InternalServerError,
  502: InternalServerError,
  503: InternalServerError,
  504: InternalServerError,
};

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, mode: "static" });
});
afterAll(async () => {
  await mock?.close();
});

/** A client whose every request asks Prism for one status and example. */
function clientFor(status: number, example: string) {
  return createCustomersClient({
    baseUrl: mock.url,
    appKey: "suite-app-key",
    appToken: "suite-token",
    validateResponses: true,
    maxRetries: 0,
    fetch: (input, init) => {
      const request = new Request(input, init);
      request.headers.set("Prefer", `code=${status}, example=${example}`);
      return fetch(request);
    },
  });
}

describe("every declared Get Customers status, through the full client", () => {
  it("covers every status the spec declares", () => {
    expect([...new Set(examples.map((e) => e.status))].sort()).toEqual([200, 400, 401, 404, 429, 500, 502, 503, 504]);
  });

  it.each(examples.map((e) => [`${e.status} ${e.name}`, e] as const))("%s", async (_, example) => {
    const client = clientFor(example.status, example.name);
    if (example.status === 200) {
      await expect(client.getCustomers()).resolves.toEqual(example.value);
      return;
    }
    const error = await client.getCustomers().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EXPECTED[example.status]);
    expect(error).toMatchObject({ status: example.status, code: (example.value as { code: unknown }).code });
  });
});
