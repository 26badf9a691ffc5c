import { createCustomersClient } from "@finicity-aggregation/client";

// The client calls POST /aggregation/v2/partners/authentication itself, shares one call among concurrent
// requests, renews before the token expires, and once after a 401 saying it expired. A 401 from the token
// call is never retried (five failures lock the partner account).
const client = createCustomersClient({ appKey: "KEY", partnerId: "PARTNER_ID", partnerSecret: "PARTNER_SECRET" });

// Or bring your own token source; it is called before each request.
const own = createCustomersClient({ appKey: "KEY", appToken: async () => "TOKEN_FROM_YOUR_VAULT" });
console.log(await client.getCustomers(), await own.getCustomers());
