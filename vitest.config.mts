// The repository's own tests of what is run from the root: `pnpm start` (scripts/) and the CLIs through
// `pnpm exec` (test/). The packages have their own vitest configs.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]], // read by scripts/test.mjs for the total
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
