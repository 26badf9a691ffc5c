import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { isObject, shippedSpecPath, type Json } from "../verify/spec.js";
import { checkCompat, formatCompat } from "./compat.js";
import { readUsageProfile, UsageProfileError } from "./usage-profile.js";

export interface CompatCommandOptions {
  usage: string;
  /** Default: the spec shipped in @finicity-aggregation/types. */
  spec?: string;
}

/** Most bytes of a spec file read. */
const MAX_SPEC_BYTES = 20 * 1024 * 1024;

/** Reads an OpenAPI document (YAML or JSON); throws UsageProfileError (exit 2) when it cannot. */
export function readSpecDocument(path: string): Json {
  let text: string;
  try {
    const bytes = readFileSync(path);
    if (bytes.byteLength > MAX_SPEC_BYTES) throw new UsageProfileError(`${path} is larger than ${MAX_SPEC_BYTES} bytes`);
    text = bytes.toString("utf8");
  } catch (error) {
    if (error instanceof UsageProfileError) throw error;
    throw new UsageProfileError(`cannot read the spec ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new UsageProfileError(`${path} is not YAML or JSON: ${(error as Error).message.split("\n")[0]}`);
  }
  if (!isObject(document) || typeof document.openapi !== "string" || !isObject(document.paths)) {
    throw new UsageProfileError(`${path} is not an OpenAPI document (no openapi version or paths)`);
  }
  return document;
}

/** `finicity-contract compat`: prints the verdict; returns the exit code (0 compatible, 1 not, 2 bad input). */
export function runCompat(options: CompatCommandOptions, print: (text: string) => void = console.log, printError: (text: string) => void = console.error): number {
  try {
    const profile = readUsageProfile(options.usage);
    const specPath = options.spec ?? shippedSpecPath();
    const result = checkCompat(profile, readSpecDocument(specPath));
    print(formatCompat(result, { usage: options.usage, spec: specPath }));
    return result.findings.length === 0 ? 0 : 1;
  } catch (error) {
    if (!(error instanceof UsageProfileError)) throw error;
    printError(`finicity-contract compat: ${error.message}`);
    return 2;
  }
}
