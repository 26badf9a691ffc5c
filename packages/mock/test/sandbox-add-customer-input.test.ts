// control.addCustomer refuses what is not an object (null, a number, a string) with the field and rule named,
// adding nothing.
import { describe, expect, it } from "vitest";
import { createSandbox, SandboxInputError } from "../src/index.js";

describe("control.addCustomer", () => {
  it.each([null, 5, "customer", true])("refuses %j", (partial) => {
    const { control } = createSandbox({ customers: 2 });
    let caught: unknown;
    try {
      control.addCustomer(partial as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SandboxInputError);
    const { name, field, rule, message } = caught as SandboxInputError;
    expect({ name, field, rule, message }).toEqual({ name: "SandboxInputError", field: "customer", rule: "must be an object", message: "customer must be an object" });
    expect(control.customers()).toHaveLength(2);
  });

  it("adds a generated customer when given nothing or undefined", () => {
    const { control } = createSandbox({ customers: 2 });
    control.addCustomer();
    control.addCustomer(undefined);
    expect(control.customers()).toHaveLength(4);
  });
});
