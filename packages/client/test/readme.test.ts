import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The README's snippets are the files in examples/ (type-checked by `pnpm typecheck`): keep them identical.
const here = new URL("..", import.meta.url);
const readme = readFileSync(new URL("README.md", here), "utf8");
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const examples = readdirSync(new URL("examples", here)).map((name) => [name, readFileSync(new URL(`examples/${name}`, here), "utf8")] as const);

describe("README snippets", () => {
  it("has one snippet per example file, each identical to its file", () => {
    expect(blocks.length).toBe(examples.length);
    for (const block of blocks) {
      const match = examples.find(([, text]) => text === block);
      expect(match, `README snippet not found verbatim in examples/:\n${block}`).toBeDefined();
    }
  });
});
