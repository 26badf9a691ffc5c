// The seeded generator's edges: pick refuses an empty list (it would return undefined), and chance(p) is true
// only for draws strictly below p.
import { describe, expect, it } from "vitest";
import { createRandom } from "../src/sandbox/random.js";

describe("createRandom", () => {
  it("refuses to pick from an empty list", () => {
    expect(() => createRandom(1).pick([])).toThrow(new RangeError("pick needs a non-empty list"));
    expect(createRandom(1).pick(["only"])).toBe("only");
  });

  it("says chance(p) only for a draw below p, not equal to it", () => {
    for (const seed of [1, "two", 3]) {
      const draws = createRandom(seed);
      const chances = createRandom(seed);
      for (let i = 0; i < 5; i++) {
        const draw = draws.next();
        expect(chances.chance(draw), `${seed} #${i}`).toBe(false);
        expect(createRandom(seed).chance(1)).toBe(true);
      }
    }
    const draws = createRandom(9);
    const chances = createRandom(9);
    expect(chances.chance(draws.next() + 2 ** -32)).toBe(true);
  });
});
