// @ts-check
/**
 * Scratch consumer projects that install the published packages BY NAME from the local registry, the way partners
 * will: an ESM one, a CommonJS one, TypeScript with `moduleResolution: NodeNext` and TypeScript with `Bundler`; and
 * a mock host that installs the mock. Each lists customers from the mock through the client.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SCOPE } from "./local-registry.mjs";

export const TYPESCRIPT_VERSION = "5.9.3";
export const TYPES_NODE_VERSION = "20.19.43";

/**
 * The check every client consumer runs: list customers, make sure the answer has the spec's shape.
 * `$IMPORTS` is replaced by the module-system-specific imports.
 */
const CLIENT_BODY = `
const baseUrl = process.env.MOCK_URL;
if (!baseUrl) throw new Error("MOCK_URL is not set");
const client = createCustomersClient({ baseUrl, appKey: "consumer-check-app-key", appToken: "consumer-check-app-token" });
const page = await client.getCustomers({ limit: 2 });
if (!Array.isArray(page.customers) || page.customers.length === 0) {
  throw new Error("getCustomers returned no customers: " + JSON.stringify(page));
}
if (typeof page.moreAvailable !== "boolean") throw new Error("moreAvailable is not a boolean: " + JSON.stringify(page));
console.log(JSON.stringify({ ok: true, node: process.version, spec: specFile.endsWith("openapi.yaml"), usernames: page.customers.map((c) => c.username) }));
`;

/** @type {Record<string, { files: Record<string, string>, ts: boolean, entry: string }>} */
const KINDS = {
  esm: {
    ts: false,
    entry: "index.mjs",
    files: {
      "index.mjs": `import { createCustomersClient } from "${SCOPE}/client";
import * as types from "${SCOPE}/types";
void types;
const specFile = import.meta.resolve("${SCOPE}/types/openapi.yaml");
${CLIENT_BODY}`,
    },
  },
  cjs: {
    ts: false,
    entry: "index.cjs",
    files: {
      "index.cjs": `"use strict";
const { createCustomersClient } = require("${SCOPE}/client");
require("${SCOPE}/types");
const specFile = require.resolve("${SCOPE}/types/openapi.yaml");
(async () => {
${CLIENT_BODY}
})().catch((error) => { console.error(error); process.exitCode = 1; });
`,
    },
  },
  "ts-nodenext": {
    ts: true,
    entry: "dist/index.js",
    files: {
      "tsconfig.json": JSON.stringify(
        { compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, outDir: "dist", types: ["node"], skipLibCheck: false }, include: ["index.ts"] },
        null,
        2,
      ),
      "index.ts": "", // filled below
    },
  },
  "ts-bundler": {
    ts: true,
    entry: "dist/index.js",
    files: {
      "tsconfig.json": JSON.stringify(
        { compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", strict: true, outDir: "dist", types: ["node"], skipLibCheck: false }, include: ["index.ts"] },
        null,
        2,
      ),
      "index.ts": "",
    },
  },
};

/** TypeScript consumers also prove the types are real: a wrong call must not compile. */
const TS_PROGRAM = `import { createCustomersClient, type Customer as ClientCustomer } from "${SCOPE}/client";
import type { Customer, Customers, GetCustomersQuery } from "${SCOPE}/types";
import { createRequire } from "node:module";
const specFile = createRequire(import.meta.url).resolve("${SCOPE}/types/openapi.yaml");

const query: GetCustomersQuery = { limit: 2, type: "testing" };
// @ts-expect-error limit is a number: if this compiles, the published types are wrong (any or missing)
const badQuery: GetCustomersQuery = { limit: "2" };
void badQuery;
const sameCustomer = (c: ClientCustomer): Customer => c;
void query;
${CLIENT_BODY.replace("const page = await", "const page: Customers = await").replace("page.customers.map((c) =>", "page.customers.map(sameCustomer).map((c) =>")}`;

for (const kind of ["ts-nodenext", "ts-bundler"]) {
  const spec = KINDS[kind];
  if (spec) spec.files["index.ts"] = TS_PROGRAM;
}

export const CONSUMER_KINDS = /** @type {const} */ (["esm", "cjs", "ts-nodenext", "ts-bundler"]);

/**
 * @typedef {object} ConsumerProject
 * @property {string} name
 * @property {string} dir
 * @property {boolean} ts            needs `tsc` before it runs
 * @property {string} entry          file to run with node, relative to dir
 */

/**
 * @param {{ root: string, registryUrl: string, versions: Record<string, string> }} options
 * @returns {Promise<ConsumerProject[]>}
 */
export async function writeConsumerProjects({ root, registryUrl, versions }) {
  const projects = [];
  for (const kind of CONSUMER_KINDS) {
    const spec = KINDS[kind];
    if (!spec) throw new Error(`unknown consumer kind ${kind}`);
    const dir = join(root, `consumer-${kind}`);
    await mkdir(dir, { recursive: true });
    /** @type {Record<string, string>} */
    const dependencies = {
      [`${SCOPE}/client`]: requireVersion(versions, `${SCOPE}/client`),
      [`${SCOPE}/types`]: requireVersion(versions, `${SCOPE}/types`),
    };
    const devDependencies = spec.ts ? { typescript: TYPESCRIPT_VERSION, "@types/node": TYPES_NODE_VERSION } : {};
    const type = kind === "cjs" ? "commonjs" : "module";
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: `consumer-${kind}`, private: true, type, dependencies, devDependencies }, null, 2));
    await writeFile(join(dir, ".npmrc"), `${SCOPE}:registry=${registryUrl}\n`);
    for (const [file, text] of Object.entries(spec.files)) await writeFile(join(dir, file), text);
    projects.push({ name: kind, dir, ts: spec.ts, entry: spec.entry });
  }
  return projects;
}

/**
 * The mock host: installs the mock (and the contract suite, to prove it installs and loads) by name.
 * `serve.mjs` starts the mock and prints its URL; `smoke.mjs` starts it, lists customers through the client, stops.
 * @param {{ root: string, registryUrl: string, versions: Record<string, string> }} options
 */
export async function writeMockHost({ root, registryUrl, versions }) {
  const dir = join(root, "mock-host");
  await mkdir(dir, { recursive: true });
  const dependencies = Object.fromEntries(["mock", "contract", "client", "types"].map((p) => [`${SCOPE}/${p}`, requireVersion(versions, `${SCOPE}/${p}`)]));
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "mock-host", private: true, type: "module", dependencies }, null, 2));
  await writeFile(join(dir, ".npmrc"), `${SCOPE}:registry=${registryUrl}\n`);
  await writeFile(
    join(dir, "serve.mjs"),
    `import { startMock } from "${SCOPE}/mock";
const mock = await startMock({ port: 0 });
console.log(JSON.stringify({ url: mock.url }));
const stop = () => mock.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
`,
  );
  await writeFile(
    join(dir, "smoke.mjs"),
    `import { startMock } from "${SCOPE}/mock";
import { createCustomersClient } from "${SCOPE}/client";
import * as contract from "${SCOPE}/contract";
const mock = await startMock({ port: 0 });
try {
  const client = createCustomersClient({ baseUrl: mock.url, appKey: "consumer-check-app-key", appToken: "consumer-check-app-token" });
  const page = await client.getCustomers({ limit: 1 });
  if (!page.customers.length) throw new Error("no customers from the mock");
  // msw is an optional peer of the mock: installing the mock alone must not bring it in.
  if (await import("msw").then(() => true, () => false)) throw new Error("msw was installed with the mock; it must stay an optional peer");
  console.log(JSON.stringify({ ok: true, node: process.version, contractExports: Object.keys(contract).length, found: page.found }));
} finally {
  await mock.close();
}
`,
  );
  return dir;
}

/** The msw version the MSW host installs beside the mock (the one the mock's own tests pin). */
export const MSW_VERSION = "2.15.0";

/** Lists every customer through the client with no baseUrl, under msw/node with sandboxHandlers(), then a 401. */
const MSW_BODY = `
const credentials = { appKey: "consumer-msw-app-key", partnerId: "consumer-msw-partner", partnerSecret: "consumer-msw-secret" };
const { handlers, control } = sandboxHandlers({ customers: 12, credentials });
const server = setupServer(...handlers);
server.listen({ onUnhandledRequest: "error" });
try {
  const client = createCustomersClient(credentials);
  const ids = [];
  for await (const customer of client.iterateCustomers({ limit: 5 })) ids.push(customer.id);
  if (ids.length !== 12) throw new Error("expected 12 customers under MSW, got " + ids.length);
  const denied = await createCustomersClient({ appKey: credentials.appKey, appToken: "wrong" }).getCustomers().then(() => undefined, (error) => error.status);
  if (denied !== 401) throw new Error("expected a 401 for a wrong token, got " + denied);
  console.log(JSON.stringify({ ok: true, node: process.version, customers: ids.length, requests: control.requests.length }));
} finally {
  server.close();
}
`;

/**
 * The MSW host: installs the mock with msw, and imports \`@finicity-aggregation/mock/msw\` from ESM (\`esm.mjs\`) and
 * CommonJS (\`cjs.cjs\`).
 * @param {{ root: string, registryUrl: string, versions: Record<string, string> }} options
 */
export async function writeMswHost({ root, registryUrl, versions }) {
  const dir = join(root, "msw-host");
  await mkdir(dir, { recursive: true });
  const dependencies = Object.fromEntries(["mock", "client", "types"].map((p) => [`${SCOPE}/${p}`, requireVersion(versions, `${SCOPE}/${p}`)]));
  dependencies.msw = MSW_VERSION;
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "msw-host", private: true, type: "module", dependencies }, null, 2));
  await writeFile(join(dir, ".npmrc"), `${SCOPE}:registry=${registryUrl}\n`);
  await writeFile(
    join(dir, "esm.mjs"),
    `import { sandboxHandlers } from "${SCOPE}/mock/msw";
import { createCustomersClient } from "${SCOPE}/client";
import { setupServer } from "msw/node";
${MSW_BODY}`,
  );
  await writeFile(
    join(dir, "cjs.cjs"),
    `"use strict";
const { sandboxHandlers } = require("${SCOPE}/mock/msw");
const { createCustomersClient } = require("${SCOPE}/client");
const { setupServer } = require("msw/node");
(async () => {
${MSW_BODY}
})().catch((error) => { console.error(error); process.exitCode = 1; });
`,
  );
  return dir;
}

/** @param {Record<string, string>} versions @param {string} name */
function requireVersion(versions, name) {
  const version = versions[name];
  if (!version) throw new Error(`no published version of ${name}`);
  return version;
}
