// From the repository root, `pnpm exec finicity-mock …` and `pnpm exec finicity-contract …` run the CLIs; both
// have --version/-V and -h/--help, print a usage error as one line and a hint (exit 2, no stack trace), and
// refuse stray positional arguments.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ROOT, runCommand, STACK_FRAME, type Result } from "./run.js";

const version = (pkg: string) => (JSON.parse(readFileSync(`${ROOT}/packages/${pkg}/package.json`, "utf8")) as { version: string }).version;
const show = (r: Result) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

/** A usage error: exit 2, nothing on stdout, one error line and the hint on stderr, no stack. */
function expectUsageError(result: Result, bin: string, message: RegExp) {
  expect(result.code, show(result)).toBe(2);
  expect(result.stdout, show(result)).toBe("");
  const lines = result.stderr.trim().split("\n");
  expect(lines, show(result)).toHaveLength(2);
  expect(lines[0], show(result)).toMatch(message);
  expect(lines[1], show(result)).toBe(`(run ${bin} --help for usage)`);
  expect(result.stderr, show(result)).not.toMatch(STACK_FRAME);
}

describe.each([
  { bin: "finicity-mock", pkg: "mock", helpMentions: "--host <host>" },
  { bin: "finicity-contract", pkg: "contract", helpMentions: "verify [options]" },
])("pnpm exec $bin from the root", ({ bin, pkg, helpMentions }) => {
  it.each(["--version", "-V"])("%s prints the package version and exits 0", async (flag) => {
    const result = await runCommand(`pnpm exec ${bin} ${flag}`);
    expect(result.code, show(result)).toBe(0);
    expect(result.stdout.trim()).toBe(version(pkg));
  });

  it.each(["-h", "--help"])("%s prints the help and exits 0", async (flag) => {
    const result = await runCommand(`pnpm exec ${bin} ${flag}`);
    expect(result.code, show(result)).toBe(0);
    expect(result.stdout).toContain(`Usage: ${bin}`);
    expect(result.stdout).toContain("-V, --version");
    expect(result.stdout).toContain("-h, --help");
    expect(result.stdout).toContain(helpMentions);
  });

  it("prints an unknown option as one line and a hint, and exits 2", async () => {
    expectUsageError(await runCommand(`pnpm exec ${bin} --no-such-option`), bin, /^error: unknown option '--no-such-option'$/);
  });
});

describe("usage errors of finicity-mock", () => {
  it("refuses a stray positional argument", async () => {
    expectUsageError(await runCommand("pnpm exec finicity-mock sandbox"), "finicity-mock", /too many arguments/);
  });

  it("prints a bad option value as one line and a hint", async () => {
    expectUsageError(await runCommand("pnpm exec finicity-mock --mode bogus"), "finicity-mock", /--mode <mode>' argument 'bogus' is invalid/);
  });

  it("prints an option the sandbox refuses (an empty --app-key) as one line, without a stack, and exits 2", async () => {
    expectUsageError(await runCommand(`pnpm exec finicity-mock --mode sandbox --port 0 --app-key ''`), "finicity-mock", /^finicity-mock: credentials\.appKey must be a non-empty string/);
  });
});

describe("usage errors of finicity-contract", () => {
  it("refuses a stray positional argument to verify", async () => {
    expectUsageError(
      await runCommand("pnpm exec finicity-contract verify http://127.0.0.1:9 --base-url http://127.0.0.1:9"),
      "finicity-contract",
      /too many arguments for 'verify'/,
    );
  });

  it("prints an unknown command as one line and a hint", async () => {
    expectUsageError(await runCommand("pnpm exec finicity-contract check"), "finicity-contract", /^error: unknown command 'check'$/);
  });

  it("with no command, names the commands instead of printing the whole help", async () => {
    expectUsageError(await runCommand("pnpm exec finicity-contract"), "finicity-contract", /^error: a command is needed, one of: verify, replay, compat$/);
  });

  it("prints a bad flag value of verify as one line and a hint", async () => {
    expectUsageError(
      await runCommand("pnpm exec finicity-contract verify --base-url http://127.0.0.1:9 --runs 0"),
      "finicity-contract",
      /runs must be an integer >= 1/,
    );
  });
});
