import { describe, expect, it } from "vitest";
import { ResponseValidationError, createCustomersClient } from "../src/index.js";
import { page, stubFetch } from "./helpers.js";

// Same wiring as response-validation.test.ts, with the real validators of the `./validate` entry.
describe("validateResponses with the real validators", () => {
  it("passes a valid page and rejects a customer id sent as a number", async () => {
    const bad = { ...page(["1"], false), customers: [{ ...page(["1"], false).customers[0], id: 1005061234 }] };
    const stub = stubFetch([{ body: page(["1"], false) }, { body: bad }]);
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch: stub.fetch, validateResponses: true });
    await expect(client.getCustomers()).resolves.toEqual(page(["1"], false));
    const error = await client.getCustomers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).issues).toContainEqual(expect.objectContaining({ path: "/customers/0/id", valueType: "number" }));
    expect((error as Error).message).not.toContain("1005061234");
  });

  it("validates a 200 whatever its Content-Type says (a text/plain 200 with found: \"lots\" is refused)", async () => {
    const body = JSON.stringify({ found: "lots", displaying: 0, moreAvailable: false, customers: [] });
    const fetch = (async () => new Response(body, { headers: { "Content-Type": "text/plain" } })) as typeof globalThis.fetch;
    const client = createCustomersClient({ appKey: "k", appToken: "t", fetch, validateResponses: true });
    const error = await client.getCustomers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).issues).toContainEqual(expect.objectContaining({ path: "/found", valueType: "string" }));
  });
});
