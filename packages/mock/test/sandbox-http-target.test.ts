// Request targets as the node:http server reads them (raw sockets, since fetch normalizes targets): a fragment is
// dropped, dot segments are resolved, the query is read exactly, and targets no URL parser takes are refused.
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_CREDENTIALS, type RunningSandbox } from "../src/index.js";
import { parseTarget } from "../src/sandbox/http-target.js";
import { startSandbox } from "./helpers.js";
import { parseAnswer, rawExchange } from "./raw-http.js";

let mock: RunningSandbox;
let token: string;
beforeAll(async () => {
  mock = await startSandbox({ customers: 3 });
  token = mock.sandbox.issueToken();
});

/** GETs `target` over a raw socket; the answer and what the request log recorded for it. */
async function get(target: string) {
  mock.sandbox.reset();
  const { text } = await rawExchange(
    mock.directUrl,
    `GET ${target} HTTP/1.1\r\nHost: x\r\nApp-Key: ${DEMO_CREDENTIALS.appKey}\r\nFinicity-App-Token: ${token}\r\nConnection: close\r\n\r\n`,
  );
  const answer = parseAnswer(text);
  const logged = mock.sandbox.requests.map(({ method, path, query, status }) => ({ method, path, query, status }));
  return { status: answer.status, body: answer.body, logged };
}

describe("origin-form targets", () => {
  it("reads the query exactly, and no query as none", async () => {
    const limited = await get("/aggregation/v1/customers?limit=2&start=2");
    expect(limited.logged).toEqual([{ method: "GET", path: "/aggregation/v1/customers", query: { limit: "2", start: "2" }, status: 200 }]);
    expect(JSON.parse(limited.body)).toMatchObject({ found: 3, displaying: 2 });

    const bare = await get("/aggregation/v1/customers");
    expect(bare.logged).toEqual([{ method: "GET", path: "/aggregation/v1/customers", query: {}, status: 200 }]);
    expect(JSON.parse(bare.body)).toMatchObject({ found: 3, displaying: 3 });

    const empty = await get("/aggregation/v1/customers?");
    expect(empty.logged).toEqual([{ method: "GET", path: "/aggregation/v1/customers", query: {}, status: 200 }]);
  });

  it("drops a fragment, as URL parsing does", async () => {
    for (const target of ["/aggregation/v1/customers?limit=1#top", "/aggregation/v1/customers?limit=1#/top"]) {
      const answer = await get(target);
      expect(answer.logged, target).toEqual([{ method: "GET", path: "/aggregation/v1/customers", query: { limit: "1" }, status: 200 }]);
      expect(JSON.parse(answer.body)).toMatchObject({ displaying: 1 });
    }
  });

  it("resolves dot segments before routing", async () => {
    for (const target of ["/aggregation/v1/./customers?limit=1", "/aggregation/v2/../v1/customers?limit=1"]) {
      const answer = await get(target);
      expect(answer.logged, target).toEqual([{ method: "GET", path: "/aggregation/v1/customers", query: { limit: "1" }, status: 200 }]);
    }
  });

  it("keeps `//x` a path (404), not a host", async () => {
    const answer = await get("//aggregation/v1/customers");
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toEqual({ code: "404", message: "No such path: //aggregation/v1/customers" });
  });
});

describe("parseTarget", () => {
  it("refuses a scheme without `//` (node's parser already answers 400 to these before the sandbox sees them)", () => {
    for (const target of ["a:b", "urn:x", "mailto:x@y", "urn:x?next=http://y/aggregation/v1/customers", "*", "customers"]) {
      expect(parseTarget(target), target).toBeUndefined();
    }
  });

  it("reads a non-ASCII query (node's parser refuses such bytes, createSandboxFetch passes them) as URL parsing does", () => {
    const parsed = parseTarget("/aggregation/v1/customers?search=\u00e9t\u00e9#x");
    expect({ path: parsed?.path, query: [...(parsed?.query ?? [])] }).toEqual({ path: "/aggregation/v1/customers", query: [["search", "\u00e9t\u00e9"]] });
  });

  it("reads absolute-form and origin-form targets to the same path and query", () => {
    for (const target of ["http://h/aggregation/v1/customers?limit=2", "/aggregation/v1/customers?limit=2", "/aggregation/v1/x/../customers?limit=2"]) {
      const parsed = parseTarget(target);
      expect({ path: parsed?.path, query: [...(parsed?.query ?? [])] }, target).toEqual({ path: "/aggregation/v1/customers", query: [["limit", "2"]] });
    }
  });
});
