// The coverage classes of Get Customers' integer parameters include every rule the spec documents a 400 for:
// `format: int32` (a value above 2147483647) and an empty `start=` / `limit=`; the verifier's fixed and
// generated requests carry them, each expecting a 400.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classify, parameterClasses } from "../src/verify/coverage.js";
import { boundaryCases, invalidValue } from "../src/verify/generate.js";
import { loadSpec } from "../src/verify/spec.js";

const { getCustomers } = loadSpec();
const param = (name: string) => getCustomers.parameters.find((p) => p.name === name)!;

describe("coverage classes of start and limit", () => {
  it.each(["start", "limit"])("%s counts `invalid: empty` and `invalid: outside-int32` (format: int32)", (name) => {
    const p = param(name);
    expect(p.schema.format).toBe("int32");
    expect(parameterClasses(p)).toEqual(expect.arrayContaining(["invalid: empty", "invalid: outside-int32", "invalid: below-minimum", "invalid: not-an-integer"]));
    expect(classify(p, "")).toBe("invalid: empty");
    expect(classify(p, "2147483648")).toBe("invalid: outside-int32");
    expect(classify(p, "99999999999999999999")).toBe("invalid: outside-int32");
    expect(classify(p, "1.5")).toBe("invalid: not-an-integer");
    expect(classify(p, undefined)).toBe("absent");
  });

  it("keeps the other classes of start and limit as they were", () => {
    expect(classify(param("start"), "2147483647")).toBe("valid");
    expect(classify(param("start"), "0")).toBe("invalid: below-minimum");
    expect(classify(param("limit"), "1001")).toBe("invalid: above-maximum");
    expect(classify(param("limit"), "1000")).toBe("maximum");
    // An empty string parameter is still a valid class of its own, not an invalid one.
    expect(classify(param("username"), "")).toBe("empty");
  });
});

describe("the verifier's requests exercise the new classes, expecting a 400", () => {
  it("fixed boundary cases send start= and limit= empty and just above the int32 range", () => {
    const invalid = boundaryCases(getCustomers.parameters).invalid.map((c) => c.invalid);
    for (const parameter of ["start", "limit"]) {
      expect(invalid).toContainEqual({ parameter, value: "", rule: "empty" });
      expect(invalid).toContainEqual({ parameter, value: "2147483648", rule: "outside-int32" });
    }
  });

  it.each(["start", "limit"])("generated invalid values of %s include the empty and outside-int32 rules, classified as such", (name) => {
    const p = param(name);
    const samples = fc.sample(invalidValue(p)!, { seed: 1, numRuns: 400 });
    const rules = new Set(samples.map((s) => s.rule));
    expect([...rules]).toEqual(expect.arrayContaining(["empty", "outside-int32"]));
    for (const s of samples) expect(classify(p, s.value)).toBe(`invalid: ${s.rule}`);
  });
});
