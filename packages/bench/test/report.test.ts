import { describe, expect, it } from "vitest";
import { measured, notAvailable, renderTable } from "../src/report.js";
import { formatSpread, median, quantile, rotation, spreadOf } from "../src/stats.js";

describe("figures and targets", () => {
  it("judges a figure against its target", () => {
    expect(measured("a", 0.96, "x", { op: ">=", value: 0.95 }).status).toBe("PASS");
    expect(measured("a", 0.94, "x", { op: ">=", value: 0.95 }).status).toBe("MISS");
    expect(measured("a", 6, "µs", { op: "<=", value: 5 }).status).toBe("MISS");
    expect(measured("a", Number.NaN, "x", { op: ">=", value: 0.95 }).status).toBe("MISS");
    expect(measured("a", 3, "ms").status).toBe("INFO");
    expect(notAvailable("a", "no sandbox").detail).toBe("not available: no sandbox");
  });

  it("prints each figure with its value, target and result", () => {
    const table = renderTable([
      { id: 2, title: "t", config: {}, data: {}, notes: [], durationMs: 1, rows: [measured("client / openapi-fetch", 0.97, "x", { op: ">=", value: 0.95 })] },
    ]);
    expect(table).toMatch(/2\s+client \/ openapi-fetch\s+0\.970×\s+>= 0\.950×\s+PASS/);
  });
});

describe("rounds", () => {
  it("takes the median and alternates the order of the sides", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect([0, 1, 2, 3].map((r) => rotation(["A", "B"], r).join(""))).toEqual(["AB", "BA", "AB", "BA"]);
  });
});

describe("spread", () => {
  it("gives the interquartile range and the extremes of per-round figures", () => {
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(quantile([7], 0.25)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
    expect(spreadOf([0.9, 1.1, 1.0, 0.95, 1.05])).toEqual({ q1: 0.95, q3: 1.05, min: 0.9, max: 1.1 });
    expect(formatSpread({ q1: 0.95, q3: 1.05, min: 0.9, max: 1.1 })).toBe("IQR 0.950-1.050×, min-max 0.900-1.100×");
  });
});
