import { RedirectError, ResponseTooLargeError, createCustomersClient } from "@finicity-aggregation/client";

// Cap every 2xx body at 8 MB (default 32 MiB); redirects are always refused.
const client = createCustomersClient({ appKey: "KEY", appToken: "TOKEN", maxResponseBytes: 8_000_000 });
try {
  await client.getCustomers();
} catch (error) {
  if (error instanceof RedirectError) console.log(error.status, error.location); // 302 "https://elsewhere.example"
  else if (error instanceof ResponseTooLargeError) console.log(error.message);
}
