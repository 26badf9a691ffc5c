import { defineConfig } from "tsup";

export default defineConfig({
  // `validate` is the `./validate` subpath (response validators), `shared-tokens` the `./shared-tokens` one (token
  // store, lockout guard; used with partner credentials), `log-lines` the `./log-lines` one (the text of the log lines,
  // loaded on the first line written), `pagination` the `./pagination` one (the page walk, loaded on the first walk), `body-cap` the `./body-cap` one (the byte cap of a body without a
  // Content-Length, loaded on the first such body), `raw` the `./raw` one
  // (openapi-fetch's client behind `client.raw`, loaded on its first use): entries of their own, loaded by `import()` on demand.
  entry: {
    index: "src/index.ts",
    validate: "src/validate/index.ts",
    "shared-tokens": "src/shared-tokens.ts",
    "log-lines": "src/log-lines.ts",
    pagination: "src/pagination.ts",
    "body-cap": "src/body-cap.ts",
    raw: "src/raw.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  external: [
    "openapi-fetch",
    "@finicity-aggregation/client/validate",
    "@finicity-aggregation/client/shared-tokens",
    "@finicity-aggregation/client/log-lines",
    "@finicity-aggregation/client/pagination",
    "@finicity-aggregation/client/body-cap",
    "@finicity-aggregation/client/raw",
  ],
});
