import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { USAGE_PROFILE_SCHEMA } from "./usage-profile-schema.js";

/** A usage profile as `@finicity-aggregation/mock` records it (format version 1). */
export interface UsageProfile {
  format: "finicity-usage-profile";
  version: 1;
  operations: Record<string, OperationUsage>;
}

export interface OperationUsage {
  method: string;
  path: string;
  calls: number;
  shapes: RequestShape[];
  shapesDropped: number;
  undeclaredParameters: string[];
  headers: Record<string, number>;
  responses: Record<string, { contentType: string; fields: Record<string, JsonType[]> }>;
}

export interface RequestShape {
  parameters: Record<string, ParameterUsage>;
  credentials: string[];
  statuses: Record<string, number>;
}

export type ParameterUsage =
  | { kind: "empty" }
  | { kind: "enum"; value: string }
  | { kind: "integer"; min: number; max: number }
  | { kind: "text"; lengths: LengthClass[] };

export type LengthClass = "1-5" | "6-16" | "17-64" | "65-255" | "256+";
export type JsonType = "string" | "integer" | "number" | "boolean" | "null" | "object" | "array";

/** The character counts each length class stands for (`256+` has no upper bound). */
export const LENGTH_BOUNDS: Record<LengthClass, readonly [number, number]> = {
  "1-5": [1, 5],
  "6-16": [6, 16],
  "17-64": [17, 64],
  "65-255": [65, 255],
  "256+": [256, Infinity],
};

/** A profile file that cannot be read or is not a usage profile: `compat` exits 2. */
export class UsageProfileError extends Error {
  override readonly name = "UsageProfileError";
}

/** Most bytes of a profile file read (a profile is small: its shapes and fields are bounded by its schema). */
const MAX_PROFILE_BYTES = 10 * 1024 * 1024;

const validate = new Ajv2020({ allErrors: false, strict: false }).compile(USAGE_PROFILE_SCHEMA);

/** Checks a parsed profile against the schema; throws UsageProfileError naming where it breaks. */
export function parseUsageProfile(value: unknown, source = "the profile"): UsageProfile {
  if (!validate(value)) {
    const error = validate.errors?.[0];
    const where = error?.instancePath || "(top level)";
    throw new UsageProfileError(`${source} is not a usage profile (format finicity-usage-profile, version 1): ${where} ${error?.message ?? "is invalid"}`);
  }
  return value as unknown as UsageProfile;
}

/** Reads and checks a profile file. */
export function readUsageProfile(path: string): UsageProfile {
  let text: string;
  try {
    const bytes = readFileSync(path);
    if (bytes.byteLength > MAX_PROFILE_BYTES) throw new UsageProfileError(`${path} is larger than ${MAX_PROFILE_BYTES} bytes: not a usage profile`);
    text = bytes.toString("utf8");
  } catch (error) {
    if (error instanceof UsageProfileError) throw error;
    throw new UsageProfileError(`cannot read the usage profile ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageProfileError(`${path} is not JSON`);
  }
  return parseUsageProfile(parsed, path);
}
