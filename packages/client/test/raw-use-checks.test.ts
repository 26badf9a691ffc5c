// `client.raw.use` checks each middleware at once, as openapi-fetch does: an object with any one of onRequest,
// onResponse or onError is taken (and then runs); anything else, a function with those names included, is refused.
import { describe, expect, it } from "vitest";
import { createCustomersClient } from "../src/index.js";

const PAGE = { found: 0, displaying: 0, moreAvailable: false, customers: [] };
const REFUSED = "Middleware must be an object with one of `onRequest()`, `onResponse() or `onError()`";

function client() {
  const fetch = (async () => new Response(JSON.stringify(PAGE), { headers: { "Content-Type": "application/json" } })) as typeof globalThis.fetch;
  return createCustomersClient({ baseUrl: "https://api.example.com", appKey: "k", appToken: "t", fetch });
}

describe("client.raw.use", () => {
  it("takes a middleware with only onResponse, or only onError, and runs it", async () => {
    const c = client();
    const seen: number[] = [];
    c.raw.use({ onResponse: ({ response }) => void seen.push(response.status) });
    c.raw.use({ onError: () => undefined });
    await expect(c.getCustomers()).resolves.toEqual(PAGE);
    expect(seen).toEqual([200]);
  });

  it("refuses a function, even one with an onRequest property, and an object with none of the three", () => {
    const c = client();
    expect(() => c.raw.use(Object.assign(() => undefined, { onRequest: () => undefined }) as never)).toThrow(REFUSED);
    expect(() => c.raw.use({ onrequest: () => undefined } as never)).toThrow(REFUSED);
  });
});
