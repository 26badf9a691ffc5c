import { defineConfig } from "vitest/config";

export default defineConfig({
  // Upper bounds for a loaded 2-core machine: Prism's start-up is most of it.
  test: { include: ["test/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 120_000 },
});
