// addCustomer's validation, one rule at a time (exact field and message, and the values each rule accepts), how
// generated ids and createdDates continue after a customer added by hand, and the padding of short usernames.
import { describe, expect, it } from "vitest";
import type { Customer } from "@finicity-aggregation/types";
import { createSandbox } from "../src/index.js";

/** What addCustomer threw, as plain data (or "added" when it did not throw). */
function refusal(partial: Partial<Customer>, seed = "rules"): unknown {
  const { control } = createSandbox({ seed, customers: 2 });
  try {
    control.addCustomer(partial);
  } catch (error) {
    const { name, message, field, rule } = error as Error & { field: string; rule: string };
    return { name, message, field, rule, count: control.customers().length };
  }
  return "added";
}

const refused = (field: string, rule: string) => ({ name: "SandboxInputError", message: `customer.${field} ${rule}`, field: `customer.${field}`, rule, count: 2 });

describe("addCustomer refuses each rule broken, naming the field", () => {
  it.each<[string, Partial<Customer>]>([
    ["letters", { id: "12ab" }],
    ["a number, not a string", { id: 1234567 as never }],
    ["empty", { id: "" }],
  ])("id: %s", (_, partial) => {
    expect(refusal(partial)).toEqual(refused("id", "must be a string of digits"));
  });

  it("id: a string of digits not taken is fine", () => {
    expect(refusal({ id: "42" })).toBe("added");
  });

  it.each<[string, Partial<Customer>]>([
    ["a number, not a string", { username: 12345678 as never }],
    ["too short", { username: "abcde" }],
    ["a space", { username: "abc def" }],
  ])("username: %s", (_, partial) => {
    expect(refusal(partial)).toEqual(refused("username", "must be 6 to 255 characters of letters, digits and ! @ . # $ % & * _ - +"));
  });

  it.each<[string, Partial<Customer>]>([
    ["a number, not a string", { createdDate: 1577836800 as never }],
    ["not digits", { createdDate: "2020-01-01" }],
  ])("createdDate: %s", (_, partial) => {
    expect(refusal(partial)).toEqual(refused("createdDate", "must be a string of digits (epoch seconds)"));
  });

  it.each<[string, Partial<Customer>]>([
    ["a number, not a string", { lastModifiedDate: 1577836800 as never }],
    ["not digits", { lastModifiedDate: "yesterday" }],
    ["empty", { lastModifiedDate: "" }],
  ])("lastModifiedDate: %s", (_, partial) => {
    expect(refusal(partial)).toEqual(refused("lastModifiedDate", "must be a string of digits (epoch seconds) or null"));
  });

  it.each<[string, Partial<Customer>]>([
    ["null", { lastModifiedDate: null }],
    ["undefined", { lastModifiedDate: undefined }],
    ["digits", { lastModifiedDate: "1600000000" }],
  ])("lastModifiedDate: %s is fine", (_, partial) => {
    expect(refusal(partial)).toBe("added");
  });

  const optional = ["firstName", "lastName", "email", "phone", "addressLine1", "city", "state", "postalCode", "country"] as const;

  it.each(optional)("%s: a number is refused, null and undefined are fine", (field) => {
    expect(refusal({ [field]: 7 } as never)).toEqual(refused(field, "must be a string or null"));
    expect(refusal({ [field]: null } as never), `${field}: null`).toBe("added");
    expect(refusal({ [field]: undefined } as never), `${field}: undefined`).toBe("added");
  });

  it("phone: 15 characters are fine, 16 are not", () => {
    expect(refusal({ phone: "61-3-1234-12345" })).toBe("added");
    expect(refusal({ phone: "61-3-1234-123456" })).toEqual(refused("phone", "must be at most 15 characters"));
  });
});

describe("generated customers continue after one added by hand", () => {
  it("the next generated id follows a larger added id", () => {
    const { control } = createSandbox({ customers: 0 });
    expect(control.addCustomer({ id: "2000000000" }).id).toBe("2000000000");
    expect(control.addCustomer().id).toBe("2000000001");
  });

  it("an added id equal to the next one to generate moves generation past it", () => {
    const { control } = createSandbox({ customers: 0 });
    // The first generated id is 1005061234. Adding a customer with an id of its own still draws the next one
    // (1005061235), so 1005061236 is the one that would come after it.
    expect(control.addCustomer().id).toBe("1005061234");
    expect(control.addCustomer({ id: "1005061236" }).id).toBe("1005061236");
    expect(control.addCustomer().id).toBe("1005061237");
  });

  it("a smaller added id, or one too large to be exact, leaves generation where it was", () => {
    const { control } = createSandbox({ customers: 0 });
    control.addCustomer({ id: "5" });
    expect(control.addCustomer().id).toBe("1005061235");
    control.addCustomer({ id: "99999999999999999999" });
    expect(control.addCustomer().id).toBe("1005061237");
    expect(control.customers().map((c) => c.id)).toEqual(["5", "1005061235", "99999999999999999999", "1005061237"]);
  });

  /** createdDate of the second customer minus that of the first, when the first has `first` as its createdDate. */
  function createdDates(first?: string): [number, number] {
    const { control } = createSandbox({ seed: "dates", customers: 0 });
    const a = control.addCustomer(first === undefined ? {} : { createdDate: first });
    const b = control.addCustomer();
    return [Number(a.createdDate), Number(b.createdDate)];
  }

  it("the next generated createdDate comes after a later added one", () => {
    const [generatedFirst, generatedSecond] = createdDates();
    const step = generatedSecond - generatedFirst;
    expect(step).toBeGreaterThanOrEqual(600);
    expect(createdDates("1900000000")).toEqual([1900000000, 1900000000 + step]);
  });

  it("an earlier added createdDate, or one too large to be exact, leaves the dates where they were", () => {
    const [, generatedSecond] = createdDates();
    expect(createdDates("0")).toEqual([0, generatedSecond]);
    expect(createdDates("99999999999999999999")).toEqual([1e20, generatedSecond]);
  });
});

describe("generated usernames", () => {
  it("are padded with digits to 6 characters, and no further", () => {
    // Seed s355's 34th customer draws "mle_4", one digit is added; seed s39's 36th draws "sli_77", already 6 long.
    expect(createSandbox({ seed: "s355", customers: 34 }).control.customers()[33]!.username).toBe("mle_49");
    expect(createSandbox({ seed: "s39", customers: 36 }).control.customers()[35]!.username).toBe("sli_77");
  });
});
