// Spectral, kept warm: the ruleset (spec/.spectral.yaml: spectral:oas + the OWASP ruleset) is bundled once, and
// each save is linted in-process. The Spectral modules are the ones @stoplight/spectral-cli uses (resolved
// through it), so the results are those of `pnpm lint:spec`.
import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

/** @param {string} root the repository root */
export async function createLinter(root) {
  const cli = realpathSync(join(root, "node_modules", "@stoplight", "spectral-cli", "package.json"));
  const require = createRequire(cli);
  const { Spectral, Document } = require("@stoplight/spectral-core");
  const Parsers = require("@stoplight/spectral-parsers");
  // The CLI's own ruleset loader: it migrates the YAML ruleset and bundles it with the same plugins.
  const { getRuleset } = require("./dist/services/linter/utils/getRuleset.js");
  const spectral = new Spectral();
  spectral.setRuleset(await getRuleset(join(root, "spec", ".spectral.yaml")));
  const severities = ["error", "warning", "info", "hint"];
  return {
    /**
     * @param {string} file
     * @param {string} text
     * @returns {Promise<{ errors: string[], warnings: number }>} errors as `file:line:col code message`
     */
    async lint(file, text) {
      /** @type {Array<{ code: string | number, message: string, severity: number, range: { start: { line: number, character: number } } }>} */
      const results = await spectral.run(new Document(text, Parsers.Yaml, file));
      const errors = results
        .filter((r) => r.severity === 0)
        .map((r) => `${file}:${r.range.start.line + 1}:${r.range.start.character + 1} ${severities[r.severity]} ${r.code} ${r.message}`);
      return { errors, warnings: results.filter((r) => r.severity === 1).length };
    },
  };
}
