import { parse } from "yaml";

/** One named example of a response in an OpenAPI document. */
export interface ResponseExample {
  method: string;
  path: string;
  status: number;
  mediaType: string;
  name: string;
  value: unknown;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** Resolves a local `$ref` ("#/components/...") against the document. */
function deref(document: Json, node: unknown): unknown {
  let current = node;
  for (let depth = 0; isObject(current) && typeof current.$ref === "string"; depth += 1) {
    if (depth > 32) throw new Error(`$ref chain too deep at ${String(current.$ref)}`);
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`Only local $refs are supported, got ${ref}`);
    current = ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((at, key) => (isObject(at) ? at[key] : undefined), document);
    if (current === undefined) throw new Error(`Unresolved $ref ${ref}`);
  }
  return current;
}

/** Lists every named response example of every operation in an OpenAPI document (YAML or JSON text). */
export function listResponseExamples(specText: string): ResponseExample[] {
  const document = parse(specText) as Json;
  const found: ResponseExample[] = [];
  for (const [path, pathItem] of Object.entries((document.paths ?? {}) as Json)) {
    if (!isObject(pathItem)) continue;
    for (const [method, operation] of Object.entries(pathItem)) {
      if (!isObject(operation) || !isObject(operation.responses)) continue;
      for (const [status, responseRef] of Object.entries(operation.responses)) {
        const response = deref(document, responseRef);
        if (!isObject(response) || !isObject(response.content)) continue;
        for (const [mediaType, media] of Object.entries(response.content)) {
          if (!isObject(media) || !isObject(media.examples)) continue;
          for (const [name, exampleRef] of Object.entries(media.examples)) {
            const example = deref(document, exampleRef);
            found.push({
              method: method.toUpperCase(),
              path,
              status: Number(status),
              mediaType,
              name,
              value: isObject(example) ? example.value : undefined,
            });
          }
        }
      }
    }
  }
  return found;
}
