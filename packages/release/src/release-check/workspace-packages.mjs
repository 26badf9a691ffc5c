// @ts-check
/** The packages release:check packs: every workspace package under packages/ that is not private. */
import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";

/** @typedef {{ name: string, version: string, dir: string }} PublishablePackage */

/** @param {string} root @returns {Promise<PublishablePackage[]>} */
export async function publishablePackages(root) {
  const dirs = (await readdir(join(root, "packages"), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => join(root, "packages", d.name));
  const found = [];
  for (const dir of dirs.sort()) {
    const file = join(dir, "package.json");
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(await readFile(file, "utf8"));
    if (manifest.private) continue;
    found.push({ name: manifest.name, version: manifest.version, dir });
  }
  return found;
}
