import { describe, expect, it } from "vitest";
import { UsageError, verify, type VerifyOptions } from "../src/index.js";

const base: VerifyOptions = { baseUrl: "http://127.0.0.1:9", appKey: "options-key", appToken: "options-token", env: {} };

async function usageError(options: VerifyOptions): Promise<UsageError> {
  const error = await verify(options).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(UsageError);
  expect((error as UsageError).exitCode).toBe(2);
  return error as UsageError;
}

describe("verify() options", () => {
  it("names the field and the rule of a bad option", async () => {
    expect((await usageError({ ...base, baseUrl: "not a url" })).message).toMatch(/^baseUrl must be an absolute http\(s\) URL/);
    expect((await usageError({ ...base, baseUrl: "ftp://example.com" })).message).toMatch(/^baseUrl must use http or https/);
    expect((await usageError({ ...base, runs: 0 })).message).toMatch(/^runs must be an integer from 1/);
    expect((await usageError({ ...base, maxRequests: 1.5 })).message).toMatch(/^maxRequests must be an integer/);
    expect((await usageError({ ...base, rate: -1 })).message).toMatch(/^rate must be a positive number/);
    expect((await usageError({ ...base, seed: 0.5 })).message).toMatch(/^seed must be an integer/);
    expect((await usageError({ ...base, region: "eu" as "au" })).message).toMatch(/^region must be "au" or "us"/);
  });

  it("refuses the production hosts unless allowProduction", async () => {
    for (const host of ["api.openbanking.mastercard.com.au", "API.FINICITY.COM"]) {
      expect((await usageError({ ...base, baseUrl: `https://${host}` })).message).toMatch(/production host.*allowProduction/);
    }
  });

  it("refuses the production hosts however they are spelled: trailing dot, case, IDNA", async () => {
    for (const baseUrl of [
      "https://api.finicity.com.",
      "https://api.openbanking.mastercard.com.au.",
      "https://API.FINICITY.COM./aggregation",
      "https://api.finicity.com%2E",
      "https://\uFF41\uFF50\uFF49.finicity.com", // fullwidth "api", mapped to ASCII by IDNA
      "https://api.finicity.com\u3002", // ideographic full stop as the trailing dot
    ]) {
      const error = await usageError({ ...base, baseUrl });
      expect(error.message, baseUrl).toMatch(/production host.*allowProduction/);
    }
  });

  it("refuses a base URL with a user name or password, without repeating the password", async () => {
    for (const baseUrl of ["http://user:hunter2-pass@127.0.0.1:9", "http://:hunter2-pass@127.0.0.1:9", "http://user:hunter2-pass@[bad"]) {
      const error = await usageError({ ...base, baseUrl });
      expect(error.message, baseUrl).not.toContain("hunter2-pass");
      if (!baseUrl.includes("[bad")) expect(error.message).toMatch(/^baseUrl must not carry a user name or password/);
    }
  });

  it("reads credentials from env and never puts a secret in an error", async () => {
    const error = await usageError({ baseUrl: "http://127.0.0.1:9", env: { FINICITY_APP_KEY: "env-key-secret" } });
    expect(error.message).toMatch(/credentials are required/);
    expect(error.message).not.toContain("env-key-secret");
    expect((await usageError({ baseUrl: "http://127.0.0.1:9", env: {} })).message).toMatch(/^appKey is required/);
    // Partner ID without a secret is not enough.
    expect(
      (await usageError({ baseUrl: "http://127.0.0.1:9", env: { FINICITY_APP_KEY: "k", FINICITY_PARTNER_ID: "p" } })).message,
    ).toMatch(/partner ID and secret/);
  });
});
