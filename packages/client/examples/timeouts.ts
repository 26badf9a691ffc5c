import { createCustomersClient } from "@finicity-aggregation/client";

// Defaults: 30 s per attempt, 2 retries (network errors, 408, 429, 5xx) with exponential backoff and
// jitter, Retry-After honoured. Per call: your AbortSignal (an abort is never retried) and overrides.
const client = createCustomersClient({ appKey: "KEY", appToken: "TOKEN", timeoutMs: 10_000, maxRetries: 3 });
const controller = new AbortController();
setTimeout(() => controller.abort(), 5_000);
await client.getCustomers({}, { signal: controller.signal, timeoutMs: 2_000, maxRetries: 0 });
