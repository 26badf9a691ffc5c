// Runs in chromium (bundled by esbuild): the client with no baseUrl, under setupWorker with sandboxHandlers().
import { createCustomersClient } from "@finicity-aggregation/client";
import { sandboxHandlers } from "@finicity-aggregation/mock/msw";
import { setupWorker } from "msw/browser";

const credentials = { appKey: "browser-app-key", partnerId: "browser-partner", partnerSecret: "browser-secret" };

window.runScenario = async () => {
  const { handlers, control } = sandboxHandlers({ customers: 23, seed: "browser", credentials });
  const worker = setupWorker(...handlers);
  await worker.start({ serviceWorker: { url: "/mockServiceWorker.js" }, quiet: true, onUnhandledRequest: "error" });
  const describe = (error) => ({ name: error?.constructor?.name, status: error?.status });

  const client = createCustomersClient({ ...credentials });
  const ids = [];
  for await (const customer of client.iterateCustomers({ limit: 10 })) ids.push(customer.id);

  control.failNext(1, { status: 500 });
  const noRetry = createCustomersClient({ ...credentials, appToken: control.issueToken(), maxRetries: 0 });
  const fault = await noRetry.getCustomers().then(() => undefined, describe);

  const badToken = createCustomersClient({ appKey: credentials.appKey, appToken: "not-issued-by-the-sandbox" });
  const unauthorized = await badToken.getCustomers().then(() => undefined, describe);

  const us = createCustomersClient({ ...credentials, region: "us", appToken: control.issueToken() });
  const usPage = await us.getCustomers({ limit: 2 });

  worker.stop();
  return {
    ids,
    expected: control.customers().map((customer) => customer.id),
    fault,
    unauthorized,
    usDisplaying: usPage.displaying,
    statuses: control.requests.map((request) => request.status),
  };
};
