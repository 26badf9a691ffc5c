// What the request log holds on to: nothing with maxRecordedRequests 0, and otherwise the newest
// maxRecordedRequests plus at most max(maxRecordedRequests, 64) older ones, forgotten in one batch (checked with a
// forced garbage collection); what `requests` shows right after a batch is forgotten; and how headers are recorded.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { createSandboxCore, type PlainHeaders } from "../src/sandbox/core.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const CUSTOMERS = "/aggregation/v1/customers";

/** A core, and a way to send it requests whose header objects it can be watched holding on to. */
function setup(maxRecordedRequests: number) {
  const core = createSandboxCore({ customers: 1, maxRecordedRequests });
  const refs: Array<WeakRef<object>> = [];
  const send = (n: number) => {
    for (let i = 0; i < n; i++) {
      const headers = { "x-n": String(refs.length + 1) };
      refs.push(new WeakRef(headers));
      core.serve({ method: "GET", path: CUSTOMERS, query: new URLSearchParams(), headers, body: async () => "" });
    }
  };
  /** The numbers (1-based) of the requests whose headers are still held. */
  const held = async () => {
    await new Promise((resolve) => setImmediate(resolve)); // WeakRefs read in this turn stay alive until it ends
    gc();
    return refs.flatMap((ref, index) => (ref.deref() === undefined ? [] : [index + 1]));
  };
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return { core, send, held, range };
}

describe("the request log's memory", () => {
  it("holds nothing with maxRecordedRequests: 0", async () => {
    const { send, held, core } = setup(0);
    send(3);
    expect(await held()).toEqual([]);
    expect(core.control.requests).toEqual([]);
  });

  it("holds up to 64 extra requests past a small maximum, then forgets all but the newest at once", async () => {
    const { send, held, core, range } = setup(2);
    send(66); // 2 + 64: not yet over
    expect(await held()).toEqual(range(1, 66));
    send(1); // 67: over by one, trimmed back to the newest 2
    expect(await held()).toEqual([66, 67]);
    expect(core.control.requests.map((r) => r.headers["x-n"])).toEqual(["66", "67"]);
    send(64);
    expect(await held()).toEqual(range(66, 131));
    expect(core.control.requests.map((r) => r.headers["x-n"])).toEqual(["130", "131"]);
  });

  it("holds up to twice a maximum above 64", async () => {
    const { send, held, core, range } = setup(100);
    send(200);
    expect(await held()).toEqual(range(1, 200));
    send(1);
    expect(await held()).toEqual(range(102, 201));
    expect(core.control.requests.map((r) => r.headers["x-n"])).toEqual(range(102, 201).map(String));
  });
});

describe("recorded headers", () => {
  const record = (headers: PlainHeaders) => {
    const core = createSandboxCore({ customers: 1 });
    core.serve({ method: "GET", path: CUSTOMERS, query: new URLSearchParams("a=1&b=&a=2"), headers, body: async () => "" });
    return core.control.requests[0];
  };

  it("joins a repeated header with ', ', masks secrets, and leaves out headers without a value", () => {
    const recorded = record({ "x-trace": ["t1", "t2"], cookie: ["a=1", "b=2"], "x-api-key": undefined, "x-empty": undefined, "x-one": "1" });
    expect(recorded).toStrictEqual({
      method: "GET",
      path: CUSTOMERS,
      query: { a: "1", b: "" },
      headers: { "x-trace": "t1, t2", cookie: "[redacted]", "x-one": "1" },
      status: 401,
    });
  });

  it("reads a repeated app key as one joined value", () => {
    const core = createSandboxCore({ customers: 1, credentials: { appKey: "k1, k2" } });
    const token = core.control.issueToken();
    const answer = core.serve({ method: "GET", path: CUSTOMERS, query: new URLSearchParams(), headers: { "app-key": ["k1", "k2"], "finicity-app-token": token }, body: async () => "" });
    expect(answer).toMatchObject({ status: 200 });
  });
});
