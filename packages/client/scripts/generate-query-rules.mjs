// Generates src/generated/query-rules.ts: the input-validation rules of each operation's query parameters,
// read from the spec that @finicity-aggregation/types ships (the same file every other package derives from).
// `--check` regenerates in memory and fails when the committed file differs (stale or hand-edited).
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const require = createRequire(import.meta.url);
const out = fileURLToPath(new URL("../src/generated/query-rules.ts", import.meta.url));
const specPath = require.resolve("@finicity-aggregation/types/openapi.yaml");
const check = process.argv.includes("--check");

const spec = parse(await readFile(specPath, "utf8"));
const deref = (node) => {
  let current = node;
  while (current && typeof current.$ref === "string") {
    current = current.$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce((at, key) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
  }
  return current;
};
const INT32 = { minimum: -2147483648, maximum: 2147483647 };
// The keywords src/validation.ts checks. A parameter using another validation keyword fails the generation
// (rather than being silently unchecked): teach src/validation.ts the keyword first, then add it here.
const KEEP = ["type", "enum", "minimum", "maximum"];
const UNCHECKED = ["minLength", "maxLength", "pattern", "multipleOf", "exclusiveMinimum", "exclusiveMaximum", "const", "items", "properties"];

function rulesFor(operation) {
  const rules = {};
  for (const ref of operation.parameters ?? []) {
    const parameter = deref(ref);
    if (parameter.in !== "query") continue;
    const schema = deref(parameter.schema);
    const rule = {};
    for (const key of UNCHECKED) {
      if (schema[key] !== undefined) throw new Error(`${operation.operationId} query parameter ${parameter.name}: the client does not check \`${key}\` yet`);
    }
    if (schema.format !== undefined && schema.format !== "int32") {
      throw new Error(`${operation.operationId} query parameter ${parameter.name}: the client does not check format ${schema.format} yet`);
    }
    for (const key of KEEP) if (schema[key] !== undefined) rule[key] = schema[key];
    if (schema.format === "int32") {
      rule.minimum = Math.max(rule.minimum ?? INT32.minimum, INT32.minimum);
      rule.maximum = Math.min(rule.maximum ?? INT32.maximum, INT32.maximum);
    }
    rules[parameter.name] = rule;
  }
  return rules;
}

const operations = {};
for (const item of Object.values(spec.paths)) {
  for (const operation of Object.values(item)) {
    if (operation && typeof operation === "object" && operation.operationId && operation.parameters) {
      operations[operation.operationId] = rulesFor(operation);
    }
  }
}

const body = Object.entries(operations)
  .map(([id, rules]) => `/** Query rules of \`${id}\`. */\nexport const ${id[0].toLowerCase()}${id.slice(1)}QueryRules: QueryRules = ${JSON.stringify(rules, null, 2)};\n`)
  .join("\n");
const content =
  "// Generated from @finicity-aggregation/types/openapi.yaml by packages/client/scripts/generate-query-rules.mjs.\n" +
  "// Do not edit by hand: change spec/openapi.yaml and run `pnpm generate`.\n\n" +
  "/** What the spec says about one query parameter (JSON Schema keywords, `format: int32` folded into the bounds). */\n" +
  "export interface QueryRule {\n  type?: string;\n  enum?: readonly unknown[];\n  minimum?: number;\n  maximum?: number;\n}\n" +
  "export type QueryRules = Readonly<Record<string, QueryRule>>;\n\n" +
  body;

if (check) {
  const current = await readFile(out, "utf8").catch(() => null);
  if (current !== content) {
    console.error(`Generated file is stale or was edited by hand:\n  ${relative(process.cwd(), out)}\nRun \`pnpm generate\` and commit the result.`);
    process.exit(1);
  }
  console.log("Generated query rules match the spec.");
} else {
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, content);
  console.log("Generated src/generated/query-rules.ts from the spec.");
}
