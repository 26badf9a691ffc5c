// Runs inside chromium, loaded as an ES module by client-in-browser.test.ts. Bare specifiers resolve through
// the page's import map to the BUILT client (dist/) and openapi-fetch's ESM build. Plain JavaScript on purpose:
// the browser loads this file as it is, untransformed.
import {
  AuthenticationError,
  FinicityApiError,
  RedirectError,
  ResponseValidationError,
  createCustomersClient,
} from "@finicity-aggregation/client";

export const APP_KEY = "browser-app-key-0123";
export const APP_TOKEN = "browser-app-token-4567";

/** Paths of the scripts the page has fetched so far. */
function loadedScripts() {
  return performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname);
}

/**
 * Prism serves the first example of a response unless `Prefer: example=NAME` picks another. This fetch makes
 * the mock behave like a server holding two matching customers: the first page (start 1) is the spec's
 * `twoOfTwoHundred` example (moreAvailable: true), any later page is `noMatch` (moreAvailable: false).
 */
function twoPageMockFetch(requests) {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    requests.push(url.pathname + url.search);
    const start = url.searchParams.get("start") ?? "1";
    const headers = new Headers(request.headers);
    headers.set("Prefer", start === "1" ? "example=twoOfTwoHundred" : "example=noMatch");
    return fetch(new Request(request, { headers }));
  };
}

/** Sends the request without one header, as a misconfigured proxy would. */
function withoutHeader(name) {
  return async (input, init) => {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    headers.delete(name);
    return fetch(new Request(request, { headers }));
  };
}

/** Lets the mock answer, then changes the JSON body the way a drifting API would. */
function drifting(change) {
  return async (input, init) => {
    const answer = await fetch(new Request(input, init));
    const body = await answer.json();
    change(body);
    return new Response(JSON.stringify(body), { status: answer.status, headers: answer.headers });
  };
}

function describeError(error) {
  if (!(error instanceof Error)) return { thrown: false, value: String(error) };
  return {
    thrown: true,
    name: error.name,
    message: error.message,
    isFinicityApiError: error instanceof FinicityApiError,
    isAuthenticationError: error instanceof AuthenticationError,
    isResponseValidationError: error instanceof ResponseValidationError,
    status: error.status,
    isRedirectError: error instanceof RedirectError,
    code: error.code,
    issues: error.issues,
    body: error.body,
    responseBody: error.responseBody,
    json: JSON.stringify(error),
  };
}

export async function run(mockUrl, redirectorUrl) {
  const base = { baseUrl: mockUrl, appKey: APP_KEY, appToken: APP_TOKEN };
  const result = {};

  // Without validation: one page, and the validators are never fetched.
  const plain = createCustomersClient(base);
  const page = await plain.getCustomers({ start: 1, limit: 25 });
  result.plainPage = { displaying: page.displaying, moreAvailable: page.moreAvailable, ids: page.customers.map((c) => c.id) };
  result.validatorsLoadedBeforeValidation = loadedScripts().filter((path) => path.includes("validate"));
  // openapi-fetch (behind client.raw) is fetched only when raw is first used; then raw calls work as they are.
  result.rawLoadedBeforeUse = loadedScripts().filter((path) => path.includes("openapi-fetch") || path.endsWith("/raw.js"));
  const rawClient = createCustomersClient(base);
  const { data: rawData, response: rawResponse } = await rawClient.raw.GET("/aggregation/v1/customers", { params: { query: { limit: 1 } } });
  result.raw = { status: rawResponse.status, displaying: rawData?.displaying };
  result.rawLoadedAfterUse = loadedScripts().filter((path) => path.includes("openapi-fetch") || path.endsWith("/raw.js"));

  // Every page through iterateCustomers, with response validation on.
  const requests = [];
  const checked = createCustomersClient({ ...base, validateResponses: true, fetch: twoPageMockFetch(requests) });
  const ids = [];
  for await (const customer of checked.iterateCustomers({ type: "testing" }, { pageSize: 2 })) ids.push(customer.id);
  result.iterated = { ids, requests };
  result.validatorsLoadedAfterValidation = loadedScripts().filter((path) => path.includes("validate"));

  // A 401 from the mock (no token sent) is a typed error.
  const noToken = createCustomersClient({ ...base, validateResponses: true, fetch: withoutHeader("Finicity-App-Token") });
  result.unauthorized = describeError(await noToken.getCustomers().then(() => undefined, (error) => error));

  // A field that changes type fails validation; a field that is new passes.
  const changedType = createCustomersClient({
    ...base,
    validateResponses: true,
    fetch: drifting((body) => {
      body.customers[1].id = 1005061235;
    }),
  });
  result.changedType = describeError(await changedType.getCustomers().then(() => undefined, (error) => error));
  const addedField = createCustomersClient({
    ...base,
    validateResponses: true,
    fetch: drifting((body) => {
      body.customers[0].loyaltyTier = "gold";
    }),
  });
  const added = await addedField.getCustomers();
  result.addedField = { displaying: added.displaying, loyaltyTier: added.customers[0].loyaltyTier };

  // A redirect (to another origin): the browser hides it (an opaque redirect); the client refuses it.
  const redirected = createCustomersClient({ ...base, baseUrl: redirectorUrl });
  result.redirected = describeError(await redirected.getCustomers().then(() => undefined, (error) => error));
  result.redirected.location = result.redirected.thrown ? (await redirected.getCustomers().catch((error) => error)).location ?? null : undefined;

  return result;
}
