import { createCustomersClient } from "@finicity-aggregation/client";
import KeyvRedis from "@keyv/redis";
import Keyv from "keyv";

// Every process using these credentials (web workers, queue consumers, serverless instances) shares one
// token through Redis: one CreateToken per token life for the whole fleet. A secret that CreateToken rejects
// is recorded there too, so the other instances fail at once instead of locking the partner account.
const tokenStore = new Keyv(new KeyvRedis("redis://localhost:6379"), { namespace: "finicity" });

const client = createCustomersClient({
  appKey: "KEY",
  partnerId: "PARTNER_ID",
  partnerSecret: "PARTNER_SECRET",
  tokenStore,
  logger: console, // or a pino logger, as it is
  logLevel: "info", // tokens obtained and retries; without it, FINICITY_LOG or "warn"
});
console.log(await client.getCustomers());
