// The README's quick start: serve the sandbox (behind Prism's validating proxy), make one call through the
// client, print what came back, and keep serving until Ctrl-C.
import { createCustomersClient } from "@finicity-aggregation/client";
import { startMock } from "@finicity-aggregation/mock";

const PREFERRED_PORT = Number(process.env.PORT ?? 4010);
const mode = process.env.MOCK_MODE ?? "sandbox";
const isPortTaken = (error) => /EADDRINUSE/.test(String(error?.message ?? error));

async function start() {
  try {
    return await startMock({ port: PREFERRED_PORT, mode });
  } catch (error) {
    if (!isPortTaken(error)) throw error;
    console.log(`Port ${PREFERRED_PORT} is taken; using a free port instead.`);
    return startMock({ port: 0, mode });
  }
}

const mock = await start();
const appKey = "demo-app-key";
// The sandbox issues a token for any non-empty partner credentials; the static and dynamic mocks accept any token.
const credentials = mode === "sandbox" ? { partnerId: "demo-partner", partnerSecret: "demo-secret" } : { appToken: "demo-token" };
const client = createCustomersClient({ baseUrl: mock.url, appKey, ...credentials });
const page = await client.getCustomers({ start: 1, limit: 5 });

console.log(`\nGET ${mock.url}/aggregation/v1/customers?start=1&limit=5 through @finicity-aggregation/client:`);
console.log(`  found ${page.found}, displaying ${page.displaying}, moreAvailable ${page.moreAvailable}`);
for (const customer of page.customers) {
  console.log(`  ${customer.id}  ${customer.username.padEnd(24)} ${customer.firstName ?? ""} ${customer.lastName ?? ""}  (${customer.type})`);
}
console.log(`\nThe mock (${mode}) is serving at ${mock.url}${mock.directUrl ? ` (sandbox itself: ${mock.directUrl})` : ""}`);
console.log("Try it yourself:");
if (mode === "sandbox") {
  console.log(
    `  TOKEN=$(curl -s -X POST -H 'App-Key: ${appKey}' -H 'Content-Type: application/json' ` +
      `-d '{"partnerId":"demo-partner","partnerSecret":"demo-secret"}' ${mock.url}/aggregation/v2/partners/authentication | sed 's/.*"token":"\\([^"]*\\)".*/\\1/')`,
  );
  console.log(`  curl -H 'App-Key: ${appKey}' -H "Finicity-App-Token: $TOKEN" '${mock.url}/aggregation/v1/customers?search=smith&start=1&limit=25'`);
} else {
  console.log(`  curl -H 'App-Key: ${appKey}' -H 'Finicity-App-Token: demo-token' '${mock.url}/aggregation/v1/customers?start=1&limit=25'`);
}
console.log("\nPress Ctrl-C to stop.");

const stop = () => mock.close().then(() => process.exit(0), () => process.exit(1));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
