// File helpers of the dev loop.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Writes `text` to `file` unless it already holds exactly that; says whether it wrote. */
export function writeIfChanged(/** @type {string} */ file, /** @type {string} */ text) {
  try {
    if (readFileSync(file, "utf8") === text) return false;
  } catch {
    // missing: write it
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return true;
}
