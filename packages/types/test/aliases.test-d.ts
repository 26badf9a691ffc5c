import { describe, expectTypeOf, it } from "vitest";
import type {
  Customer,
  CustomerType,
  Customers,
  ErrorMessage,
  GetCustomersQuery,
  components,
  operations,
  paths,
} from "../src/index.js";

describe("aliases", () => {
  it("name the generated schemas", () => {
    expectTypeOf<Customer>().toEqualTypeOf<components["schemas"]["Customer"]>();
    expectTypeOf<Customers>().toEqualTypeOf<components["schemas"]["Customers"]>();
    expectTypeOf<ErrorMessage>().toEqualTypeOf<components["schemas"]["ErrorMessage"]>();
    expectTypeOf<GetCustomersQuery>().toEqualTypeOf<
      NonNullable<paths["/aggregation/v1/customers"]["get"]["parameters"]["query"]>
    >();
    expectTypeOf<operations["GetCustomers"]>().toEqualTypeOf<paths["/aggregation/v1/customers"]["get"]>();
  });

  it("types a customer as the API sends it", () => {
    expectTypeOf<Customer["id"]>().toEqualTypeOf<string>();
    expectTypeOf<Customer["createdDate"]>().toEqualTypeOf<string>();
    expectTypeOf<CustomerType>().toEqualTypeOf<"active" | "testing">();
    expectTypeOf<Customers["customers"]>().toEqualTypeOf<Customer[]>();
    expectTypeOf<Customers["moreAvailable"]>().toEqualTypeOf<boolean>();
    expectTypeOf<ErrorMessage["code"]>().toEqualTypeOf<number | string>();
  });

  it("keeps optional customer fields optional and nullable", () => {
    expectTypeOf<Customer>().toHaveProperty("email");
    expectTypeOf<{ id: string; username: string; type: "active"; createdDate: string; email: null }>().toMatchTypeOf<Customer>();
    expectTypeOf<{ id: string; username: string; type: "testing"; createdDate: string }>().toMatchTypeOf<Customer>();
  });

  it("accepts the brief's own request", () => {
    const query: GetCustomersQuery = { username: "", type: "", search: "", start: 1, limit: 25 };
    expectTypeOf(query).toMatchTypeOf<GetCustomersQuery>();
  });

  it("rejects queries the API rejects", () => {
    // @ts-expect-error type is an enum
    const badType: GetCustomersQuery = { type: "bogus" };
    // @ts-expect-error limit is a number
    const badLimit: GetCustomersQuery = { limit: "10" };
    // @ts-expect-error start is a number
    const badStart: GetCustomersQuery = { start: "1" };
    // @ts-expect-error no such parameter
    const unknown: GetCustomersQuery = { page: 2 };
    expectTypeOf([badType, badLimit, badStart, unknown]).toBeArray();
  });

  it("requires the fields the API always sends", () => {
    // @ts-expect-error id is required
    const noId: Customer = { username: "u", type: "active", createdDate: "1" };
    // @ts-expect-error id is a string, not a number
    const numericId: Customer = { id: 1, username: "u", type: "active", createdDate: "1" };
    // @ts-expect-error createdDate is a string of digits, not a number
    const numericDate: Customer = { id: "1", username: "u", type: "active", createdDate: 1607450357 };
    expectTypeOf([noId, numericId, numericDate]).toBeArray();
  });
});
