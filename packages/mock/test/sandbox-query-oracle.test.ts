import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Customer, Customers } from "@finicity-aggregation/types";
import { createSandboxFetch, type SandboxFetch } from "../src/index.js";
import { generateCustomers } from "../src/sandbox/customers.js";
import { startSandbox } from "./helpers.js";

/**
 * The sandbox keeps its customers sorted and its search keys precomputed as customers are added and removed;
 * these tests check every answer against the documented rules computed from scratch, here, on a list the test
 * keeps itself: the seeded customers as the generator makes them (not as the store under test holds them), plus
 * what the test added, less what it removed. So a store that holds, orders or finds customers wrongly fails.
 */

interface Query {
  username?: string;
  type?: "active" | "testing";
  search?: string;
  start: number;
  limit: number;
}

/** The sandbox's order: createdDate, then id, both compared as whole numbers. */
function order(a: Customer, b: Customer): number {
  const compare = (x: string, y: string) => (BigInt(x) < BigInt(y) ? -1 : BigInt(x) > BigInt(y) ? 1 : 0);
  return compare(a.createdDate, b.createdDate) || compare(a.id, b.id);
}

/** The rules of README's table, written plainly. */
function expected(all: readonly Customer[], query: Query): Customers {
  const needle = query.search?.trim().replace(/\s+/g, " ").toLowerCase();
  const matches = all
    .filter((c) => query.username === undefined || c.username === query.username)
    .filter((c) => query.type === undefined || c.type === query.type)
    .filter((c) => {
      if (!needle) return true;
      const first = c.firstName?.toLowerCase();
      const last = c.lastName?.toLowerCase();
      const texts = [c.username.toLowerCase(), first, last, first && last ? `${first} ${last}` : undefined, first && last ? `${last} ${first}` : undefined];
      return texts.some((text) => typeof text === "string" && text.includes(needle));
    })
    .sort(order);
  const page = matches.slice(query.start - 1, query.start - 1 + query.limit);
  return { found: matches.length, displaying: page.length, moreAvailable: query.start - 1 + page.length < matches.length, customers: page };
}

function url(base: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  return `${base}/aggregation/v1/customers?${params}`;
}

async function ask(sandboxFetch: SandboxFetch, base: string, query: Query, token: string): Promise<{ status: number; text: string }> {
  const response = await sandboxFetch(url(base, query), { headers: { "App-Key": "demo-app-key", "Finicity-App-Token": token } });
  return { status: response.status, text: await response.text() };
}

const operation = fc.oneof(
  fc.record({ kind: fc.constant("add" as const), firstName: fc.constantFrom("Ava", "ava", "Zoë", null), lastName: fc.constantFrom("Smith", "SMITH", "Ng", null), type: fc.constantFrom("active" as const, "testing" as const), createdDate: fc.option(fc.constantFrom("1577836800", "01577836800", "1", "1700000000"), { nil: undefined }) }),
  fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }),
);

/** Mostly absent: each filter is present in about one query of three (username in one of five). */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, weight = 2) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight }, { arbitrary, weight: 1 });

const query: fc.Arbitrary<Query> = fc
  .record({
    username: sometimes(fc.constantFrom("none-such-user", "__pick__"), 4),
    type: sometimes(fc.constantFrom("active" as const, "testing" as const)),
    search: sometimes(fc.constantFrom("a", "SMITH", "ava smith", "  smith   ava ", "zoë", "ng", "@", ".", "xyzzy"), 1),
    start: fc.integer({ min: 1, max: 60 }),
    limit: fc.integer({ min: 1, max: 30 }),
  })
  .map((q) => Object.fromEntries(Object.entries(q).filter(([, value]) => value !== undefined)) as unknown as Query);

describe("answers match the rules after customers are added and removed", () => {
  it("createSandboxFetch: filters, order and paging equal the rules computed from scratch", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 12 }), fc.array(query, { minLength: 1, maxLength: 8 }), async (operations, queries) => {
        const sandboxFetch = createSandboxFetch({ seed: "oracle", customers: 40 });
        const control = sandboxFetch.sandbox;
        let model = generateCustomers("oracle", 40).customers;
        for (const op of operations) {
          if (op.kind === "add") {
            const { kind: _kind, createdDate, ...fields } = op;
            model.push(control.addCustomer({ ...fields, ...(createdDate === undefined ? {} : { createdDate }) }));
          } else if (model.length > 0) {
            const gone = model[op.pick % model.length]!;
            expect(control.removeCustomer(gone.id)).toBe(true);
            model = model.filter((c) => c !== gone);
          }
        }
        const all = [...model].sort(order);
        expect(control.customers()).toEqual(all);
        const token = control.issueToken();
        for (const raw of queries) {
          const q = raw.username === "__pick__" ? { ...raw, username: all[raw.start % Math.max(1, all.length)]?.username ?? "nobody-here" } : raw;
          const answer = await ask(sandboxFetch, "http://sandbox.test", q, token);
          expect(answer.status, answer.text).toBe(200);
          expect(JSON.parse(answer.text), JSON.stringify(q)).toEqual(expected(all, q));
        }
      }),
      { numRuns: 100 },
    );
  });

  it("a repeated query sees every change to the customers (add, remove, reset)", async () => {
    const sandboxFetch = createSandboxFetch({ seed: "repeat", customers: 8 });
    const control = sandboxFetch.sandbox;
    const token = control.issueToken();
    const seeded = generateCustomers("repeat", 8).customers;
    let model = [...seeded];
    const queries: Query[] = [{ start: 1, limit: 25 }, { type: "active", start: 1, limit: 25 }, { search: "quinlan", start: 1, limit: 25 }];
    const check = async (step: string) => {
      for (const q of queries) expect(JSON.parse((await ask(sandboxFetch, "http://sandbox.test", q, token)).text), `${step} ${JSON.stringify(q)}`).toEqual(expected(model, q));
    };
    await check("start");
    const added = control.addCustomer({ firstName: "Zara", lastName: "Quinlan", type: "active" });
    model.push(added);
    await check("after add");
    const first = [...model].sort(order)[0]!;
    control.removeCustomer(first.id);
    model = model.filter((c) => c !== first);
    await check("after remove of the first");
    control.removeCustomer(added.id);
    model = model.filter((c) => c !== added);
    await check("after remove of the added");
    model.push(control.addCustomer({ lastName: "Quinlan", type: "active" }));
    await check("after a second add");
    control.reset();
    model = [...seeded];
    await check("after reset");
  });

  it("customers() is in the sandbox's order after adds and removes, and reset() restores the seeded list", () => {
    const sandboxFetch = createSandboxFetch({ seed: "order", customers: 10 });
    const control = sandboxFetch.sandbox;
    const seeded = control.customers();
    const early = control.addCustomer({ createdDate: "5" });
    const tie = control.addCustomer({ createdDate: seeded[3]!.createdDate, id: "9999999999999" });
    control.removeCustomer(seeded[0]!.id);
    const ids = control.customers().map((c) => c.id);
    expect(ids[0]).toBe(early.id);
    expect(ids.indexOf(tie.id)).toBe(ids.indexOf(seeded[3]!.id) + 1);
    expect(ids).not.toContain(seeded[0]!.id);
    control.reset();
    expect(control.customers()).toEqual(seeded);
  });
});

describe("the server and createSandboxFetch answer alike", () => {
  it("gives the same status, content type and body for the same raw query strings", async () => {
    const mock = await startSandbox({ seed: "alike", customers: 30 });
    const sandboxFetch = createSandboxFetch({ seed: "alike", customers: 30 });
    const serverToken = mock.sandbox.issueToken();
    const fetchToken = sandboxFetch.sandbox.issueToken();
    const targets = [
      "/aggregation/v1/customers",
      "/aggregation/v1/customers?limit=3&start=2",
      "/aggregation/v1/customers?search=%20an%20&limit=5",
      "/aggregation/v1/customers?search=a+b",
      "/aggregation/v1/customers?type=Active",
      "/aggregation/v1/customers?limit=1001",
      "/aggregation/v1/customers?start=0",
      "/aggregation/v1/customers?limit=2&limit=9",
      "/aggregation/v1/customers?search=%C3%A9",
      "/aggregation/v1/customers?username=%2B",
      "/aggregation/v1/customers/",
      "/aggregation/v1/x/../customers?limit=1",
      "/aggregation/v1/%63ustomers?limit=1",
      "/nowhere",
    ];
    for (const target of targets) {
      const server = await fetch(`${mock.directUrl}${target}`, { headers: { "App-Key": "demo-app-key", "Finicity-App-Token": serverToken } });
      const local = await sandboxFetch(`http://sandbox.test${target}`, { headers: { "App-Key": "demo-app-key", "Finicity-App-Token": fetchToken } });
      const [serverText, localText] = [await server.text(), await local.text()];
      expect(server.status, target).toBe(local.status);
      expect(server.headers.get("content-type"), target).toBe(local.headers.get("content-type"));
      expect(serverText, target).toBe(localText);
      expect(server.headers.get("content-length"), target).toBe(String(Buffer.byteLength(serverText)));
    }
  });
});
