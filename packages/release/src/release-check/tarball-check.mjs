// @ts-check
/**
 * Checks one packed tarball the way a user will meet it: publint and attw clean, nothing inside but what users
 * need (dist, README, LICENSE, package.json, plus bin/ and openapi.yaml where the package ships them), Node
 * engines declared and satisfied by every Node version the consumer projects run under, and runtime dependencies
 * that match what the shipped code imports (dependency-check.mjs).
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import semver from "semver";
import { run } from "../run.mjs";
import { checkTarballDependencies } from "./dependency-check.mjs";

/** Paths a tarball may hold (relative to `package/`). */
const ALLOWED = [
  /^package\.json$/, /^README\.md$/i, /^LICENSE(\.md|\.txt)?$/i, /^CHANGELOG\.md$/i, /^dist\//, /^bin\//, /^openapi\.yaml$/,
  // The mock's documents for other languages: its control API's OpenAPI description and the usage profile's JSON Schema.
  /^control-api\.openapi\.yaml$/, /^usage-profile\.schema\.json$/,
];
/** Paths no tarball may hold, even under an allowed folder. */
const FORBIDDEN = [/(^|\/)(test|tests|__tests__|fixtures|__fixtures__|__mocks__)\//, /\.(test|spec)\.[cm]?[jt]sx?$/, /(^|\/)tsconfig[^/]*\.json$/];
/** Files every tarball must hold. */
const REQUIRED = ["package.json", "README.md", "LICENSE"];

/**
 * @typedef {{ name: string, version: string, engines?: { node?: string }, exports?: unknown, publishConfig?: Record<string, unknown>, [key: string]: unknown }} Manifest
 * @typedef {{ tarball: string, nodeVersions: readonly string[] }} CheckTarballOptions
 * @typedef {{ name: string, version: string, files: string[], problems: string[], notes: string[] }} TarballReport
 */

/** @param {string} tarball */
export async function listTarball(tarball) {
  const result = await run("tar", ["-tzf", tarball]);
  if (result.code !== 0) throw new Error(`cannot read ${tarball}: ${result.stderr}`);
  return result.stdout
    .split("\n")
    .filter((line) => line && !line.endsWith("/"))
    .map((line) => line.replace(/^package\//, ""));
}

/** @param {string} tarball @returns {Promise<Manifest>} */
async function readManifest(tarball) {
  const result = await run("tar", ["-xzOf", tarball, "package/package.json"]);
  if (result.code !== 0) throw new Error(`${tarball} has no package/package.json`);
  return JSON.parse(result.stdout);
}

/**
 * @param {string[]} files
 * @returns {string[]} problems
 */
export function checkContents(files) {
  const problems = [];
  for (const file of files) {
    if (FORBIDDEN.some((re) => re.test(file))) problems.push(`contents: ${file} is a test, fixture or build config: users do not need it`);
    else if (!ALLOWED.some((re) => re.test(file))) problems.push(`contents: ${file} is outside dist/, bin/, openapi.yaml, README.md, LICENSE and package.json`);
  }
  for (const required of REQUIRED) {
    if (!files.some((f) => f.toLowerCase() === required.toLowerCase())) problems.push(`contents: ${required} is missing`);
  }
  return problems;
}

/**
 * @param {Manifest} manifest
 * @param {readonly string[]} nodeVersions
 */
export function checkEngines(manifest, nodeVersions) {
  const range = manifest.engines?.node;
  if (!range) return ['engines: package.json declares no "engines.node"'];
  if (!semver.validRange(range)) return [`engines: "engines.node" ${JSON.stringify(range)} is not a semver range`];
  return nodeVersions
    .filter((v) => !semver.satisfies(v, range))
    .map((v) => `engines: "engines.node" ${JSON.stringify(range)} excludes Node ${v}, which the consumer projects run under`);
}

/** @param {string} tarball */
async function runPublint(tarball) {
  const buffer = await readFile(tarball);
  const arrayBuffer = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  const { messages, pkg } = await publint({ pack: { tarball: /** @type {ArrayBuffer} */ (arrayBuffer) }, level: "suggestion", strict: false });
  const problems = [];
  const notes = [];
  for (const message of messages) {
    const text = `publint ${message.type}: ${formatMessage(message, pkg) ?? message.code}`;
    if (message.type === "suggestion") notes.push(text);
    else problems.push(text);
  }
  return { problems, notes };
}

function attwBin() {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@arethetypeswrong/cli/package.json")), "dist/index.js");
}

/**
 * @param {string} tarball
 * @param {Manifest} manifest
 */
async function runAttw(tarball, manifest) {
  // Subpaths that export data, not modules (the shipped openapi.yaml), have no types to check.
  const exportsMap = manifest.exports && typeof manifest.exports === "object" ? Object.keys(manifest.exports) : [];
  const dataEntrypoints = exportsMap.filter((key) => /\.(ya?ml|json)$/.test(key));
  const args = [attwBin(), tarball, "--format", "table-flipped", "--no-emoji", "--no-color", "--profile", "strict"];
  if (dataEntrypoints.length) args.push("--exclude-entrypoints", ...dataEntrypoints);
  const result = await run(process.execPath, args, { env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" } });
  if (result.code === 0) return [];
  return [`attw (are the types wrong) found problems:\n${`${result.stdout}\n${result.stderr}`.trim()}`];
}

/**
 * @param {CheckTarballOptions} options
 * @returns {Promise<TarballReport>}
 */
export async function checkTarball({ tarball, nodeVersions }) {
  const [files, manifest] = await Promise.all([listTarball(tarball), readManifest(tarball)]);
  const problems = [...checkContents(files), ...checkEngines(manifest, nodeVersions)];
  if (manifest.publishConfig && "registry" in manifest.publishConfig) {
    problems.push("publishConfig.registry is set: release:check would publish somewhere other than its local registry");
  }
  const [lint, attw, dependencies] = await Promise.all([runPublint(tarball), runAttw(tarball, manifest), checkTarballDependencies(tarball, manifest)]);
  problems.push(...lint.problems, ...attw, ...dependencies);
  return { name: manifest.name, version: manifest.version, files, problems, notes: lint.notes };
}
