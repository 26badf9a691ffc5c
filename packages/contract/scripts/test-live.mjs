// `pnpm test:live`: runs the verifier, read-only, against the real API when credentials are in the environment,
// to catch drift between the spec and the live service. Never part of `pnpm test`.
//
//   FINICITY_APP_KEY + (FINICITY_APP_TOKEN | FINICITY_PARTNER_ID + FINICITY_PARTNER_SECRET)   required
//   FINICITY_REGION     au (default) or us
//   FINICITY_BASE_URL   default: the region's host
//
// Only GET /aggregation/v1/customers is called, plus one CreateToken when no token is given. Reports go to
// packages/contract/live-report/.
import { fileURLToPath } from "node:url";

const env = process.env;
const hasCredentials = Boolean(env.FINICITY_APP_KEY && (env.FINICITY_APP_TOKEN || (env.FINICITY_PARTNER_ID && env.FINICITY_PARTNER_SECRET)));
if (!hasCredentials) {
  console.log(
    "test:live skipped: no credentials (set FINICITY_APP_KEY, and FINICITY_APP_TOKEN or FINICITY_PARTNER_ID + FINICITY_PARTNER_SECRET)",
  );
  process.exit(0);
}

const { verify, formatTerminal, writeReports, VerifyError } = await import("../dist/index.js");
const region = env.FINICITY_REGION === "us" ? "us" : "au";
const baseUrl = env.FINICITY_BASE_URL || (region === "us" ? "https://api.finicity.com" : "https://api.openbanking.mastercard.com.au");
const out = (name) => fileURLToPath(new URL(`../live-report/${name}`, import.meta.url));

try {
  const report = await verify({
    baseUrl,
    region,
    allowProduction: true,
    // Gentle on the real service: few requests, slowly.
    runs: 10,
    maxRequests: 80,
    rate: 2,
    timeoutMs: 30_000,
  });
  await writeReports(report, { json: out("report.json"), junit: out("junit.xml"), html: out("report.html") });
  console.log(formatTerminal(report));
  console.log(`Reports: ${out("")}`);
  process.exitCode = report.exitCode;
} catch (error) {
  if (error instanceof VerifyError) {
    console.error(`test:live: ${error.message}`);
    process.exitCode = error.exitCode;
  } else {
    throw error;
  }
}
