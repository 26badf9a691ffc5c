import { createCustomersClient } from "@finicity-aggregation/client";

// US server and header names (Finicity-App-Key), a mock or proxy via baseUrl, or your own header names.
const us = createCustomersClient({ region: "us", appKey: "KEY", appToken: "TOKEN" });
const local = createCustomersClient({ baseUrl: "http://localhost:4010", appKey: "KEY", appToken: "TOKEN" });
const custom = createCustomersClient({ appKey: "KEY", appToken: "TOKEN", headerNames: { appToken: "App-Token" } });
console.log(await us.getCustomers(), await local.getCustomers(), await custom.getCustomers());
