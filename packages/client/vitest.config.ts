import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // The main entry loads the validators by package name at run time; in tests, point that name at the source.
    alias: {
      "@finicity-aggregation/client/validate": fileURLToPath(new URL("./src/validate/index.ts", import.meta.url)),
      "@finicity-aggregation/client/shared-tokens": fileURLToPath(new URL("./src/shared-tokens.ts", import.meta.url)),
      "@finicity-aggregation/client/log-lines": fileURLToPath(new URL("./src/log-lines.ts", import.meta.url)),
      "@finicity-aggregation/client/pagination": fileURLToPath(new URL("./src/pagination.ts", import.meta.url)),
      "@finicity-aggregation/client/body-cap": fileURLToPath(new URL("./src/body-cap.ts", import.meta.url)),
      "@finicity-aggregation/client/raw": fileURLToPath(new URL("./src/raw.ts", import.meta.url)),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/browser/**"],
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]], // read by scripts/test.mjs for the total
    // Upper bounds, not targets: some tests start Node processes, and turbo runs every package's suite at once on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
