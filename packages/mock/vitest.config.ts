import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]], // read by scripts/test.mjs for the total
    testTimeout: 90_000, // an upper bound: on 2 shared cores, turbo runs every package's suite at once
    hookTimeout: 90_000,
  },
});
