import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startMock, type RunningMock } from "../src/index.js";

const auth = { "App-Key": "test-app-key", "Finicity-App-Token": "test-token", Accept: "application/json" };
const running: RunningMock[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((mock) => mock.close()));
});

async function start(...args: Parameters<typeof startMock>): Promise<RunningMock> {
  const mock = await startMock(...args);
  running.push(mock);
  return mock;
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

describe("startMock", () => {
  it("serves the brief's own request on a free port of 127.0.0.1", async () => {
    const mock = await start({ port: 0 });
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${mock.url}/aggregation/v1/customers?username=&type=&search=&start=1&limit=25`, {
      headers: auth,
    });
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(body).toMatchObject({ found: 200, displaying: 2, moreAvailable: true });
  });

  it("answers 401 without credentials", async () => {
    const mock = await start();
    const response = await fetch(`${mock.url}/aggregation/v1/customers`);
    expect(response.status).toBe(401);
  });

  it("rejects a query the spec forbids with 400", async () => {
    const mock = await start();
    for (const query of ["limit=0", "limit=1001", "start=0", "type=bogus", "start=abc"]) {
      const response = await fetch(`${mock.url}/aggregation/v1/customers?${query}`, { headers: auth });
      expect(response.status, query).toBe(400);
    }
  });

  it("generates schema-valid data in dynamic mode, repeatably with a seed", async () => {
    const first = await start({ mode: "dynamic", seed: 42 });
    const second = await start({ mode: "dynamic", seed: 42 });
    const get = async (url: string) => {
      const response = await fetch(`${url}/aggregation/v1/customers`, { headers: auth });
      expect(response.status).toBe(200);
      // errors are on: a generated body that broke the spec would have been a 500 with violations
      expect(response.headers.get("sl-violations")).toBeNull();
      return response.json();
    };
    expect(await get(first.url)).toEqual(await get(second.url));
  });

  it("frees its port on close", async () => {
    const mock = await startMock();
    const port = Number(new URL(mock.url).port);
    await mock.close();
    expect(await portIsFree(port)).toBe(true);
  });

  it("starts the sandbox behind Prism's proxy, and frees both ports on close", async () => {
    const mock = await startMock({ mode: "sandbox", customers: 3, seed: 1 });
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.directUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.directUrl).not.toBe(mock.url);
    try {
      const headers = { "App-Key": "demo-app-key", "Finicity-App-Token": mock.sandbox.issueToken() };
      for (const base of [mock.url, mock.directUrl]) {
        const response = await fetch(`${base}/aggregation/v1/customers`, { headers });
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ found: 3, displaying: 3, moreAvailable: false });
      }
    } finally {
      await mock.close();
    }
    expect(await portIsFree(Number(new URL(mock.url).port))).toBe(true);
    expect(await portIsFree(Number(new URL(mock.directUrl).port))).toBe(true);
  });

  it("answers a browser's CORS preflight at both URLs", async () => {
    const mock = await startMock({ mode: "sandbox", customers: 1 });
    running.push(mock);
    for (const base of [mock.url, mock.directUrl]) {
      const response = await fetch(`${base}/aggregation/v1/customers`, {
        method: "OPTIONS",
        headers: { Origin: "http://app.test", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "app-key,finicity-app-token" },
      });
      expect(response.status, base).toBe(204);
      expect(response.headers.get("access-control-allow-origin"), base).toMatch(/\*|http:\/\/app\.test/);
      expect(response.headers.get("access-control-allow-headers"), base).toMatch(/finicity-app-token/);
    }
  });

  it("refuses a bad port with a typed error", async () => {
    await expect(startMock({ mode: "sandbox", port: 70000 })).rejects.toThrow(/^port must be/);
  });

  it("refuses an unknown mode", async () => {
    // @ts-expect-error not a mode
    await expect(startMock({ mode: "bogus" })).rejects.toThrow(/mode must be/);
  });
});
