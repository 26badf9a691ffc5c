// `pnpm start`, the README's quick start: serve the sandbox (behind Prism's validating proxy) with the demo
// credentials, make one call through the client, print what came back and how to try it (curl, and the verifier
// command that passes against it), and keep serving until Ctrl-C, which stops everything and exits 0.
//
// Environment: MOCK_MODE (sandbox, static or dynamic; default sandbox), PORT (default 4010, or a free port when
// 4010 is taken). The demo credentials below are public: they exist only in this sandbox.
import { createCustomersClient } from "@finicity-aggregation/client";

const DEMO = Object.freeze({ appKey: "demo-app-key", partnerId: "demo-partner", partnerSecret: "demo-secret" });
const MODES = ["sandbox", "static", "dynamic"];

// Ctrl-C sends SIGINT to the whole process group (pnpm, its shell and this process): stop quietly and exit 0,
// so pnpm reports success instead of "Command failed with signal SIGINT". Registered first, so an early Ctrl-C
// (while Prism is still loading) is quiet too.
let mock;
let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  if (!mock) process.exit(0);
  mock.close().then(
    () => process.exit(0),
    (error) => {
      console.error(`quickstart: could not stop the mock cleanly: ${error?.message ?? error}`);
      process.exit(1);
    },
  );
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

function usageError(message) {
  console.error(`quickstart: ${message}`);
  console.error("Usage: [MOCK_MODE=sandbox|static|dynamic] [PORT=4010] pnpm start");
  process.exit(2);
}

const mode = process.env.MOCK_MODE || "sandbox";
if (!MODES.includes(mode)) usageError(`MOCK_MODE must be one of ${MODES.join(", ")} (got ${JSON.stringify(mode.slice(0, 40))})`);
const portText = process.env.PORT || "4010";
if (!/^[0-9]{1,5}$/.test(portText) || Number(portText) > 65535) usageError(`PORT must be an integer from 0 to 65535 (got ${JSON.stringify(portText.slice(0, 40))})`);
const preferredPort = Number(portText);

console.log(`Starting the mock (${mode})...`);
// Loaded after the handlers are in place and the environment is checked (Prism takes a moment to load).
const { startMock } = await import("@finicity-aggregation/mock");
const isPortTaken = (error) => /EADDRINUSE/.test(String(error?.message ?? error));
const options = (port) => (mode === "sandbox" ? { port, mode, credentials: { ...DEMO } } : { port, mode });

async function start() {
  try {
    return await startMock(options(preferredPort));
  } catch (error) {
    if (!isPortTaken(error) || preferredPort === 0) throw error;
    console.log(`Port ${preferredPort} is taken; using a free port instead.`);
    return startMock(options(0));
  }
}

try {
  mock = await start();
} catch (error) {
  console.error(`quickstart: could not start the mock: ${error?.message ?? error}`);
  process.exit(1);
}
if (stopping) stop(); // Ctrl-C arrived while starting

// The sandbox requires exactly the demo credentials; the static and dynamic mocks accept any token.
const credentials = mode === "sandbox" ? { partnerId: DEMO.partnerId, partnerSecret: DEMO.partnerSecret } : { appToken: "demo-token" };
const client = createCustomersClient({ baseUrl: mock.url, appKey: DEMO.appKey, ...credentials });
let page;
try {
  page = await client.getCustomers({ start: 1, limit: 5 });
} catch (error) {
  console.error(`quickstart: the call through the client failed: ${error?.message ?? error}`);
  await mock.close();
  process.exit(1);
}

// Columns: id, username, name, type. A missing name part prints as nothing; the name column is padded as a whole.
const rows = page.customers.map((c) => [String(c.id), String(c.username), [c.firstName, c.lastName].filter((p) => p != null && p !== "").join(" "), `(${c.type})`]);
const widths = [0, 1, 2].map((i) => Math.max(0, ...rows.map((row) => row[i].length)));
console.log(`\nGET ${mock.url}/aggregation/v1/customers?start=1&limit=5 through @finicity-aggregation/client:`);
console.log(`  found ${page.found}, displaying ${page.displaying}, moreAvailable ${page.moreAvailable}`);
for (const row of rows) console.log(`  ${row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell)).join("  ")}`);

console.log(`\nThe mock (${mode}) is serving at ${mock.url}${mock.directUrl ? ` (sandbox itself: ${mock.directUrl})` : ""}`);
console.log("Try it yourself:");
if (mode === "sandbox") {
  console.log(
    `  TOKEN=$(curl -s -X POST -H 'App-Key: ${DEMO.appKey}' -H 'Content-Type: application/json' ` +
      `-d '{"partnerId":"${DEMO.partnerId}","partnerSecret":"${DEMO.partnerSecret}"}' ${mock.url}/aggregation/v2/partners/authentication | sed 's/.*"token":"\\([^"]*\\)".*/\\1/')`,
  );
  console.log(`  curl -H 'App-Key: ${DEMO.appKey}' -H "Finicity-App-Token: $TOKEN" '${mock.url}/aggregation/v1/customers?search=smith&start=1&limit=25'`);
  console.log("Check it against the spec with the verifier (from another shell, in this folder):");
  console.log(`  ${verifyCommand(mock.url)}`);
} else {
  console.log(`  curl -H 'App-Key: ${DEMO.appKey}' -H 'Finicity-App-Token: demo-token' '${mock.url}/aggregation/v1/customers?start=1&limit=25'`);
}
console.log("\nPress Ctrl-C to stop.");

/** The `finicity-contract verify` command line that passes against this sandbox (the demo credentials are public). */
function verifyCommand(url) {
  return `pnpm exec finicity-contract verify --base-url ${url} --app-key ${DEMO.appKey} --partner-id ${DEMO.partnerId} --partner-secret ${DEMO.partnerSecret}`;
}
