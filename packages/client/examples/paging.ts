import { createCustomersClient } from "@finicity-aggregation/client";

const client = createCustomersClient({ appKey: "KEY", appToken: "TOKEN" });
// Every match once, 1000 per request; `start` is a record index and advances by `displaying`.
for await (const customer of client.iterateCustomers({ type: "testing" }, { maxItems: 5000 })) {
  console.log(customer.id, customer.username);
}
// Or page by page.
for await (const page of client.pages({ search: "smith" }, { pageSize: 100 })) {
  console.log(page.displaying, page.moreAvailable);
}
