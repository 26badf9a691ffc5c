import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CREDENTIALS, startMock, type RunningSandbox } from "@finicity-aggregation/mock";
import { runCli } from "./helpers/cli.js";

// The demo the quick start serves: a sandbox with its defaults, which knows only the demo credentials.
let mock: RunningSandbox;
beforeAll(async () => {
  mock = await startMock({ mode: "sandbox", port: 0 });
});
afterAll(async () => {
  await mock?.close();
});

describe("finicity-contract verify against the default sandbox (the quick start's demo)", () => {
  it("conforms (exit 0) with the demo credentials, unknown-app-key-rejected included", async () => {
    const result = await runCli([
      "verify",
      "--base-url",
      mock.url,
      "--app-key",
      DEMO_CREDENTIALS.appKey,
      "--partner-id",
      DEMO_CREDENTIALS.partnerId,
      "--partner-secret",
      DEMO_CREDENTIALS.partnerSecret,
    ]);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.code, output).toBe(0);
    expect(result.stdout, output).toMatch(/unknown-app-key-rejected/);
    expect(result.stdout, output).not.toMatch(/DOES NOT CONFORM/);
  });

  it("does not conform when the partner secret is wrong: the sandbox refuses it", async () => {
    const result = await runCli([
      "verify",
      "--base-url",
      mock.url,
      "--app-key",
      DEMO_CREDENTIALS.appKey,
      "--partner-id",
      DEMO_CREDENTIALS.partnerId,
      "--partner-secret",
      "not-the-demo-secret",
    ]);
    expect(result.code, `${result.stdout}\n${result.stderr}`).not.toBe(0);
  });
});
