import { defineConfig } from "tsup";

export default defineConfig({
  // `validate` is the `./validate` subpath (response validators): its own entry, loaded by `import()` on demand.
  entry: { index: "src/index.ts", validate: "src/validate/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  external: ["openapi-fetch", "@finicity-aggregation/client/validate"],
});
