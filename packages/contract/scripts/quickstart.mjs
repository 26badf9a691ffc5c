// The README's quick start: serve the mock, make one call through the client, print what came back,
// and keep serving until Ctrl-C.
import { createCustomersClient } from "@finicity-aggregation/client";
import { startMock } from "@finicity-aggregation/mock";

const PREFERRED_PORT = Number(process.env.PORT ?? 4010);
const mode = process.env.MOCK_MODE ?? "static";

async function start() {
  try {
    return await startMock({ port: PREFERRED_PORT, mode });
  } catch (error) {
    if (error?.code !== "EADDRINUSE") throw error;
    console.log(`Port ${PREFERRED_PORT} is taken; using a free port instead.`);
    return startMock({ port: 0, mode });
  }
}

const mock = await start();
const client = createCustomersClient({ baseUrl: mock.url, appKey: "demo-app-key", appToken: "demo-token" });
const page = await client.getCustomers({ start: 1, limit: 25 });

console.log(`\nGET ${mock.url}/aggregation/v1/customers?start=1&limit=25 through @finicity-aggregation/client:`);
console.log(`  found ${page.found}, displaying ${page.displaying}, moreAvailable ${page.moreAvailable}`);
for (const customer of page.customers) {
  console.log(`  ${customer.id}  ${customer.username}  ${customer.firstName ?? ""} ${customer.lastName ?? ""}  (${customer.type})`);
}
console.log(`\nThe mock (${mode}) is serving at ${mock.url}`);
console.log("Try it yourself:");
console.log(`  curl -H 'App-Key: demo-app-key' -H 'Finicity-App-Token: demo-token' '${mock.url}/aggregation/v1/customers?start=1&limit=25'`);
console.log("\nPress Ctrl-C to stop.");

const stop = () => mock.close().then(() => process.exit(0), () => process.exit(1));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
