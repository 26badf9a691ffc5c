// Who may use the control API (/__sandbox/) when `finicity-mock` or `startMock` serves on a given host, and the
// line the CLI prints about it. In-process, so the mutation run covers them; test/cli.test.ts checks the same
// through the real CLI.
import { describe, expect, it } from "vitest";
import { controlAccessFor, describeControlApi, isLoopbackHost } from "../src/sandbox/control-access.js";
import { SandboxInputError } from "../src/index.js";

describe("isLoopbackHost", () => {
  it.each(["localhost", "LOCALHOST", "127.0.0.1", "127.255.0.9", "::1", "[::1]", "::ffff:127.0.0.1", "[::FFFF:127.0.0.2]"])(
    "%s is loopback",
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    },
  );

  it.each([
    "0.0.0.0",
    "::",
    "192.168.1.10",
    "10.0.0.1",
    "localhost.example.com",
    "my-localhost",
    "127.0.0.1.example.com",
    "x127.0.0.1",
    "127.0.0",
    "127.0.0.1234",
    "127.a.0.1",
    "::2",
    "::ffff:10.0.0.1",
    "fe80::ffff:127.0.0.1",
    "[::1]x",
    "",
  ])("%s is not loopback", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe("controlAccessFor", () => {
  const token = "a-control-token-of-32-characters";

  it("with a token, needs that token whatever the host", () => {
    expect(controlAccessFor("0.0.0.0", token)).toEqual({ token });
    expect(controlAccessFor("127.0.0.1", token)).toEqual({ token });
  });

  it("without a token, is open on loopback and off elsewhere", () => {
    expect(controlAccessFor("127.0.0.1", undefined)).toBe(true);
    expect(controlAccessFor("::1", undefined)).toBe(true);
    expect(controlAccessFor("0.0.0.0", undefined)).toBe(false);
    expect(controlAccessFor("192.168.1.10", undefined)).toBe(false);
  });

  it("refuses a short token, naming the field and the rule", () => {
    let caught: unknown;
    try {
      controlAccessFor("127.0.0.1", "short");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SandboxInputError);
    expect(caught).toMatchObject({ field: "controlApi.token", rule: "must be at least 16 printable characters without spaces" });
  });
});

describe("describeControlApi", () => {
  it("says the control API is off, and how to turn it on, when there is no control URL", () => {
    expect(describeControlApi(undefined, false, "0.0.0.0")).toBe(
      "Control API (/__sandbox/) is off: 0.0.0.0 is not a loopback address; set --control-token or FINICITY_MOCK_CONTROL_TOKEN to turn it on.",
    );
  });

  it("with a token, says to send it (never the token itself)", () => {
    expect(describeControlApi("http://0.0.0.0:5000/__sandbox", true, "0.0.0.0")).toBe(
      "Control API on http://0.0.0.0:5000/__sandbox/ (send Authorization: Bearer <your control token>)",
    );
  });

  it("without a token, says loopback only and gives a curl line", () => {
    expect(describeControlApi("http://127.0.0.1:5000/__sandbox", false, "127.0.0.1")).toBe(
      "Control API on http://127.0.0.1:5000/__sandbox/ (loopback only, no token), e.g. curl -X POST 'http://127.0.0.1:5000/__sandbox/reset'",
    );
  });
});
