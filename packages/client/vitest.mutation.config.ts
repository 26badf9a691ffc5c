// The unit tests Stryker runs against each mutant of src (stryker.config.mjs): the package's own tests, less the
// browser tests (chromium) and the checks of the built files in dist/ (a mutant is in src, not in dist).
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

export default mergeConfig(
  { ...base, test: { ...base.test, reporters: ["default"] } },
  defineConfig({
    test: {
      exclude: ["test/browser/**", "test/validate-bundle.test.ts"],
      env: { CLIENT_MUTATION_RUN: "1" }, // test/encoding.test.ts: fewer property runs
    },
  }),
);
