// The unit tests Stryker runs against each mutant of src (stryker.config.mjs): the package's own tests, less the
// browser tests (chromium) and the checks of the built files in dist/ (a mutant is in src, not in dist).
import { existsSync } from "node:fs";
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

// scripts/mutation-sequencer.mjs at the repository root: two levels up here, four from Stryker's copy of the package
// (.stryker-tmp/sandbox-*/), where this config runs during a mutation run.
const sequencer = ["../../", "../../../../"].map((up) => new URL(`${up}scripts/mutation-sequencer.mjs`, import.meta.url)).find((url) => existsSync(url));
const { MutationSequencer } = (await import(sequencer!.href)) as typeof import("../../scripts/mutation-sequencer.mjs");

export default mergeConfig(
  { ...base, test: { ...base.test, reporters: ["default"] } },
  defineConfig({
    test: {
      exclude: ["test/browser/**", "test/validate-bundle.test.ts"],
      env: { CLIENT_MUTATION_RUN: "1" }, // test/encoding.test.ts: fewer property runs
      // Failed last, then fastest first: a mutant run stops at its first failing test (scripts/mutation-sequencer.mjs).
      sequence: { sequencer: MutationSequencer },
    },
  }),
);
