// Compiles the response schemas of the spec into standalone validator code, at build time:
//   src/generated/validators.js    (Ajv standalone ESM code, no Ajv import at run time)
//   src/generated/validators.d.ts  (its types)
// The spec is the copy shipped by @finicity-aggregation/types (`openapi.yaml`), so the validators match
// the types this package is built against.
// `--check` regenerates in memory and fails when a committed file differs (stale or hand-edited).
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import { parse } from "yaml";

const check = process.argv.includes("--check");
const outDir = fileURLToPath(new URL("../src/generated/", import.meta.url));
const specFile = createRequire(import.meta.url).resolve("@finicity-aggregation/types/openapi.yaml");

/** The operations whose responses get validators; `validateResponse` accepts exactly these ids. */
const OPERATIONS = ["GetCustomers", "CreateToken"];
const COMPONENTS_ID = "https://finicity-aggregation.invalid/components.json";
const JSON_TYPES = new Set(["application/json"]);
const TEXT_TYPES = new Set(["text/plain"]);

/** OpenAPI `format` values turned into plain JSON Schema; any other format is a build error (decide, don't drop). */
const FORMATS = {
  int32: { minimum: -(2 ** 31), maximum: 2 ** 31 - 1 },
  int64: {}, // every JSON number a JS engine can read fits; nothing to check
};
/** Annotations and OpenAPI-only keywords: no effect on validation, so they stay out of the bundle. */
const DROP = new Set(["description", "summary", "title", "example", "examples", "default", "externalDocs", "xml", "deprecated", "readOnly", "writeOnly", "$comment"]);

/** Ajv's runtime helpers, inlined so the generated module never loads Ajv. */
const RUNTIME = {
  'require("ajv/dist/runtime/ucs2length").default': {
    name: "ucs2length",
    code:
      "function ucs2length(str) {\n" +
      "  // Length in Unicode code points, as JSON Schema counts it (a surrogate pair is one character).\n" +
      "  const len = str.length;\n  let length = 0;\n  let pos = 0;\n  let value;\n" +
      "  while (pos < len) {\n    length++;\n    value = str.charCodeAt(pos++);\n" +
      "    if (value >= 0xd800 && value <= 0xdbff && pos < len) {\n" +
      "      value = str.charCodeAt(pos);\n      if ((value & 0xfc00) === 0xdc00) pos++;\n    }\n  }\n  return length;\n}",
  },
};

const spec = parse(await readFile(specFile, "utf8"));

/** Deep-copies a schema: rewrites component refs, drops annotations, turns formats into constraints. */
function toJsonSchema(node, where) {
  if (Array.isArray(node)) return node.map((item, i) => toJsonSchema(item, `${where}/${i}`));
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROP.has(key) || key.startsWith("x-")) continue;
    if (key === "$ref") {
      const match = /^#\/components\/schemas\/([^/]+)$/.exec(value);
      if (!match) throw new Error(`${where}: only refs to #/components/schemas/* are supported, got ${value}`);
      out.$ref = `${COMPONENTS_ID}#/$defs/${match[1]}`;
    } else if (key === "format") {
      const constraint = FORMATS[value];
      if (!constraint) throw new Error(`${where}: format "${value}" has no rule here; add it to FORMATS in ${relative(process.cwd(), fileURLToPath(import.meta.url))}`);
      for (const [k, bound] of Object.entries(constraint)) {
        const current = node[k];
        out[k] = current === undefined ? bound : k === "minimum" ? Math.max(current, bound) : Math.min(current, bound);
      }
    } else if (key === "properties" || key === "$defs" || key === "patternProperties") {
      // Keys of these maps are names, not keywords: keep every one.
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, toJsonSchema(sub, `${where}/${key}/${name}`)]));
    } else if ((key === "minimum" || key === "maximum") && key in out) {
      out[key] = key === "minimum" ? Math.max(out[key], value) : Math.min(out[key], value);
    } else {
      out[key] = toJsonSchema(value, `${where}/${key}`);
    }
  }
  return out;
}

/** Follows a `#/components/responses/*` ref. */
function resolveResponse(response) {
  if (!response.$ref) return response;
  const name = /^#\/components\/responses\/([^/]+)$/.exec(response.$ref)?.[1];
  const target = name && spec.components?.responses?.[name];
  if (!target) throw new Error(`cannot resolve ${response.$ref}`);
  return target;
}

const ajv = new Ajv2020({
  strict: true,
  allErrors: true,
  allowUnionTypes: true,
  code: { source: true, esm: true, lines: true },
});
ajv.addSchema({
  $id: COMPONENTS_ID,
  $defs: toJsonSchema(spec.components?.schemas ?? {}, "#/components/schemas"),
});

const exportsByName = {}; // export name -> schema ref
const table = {}; // operationId -> status -> { json?: exportName, text?: true }
const operations = new Map();
for (const [path, item] of Object.entries(spec.paths ?? {})) {
  for (const [method, operation] of Object.entries(item)) {
    if (operation && typeof operation === "object" && operation.operationId) operations.set(operation.operationId, { path, method, operation });
  }
}
for (const operationId of OPERATIONS) {
  const found = operations.get(operationId);
  if (!found) throw new Error(`operation ${operationId} is not in the spec`);
  table[operationId] = {};
  for (const [status, raw] of Object.entries(found.operation.responses ?? {})) {
    const response = resolveResponse(raw);
    const entry = {};
    for (const [mediaType, media] of Object.entries(response.content ?? {})) {
      if (TEXT_TYPES.has(mediaType)) {
        entry.text = true;
        continue;
      }
      if (!JSON_TYPES.has(mediaType)) throw new Error(`${operationId} ${status}: media type ${mediaType} is not handled`);
      if (!media.schema) continue;
      const component = /^#\/components\/schemas\/([^/]+)$/.exec(media.schema.$ref ?? "")?.[1];
      if (component && Object.keys(media.schema).length === 1) {
        // A plain component ref: one shared validator per component.
        exportsByName[component] = `${COMPONENTS_ID}#/$defs/${component}`;
        entry.json = component;
      } else {
        const name = `${operationId}_${status}`;
        const id = `https://finicity-aggregation.invalid/responses/${name}.json`;
        ajv.addSchema({ $id: id, ...toJsonSchema(media.schema, `${found.path} ${found.method} ${status}`) });
        exportsByName[name] = id;
        entry.json = name;
      }
    }
    table[operationId][status] = entry;
  }
}

let code = standaloneCode(ajv, exportsByName);
const helpers = [];
code = code.replace(/require\("[^"]+"\)(?:\.default)?/g, (call) => {
  const helper = RUNTIME[call];
  if (!helper) throw new Error(`the standalone code needs ${call}; inline it in RUNTIME in build-validators.mjs`);
  if (!helpers.includes(helper.code)) helpers.push(helper.code);
  return helper.name;
});
if (/\brequire\s*\(|from\s+["']ajv/.test(code)) throw new Error("the standalone code still loads a module at run time");

const header = (comment) =>
  `${comment} Generated from @finicity-aggregation/types/openapi.yaml by packages/client/scripts/build-validators.mjs.\n` +
  `${comment} Do not edit by hand: change spec/openapi.yaml and run \`pnpm generate\`.\n`;

const tableCode = JSON.stringify(table, null, 2).replace(/"json": "([^"]+)"/g, (_, name) => `"json": ${/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name)}`);
const js =
  `${header("//")}/* eslint-disable */\n` +
  `${code.replace(/^"use strict";\n?/, "")}\n` +
  (helpers.length ? `${helpers.join("\n")}\n` : "") +
  `\n/** operationId -> HTTP status -> the validator of its JSON body, and whether a text/plain body is declared. */\n` +
  `export const responses = ${tableCode};\n`;

const dts =
  `${header("//")}\n` +
  `/** An error as Ajv's generated code reports it. */\n` +
  `export interface GeneratedValidationError {\n  instancePath: string;\n  schemaPath: string;\n  keyword: string;\n  params: Record<string, unknown>;\n  message?: string;\n}\n\n` +
  `/** A compiled validator: returns whether \`data\` is valid and leaves the problems in \`errors\`. */\n` +
  `export interface GeneratedValidator {\n  (data: unknown): boolean;\n  errors?: GeneratedValidationError[] | null;\n}\n\n` +
  `/** The spec operations whose responses can be validated. */\n` +
  `export type OperationId = ${OPERATIONS.map((id) => JSON.stringify(id)).join(" | ")};\n\n` +
  `/** What a declared response status accepts: a JSON body checked by \`json\`, and/or any \`text/plain\` body. */\n` +
  `export interface ResponseRule {\n  json?: GeneratedValidator;\n  text?: true;\n}\n\n` +
  Object.keys(exportsByName).map((name) => `export declare const ${name}: GeneratedValidator;\n`).join("") +
  `export declare const responses: Record<OperationId, Record<string, ResponseRule>>;\n`;

const outputs = new Map([
  [`${outDir}validators.js`, js],
  [`${outDir}validators.d.ts`, dts],
]);
const stale = [];
for (const [file, content] of outputs) {
  if (check) {
    const current = await readFile(file, "utf8").catch(() => null);
    if (current !== content) stale.push(relative(process.cwd(), file));
  } else {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}
if (stale.length > 0) {
  console.error(
    `Generated validators are stale or were edited by hand:\n  ${stale.join("\n  ")}\n` +
      "Run `pnpm generate` and commit the result.",
  );
  process.exit(1);
}
console.log(check ? "Generated validators match the spec." : `Generated response validators for ${OPERATIONS.join(", ")}.`);
