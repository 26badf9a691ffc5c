import {
  AuthenticationError,
  ConnectionError,
  FinicityApiError,
  PaginationError,
  RateLimitError,
  TimeoutError,
  ValidationError,
  createCustomersClient,
} from "@finicity-aggregation/client";

const client = createCustomersClient({ appKey: "KEY", appToken: "TOKEN" });
try {
  await client.getCustomers({ limit: 5000 });
} catch (error) {
  if (error instanceof ValidationError) console.log(error.issues); // [{ field: "limit", rule: "maximum", ... }], nothing sent
  else if (error instanceof AuthenticationError) console.log(error.code); // "10022", "10023", ... as the API sent it
  else if (error instanceof RateLimitError) console.log(error.status, error.requestId);
  else if (error instanceof FinicityApiError) console.log(error.status, error.code, error.body);
  else if (error instanceof TimeoutError || error instanceof ConnectionError) console.log(error.message, error.cause);
  else if (error instanceof PaginationError) console.log(error.start, error.field);
}
