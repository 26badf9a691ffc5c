// isLoopbackHost at the edges its patterns draw: only a leading "[" and a trailing "]" are IPv6 brackets (one
// elsewhere makes the host not loopback), and each 127.x.y.z part may have 1 to 3 digits.
import { expect, it } from "vitest";
import { isLoopbackHost } from "../src/sandbox/control-access.js";

it.each(["127.10.100.254", "127.0.0.10", "127.0.100.1", "127.255.255.255"])("%s is loopback", (host) => {
  expect(isLoopbackHost(host)).toBe(true);
});

it.each(["local[host", "local]host", "[local]host", "::1]]", "[[::1", "127.0.0.1]x"])("%s is not loopback", (host) => {
  expect(isLoopbackHost(host)).toBe(false);
});
