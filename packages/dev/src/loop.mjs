// One cycle of `pnpm dev`, and the warm state it keeps between cycles. A cycle: lint the spec (stop there when
// it is broken), regenerate (types + shipped spec copy, then the client's query rules and validators), rebuild
// and type-check types and client (warm TypeScript programs, declarations bundled as tsup does, JS by tsup),
// type-check the packages built on them (mock, contract), then run the affected fast tests and `spec:diff`.
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createBuilder } from "./build.mjs";
import { createLinter } from "./lint.mjs";
import { run } from "./run.mjs";
import { createWarmProject } from "./typescript.mjs";

/** Tests that exercise what the spec generates in the client: query rules, validators, encoding. */
const CLIENT_FAST_TESTS = ["test/validation.test.ts", "test/validate.test.ts", "test/response-validation.test.ts", "test/encoding.test.ts"];
const MAX_LINES = 15;

/**
 * @param {{ root: string, log: (line: string) => void, tests?: boolean, diff?: boolean }} options
 */
export async function createDevLoop({ root, log, tests = true, diff = true }) {
  const specFile = join(root, "spec", "openapi.yaml");
  const cache = join(tmpdir(), `finicity-dev-${createHash("sha256").update(root).digest("hex").slice(0, 12)}`);
  const pkg = (/** @type {string} */ name) => join(root, "packages", name);
  /** @type {Set<import("node:child_process").ChildProcess>} */
  const children = new Set();
  const linter = await createLinter(root);
  const built = await Promise.all(
    ["types", "client"].map(async (name) => ({
      name,
      project: createWarmProject(pkg(name), join(cache, name)),
      builder: await createBuilder(root, pkg(name), join(cache, name)),
    })),
  );
  const dependents = ["mock", "contract"].map((name) => ({ name, project: createWarmProject(pkg(name), join(cache, name)) }));
  const node = process.execPath;
  let generation = 0;
  let muted = 0;
  const realConsoleLog = console.log;
  /**
   * Runs one of the repo's generator scripts (the ones `pnpm generate` runs) in this process: importing it under a
   * new URL runs it again, while what it imports (openapi-typescript, Ajv, yaml) stays loaded and warm. Its
   * "Generated ..." line is not repeated on every save.
   * @param {string} script
   */
  async function generateIn(script) {
    if (muted++ === 0) console.log = () => {};
    try {
      await import(`${pathToFileURL(script).href}?dev-cycle=${++generation}`);
    } finally {
      if (--muted === 0) console.log = realConsoleLog;
    }
  }
  const lines = (/** @type {string} */ text) => text.trim().split("\n").slice(-MAX_LINES).map((l) => `  ${l}`).join("\n");

  /**
   * Lint, regenerate, rebuild and type-check. Resolves with what happened; never throws for a broken spec.
   * @param {number} since  performance.now() of the save that started this cycle
   */
  async function build(since) {
    const ms = /** @type {Record<string, number>} */ ({});
    const cpuAtStart = process.cpuUsage();
    const step = async (/** @type {string} */ name, /** @type {() => any} */ fn) => {
      const t = performance.now();
      try {
        return await fn();
      } finally {
        ms[name] = Math.round(performance.now() - t);
      }
    };
    const text = readFileSync(specFile, "utf8");
    const lint = await step("lint", () => linter.lint("spec/openapi.yaml", text));
    if (lint.errors.length > 0) {
      log(`✖ spec is broken: ${lint.errors.length} lint error(s); nothing regenerated. Still watching: fix it and save again.`);
      log(lines(lint.errors.join("\n")));
      return { ok: false, ms };
    }
    const generated = await step("generate", async () => {
      try {
        await generateIn(join(pkg("types"), "scripts", "generate.mjs")); // the client's scripts read its spec copy
        await Promise.all([
          generateIn(join(pkg("client"), "scripts", "generate-query-rules.mjs")),
          generateIn(join(pkg("client"), "scripts", "build-validators.mjs")),
        ]);
        return { ok: true, output: "" };
      } catch (error) {
        return { ok: false, output: error instanceof Error ? error.stack ?? error.message : String(error) };
      }
    });
    if (!generated.ok) {
      log(`✖ spec is broken: generating from it failed; still watching.`);
      log(lines(generated.output));
      return { ok: false, ms };
    }
    /** @type {string[]} */
    const errors = [];
    for (const { name, project, builder } of built) {
      const result = await step(`${name} check+dts`, () => project.run());
      errors.push(...result.errors.map((/** @type {string} */ e) => `${name}: ${e}`));
      await step(`${name} build`, () => Promise.all([builder.dts(), builder.js()]));
    }
    for (const { name, project } of dependents) {
      const result = await step(`${name} check`, () => project.run());
      errors.push(...result.errors.map((/** @type {string} */ e) => `${name}: ${e}`));
    }
    const total = Math.round(performance.now() - since);
    // This process's CPU time for the cycle (all its threads; not esbuild's, which is a process of its own): on a
    // shared machine it moves much less with the load than the wall times do, so it says whether a change helped.
    const used = process.cpuUsage(cpuAtStart);
    const cpu = Math.round((used.user + used.system) / 1000);
    const detail = `${Object.entries(ms).map(([k, v]) => `${k} ${v}`).join(", ")}; cpu ${cpu} ms`;
    if (errors.length > 0) {
      log(`✖ type errors after regenerating (${errors.length}), ${total} ms since the save (${detail}):`);
      log(lines(errors.join("\n")));
      return { ok: false, ms, total, cpu };
    }
    log(`✔ regenerated, rebuilt and type-checked in ${total} ms since the save (${detail}; ${lint.warnings} lint warning(s))`);
    return { ok: true, ms, total, cpu };
  }

  /** The slower half of a cycle, after the build: the affected fast tests and the spec:diff classification. */
  async function verify() {
    const jobs = [];
    if (tests) {
      jobs.push(
        run(node, [join(root, "node_modules", "vitest", "vitest.mjs"), "run", ...CLIENT_FAST_TESTS], { cwd: pkg("client"), children }).then((r) => {
          const summary = /Tests\s+(.+)/.exec(r.output)?.[1]?.trim() ?? "";
          if (r.code === 0) log(`✔ client fast tests passed (${summary}) in ${Math.round(r.ms)} ms`);
          else {
            log(`✖ client fast tests failed (${summary || `exit ${r.code}`}):`);
            log(lines(r.output));
          }
        }),
      );
    }
    if (diff) {
      jobs.push(
        run(node, [join(pkg("release"), "src", "spec-diff-cli.mjs")], { cwd: root, children }).then((r) => {
          const out = r.output.trim().split("\n");
          if (r.code === 2) log(`✖ spec:diff failed: ${out.at(-1) ?? ""}`);
          else {
            log(`spec:diff ${r.code === 1 ? "BREAKING" : "ok"}: ${out.at(-1) ?? ""}`);
            if (out.length > 2) log(lines(out.slice(1, -1).join("\n")));
          }
        }),
      );
    }
    await Promise.all(jobs);
  }

  /**
   * Warms the loop up for the first real saves: lints the spec again and re-checks every package as if the types
   * had been regenerated, `rounds` times, writing nothing. The first such re-checks in a fresh process cost about
   * twice the CPU of later ones (packages/dev/README.md), and this moves that cost before "ready".
   */
  async function rehearse(rounds = 3) {
    const types = pkg("types");
    const regenerated = (/** @type {string} */ file) => file.startsWith(join(types, "dist")) || file.startsWith(join(types, "src", "generated"));
    const text = readFileSync(specFile, "utf8");
    for (let round = 0; round < rounds; round++) {
      await linter.lint("spec/openapi.yaml", text);
      for (const { project } of [...built, ...dependents]) project.rehearse(regenerated);
    }
  }

  return {
    build,
    verify,
    rehearse,
    /** Stops running children (tests, diff, generators). */
    stop() {
      for (const child of children) child.kill("SIGTERM");
    },
  };
}
