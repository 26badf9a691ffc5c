// `pnpm test`'s last line, `N passed, N failed[, N skipped]`, and the list of failures printed above it
// (scripts/test-summary.mjs), from vitest JSON reports and turbo's run summary as they are written.
import { describe, expect, it } from "vitest";
// A plain .mjs script (scripts/ has no types); nothing type-checks the root tests.
import { summarize } from "../scripts/test-summary.mjs";

const passing = (n: number, name = "/repo/packages/a/test/a.test.ts") => ({
  numTotalTests: n,
  numPassedTests: n,
  numFailedTests: 0,
  numPendingTests: 0,
  numTodoTests: 0,
  testResults: [{ name, status: "passed", assertionResults: Array.from({ length: n }, (_, i) => ({ status: "passed", fullName: `t${i}` })) }],
});
const task = (taskId: string, directory: string, exitCode: number) => ({ taskId, task: taskId.split("#")[1], directory, execution: { exitCode } });

describe("pnpm test's total line", () => {
  it("sums every report: passed, failed, skipped (pending and todo)", () => {
    const mixed = {
      numTotalTests: 6,
      numPassedTests: 3,
      numFailedTests: 1,
      numPendingTests: 1,
      numTodoTests: 1,
      testResults: [
        {
          name: "/repo/packages/b/test/b.test.ts",
          status: "failed",
          assertionResults: [
            { status: "passed", fullName: "ok" },
            { status: "failed", fullName: "suite > breaks", failureMessages: ["AssertionError: expected 1 to be 2\n    at b.test.ts:3:7"] },
          ],
        },
      ],
    };
    const result = summarize(
      [
        { file: "packages/a/test-results/vitest.json", dir: "packages/a", report: passing(10) },
        { file: "packages/b/test-results/vitest.json", dir: "packages/b", report: mixed },
      ],
      { tasks: [task("@x/a#test", "packages/a", 0), task("@x/b#test", "packages/b", 1)] },
      1,
      (path: string) => path.replace("/repo/", ""),
    );
    expect(result.line).toBe("13 passed, 1 failed, 2 skipped");
    // The failed test task is counted by its report, not once more.
    expect(result.failedTasks).toEqual([]);
    expect(result.failureLines).toEqual(["FAIL packages/b/test/b.test.ts > suite > breaks\n    AssertionError: expected 1 to be 2\n        at b.test.ts:3:7"]);
  });

  it("a file that did not load counts as one failure and says why", () => {
    const broken = { ...passing(2), testResults: [...passing(2).testResults, { name: "/repo/packages/a/test/c.test.ts", status: "failed", message: "SyntaxError: Unexpected token", assertionResults: [] }] };
    const result = summarize([{ file: "r.json", dir: "packages/a", report: broken }], { tasks: [task("@x/a#test", "packages/a", 1)] }, 1, (p: string) => p.replace("/repo/", ""));
    expect(result.line).toBe("2 passed, 1 failed");
    expect(result.failureLines).toEqual(["FAIL packages/a/test/c.test.ts (did not run)\n    SyntaxError: Unexpected token"]);
  });

  it("a task that failed without a failing test (lint, typecheck, a crashed suite) counts as one failure each", () => {
    const result = summarize(
      [{ file: "r.json", dir: "packages/a", report: passing(4) }],
      { tasks: [task("//#lint:spec", ".", 1), task("@x/a#typecheck", "packages/a", 2), task("@x/a#test", "packages/a", 1), task("@x/c#test", "packages/c", 0)] },
      1,
    );
    expect(result.line).toBe("4 passed, 3 failed");
    expect(result.failedTasks).toEqual(["//#lint:spec", "@x/a#typecheck", "@x/a#test"]);
  });

  it("an unreadable report counts as one failure; a failed turbo with nothing to show counts as one", () => {
    expect(summarize([{ file: "bad.json", dir: "packages/a", report: undefined }], undefined, 1).line).toBe("0 passed, 1 failed");
    expect(summarize([], undefined, 1).line).toBe("0 passed, 1 failed");
    expect(summarize([], undefined, 0).line).toBe("0 passed, 0 failed");
  });

  it("cuts a long failure message to its first 12 lines", () => {
    const long = { ...passing(0), numFailedTests: 1, testResults: [{ name: "t.ts", status: "failed", assertionResults: [{ status: "failed", title: "x", failureMessages: [Array.from({ length: 30 }, (_, i) => `line ${i}`).join("\n")] }] }] };
    const [entry] = summarize([{ file: "r.json", dir: ".", report: long }], undefined, 1).failureLines;
    expect(entry.split("\n")).toHaveLength(1 + 12 + 1);
    expect(entry).toContain("… 18 more lines");
  });
});
