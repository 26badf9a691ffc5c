// The HTML report's layout in a real browser (Debian's chromium through playwright-core): a long unbroken
// "Got" line, a long URL and a long curl command stay inside their boxes, and the page never scrolls sideways,
// at a laptop width (1280 px) and a narrow one (800 px).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatHtml, verify } from "../../src/index.js";
import { isTokenCall, json, startScriptedServer, type ScriptedServer } from "../fixtures/scripted-server.js";
import { launchChromium } from "./chromium.js";

let server: ScriptedServer | undefined;
let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
let html: string;

beforeAll(async () => {
  // Every Get Customers call gets a 500 whose body is one long word: the "Got" line has no place to break.
  server = await startScriptedServer((request, res) => {
    if (isTokenCall(request)) return json(res, 200, { token: "layout-token-1234" });
    return json(res, 500, `Error:${"ReallyLongUnbrokenServerMessage".repeat(40)}`, "text/plain");
  });
  const report = await verify({
    baseUrl: `${server.url}/a-long-path-prefix-${"segment".repeat(20)}`,
    appKey: "layout-app-key",
    partnerId: "layout-partner",
    partnerSecret: "layout-secret",
    seed: 4,
    runs: 2,
    maxRequests: 20,
    rate: 2000,
    env: {},
  });
  html = formatHtml(report);
  expect(report.violations.some((v) => v.got.length > 150 && !v.got.includes(" ", 10))).toBe(true);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Every element whose content sticks out of its own box or out of its parent's, with its size. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    for (const element of Array.from(document.querySelectorAll("main, main *"))) {
      const style = getComputedStyle(element);
      const scrolls = style.overflowX === "auto" || style.overflowX === "scroll";
      if (!scrolls && element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0) {
        problems.push(`${element.tagName.toLowerCase()}.${element.className} overflows: ${element.scrollWidth} > ${element.clientWidth}`);
      }
      const parent = element.parentElement;
      if (parent && element !== document.querySelector("main")) {
        const box = element.getBoundingClientRect();
        const outer = parent.getBoundingClientRect();
        if (box.right > outer.right + 1) problems.push(`${element.tagName.toLowerCase()} sticks out of its ${parent.tagName.toLowerCase()} by ${Math.round(box.right - outer.right)} px`);
      }
    }
    return problems;
  });
}

describe("the HTML report's layout", () => {
  it.each([[1280], [800]])("keeps every box within the page at %i px", async (width) => {
    const page = await browser!.context.newPage();
    try {
      await page.setViewportSize({ width, height: 900 });
      await page.setContent(html);
      const problems = await overflowing(page);
      expect(problems.slice(0, 10), `${problems.length} problems`).toEqual([]);
      // The long line is there, shown in full (wrapped, not cut).
      const got = await page.locator("dd").nth(1).innerText();
      expect(got).toContain("ReallyLongUnbrokenServerMessage".repeat(3));
    } finally {
      await page.close();
    }
  });
});
