import { createCustomersClient } from "@finicity-aggregation/client";

const client = createCustomersClient({ appKey: "YOUR_APP_KEY", appToken: "YOUR_TOKEN" }); // AU server by default
const page = await client.getCustomers({ search: "John Smith", type: "active", start: 1, limit: 25 });
console.log(page.found, page.displaying, page.moreAvailable, page.customers[0]?.username);
