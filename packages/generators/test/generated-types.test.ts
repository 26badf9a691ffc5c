// The generators' known type-level limits (README), pinned with expectTypeOf so `tsc` (run by
// check:generators) fails the day a generator changes them and the README must follow.
import { expectTypeOf, it } from "vitest";
import type { ErrorMessage, GetCustomersErrors } from "../generated/hey-api/types.gen.js";
import type { getCustomersResponse401 } from "../generated/orval-mutator/customers.js";

it("hey-api types GetCustomers' 401 as ErrorMessage only, though the gateway's text/plain body arrives as a string", () => {
  expectTypeOf<GetCustomersErrors[401]>().toEqualTypeOf<ErrorMessage>();
  expectTypeOf<GetCustomersErrors[503]>().toEqualTypeOf<ErrorMessage>(); // its text/plain alternative too
  expectTypeOf<string>().not.toMatchTypeOf<GetCustomersErrors[401]>();
});

it("orval types the same 401 as ErrorMessage | string (right), though its plain client parses it as JSON", () => {
  expectTypeOf<getCustomersResponse401["data"]>().toEqualTypeOf<ErrorMessage | string>();
});
