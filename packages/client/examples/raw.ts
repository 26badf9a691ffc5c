import { createCustomersClient } from "@finicity-aggregation/client";

const client = createCustomersClient({ appKey: "KEY", appToken: "TOKEN" });
// The data together with the raw Response (status, headers; its body is already read).
const { data, response } = await client.getCustomers.withResponse({ limit: 10 });
console.log(data.displaying, response.status, response.headers.get("x-request-id"));
// The underlying openapi-fetch client, for anything else (middleware, other options).
const { data: raw, error } = await client.raw.GET("/aggregation/v1/customers", { params: { query: { limit: 1 } } });
console.log(raw, error);
