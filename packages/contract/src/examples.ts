import { parse } from "yaml";
import { deref, isObject, type Json } from "./verify/spec.js";

/** One named example of a response in an OpenAPI document. */
export interface ResponseExample {
  method: string;
  path: string;
  status: number;
  mediaType: string;
  name: string;
  value: unknown;
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
