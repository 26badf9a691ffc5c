// Generates a client for GetCustomers with each generator partners use, from spec/openapi.yaml, into
// generated/ (ignored by git: regenerated on every `pnpm check:generators`, never edited):
//   generated/hey-api/        @hey-api/openapi-ts, fetch client
//   generated/orval/          orval, fetch client as generated (global fetch, no base URL)
//   generated/orval-mutator/  orval, fetch client through src/orval-fetch.ts (the documented workaround)
//   generated/zod-client/     openapi-zod-client (a Zodios client with Zod schemas)
// The generators run side by side; each one's output is printed only when it fails.
import { spawn } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
const spec = fileURLToPath(new URL("../../../spec/openapi.yaml", import.meta.url));
const bin = (name) => join(pkg, "node_modules", ".bin", name);

const jobs = [
  ["hey-api", bin("openapi-ts"), ["-i", spec, "-o", "generated/hey-api", "-p", "@hey-api/client-fetch"]],
  ["orval", bin("orval"), ["--config", "orval.config.mjs"]],
  ["openapi-zod-client", bin("openapi-zod-client"), [spec, "-o", "generated/zod-client/customers.ts", "--with-alias"]],
];

function run([name, command, args]) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: pkg, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } });
    let output = "";
    const keep = (chunk) => {
      output = (output + chunk).slice(-20_000); // bounded: the tail is what explains a failure
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", (error) => resolve({ name, ok: false, output: String(error), ms: 0 }));
    child.on("close", (code) => resolve({ name, ok: code === 0, output, ms: performance.now() - started }));
  });
}

await rm(join(pkg, "generated"), { recursive: true, force: true });
await mkdir(join(pkg, "generated", "zod-client"), { recursive: true });
const results = await Promise.all(jobs.map(run));
for (const r of results) {
  console.log(`${r.ok ? "generated" : "FAILED   "} ${r.name} (${(r.ms / 1000).toFixed(1)} s)`);
  if (!r.ok) console.error(r.output);
}
if (results.some((r) => !r.ok)) process.exit(1);
