import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    cli: "src/cli.ts",
    "servers/serve": "src/servers/serve.ts",
    "workers/iterate-memory": "src/workers/iterate-memory.ts",
    "profile/client-calls": "src/profile/client-calls.ts",
    "profile/summarize": "src/profile/summarize.ts",
  },
  format: ["esm"],
  dts: false,
  clean: true,
  target: "node20",
});
