// The unit tests Stryker runs against each mutant of src/sandbox (stryker.config.mjs): the in-process sandbox tests.
// Left out: the tests that spawn the CLI or curl, and the Prism-only ones (dynamic data, static examples), which
// take seconds each and cover no sandbox code. The sandbox tests run without the validating Prism proxy (see
// WITHOUT_PROXY in test/helpers.ts; the few that test the proxy itself are skipped), and Prism is not even loaded:
// src/prism.ts is replaced by a stub, which saves seconds per mutant.
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
import { defineConfig } from "vitest/config";

// scripts/mutation-sequencer.mjs at the repository root: two levels up here, four from Stryker's copy of the package
// (.stryker-tmp/sandbox-*/), where this config runs during a mutation run.
const sequencer = ["../../", "../../../../"].map((up) => new URL(`${up}scripts/mutation-sequencer.mjs`, import.meta.url)).find((url) => existsSync(url));
const { MutationSequencer } = (await import(sequencer!.href)) as typeof import("../../scripts/mutation-sequencer.mjs");

export default defineConfig({
  resolve: {
    alias: [{ find: /^\.\/prism\.js$/, replacement: fileURLToPath(new URL("./test/mutation/no-prism.ts", import.meta.url)) }],
  },
  test: {
    include: ["test/sandbox-*.test.ts", "test/control-api-in-process.test.ts"],
    // Spec conformance through the proxy: without the proxy it checks little that the other tests do not.
    exclude: ["test/sandbox-query-shapes.test.ts"],
    env: { SANDBOX_TESTS_WITHOUT_PROXY: "1" },
    // Failed last, then fastest first: a mutant run stops at its first failing test (scripts/mutation-sequencer.mjs).
    sequence: { sequencer: MutationSequencer },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
