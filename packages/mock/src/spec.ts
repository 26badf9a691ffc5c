import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { parse } from "yaml";

/**
 * The path of the OpenAPI description this mock serves: the copy shipped in
 * `@finicity-aggregation/types`, so the mock and the types always describe the same API version.
 */
export function specPath(): string {
  const require = createRequire(import.meta.url);
  return require.resolve("@finicity-aggregation/types/openapi.yaml");
}

/** Reads and parses an OpenAPI document (YAML or JSON). */
export async function loadSpec(path: string = specPath()): Promise<Record<string, unknown>> {
  const document: unknown = parse(await readFile(path, "utf8"));
  if (typeof document !== "object" || document === null) throw new Error(`${path} is not an OpenAPI document`);
  return document as Record<string, unknown>;
}
