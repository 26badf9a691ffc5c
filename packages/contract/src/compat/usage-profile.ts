import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { USAGE_PROFILE_SCHEMA } from "./usage-profile-schema.js";
import { USAGE_PROFILE_SCHEMA_V1 } from "./usage-profile-schema-v1.js";
import { upgradeVersion1, type UsageProfileV1 } from "./usage-profile-v1.js";

/** The profile format version `@finicity-aggregation/mock` writes; version 1 is still read (see `usage-profile-v1.ts`). */
export const USAGE_PROFILE_VERSION = 2;

/** A usage profile as `@finicity-aggregation/mock` records it (format version 2). Kept in sync with `src/sandbox/usage.ts` there. */
export interface UsageProfile {
  format: "finicity-usage-profile";
  version: typeof USAGE_PROFILE_VERSION;
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

/** Calls with the same parameters (names and kinds), credential headers and answer status. */
export interface RequestShape {
  parameters: Record<string, ParameterUsage>;
  credentials: string[];
  /** The status that came back (`"200"`, `"400"`; `"0"` when the connection was dropped). */
  status: string;
  calls: number;
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
/** Compiled on first use, by an Ajv of its own: both versions' schemas have the same `$id`. */
let validateVersion1: typeof validate | undefined;

/**
 * Checks a parsed profile against the schema of its version; throws UsageProfileError naming where it breaks.
 * A version-1 profile is upgraded to version 2 (or refused when it cannot be, see `upgradeVersion1`).
 */
export function parseUsageProfile(value: unknown, source = "the profile"): UsageProfile {
  const version = typeof value === "object" && value !== null && (value as { format?: unknown }).format === "finicity-usage-profile" ? (value as { version?: unknown }).version : undefined;
  if (typeof version === "number" && version !== USAGE_PROFILE_VERSION && version !== 1) {
    const shown = Number.isSafeInteger(version) ? String(version) : "(not a whole number)";
    throw new UsageProfileError(
      `${source} is a usage profile of version ${shown}; this finicity-contract reads versions 1 and ${USAGE_PROFILE_VERSION}: update @finicity-aggregation/contract or record the profile with a matching @finicity-aggregation/mock`,
    );
  }
  if (version === 1) {
    validateVersion1 ??= new Ajv2020({ allErrors: false, strict: false }).compile(USAGE_PROFILE_SCHEMA_V1);
    if (!validateVersion1(value)) throw invalid(source, 1, validateVersion1.errors?.[0]);
    const { profile, mixed } = upgradeVersion1(value as unknown as UsageProfileV1);
    if (mixed.length === 0) return profile;
    // Operation names are safe to print: the schema limits them to letters, digits and underscores.
    throw new UsageProfileError(
      `${source} is a usage profile of version 1, and ${mixed.length} of its request shape(s) (${[...new Set(mixed)].join(", ")}) mix calls answered 2xx with calls answered otherwise. ` +
        `Version 1 merged their values, so what the API accepted cannot be told from what it refused. ` +
        `Record the profile again with the current @finicity-aggregation/mock (it writes version ${USAGE_PROFILE_VERSION}, which keeps them apart).`,
    );
  }
  if (!validate(value)) throw invalid(source, USAGE_PROFILE_VERSION, validate.errors?.[0]);
  return value as unknown as UsageProfile;
}

function invalid(source: string, version: number, error: { instancePath: string; message?: string } | undefined): UsageProfileError {
  const where = error?.instancePath || "(top level)";
  return new UsageProfileError(`${source} is not a usage profile (format finicity-usage-profile, version ${version}): ${where} ${error?.message ?? "is invalid"}`);
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
