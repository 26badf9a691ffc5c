// @ts-check
/**
 * release:check: pack every publishable package, check each tarball (contents, publint, attw, engines,
 * size-limit), publish them to a throw-away Verdaccio, install them by name into scratch consumer projects and
 * run those under Node 20, 22 and 24 against the mock installed the same way.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { run, runOrThrow } from "../run.mjs";
import { writeConsumerProjects, writeMockHost, writeMswHost } from "./consumer-projects.mjs";
import { startLocalRegistry } from "./local-registry.mjs";
import { nodeRuntimes } from "./node-runtimes.mjs";
import { checkSizeLimit } from "./size-limit.mjs";
import { checkTarball } from "./tarball-check.mjs";
import { publishablePackages } from "./workspace-packages.mjs";

/**
 * @typedef {{ root: string, build?: boolean, consumers?: boolean, keep?: boolean, log?: (line: string) => void }} ReleaseCheckOptions
 * @typedef {{ ok: boolean, problems: string[] }} ReleaseCheckResult
 */

/** @param {ReleaseCheckOptions} options @returns {Promise<ReleaseCheckResult>} */
export async function releaseCheck({ root, build = true, consumers = true, keep = false, log = console.log }) {
  const started = Date.now();
  const step = (/** @type {string} */ text) => log(`[release:check ${((Date.now() - started) / 1000).toFixed(1)}s] ${text}`);
  /** @type {string[]} */
  const problems = [];
  const packages = await publishablePackages(root);
  step(`packages: ${packages.map((p) => `${p.name}@${p.version}`).join(", ")}`);
  const work = await mkdtemp(join(tmpdir(), "release-check-"));
  const runtimesPromise = consumers ? nodeRuntimes() : Promise.resolve([]);
  runtimesPromise.catch(() => {}); // awaited below; avoid an unhandled rejection while packing
  try {
    if (build) {
      step("build (turbo)");
      const filters = packages.flatMap((p) => ["--filter", `${p.name}...`]);
      await runOrThrow("pnpm", ["exec", "turbo", "run", "build", ...filters, "--output-logs=errors-only"], {
        cwd: root,
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
      });
    }

    step("pack");
    const tarballDir = join(work, "tarballs");
    await mkdir(tarballDir);
    /** @type {Map<string, string>} */
    const tarballs = new Map();
    for (const pkg of packages) {
      const result = await runOrThrow("pnpm", ["pack", "--pack-destination", tarballDir, "--json"], { cwd: pkg.dir });
      tarballs.set(pkg.name, JSON.parse(result.stdout).filename);
    }

    const runtimes = await runtimesPromise;
    const nodeVersions = runtimes.length ? runtimes.map((r) => r.version) : [process.versions.node];
    step(`check tarballs (publint, attw, contents, engines for Node ${nodeVersions.join(", ")})`);
    const reports = await Promise.all(packages.map((pkg) => checkTarball({ tarball: /** @type {string} */ (tarballs.get(pkg.name)), nodeVersions })));
    for (const report of reports) {
      log(`  ${report.name}@${report.version}: ${report.files.length} files, ${report.problems.length ? `${report.problems.length} problem(s)` : "clean"}`);
      for (const note of report.notes) log(`    note: ${note}`);
      problems.push(...report.problems.map((p) => `${report.name}: ${p}`));
    }
    for (const pkg of packages) {
      const size = await checkSizeLimit(pkg.dir);
      if (size.checked) log(`  ${pkg.name}: size-limit ${size.problems.length ? "FAILED" : "within budget"}`);
      problems.push(...size.problems.map((p) => `${pkg.name}: ${p}`));
    }
    for (const p of problems) log(`  PROBLEM ${p}`);

    if (consumers) {
      problems.push(...(await checkConsumers({ work, packages, tarballs, runtimes, step, log })));
    }
  } finally {
    if (keep) log(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
  step(problems.length ? `FAILED with ${problems.length} problem(s)` : "all checks passed");
  return { ok: problems.length === 0, problems };
}

/**
 * @param {{ work: string, packages: import("./workspace-packages.mjs").PublishablePackage[], tarballs: Map<string, string>,
 *   runtimes: import("./node-runtimes.mjs").NodeRuntime[], step: (text: string) => void, log: (line: string) => void }} ctx
 * @returns {Promise<string[]>}
 */
async function checkConsumers({ work, packages, tarballs, runtimes, step, log }) {
  /** @type {string[]} */
  const problems = [];
  step("start Verdaccio and publish");
  const registryDir = join(work, "registry");
  await mkdir(registryDir);
  const registry = await startLocalRegistry(registryDir);
  /** @type {(() => Promise<void>) | undefined} */
  let stopMock;
  try {
    for (const pkg of packages) await registry.publish(/** @type {string} */ (tarballs.get(pkg.name)));
    const versions = Object.fromEntries(packages.map((p) => [p.name, p.version]));
    step(`published to ${registry.url}; install consumer projects by name`);
    const consumersRoot = join(work, "consumers");
    const projects = await writeConsumerProjects({ root: consumersRoot, registryUrl: registry.url, versions });
    const mockHost = await writeMockHost({ root: consumersRoot, registryUrl: registry.url, versions });
    const mswHost = await writeMswHost({ root: consumersRoot, registryUrl: registry.url, versions });
    const installDirs = [mockHost, mswHost, ...projects.map((p) => p.dir)];
    const installs = await mapLimit(installDirs, 3, (dir) =>
      run("npm", ["install", "--no-audit", "--no-fund", "--prefer-online", "--loglevel=error"], { cwd: dir, timeoutMs: 240_000 }),
    );
    installs.forEach((result, i) => {
      if (result.code !== 0) problems.push(`npm install in ${installDirs[i]} failed:\n${result.stdout}\n${result.stderr}`.trim());
    });
    if (problems.length) return problems;

    step("type-check the TypeScript consumers");
    for (const project of projects.filter((p) => p.ts)) {
      const tsc = await run(process.execPath, [join(project.dir, "node_modules/typescript/bin/tsc"), "-p", "."], { cwd: project.dir });
      if (tsc.code !== 0) problems.push(`consumer ${project.name}: tsc failed:\n${tsc.stdout}${tsc.stderr}`.trim());
      else log(`  consumer ${project.name}: type-checks`);
    }

    step("start the mock from the installed @finicity-aggregation/mock");
    const mock = await startMockHost(mockHost);
    stopMock = mock.stop;
    for (const runtime of runtimes) {
      for (const project of projects) {
        if (project.ts && problems.some((p) => p.startsWith(`consumer ${project.name}:`))) continue;
        const result = await run(runtime.bin, [project.entry], { cwd: project.dir, env: { ...process.env, MOCK_URL: mock.url }, timeoutMs: 60_000 });
        const ok = result.code === 0 && result.stdout.includes('"ok":true');
        log(`  ${runtime.label} ${project.name}: ${ok ? result.stdout.trim() : "FAILED"}`);
        if (!ok) problems.push(`consumer ${project.name} under ${runtime.label} failed (exit ${result.code}):\n${result.stdout}${result.stderr}`.trim());
      }
      const smoke = await run(runtime.bin, ["smoke.mjs"], { cwd: mockHost, timeoutMs: 60_000 });
      const smokeOk = smoke.code === 0 && smoke.stdout.includes('"ok":true');
      log(`  ${runtime.label} mock-host (startMock + client + contract): ${smokeOk ? smoke.stdout.trim() : "FAILED"}`);
      if (!smokeOk) problems.push(`mock host under ${runtime.label} failed (exit ${smoke.code}):\n${smoke.stdout}${smoke.stderr}`.trim());
      for (const entry of ["esm.mjs", "cjs.cjs"]) {
        const msw = await run(runtime.bin, [entry], { cwd: mswHost, timeoutMs: 60_000 });
        const mswOk = msw.code === 0 && msw.stdout.includes('"ok":true');
        log(`  ${runtime.label} msw-host ${entry} (@finicity-aggregation/mock/msw + msw/node + client): ${mswOk ? msw.stdout.trim() : "FAILED"}`);
        if (!mswOk) problems.push(`msw host ${entry} under ${runtime.label} failed (exit ${msw.code}):\n${msw.stdout}${msw.stderr}`.trim());
      }
    }
  } finally {
    if (stopMock) await stopMock();
    await registry.close();
    step("stopped the mock and Verdaccio");
  }
  return problems;
}

/**
 * Starts `serve.mjs` of the mock host and waits for the URL it prints.
 * @param {string} dir
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
function startMockHost(dir) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["serve.mjs"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
    const exited = new Promise((done) => child.once("exit", done));
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    };
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the mock did not start within 60 s:\n${stderr}`));
    }, 60_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the mock exited (${code}) before it printed its URL:\n${stderr}`));
    });
    createInterface({ input: child.stdout }).on("line", (line) => {
      try {
        const { url } = JSON.parse(line);
        clearTimeout(timer);
        resolve({ url, stop });
      } catch {
        // not the URL line
      }
    });
  });
}

/**
 * @template T, R
 * @param {T[]} items
 * @param {number} limit
 * @param {(item: T) => Promise<R>} fn
 * @returns {Promise<R[]>}
 */
async function mapLimit(items, limit, fn) {
  /** @type {R[]} */
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(/** @type {T} */ (items[i]));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
