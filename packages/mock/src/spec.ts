import { createRequire } from "node:module";

/**
 * The path of the OpenAPI description this mock serves: the copy shipped in
 * `@finicity-aggregation/types`, so the mock and the types always describe the same API version.
 */
export function specPath(): string {
  const require = createRequire(import.meta.url);
  return require.resolve("@finicity-aggregation/types/openapi.yaml");
}
