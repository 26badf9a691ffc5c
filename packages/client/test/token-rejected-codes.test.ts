// Which 401 answers make the client fetch a new token and try once more: exactly codes 10022 (invalid token)
// and 10023 (expired token); other codes, also ones that contain these, fail at once.
import { describe, expect, it } from "vitest";
import { AuthenticationError, createCustomersClient } from "../src/index.js";
import { page, stubFetch } from "./helpers.js";

const OK = page(["1"], false);

/** A client whose token function counts its calls; the API answers 401 `code` to the first token only. */
async function after401(code: unknown) {
  let calls = 0;
  const stub = stubFetch((request) =>
    request.headers.get("Finicity-App-Token") === "token-1" ? { status: 401, body: { code, message: "rejected" } } : { body: OK },
  );
  const client = createCustomersClient({ appKey: "k", appToken: () => `token-${++calls}`, fetch: stub.fetch, logLevel: "off" });
  const result = await client.getCustomers().catch((error: unknown) => error);
  return { result, calls, sent: stub.requests.map((r) => r.headers.get("Finicity-App-Token")) };
}

describe("a 401 from GetCustomers", () => {
  it.each(["10022", "10023"])("with code %s: a new token, one more try", async (code) => {
    expect(await after401(code)).toEqual({ result: OK, calls: 2, sent: ["token-1", "token-2"] });
  });

  it.each(["100220", "910022", "100231", "x10023", "10024", "1002", undefined])("with code %s: an AuthenticationError at once", async (code) => {
    const { result, calls, sent } = await after401(code);
    expect(result).toBeInstanceOf(AuthenticationError);
    expect(result).toMatchObject({ status: 401, code });
    expect({ calls, sent }).toEqual({ calls: 1, sent: ["token-1"] });
  });
});
