// orval's two outputs for `pnpm check:generators` (scripts/generate.mjs runs it).
const input = { target: "../../spec/openapi.yaml" };

export default {
  // As a partner gets it by default: global fetch, and a parser chosen from the spec.
  plain: { input, output: { target: "generated/orval/customers.ts", client: "fetch", prettier: false } },
  // The workaround for orval's known limitation (README): a mutator that parses the body by its Content-Type.
  mutator: {
    input,
    output: {
      target: "generated/orval-mutator/customers.ts",
      client: "fetch",
      prettier: false,
      override: { mutator: { path: "src/orval-fetch.ts", name: "orvalFetch" } },
    },
  },
};
