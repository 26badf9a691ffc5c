// createLog, the client's log, directly: which methods each level turns on (never one for "off"), the default
// where there is no `process` (browsers) or no `process.env`, and control characters escaped in any line.
import { describe, expect, it } from "vitest";
import { createLog, type Logger } from "../src/logger.js";

function memory() {
  const lines: string[] = [];
  const logger: Logger = { debug: (l) => lines.push(`debug ${l}`), info: (l) => lines.push(`info ${l}`), warn: (l) => lines.push(`warn ${l}`), error: (l) => lines.push(`error ${l}`) };
  return { lines, logger };
}

const same = (line: string) => line;

/** createLog with `globalThis.process` replaced by `value` while it runs (it reads FINICITY_LOG once, at once). */
function withProcess(value: unknown, run: () => ReturnType<typeof createLog>) {
  const saved = Object.getOwnPropertyDescriptor(globalThis, "process")!;
  Object.defineProperty(globalThis, "process", { value, configurable: true, writable: true });
  try {
    return run();
  } finally {
    Object.defineProperty(globalThis, "process", saved);
  }
}

describe("createLog", () => {
  it.each([
    ["off", []],
    ["error", ["error"]],
    ["warn", ["error", "warn"]],
    ["info", ["error", "warn", "info"]],
    ["debug", ["error", "warn", "info", "debug"]],
  ] as const)("level %s turns on %j", (level, methods) => {
    expect(Object.keys(createLog(memory().logger, level, same))).toEqual(methods);
  });

  it("defaults to warn where there is no process, or a process without env", () => {
    const { logger } = memory();
    expect(Object.keys(withProcess(undefined, () => createLog(logger, undefined, same)))).toEqual(["error", "warn"]);
    expect(Object.keys(withProcess({}, () => createLog(logger, undefined, same)))).toEqual(["error", "warn"]);
  });

  it("prefixes each line, cleans it, and escapes control characters only (one call, one line)", () => {
    const { lines, logger } = memory();
    const log = createLog(logger, "debug", (line) => line.replace("secret", "[redacted]"));
    log.warn!('secret "quoted" \\ \u001b[31mred\u001b[0m\nnext\ttab\u007f\u009b');
    expect(lines).toEqual(['warn [finicity] [redacted] "quoted" \\ \\u001b[31mred\\u001b[0m\\u000anext\\u0009tab\\u007f\\u009b']);
  });
});
