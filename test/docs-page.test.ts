// /docs in a real browser: the API explorer must run under the server's Content-Security-Policy and list
// every operation of the generated document.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { afterAll, expect, it } from "vitest";
import { buildApp } from "../src/server/app.js";
import { ScenarioStore } from "../src/server/store.js";
import { KOREA_LIBRARY, loadLibrary } from "../src/treaties/load.js";

const { library } = loadLibrary([KOREA_LIBRARY]);
const store = new ScenarioStore(mkdtempSync(join(tmpdir(), "casus-docs-")));
const app = buildApp({ library, store });
afterAll(async () => {
  await app.close();
  store.close();
});

it("GET /docs shows every operation, with no script refused", async () => {
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  const doc = (await app.inject("/openapi.json")).json() as { paths: Record<string, object> };
  const operations = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "casus-chromium-")), {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
    ],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const refused: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") refused.push(m.text());
    });
    page.on("pageerror", (error) => refused.push(error.message));
    await page.goto(`${url}/docs`);
    await page.waitForSelector(".opblock-summary-path", { timeout: 20_000 });
    expect(await page.locator(".opblock").count()).toBe(operations);
    await page.locator(".opblock-summary", { hasText: "/api/what-if" }).first().click();
    await expect
      .poll(() => page.locator(".parameters .parameter__name").allInnerTexts())
      .toContain("explain");
    expect(refused).toEqual([]);
  } finally {
    await context.close();
  }
});
