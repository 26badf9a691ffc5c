// The README's way to use the packages before the first release: pack them in the checkout, install the tarballs
// into a project with npm, import them. Runs the pack command exactly as the README writes it (with the
// destination moved to a temporary folder) and the install the README shows.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCommand, type Result } from "./run.js";

const README = readFileSync(join(ROOT, "README.md"), "utf8");
const section = README.split("## Using the packages before the first release")[1]?.split("\n## ")[0] ?? "";
const show = (r: Result) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

describe("installing the packages from a checkout, as the README shows", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "install-from-checkout-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("says that npm install answers 404 until the first release", () => {
    expect(section).toMatch(/npm install @finicity-aggregation\/client`[^.]*answers 404/);
  });

  it("packs the types and the client, installs both tarballs with npm into a new project, and the client works", async () => {
    const pack = /^pnpm --filter .* exec pnpm pack --pack-destination "\$PWD\/packs"$/m.exec(section)?.[0];
    expect(pack, section).toBeDefined();
    const packs = join(work, "packs");
    const packed = await runCommand(pack!.replace('"$PWD/packs"', JSON.stringify(packs)), { timeoutMs: 180_000 });
    expect(packed.code, show(packed)).toBe(0);
    const tarballs = readdirSync(packs).sort();
    expect(tarballs).toEqual(expect.arrayContaining([expect.stringMatching(/^finicity-aggregation-client-.*\.tgz$/), expect.stringMatching(/^finicity-aggregation-types-.*\.tgz$/)]));
    // The README's install line names the tarballs of the current version.
    const install = /^npm install \/path\/to\/checkout\/packs\/(.*)$/m.exec(section)?.[0];
    expect(install, section).toBeDefined();
    for (const name of tarballs) expect(install).toContain(name);

    const project = join(work, "project");
    writeFileSync(join(work, "package.json"), "{}"); // keep npm from looking above the temporary folder
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "my-project", private: true, type: "module" }));
    const installed = await runCommand(
      `cd ${JSON.stringify(project)} && ${install!.replaceAll("/path/to/checkout/packs", packs)} --no-audit --no-fund --loglevel=error`,
      { timeoutMs: 300_000 },
    );
    expect(installed.code, show(installed)).toBe(0);

    writeFileSync(
      join(project, "use.mjs"),
      [
        'import { createCustomersClient, ValidationError } from "@finicity-aggregation/client";',
        'const client = createCustomersClient({ appKey: "k", appToken: "t", baseUrl: "http://127.0.0.1:9" });',
        "try { await client.getCustomers({ limit: 0 }); } catch (error) { console.log(error instanceof ValidationError ? `rejected: ${error.name}` : `other: ${error}`); }",
      ].join("\n"),
    );
    const used = await runCommand(`cd ${JSON.stringify(project)} && node use.mjs`);
    expect(used.code, show(used)).toBe(0);
    expect(used.stdout.trim()).toBe("rejected: ValidationError");
  });
});
