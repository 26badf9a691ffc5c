#!/usr/bin/env node
// `pnpm dev`: watches spec/openapi.yaml and runs a cycle of src/loop.mjs on every save (saves during a cycle
// are coalesced into one more cycle). Ctrl-C / SIGTERM stops it cleanly.
//   --no-tests   skip the fast tests      --no-diff   skip spec:diff      --once   one cycle, then exit
import { watch } from "node:fs";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createDevLoop } from "./loop.mjs";

const { values } = parseArgs({
  options: { "no-tests": { type: "boolean" }, "no-diff": { type: "boolean" }, once: { type: "boolean" }, root: { type: "string" } },
});
const root = resolve(values.root ?? join(dirname(fileURLToPath(import.meta.url)), "..", "..", ".."));
const specDir = join(root, "spec");
const log = (/** @type {string} */ line) => console.log(line.startsWith("  ") ? line : `dev: ${line}`);

const started = performance.now();
log(`starting in ${root}: warming up (lint, generate, build, type-check)`);
const loop = await createDevLoop({ root, log, tests: !values["no-tests"], diff: !values["no-diff"] });

let running = false;
let pending = false;
let stopping = false;
let cycle = 0;
let lastText = "";
/** @type {number} */
let changedAt = performance.now();

async function runCycle(/** @type {number} */ since) {
  running = true;
  cycle++;
  try {
    lastText = readFileSync(join(specDir, "openapi.yaml"), "utf8");
    const result = await loop.build(since);
    if (result.ok && !stopping) await loop.verify();
  } catch (error) {
    log(`✖ cycle ${cycle} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}; still watching`);
  } finally {
    running = false;
    log(`cycle ${cycle} done; watching spec/openapi.yaml`);
  }
  if (pending && !stopping) {
    pending = false;
    await runCycle(changedAt);
  }
}

await runCycle(started);
if (values.once) process.exit(0);
const rehearsing = performance.now();
await loop.rehearse();
log(`warmed up the re-checks in ${Math.round(performance.now() - rehearsing)} ms (3 rehearsals of a types change, nothing written)`);
log(`ready in ${Math.round(performance.now() - started)} ms`);

/** @type {NodeJS.Timeout | undefined} */
let debounce;
// The folder is watched, not the file: editors save by writing a new file and renaming it over the old one.
const watcher = watch(specDir, (_event, name) => {
  if (name !== "openapi.yaml" || stopping) return;
  clearTimeout(debounce);
  const at = performance.now();
  debounce = setTimeout(() => {
    let text;
    try {
      text = readFileSync(join(specDir, "openapi.yaml"), "utf8");
    } catch {
      return; // between an editor's delete and rename: the rename fires again
    }
    if (text === lastText) return; // touched, not changed
    log("spec/openapi.yaml changed");
    changedAt = at;
    if (running) pending = true;
    else void runCycle(at);
  }, 30);
});

function stop() {
  if (stopping) return;
  stopping = true;
  log("stopping");
  watcher.close();
  clearTimeout(debounce);
  loop.stop();
  const waitForCycle = () => (running ? setTimeout(waitForCycle, 20) : (log("stopped"), process.exit(0)));
  waitForCycle();
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
