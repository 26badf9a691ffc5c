// The node:http face of the sandbox (the direct URL): CORS for browsers, preflights, the headers every answer
// carries, and a close() that does not wait for idle keep-alive connections.
import { describe, expect, it } from "vitest";
import { DEMO_CREDENTIALS } from "../src/index.js";
import { startSandbox } from "./helpers.js";

describe("the sandbox's node:http server", () => {
  it("answers a CORS preflight with 204, the allowed methods and the headers asked for", async () => {
    const mock = await startSandbox({ customers: 1 });
    const preflight = await fetch(`${mock.directUrl}/aggregation/v1/customers`, {
      method: "OPTIONS",
      headers: { Origin: "http://app.test", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "app-key, finicity-app-token" },
    });
    expect(preflight.status).toBe(204);
    expect(Object.fromEntries([...preflight.headers].filter(([name]) => name.startsWith("access-control-") || name === "content-length"))).toEqual({
      "access-control-allow-origin": "*",
      "access-control-expose-headers": "retry-after, content-length",
      "access-control-allow-methods": "GET, POST, OPTIONS",
      "access-control-allow-headers": "app-key, finicity-app-token",
      "content-length": "0",
    });
    const bare = await fetch(`${mock.directUrl}/aggregation/v1/customers`, { method: "OPTIONS" });
    expect(bare.headers.get("access-control-allow-headers")).toBe("*");
  });

  it("sends CORS headers and an exact Content-Length with every answer: 200, 401, 404, 405, a fault", async () => {
    const mock = await startSandbox({ customers: 2 });
    const auth = { "App-Key": DEMO_CREDENTIALS.appKey, "Finicity-App-Token": mock.sandbox.issueToken() };
    const answers = [
      await fetch(`${mock.directUrl}/aggregation/v1/customers`, { headers: auth }),
      await fetch(`${mock.directUrl}/aggregation/v1/customers`),
      await fetch(`${mock.directUrl}/nowhere`, { headers: auth }),
      await fetch(`${mock.directUrl}/aggregation/v1/customers`, { method: "POST", headers: auth, body: "{}" }),
      await fetch(`${mock.directUrl}/aggregation/v1/customers`, { headers: { ...auth, "X-Mock-Fault": "status=503;retry-after=1" } }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 401, 404, 405, 503]);
    for (const answer of answers) {
      const body = Buffer.from(await answer.arrayBuffer());
      expect(answer.headers.get("access-control-allow-origin")).toBe("*");
      expect(answer.headers.get("access-control-expose-headers")).toBe("retry-after, content-length");
      expect(answer.headers.get("content-length")).toBe(String(body.byteLength));
    }
    expect(answers[3]!.headers.get("allow")).toBe("GET, HEAD");
    expect(answers[4]!.headers.get("retry-after")).toBe("1");
  });

  it("closes at once, with an idle keep-alive connection open", async () => {
    const mock = await startSandbox({ customers: 1 });
    const answer = await fetch(`${mock.directUrl}/aggregation/v1/customers`, { headers: { Connection: "keep-alive" } });
    await answer.arrayBuffer();
    expect(answer.headers.get("connection")).not.toBe("close");
    const started = Date.now();
    await mock.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(fetch(`${mock.directUrl}/aggregation/v1/customers`)).rejects.toThrow();
  });
});
