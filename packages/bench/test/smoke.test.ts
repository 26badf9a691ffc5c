import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import type { ResultsFile } from "../src/report.js";

const run = promisify(execFile);
const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dir = mkdtempSync(path.join(os.tmpdir(), "bench-smoke-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The built CLI, run the way `pnpm bench` runs it, in its tiny --smoke sizes: every benchmark but the pipeline
// (which builds the whole repo) must produce a well-formed figure or say why it is not available.
describe("pnpm bench --smoke", () => {
  it("prints every figure beside its target and writes a well-formed results file", async () => {
    const out = path.join(dir, "smoke.json");
    const { stdout, stderr } = await run(process.execPath, ["dist/cli.js", "--smoke", "--only", "1,2,3,4,5,7", "--out", out], {
      cwd: pkg,
      timeout: 220_000, // an upper bound: a shared machine under load runs the smoke sizes in 20-90 s
    });
    const results = JSON.parse(readFileSync(out, "utf8")) as ResultsFile;
    const context = `stdout:\n${stdout}\nstderr:\n${stderr}`;

    expect(results.schemaVersion, context).toBe(1);
    expect(results.machine.cpus, context).toBeGreaterThan(0);
    expect(results.machine.node, context).toBe(process.version);
    expect(Number.isNaN(Date.parse(results.date)), context).toBe(false);
    expect(results.benchmarks.map((b) => b.id), context).toEqual([1, 2, 3, 4, 5, 7]);

    for (const benchmark of results.benchmarks) {
      expect(benchmark.rows.length, `${benchmark.id} has no rows\n${context}`).toBeGreaterThan(0);
      for (const row of benchmark.rows) {
        const where = `${benchmark.id} "${row.figure}": ${JSON.stringify(row)}\n${context}`;
        if (row.status === "N/A") {
          expect(row.value, where).toBeNull();
          expect(row.detail, where).toMatch(/^not available: .+/);
        } else {
          expect(Number.isFinite(row.value), where).toBe(true);
          expect(["PASS", "MISS", "INFO"], where).toContain(row.status);
          if (row.target) expect(row.status, where).not.toBe("INFO");
        }
        expect(stdout, where).toContain(row.figure);
      }
    }
    // Benchmarks that need nothing from the other issues always measure.
    for (const id of [1, 2, 7]) {
      const rows = results.benchmarks.find((b) => b.id === id)!.rows;
      expect(rows.every((r) => r.status !== "N/A"), `${id}: ${JSON.stringify(rows)}`).toBe(true);
    }
    expect(stdout).toMatch(/PASS|MISS/);

    // Issue 17's rows: each page size of benchmark 2 against openapi-fetch and the Stainless runtime, with the
    // spread of the per-round ratios beside the median; benchmark 1's peer and small-page rows.
    const rowsOf = (id: number) => results.benchmarks.find((b) => b.id === id)!.rows;
    const find = (id: number, figure: string) => {
      const row = rowsOf(id).find((r) => r.figure === figure);
      expect(row, `${id}: no row "${figure}" in ${JSON.stringify(rowsOf(id).map((r) => r.figure))}`).toBeDefined();
      return row!;
    };
    for (const page of ["page of 0 (username miss)", "page of 1 (username hit)", "page of 25 (default)"]) {
      const at = `(req/s, loopback, ${page})`;
      expect(find(2, `client / openapi-fetch ${at}`).target).toEqual({ op: ">=", value: 0.95 });
      expect(find(2, `client / Stainless runtime ${at}`).target).toEqual({ op: ">=", value: 1.3 });
      for (const figure of [`client / openapi-fetch ${at}`, `client / Stainless runtime ${at}`, `Stainless runtime / openapi-fetch ${at}`]) {
        expect(find(2, figure).detail, figure).toMatch(/^IQR \d+\.\d{3}-\d+\.\d{3}×, min-max \d+\.\d{3}-\d+\.\d{3}×/);
      }
    }
    expect(find(1, "client: µs added per call over openapi-fetch").detail).toMatch(
      /^IQR .+ µs, min-max .+ µs; by CPU time -?\d+\.\d\d µs \(IQR .+\); median per call: .+ Stainless runtime \d/,
    );
    expect(find(2, "client / openapi-fetch (req/s, loopback, page of 1 (username hit))").detail).toMatch(/; by this process's CPU per request \d+\.\d{3}× \(IQR /);
    expect(find(1, "Stainless runtime: µs added per call over openapi-fetch").unit).toBe("µs");
    expect(find(1, "client / Stainless runtime (calls/s, fetch stubbed)").target).toEqual({ op: ">=", value: 1.3 });
    for (const page of ["page of 0 (username miss)", "page of 1 (username hit)"]) {
      expect(find(1, `client: µs added per call over openapi-fetch, ${page}`).target).toEqual({ op: "<=", value: 5 });
      expect(find(1, `Stainless runtime: µs added per call over openapi-fetch, ${page}`).unit).toBe("µs");
      expect(find(1, `client / Stainless runtime (calls/s, fetch stubbed, ${page})`).target).toEqual({ op: ">=", value: 1.3 });
    }
  }, 240_000);

  it("refuses an unknown benchmark number with a clear message", async () => {
    const failure = await run(process.execPath, ["dist/cli.js", "--only", "9"], { cwd: pkg }).catch((e: { stderr: string; code: number }) => e);
    expect("code" in failure && failure.code, JSON.stringify(failure)).toBe(1);
    expect((failure as { stderr: string }).stderr).toMatch(/--only takes benchmark numbers from 1,2,3,4,5,6,7, got "9"/);
  });
});
