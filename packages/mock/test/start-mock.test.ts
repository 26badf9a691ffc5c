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

  it("refuses an unknown mode", async () => {
    // @ts-expect-error not a mode
    await expect(startMock({ mode: "bogus" })).rejects.toThrow(/mode must be/);
  });
});
