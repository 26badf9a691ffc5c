import { ResponseValidationError, createCustomersClient } from "@finicity-aggregation/client";

// Check every JSON answer against the spec (the validators load on first use, in their own chunk).
const client = createCustomersClient({ appKey: "KEY", appToken: "TOKEN", validateResponses: true });
try {
  await client.getCustomers();
} catch (error) {
  if (error instanceof ResponseValidationError) console.log(error.issues); // [{ path: "/customers/0/id", rule: "type", valueType: "number", ... }]
}
