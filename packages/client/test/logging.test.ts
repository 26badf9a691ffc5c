// logger, logLevel and FINICITY_LOG: what each level writes, and that no line holds a secret.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ValidationError, createCustomersClient, type LogLevel } from "../src/index.js";
import { memoryLogger, startApiServer, type ApiServer } from "./api-server.js";

// The secrets of the errors' redaction tests, with a `"` in each (JSON would escape it).
const SECRETS = { appKey: 'KEY"5f1e2d3c', appToken: 'TOKEN"9a8b7c6d', partnerSecret: 'SECRET"0123abcd' };
const OBTAINED = 'OBTAINED"7e6f5a4b';
let server: ApiServer | undefined;
let partners = 0;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

describe("logging", { timeout: 30_000 }, () => {
  it("debug: one line per attempt (method, path and query, status, attempt n of max, ms, request id); info: tokens and retries", async () => {
    let gets = 0;
    server = await startApiServer({
      secret: SECRETS.partnerSecret,
      getAnswer: () => (++gets === 1 ? { status: 503, body: { code: "503", message: "busy" }, headers: { "retry-after": "0" } } : undefined),
    });
    const logger = memoryLogger();
    const client = createCustomersClient({ baseUrl: server.url, appKey: SECRETS.appKey, partnerId: `log-${++partners}`, partnerSecret: SECRETS.partnerSecret, logger, logLevel: "debug" });
    await client.getCustomers({ start: 2, limit: 5 });
    expect(logger.of("debug")).toEqual([
      expect.stringMatching(/^\[finicity\] POST \/aggregation\/v2\/partners\/authentication -> 200, attempt 1 of 3, \d+ ms, request id none$/),
      expect.stringMatching(/^\[finicity\] GET \/aggregation\/v1\/customers\?start=2&limit=5 -> 503, attempt 1 of 3, \d+ ms, request id none$/),
      expect.stringMatching(/^\[finicity\] GET \/aggregation\/v1\/customers\?start=2&limit=5 -> 200, attempt 2 of 3, \d+ ms, request id req-2$/),
    ]);
    expect(logger.of("info")).toEqual([
      expect.stringMatching(/^\[finicity\] obtained a token from CreateToken; renewing it after \d{4}-/),
      "[finicity] GET /aggregation/v1/customers?start=2&limit=5: retrying in 0 ms (HTTP 503)",
    ]);
    expect(logger.of("warn")).toEqual([]);
  });

  it("warn: retries exhausted (and nothing at debug or info by default)", async () => {
    server = await startApiServer({ secret: "s", getAnswer: () => ({ status: 502, body: { code: "502", message: "bad gateway" }, headers: { "retry-after": "0" } }) });
    const logger = memoryLogger();
    const client = createCustomersClient({ baseUrl: server.url, appKey: "k", appToken: "t", logger, maxRetries: 1 });
    await expect(client.getCustomers()).rejects.toMatchObject({ status: 502 });
    expect(logger.lines).toEqual([{ level: "warn", line: "[finicity] GET /aggregation/v1/customers: giving up after 2 attempts (HTTP 502)" }]);
  });

  it.each([
    ["off", 0, 0, 0],
    ["error", 0, 0, 0],
    ["warn", 0, 0, 1],
    ["info", 0, 2, 1],
    ["debug", 3, 2, 1],
  ] as Array<[LogLevel, number, number, number]>)("logLevel %s writes %i debug, %i info, %i warn lines", async (logLevel, debug, info, warn) => {
    server = await startApiServer({ secret: "s", getAnswer: () => ({ status: 500, body: { code: "500", message: "down" }, headers: { "retry-after": "0" } }) });
    const logger = memoryLogger();
    const client = createCustomersClient({ baseUrl: server.url, appKey: "k", appToken: "t", logger, logLevel });
    await client.getCustomers().catch(() => undefined);
    expect([logger.of("debug").length, logger.of("info").length, logger.of("warn").length]).toEqual([debug, info, warn]);
  });

  it("takes the level from FINICITY_LOG when logLevel is absent; the option wins; an unknown value means warn", async () => {
    server = await startApiServer({ secret: "s", getAnswer: () => ({ status: 200, body: { found: 0, displaying: 0, moreAvailable: false, customers: [] } }) });
    const lines = async (env: string, logLevel?: LogLevel) => {
      vi.stubEnv("FINICITY_LOG", env);
      const logger = memoryLogger();
      await createCustomersClient({ baseUrl: server!.url, appKey: "k", appToken: "t", logger, logLevel }).getCustomers();
      return logger.of("debug").length;
    };
    expect(await lines("debug")).toBe(1);
    expect(await lines("debug", "warn")).toBe(0);
    expect(await lines("warn", "debug")).toBe(1);
    expect(await lines("loud")).toBe(0);
  });

  it("works with console as it is, and refuses an unknown logLevel before sending", () => {
    expect(() => createCustomersClient({ appKey: "k", appToken: "t", logger: console, logLevel: "debug" })).not.toThrow();
    expect(() => createCustomersClient({ appKey: "k", appToken: "t", logLevel: "loud" as LogLevel })).toThrow(ValidationError);
    expect(() => createCustomersClient({ appKey: "k", appToken: "t", logLevel: "loud" as LogLevel })).toThrow(/logLevel must be one of/);
  });

  it("writes no secret in any line, even when the server echoes them, and escapes control characters", async () => {
    const echo = `bad ${Object.values(SECRETS).join(" ")} ${OBTAINED}\nforged line`;
    let gets = 0;
    server = await startApiServer({
      secret: SECRETS.partnerSecret,
      tokenFor: () => OBTAINED,
      getAnswer: () => (++gets % 2 === 1 ? { status: 503, body: { code: echo, message: echo }, headers: { "retry-after": "0" } } : undefined),
    });
    const logger = memoryLogger();
    const partner = { appKey: SECRETS.appKey, partnerId: `log-${++partners}`, partnerSecret: SECRETS.partnerSecret };
    await createCustomersClient({ baseUrl: server.url, ...partner, logger, logLevel: "debug" }).getCustomers();
    const failing = {
      get: () => Promise.reject(new Error(`store down: ${echo}`)),
      set: () => Promise.reject(new Error(`store down: ${echo}`)),
      delete: () => true,
    };
    await createCustomersClient({ baseUrl: server.url, ...partner, partnerId: `log-${++partners}`, tokenStore: failing, logger, logLevel: "debug" }).getCustomers();
    await createCustomersClient({ baseUrl: server.url, appKey: SECRETS.appKey, appToken: SECRETS.appToken, logger, logLevel: "debug", maxRetries: 0 })
      .getCustomers()
      .catch(() => undefined);
    expect(logger.of("warn").some((line) => line.startsWith("[finicity] token store get failed"))).toBe(true);
    expect(logger.lines.length).toBeGreaterThan(6);
    const all = logger.lines.map((l) => l.line);
    for (const line of all) {
      for (const secret of Object.values(SECRETS)) {
        expect(line, "a secret in a log line").not.toContain(secret);
        expect(line).not.toContain(JSON.stringify(secret).slice(1, -1));
      }
      expect(line).not.toContain("\n");
    }
  });
});
