// The real-browser test runs on its own (the package's main vitest config keeps to unit tests):
//   vitest run --config test/browser/vitest.config.ts
// It needs the built client (dist/) and Debian's chromium (`apt-get install -y chromium`).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["test/browser/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: "test-results/vitest-browser.json" }]], // read by scripts/test.mjs for the total
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
