// The token store's answer for each token state, as its contract names them ("valid" | "unknown" | "expired"):
// the core only acts on "unknown" and "expired", so only a direct call tells "valid" from any other word.
import { describe, expect, it } from "vitest";
import { TokenStore } from "../src/sandbox/tokens.js";

describe("TokenStore.check", () => {
  it("names each state", () => {
    let now = 0;
    const store = new TokenStore(100, () => now);
    const token = store.issue();
    const states = [store.check(token), store.check("not-issued")];
    now = 100;
    states.push(store.check(token));
    now = 200;
    states.push(store.check(token));
    expect(states).toEqual(["valid", "unknown", "expired", "unknown"]);
  });
});
