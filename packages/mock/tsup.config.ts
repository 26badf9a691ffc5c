import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: ["src/index.ts", "src/msw.ts"],
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    shims: true,
    target: "node20",
    // Optional peer: loaded from the user's install, never bundled.
    external: ["msw"],
  },
  {
    entry: ["src/cli.ts"],
    format: ["esm"],
    dts: false,
    clean: false,
    target: "node20",
  },
]);
