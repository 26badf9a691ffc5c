// Mutation testing of the sandbox core (`pnpm test:mutation` at the root). Equivalent mutants are disabled in the
// source with `// Stryker disable next-line <mutator>: <reason>` and listed in ../../stryker-equivalent.md.
import { availableParallelism } from "node:os";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.mutation.config.ts" },
  mutate: ["src/sandbox/**/*.ts"],
  coverageAnalysis: "perTest",
  // One test runner per core but one (1 on a 2-core machine); STRYKER_CONCURRENCY overrides it.
  concurrency: Number(process.env.STRYKER_CONCURRENCY) || Math.max(1, availableParallelism() - 1),
  timeoutMS: 3_000, // added to 1.5 x the time the covering tests took without mutants
  thresholds: { high: 97, low: 95, break: 95 },
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/sandbox.html" },
  jsonReporter: { fileName: "reports/mutation/sandbox.json" },
  // Re-runs only the mutants whose code or covering tests changed since the last run (the file is git-ignored).
  incremental: true,
  incrementalFile: "reports/mutation/sandbox-incremental.json",
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
