// What an error shows when printed, exactly: util.inspect of an error without fields, the messages of
// ValidationError and ResponseValidationError, and no secret in the stacks down a cause chain (a cyclic one too).
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ConnectionError, createCustomersClient, FinicityError, ResponseValidationError, ValidationError } from "../src/index.js";

const APP_KEY = "app-key-5f1e9c";

describe("printing an error", () => {
  it("inspect of an error without fields or cause is its stack alone", () => {
    const error = new FinicityError("boom");
    expect(inspect(error)).toBe(error.stack);
  });

  it("inspect shows a cause even when the error has no other field", () => {
    const error = new FinicityError("boom", { cause: new Error("root") });
    expect(inspect(error)).toMatch(/^FinicityError: boom\n[\s\S]* \{\n {2}cause: Error: root\n/);
  });

  it("ValidationError: `Invalid input:` then each field, message and rule", () => {
    const error = (() => {
      try {
        createCustomersClient({ appToken: "t" } as never);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe("Invalid input: appKey is required (required)");
  });

  it("ResponseValidationError: `HTTP status answer breaks the spec:` then each path, `/` for the body itself", async () => {
    const fetch = (async () => new Response("[]", { headers: { "Content-Type": "application/json" } })) as typeof globalThis.fetch;
    const client = createCustomersClient({ baseUrl: "https://api.example.com", appKey: "k", appToken: "t", fetch, validateResponses: true });
    const error = await client.getCustomers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toBe("HTTP 200 answer breaks the spec: / (type, got array)");
  });
});

describe("secrets down the cause chain", () => {
  /** A fetch that fails with `error` (built for each call). */
  const failingWith = (error: () => Error) => (async () => {
    throw error();
  }) as typeof globalThis.fetch;

  it("are out of every stack that inspect prints, not only out of the messages", async () => {
    const fetch = failingWith(() => {
      const root = new Error(`connect refused for ${APP_KEY}`);
      void root.stack; // formatted now, with the secret in it (V8 formats a stack when it is first read)
      return new TypeError("fetch failed", { cause: root });
    });
    const error = await createCustomersClient({ baseUrl: "https://api.example.com", appKey: APP_KEY, appToken: "token-1234", fetch, maxRetries: 0 })
      .getCustomers()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    const cause = (error as Error).cause as Error;
    const root = cause.cause as Error;
    expect(root.message).toBe("connect refused for [redacted]");
    expect(root.stack!.split("\n")[0]).toBe("Error: connect refused for [redacted]");
    expect(inspect(error)).not.toContain(APP_KEY);
  });

  it("are taken out of a cyclic chain, which the walk ends", async () => {
    const fetch = failingWith(() => {
      const a = new TypeError(`fetch failed ${APP_KEY}`);
      const b = new Error(`inner ${APP_KEY}`, { cause: a });
      Object.defineProperty(a, "cause", { value: b, configurable: true });
      return a;
    });
    const error = await createCustomersClient({ baseUrl: "https://api.example.com", appKey: APP_KEY, appToken: "token-1234", fetch, maxRetries: 0 })
      .getCustomers()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    const a = (error as Error).cause as Error;
    expect([a.message, (a.cause as Error).message]).toEqual(["fetch failed [redacted]", "inner [redacted]"]);
  });
});
