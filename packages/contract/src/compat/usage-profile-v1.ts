import type { OperationUsage, RequestShape, UsageProfile } from "./usage-profile.js";

/**
 * A usage profile of format version 1 (the sandbox before version 2; in no release): one request shape per
 * parameter names, kinds and credential headers, with a `statuses` count map instead of one `status`. Its value
 * ranges and text lengths merge every call of the shape, whatever came back.
 */
export interface UsageProfileV1 {
  format: "finicity-usage-profile";
  version: 1;
  operations: Record<string, Omit<OperationUsage, "shapes"> & { shapes: RequestShapeV1[] }>;
}

export interface RequestShapeV1 {
  parameters: RequestShape["parameters"];
  credentials: string[];
  statuses: Record<string, number>;
}

/**
 * The version-2 profile a version-1 profile stands for: each shape split by status. That is exact when a shape's
 * calls were all accepted (2xx) or all refused. A shape that mixed both cannot be split (its ranges cover the
 * refused values too: `limit=25` answered 200 and `limit=1001` answered 400 became `limit 25..1001`): those are
 * returned as `mixed` (the operationId of each), and the caller refuses the profile.
 */
export function upgradeVersion1(profile: UsageProfileV1): { profile: UsageProfile; mixed: string[] } {
  const operations: Record<string, OperationUsage> = {};
  const mixed: string[] = [];
  for (const [operationId, usage] of Object.entries(profile.operations)) {
    const shapes: RequestShape[] = [];
    for (const shape of usage.shapes) {
      const statuses = Object.entries(shape.statuses).filter(([, calls]) => calls > 0);
      const accepted = statuses.filter(([status]) => status.startsWith("2")).length;
      if (accepted > 0 && accepted < statuses.length) {
        mixed.push(operationId);
        continue;
      }
      // All accepted or all refused: every status's calls lie inside the merged ranges.
      for (const [status, calls] of statuses) shapes.push({ parameters: structuredClone(shape.parameters), credentials: [...shape.credentials], status, calls });
    }
    operations[operationId] = { ...usage, shapes };
  }
  return { profile: { format: "finicity-usage-profile", version: 2, operations }, mixed };
}
