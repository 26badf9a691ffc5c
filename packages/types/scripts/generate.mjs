// Generates everything in this package that derives from spec/openapi.yaml:
//   src/generated/openapi.ts  (openapi-typescript)
//   openapi.yaml              (the spec itself, shipped so partners can load the exact version)
// `--check` regenerates in memory and fails when a committed file differs (stale or hand-edited).
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = `${here}/..`;
const specPath = fileURLToPath(new URL("../../../spec/openapi.yaml", import.meta.url));
const check = process.argv.includes("--check");

const header = (comment) =>
  `${comment} Generated from spec/openapi.yaml by packages/types/scripts/generate.mjs. Do not edit by hand:\n` +
  `${comment} change the spec and run \`pnpm generate\`.\n`;

const spec = await readFile(specPath, "utf8");
const ast = await openapiTS(spec, { alphabetize: false });
const outputs = new Map([
  [`${pkg}/src/generated/openapi.ts`, `${header("//")}\n${astToString(ast)}`],
  [`${pkg}/openapi.yaml`, `${header("#")}${spec}`],
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
    `Generated files are stale or were edited by hand:\n  ${stale.join("\n  ")}\n` +
      "Run `pnpm generate` and commit the result.",
  );
  process.exit(1);
}
console.log(check ? "Generated files match spec/openapi.yaml." : "Generated types and spec copy from spec/openapi.yaml.");
