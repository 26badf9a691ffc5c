// The composite action's script (action/run.sh), run the way the runner runs the step: bash, the inputs as the
// INPUT_* variables action.yml maps them to (from its defaults), GITHUB_ACTION_PATH at the action's folder, the
// job's workspace as the working directory, GITHUB_ACTIONS=true and a GITHUB_STEP_SUMMARY file.
import { execFile, execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_CREDENTIALS, startMock, type RunningSandbox } from "@finicity-aggregation/mock";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../src/index.js";

const PACKAGE = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
const SCRIPT = join(PACKAGE, "action", "run.sh");
const action = parse(readFileSync(join(PACKAGE, "action.yml"), "utf8")) as {
  inputs: Record<string, { default?: string }>;
  runs: { steps: Array<{ env?: Record<string, string>; run?: string }> };
};

/** The step's environment as the runner builds it: each `${{ inputs.x }}` is the input's value or its default. */
function stepEnv(inputs: Record<string, string>, runNumber: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, expression] of Object.entries(action.runs.steps[0]!.env ?? {})) {
    const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(expression)?.[1];
    if (input !== undefined) env[name] = inputs[input] ?? action.inputs[input]?.default ?? "";
    else if (expression === "${{ github.run_number }}") env[name] = runNumber;
    else throw new Error(`unexpected step env ${name}: ${expression}`);
  }
  return env;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the script asynchronously (the sandbox in this process keeps answering), without the FINICITY_* of this shell. */
function runScript(env: Record<string, string>, cwd: string, script = SCRIPT): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("FINICITY_") && !name.startsWith("INPUT_") && !name.startsWith("GITHUB_")));
  return new Promise((resolve) => {
    execFile("bash", [script], { cwd, env: { ...base, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const CREDENTIALS = {
  FINICITY_APP_KEY: DEMO_CREDENTIALS.appKey,
  FINICITY_PARTNER_ID: DEMO_CREDENTIALS.partnerId,
  FINICITY_PARTNER_SECRET: DEMO_CREDENTIALS.partnerSecret,
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "contract-action-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("action/run.sh against the sandbox, with this checkout's build (no build step)", () => {
  let mock: RunningSandbox;
  beforeAll(async () => {
    mock = await startMock({ mode: "sandbox", port: 0 });
  });
  afterAll(async () => {
    await mock?.close();
  });

  it("exits 0, writes the JSON, JUnit and HTML reports where the inputs say and the job summary; secrets only in masks", async () => {
    expect(existsSync(join(PACKAGE, "dist", "cli.js")), "build the package first (pnpm build)").toBe(true);
    const workspace = join(dir, "workspace");
    mkdirSync(workspace);
    const summary = join(dir, "summary.md");
    writeFileSync(summary, "");
    const result = await runScript(
      {
        ...stepEnv({ "base-url": mock.url }, "7"),
        ...CREDENTIALS,
        GITHUB_ACTION_PATH: PACKAGE,
        GITHUB_ACTIONS: "true",
        GITHUB_STEP_SUMMARY: summary,
      },
      workspace,
    );
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.code, output).toBe(0);
    expect(result.stderr, "the build present is used as it is").not.toMatch(/building|installing pnpm/);
    expect(result.stdout).toContain("CONFORMS: 0 checks failed");

    const report = JSON.parse(readFileSync(join(workspace, "reports", "contract.json"), "utf8")) as Report;
    expect(report.ok).toBe(true);
    expect(report.seed, "an empty seed input means the run number").toBe(7);
    expect(report.region).toBe("au");
    expect(readFileSync(join(workspace, "reports", "contract.xml"), "utf8")).toMatch(/^<\?xml/);
    expect(readFileSync(join(workspace, "reports", "contract.html"), "utf8")).toMatch(/<!doctype html>/i);

    const written = readFileSync(summary, "utf8");
    expect(written).toMatch(/^## finicity-contract: .*conforms/m);
    expect(written).toContain(mock.url);

    // The secrets appear once each, in the ::add-mask:: lines that come first, and nowhere else.
    const lines = result.stdout.split("\n");
    for (const secret of [DEMO_CREDENTIALS.appKey, DEMO_CREDENTIALS.partnerSecret]) {
      expect(lines.filter((line) => line.includes(secret))).toEqual([`::add-mask::${secret}`]);
      expect(result.stderr).not.toContain(secret);
      expect(written).not.toContain(secret);
      for (const file of ["contract.json", "contract.xml", "contract.html"]) expect(readFileSync(join(workspace, "reports", file), "utf8")).not.toContain(secret);
    }
    expect(lines.findIndex((line) => !line.startsWith("::add-mask::"))).toBeGreaterThan(0);
  }, 120_000);
});

/** A folder of stand-ins for the tools the script calls, each logging its arguments (and working folder) to calls.log. */
function stubTools(root: string, pnpmVersion: string): { bin: string; calls: () => string[] } {
  const bin = join(root, "stub-bin");
  const log = join(root, "calls.log");
  mkdirSync(bin, { recursive: true });
  writeFileSync(log, "");
  const stub = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/usr/bin/env bash\nset -euo pipefail\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  // pnpm: reports a version; `exec turbo ...` "builds" the contract package (dist/ and node_modules appear).
  const pnpm = (version: string) => `if [ "\${1:-}" = "--version" ]; then echo ${version}; exit 0; fi
echo "pnpm $* (in $PWD)" >> ${JSON.stringify(log)}
if [ "\${1:-}" = "exec" ] && [ "\${2:-}" = "turbo" ]; then mkdir -p packages/contract/dist packages/contract/node_modules; : > packages/contract/dist/cli.js; fi`;
  stub("pnpm", pnpm(pnpmVersion));
  // npm install --global --prefix DIR pnpm@V: puts a pnpm of version V in DIR/bin.
  stub(
    "npm",
    `echo "npm $*" >> ${JSON.stringify(log)}
prefix=""; version=""
while [ $# -gt 0 ]; do case "$1" in --prefix) prefix="$2"; shift;; pnpm@*) version="\${1#pnpm@}";; esac; shift; done
mkdir -p "$prefix/bin"
cat > "$prefix/bin/pnpm" <<'PNPM'
#!/usr/bin/env bash
set -euo pipefail
${pnpm("__VERSION__")}
PNPM
sed -i "s/__VERSION__/$version/" "$prefix/bin/pnpm"
chmod +x "$prefix/bin/pnpm"`,
  );
  stub("npx", `echo "npx $*" >> ${JSON.stringify(log)}`);
  return { bin, calls: () => readFileSync(log, "utf8").split("\n").filter(Boolean) };
}

/** A checkout of the repository as GitHub leaves it for the action: sources, no dist/, no node_modules. */
function fakeCheckout(root: string): { actionPath: string } {
  const actionPath = join(root, "repo", "packages", "contract");
  mkdirSync(join(actionPath, "action"), { recursive: true });
  mkdirSync(join(actionPath, "bin"), { recursive: true });
  writeFileSync(join(root, "repo", "package.json"), JSON.stringify({ name: "finicity-aggregation", packageManager: "pnpm@10.34.9" }));
  copyFileSync(SCRIPT, join(actionPath, "action", "run.sh"));
  // The bin records how it was called instead of verifying.
  writeFileSync(join(actionPath, "bin", "finicity-contract.js"), `require("node:fs").appendFileSync(${JSON.stringify(join(root, "calls.log"))}, "finicity-contract " + process.argv.slice(2).join(" ") + "\\n");\n`);
  return { actionPath };
}

describe("action/run.sh choosing what to run (stand-in tools, nothing installed or fetched)", () => {
  const inputs = { "base-url": "http://127.0.0.1:9" };
  const VERIFY = "verify --base-url http://127.0.0.1:9 --region au --seed 3 --json reports/contract.json --junit reports/contract.xml --html reports/contract.html";

  it.each([
    ["another pnpm on PATH", "9.15.0", true],
    ["the pinned pnpm already on PATH", "10.34.9", false],
  ])("without its build, builds the package at the ref with pnpm 10.34.9 (%s), then runs it", async (_, pnpmVersion, installs) => {
    const root = mkdtempSync(join(dir, "checkout-"));
    const { bin, calls } = stubTools(root, pnpmVersion);
    const { actionPath } = fakeCheckout(root);
    const runnerTemp = join(root, "runner-temp");
    mkdirSync(runnerTemp);
    const result = await runScript(
      { ...stepEnv(inputs, "3"), GITHUB_ACTION_PATH: actionPath, RUNNER_TEMP: runnerTemp, PATH: `${bin}:${process.env.PATH}` },
      root,
      join(actionPath, "action", "run.sh"),
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const repo = join(root, "repo");
    expect(calls()).toEqual([
      ...(installs ? [`npm install --global --prefix ${runnerTemp}/finicity-contract-pnpm-10.34.9 --no-audit --no-fund --loglevel=error pnpm@10.34.9`] : []),
      `pnpm install --frozen-lockfile --filter @finicity-aggregation/contract... --filter . (in ${repo})`,
      `pnpm exec turbo run build --filter=@finicity-aggregation/contract... --output-logs=errors-only (in ${repo})`,
      `finicity-contract ${VERIFY}`,
    ]);
    // A second run finds the build and goes straight to the verifier.
    const again = await runScript({ ...stepEnv(inputs, "3"), GITHUB_ACTION_PATH: actionPath, PATH: `${bin}:${process.env.PATH}` }, root, join(actionPath, "action", "run.sh"));
    expect(again.code, again.stderr).toBe(0);
    expect(calls().slice(installs ? 4 : 3)).toEqual([`finicity-contract ${VERIFY}`]);
  });

  it("with a version input, runs that release from npm through npx and builds nothing", async () => {
    const root = mkdtempSync(join(dir, "checkout-"));
    const { bin, calls } = stubTools(root, "10.34.9");
    const { actionPath } = fakeCheckout(root);
    const result = await runScript(
      { ...stepEnv({ ...inputs, version: "1.2.3", strict: "true", "min-coverage": "90", seed: "11", json: "", junit: "", html: "" }, "3"), GITHUB_ACTION_PATH: actionPath, PATH: `${bin}:${process.env.PATH}` },
      root,
      join(actionPath, "action", "run.sh"),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(calls()).toEqual(["npx --yes @finicity-aggregation/contract@1.2.3 verify --base-url http://127.0.0.1:9 --region au --seed 11 --strict --min-coverage 90"]);
  });

  it("refuses to build when the repository does not pin pnpm (exit 2, says why)", async () => {
    const root = mkdtempSync(join(dir, "checkout-"));
    const { bin, calls } = stubTools(root, "10.34.9");
    const { actionPath } = fakeCheckout(root);
    writeFileSync(join(root, "repo", "package.json"), JSON.stringify({ name: "finicity-aggregation" }));
    const result = await runScript({ ...stepEnv(inputs, "3"), GITHUB_ACTION_PATH: actionPath, PATH: `${bin}:${process.env.PATH}` }, root, join(actionPath, "action", "run.sh"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/does not pin pnpm/);
    expect(calls()).toEqual([]);
  });
});

describe("action/run.sh lint", () => {
  it("passes shellcheck", () => {
    try {
      execFileSync("shellcheck", ["--version"], { stdio: "ignore" });
    } catch {
      throw new Error("shellcheck was not found: install Debian's (`sudo apt-get install -y shellcheck`; .ci/run does) to lint action/run.sh");
    }
    expect(() => execFileSync("shellcheck", [SCRIPT], { encoding: "utf8" })).not.toThrow();
  });
});
