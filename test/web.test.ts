// The web app in a real browser: Debian's Chromium driven by playwright-core, against the API started
// in-process on the built app (dist/web, made by `npm run build:web` before vitest runs).
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { XMLValidator } from "fast-xml-parser";
import type { FastifyInstance } from "fastify";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/server/app.js";
import { ScenarioStore } from "../src/server/store.js";
import { loadLibrary } from "../src/treaties/load.js";

const CHROMIUM = "/usr/bin/chromium";
const WEB_ROOT = fileURLToPath(new URL("../dist/web", import.meta.url));
const ARTIFACTS = fileURLToPath(new URL("../test-artifacts", import.meta.url));
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const BOUND = ["automatic", "discretionary"];

interface Server {
  app: FastifyInstance;
  store: ScenarioStore;
  url: string;
}

const { library } = loadLibrary();
const dataDir = mkdtempSync(join(tmpdir(), "casus-web-data-"));
let server: Server | undefined;
let context: BrowserContext | undefined;
let page: Page;

async function startServer(): Promise<Server> {
  const store = new ScenarioStore(dataDir);
  const app = buildApp({ library, store, webRoot: WEB_ROOT });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return { app, store, url };
}

async function stopServer(s: Server | undefined): Promise<void> {
  if (!s) return;
  await s.app.close();
  s.store.close();
}

async function newPage(viewport = { width: 1366, height: 768 }): Promise<Page> {
  // A fresh --user-data-dir each time: Playwright takes it as launchPersistentContext's first argument.
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "casus-chromium-")), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
    acceptDownloads: true,
  });
  const p = context.pages()[0] ?? (await context.newPage());
  p.setDefaultTimeout(20_000);
  p.on("pageerror", (error) => console.error(`page error: ${error.message}`));
  return p;
}

async function closePage(): Promise<void> {
  await context?.close();
  context = undefined;
}

let shot = 0;
async function screenshot(name: string): Promise<void> {
  shot++;
  await page.screenshot({ path: join(ARTIFACTS, `web-${String(shot).padStart(2, "0")}-${name}.png`) });
}

/** Waits until the answer on screen is the one for this route (`#scenario=…&reading=…`). */
async function answered(route: string): Promise<void> {
  await page.waitForSelector(`main[data-answer="ready"][data-answer-for="${route}"]`);
}

const roleOf = (code: string) =>
  page.getAttribute(`.state-list .state-button[data-code="${code}"]`, "data-role");

describe("web app (Chromium)", () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `${CHROMIUM} is missing: the browser tests need Debian's Chromium (apt-get install -y chromium; .ci/run installs it)`,
      );
    if (!existsSync(join(WEB_ROOT, "index.html")))
      throw new Error(`${WEB_ROOT}/index.html is missing: run npm run build:web first (npm test does)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServer();
    page = await newPage();
  }, 60_000);

  afterAll(async () => {
    await closePage();
    await stopServer(server);
  });

  it("opens on the Korea 15 Oct 2024 scenario", async () => {
    await page.goto(`${server?.url}/`);
    await answered("#scenario=korea-2024-10-15-incident");
    expect(page.url()).toContain("#scenario=korea-2024-10-15-incident");
    expect(await page.textContent("#scenario-title")).toContain("15 Oct 2024");
    await page.waitForSelector("svg.map-svg g.shape");
    expect(await page.locator("svg.map-svg .land path").count()).toBeGreaterThan(150);
    // The answer names the 2024 treaty as signed but not in force on the day.
    const summary = await page.textContent(".summary");
    expect(summary).toContain("Signed, not in force on 2024-10-15");
    expect(summary).toContain("Russian Federation and the Democratic People's Republic of Korea");
    expect(await page.getAttribute('button[data-scenario="korea-2024-10-15-incident"]', "aria-pressed")).toBe(
      "true",
    );
    await screenshot("korea-2024-10-15-incident");
  });

  it('switching to "ROK strikes DPRK (2025)" marks Russia and China as bound', async () => {
    await page.getByRole("button", { name: "ROK strikes DPRK (2025)" }).click();
    await answered("#scenario=korea-2025-rok-strike");
    expect(BOUND).toContain(await roleOf("RUS"));
    expect(BOUND).toContain(await roleOf("CHN"));
    expect(BOUND).toContain(await page.getAttribute('svg.map-svg g.shape[data-code="RUS"]', "data-role"));
    expect(await roleOf("KOR")).toBe("aggressor");
    expect(await roleOf("PRK")).toBe("victim");
    await screenshot("rok-strike-2025");
  });

  it("clicking Russia on the map shows Art. 4's text and its conditions", async () => {
    const shape = page.locator('svg.map-svg g.shape[data-code="RUS"]');
    const [cx, cy] = ((await shape.getAttribute("data-centre")) ?? "0,0").split(",").map(Number);
    const svg = page.locator("svg.map-svg");
    const box = await svg.boundingBox();
    const viewBox = ((await svg.getAttribute("viewBox")) ?? "0 0 960 470").split(" ").map(Number);
    if (!box || cx === undefined || cy === undefined) throw new Error("no map");
    const scale = box.width / (viewBox[2] ?? 960);
    await svg.click({
      position: { x: (cx - (viewBox[0] ?? 0)) * scale, y: (cy - (viewBox[1] ?? 0)) * scale },
    });
    await page.waitForSelector('.explain[data-code="RUS"]');
    expect(await page.textContent("#explain-h")).toBe("Russia");
    const art4 = page.locator('.explain .obligation[data-instrument="russia-dprk-2024"][data-article="4"]');
    expect(await art4.count()).toBe(1);
    expect(await art4.locator("blockquote").textContent()).toContain("armed attack");
    expect(await art4.locator(".conditions li.met").count()).toBeGreaterThan(0);
    expect(await art4.locator(".conditions").textContent()).toContain("✓");
    expect(await art4.locator(".pivotal").textContent()).toContain("Pivotal condition");
    expect(await art4.locator(".source a").getAttribute("href")).toMatch(/^https?:/);
    expect(page.url()).toContain("explain=RUS");
    await screenshot("russia-art-4");
  });

  // casus.result/2 takes the war's theatre from the events: the ROK strike hits only the DPRK, so no
  // attack on the ROK is derived and the territorial reading binds no one new here (the US stays out).
  // The general reading that changes this answer is "forces abroad count as the party" (the CSTO): a blow
  // at Russia's forces in the DPRK then threatens Russia (CST Art. 2 consultation binds Kazakhstan), while
  // Art. 4 assistance would still need Russia's request.
  it("the forces-abroad reading changes Kazakhstan's status (not bound → bound to consult)", async () => {
    const before = await roleOf("KAZ");
    expect(BOUND).not.toContain(before);
    expect(before).not.toBe("consultation");
    // The readings sit in a panel below the answer (the answer comes first); two axes of general readings,
    // one radio group each (reading-<axis>).
    await page.click(".readings-panel > summary");
    await page.check('input[name="reading-forces-abroad"][value="forces-abroad"]');
    await answered("#scenario=korea-2025-rok-strike&reading=forces-abroad");
    expect(await roleOf("KAZ")).toBe("consultation");
    expect(page.url()).toContain("reading=forces-abroad");
    await page.click('.state-list .state-button[data-code="KAZ"]');
    await page.waitForSelector(
      '.explain[data-code="KAZ"] .obligation[data-instrument="collective-security-treaty-1992"]',
    );
    await screenshot("forces-abroad-kazakhstan");
    // The brief under this reading, as Markdown.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download brief (Markdown)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("casus-korea-2025-rok-strike-forces-abroad.md");
    const brief = readFileSync(await download.path(), "utf8");
    expect(brief).toMatch(/^# Hypothetical, 2025: an ROK strike/);
    expect(brief).toContain("forces abroad count as the party");
  });

  it("a scenario built in the page and saved survives a server restart", async () => {
    await page.getByRole("button", { name: "Build or edit a scenario" }).click();
    await page.getByRole("button", { name: "Start from a blank scenario" }).click();
    const builder = page.locator("form.builder");
    await builder.getByLabel("Title", { exact: true }).fill("Web test: Russia invades Finland");
    await builder.getByLabel("As of", { exact: true }).fill("2025-03-01");
    await builder.getByLabel("Kind", { exact: true }).selectOption("invasion");
    await builder.getByLabel("By", { exact: true }).selectOption("RUS");
    await builder.getByLabel("Against", { exact: true }).selectOption("FIN");
    await builder.getByLabel("Start", { exact: true }).fill("2025-03-01");
    await builder.getByRole("button", { name: "Save", exact: true }).click();
    await page.waitForURL(/#saved=[0-9a-f-]{36}/);
    const hash = new URL(page.url()).hash;
    await answered(hash);
    expect(await page.textContent("#scenario-title")).toBe("Web test: Russia invades Finland");
    expect(await roleOf("RUS")).toBe("aggressor");
    await screenshot("saved-scenario");

    await closePage();
    await stopServer(server);
    server = await startServer();
    page = await newPage();
    await page.goto(`${server.url}/${hash}`);
    await answered(hash);
    expect(await page.textContent("#scenario-title")).toBe("Web test: Russia invades Finland");
    expect(await roleOf("FIN")).toBe("victim");
    expect(
      await page.locator(".saved-picker option", { hasText: "Web test: Russia invades Finland" }).count(),
    ).toBe(1);
    await screenshot("saved-after-restart");
  });

  it("a save another editor got in first is shown as a conflict, and can overwrite or reload", async () => {
    const hash = new URL(page.url()).hash;
    const id = /#saved=([0-9a-f-]{36})/.exec(hash)?.[1] as string;
    await page.getByRole("button", { name: "Build or edit a scenario" }).click();
    const builder = page.locator("form.builder");
    await builder.getByLabel("Title", { exact: true }).fill("Web test: mine");
    // Meanwhile someone else saves a change.
    const url = `${server?.url}/api/scenarios/${id}`;
    const saved = async () => (await (await fetch(url)).json()) as { title: string; scenario: object };
    const theirs = { ...(await saved()).scenario, title: "Web test: theirs" };
    const put = await fetch(url, {
      method: "PUT",
      headers: { "content-type": "application/json", "if-match": "*" },
      body: JSON.stringify(theirs),
    });
    expect(put.status, await put.clone().text()).toBe(200);

    await builder.getByRole("button", { name: "Save changes" }).click();
    const conflict = page.locator(".notice.conflict");
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain("“Web test: theirs”");
    expect(await conflict.textContent()).toContain("Your changes were not saved.");
    expect((await saved()).title).toBe("Web test: theirs");
    await screenshot("edit-conflict");

    await conflict.getByRole("button", { name: "Overwrite with mine" }).click();
    await page.locator(".notice", { hasText: "Changes saved." }).waitFor();
    expect(await conflict.count()).toBe(0);
    expect((await saved()).title).toBe("Web test: mine");
  });

  it("an article pasted, read and confirmed becomes a saved scenario", async () => {
    await page.goto(`${server?.url}/#scenario=korea-2024-10-15-incident`);
    await page.getByRole("button", { name: "Paste an article" }).click();
    const panel = page.locator(".read-panel");
    const article = readFileSync(
      fileURLToPath(new URL("./read/articles/denial.txt", import.meta.url)),
      "utf8",
    );
    await panel.getByLabel(/Article text/).fill(article);
    await panel.getByRole("button", { name: "Read", exact: true }).click();
    await panel.locator('.read-result[data-ready="true"]').waitFor();
    const event = panel.locator('[data-event="prk-border-incident"]');
    expect(await event.locator("mark").first().textContent()).toMatch(/fired several shots/);
    expect(await event.textContent()).toMatch(/denied by Pyongyang/);
    // Read as a threat, the incident would only make US–ROK Art. II available to the ROK (on its call): no
    // obligation either way.
    expect(await panel.textContent()).toMatch(/No obligation arises from the events as suggested/);
    await screenshot("read-article");
    await panel.getByLabel("Title").fill("Web test: read from an article");
    await panel.getByRole("button", { name: "Confirm and save as a scenario" }).click();
    await page.waitForURL(/#saved=[0-9a-f-]{36}/);
    await answered(new URL(page.url()).hash);
    expect(await page.textContent("#scenario-title")).toBe("Web test: read from an article");
  });

  it("the row of shipped scenarios is one Tab stop, and arrow keys move along it", async () => {
    await page.goto(`${server?.url}/#scenario=korea-2025-rok-strike`);
    await page.reload();
    await answered("#scenario=korea-2025-rok-strike");
    const stops = await page.$$eval(".scenarios button[data-scenario]", (buttons) =>
      buttons.filter((b) => b.getAttribute("tabindex") === "0").map((b) => b.getAttribute("data-scenario")),
    );
    expect(stops).toEqual(["korea-2025-rok-strike"]);
    await page.focus('.scenarios button[data-scenario="korea-2025-rok-strike"]');
    await page.keyboard.press("ArrowRight");
    const next = await page.evaluate("document.activeElement?.getAttribute('data-scenario')");
    expect(next).not.toBe("korea-2025-rok-strike");
    expect(next).toBeTruthy();
    await page.keyboard.press("ArrowLeft");
    expect(await page.evaluate("document.activeElement?.getAttribute('data-scenario')")).toBe(
      "korea-2025-rok-strike",
    );
  });

  it("keyboard only (Tab, Enter) reaches the explanation panel", async () => {
    await page.goto(`${server?.url}/#scenario=korea-2025-rok-strike`);
    await page.reload();
    await answered("#scenario=korea-2025-rok-strike");
    const focused = () =>
      page.evaluate(
        "(() => { const e = document.activeElement; return e ? (e.getAttribute('data-code') ?? e.id ?? e.tagName) + '|' + (e.getAttribute('class') ?? '') : ''; })()",
      ) as Promise<string>;
    // The first Tab reaches the skip link; Enter jumps to the list of states.
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.textContent")).toContain(
      "Skip to the list of states",
    );
    expect(await page.evaluate("getComputedStyle(document.activeElement).outlineStyle")).not.toBe("none");
    await page.keyboard.press("Enter");
    expect(await focused()).toContain("state-button");
    // Tab on, through the list, to Russia.
    for (let i = 0; i < 40 && !(await focused()).startsWith("RUS|"); i++) await page.keyboard.press("Tab");
    expect(await focused()).toMatch(/^RUS\|/);
    expect(await page.evaluate("getComputedStyle(document.activeElement).outlineStyle")).not.toBe("none");
    await page.keyboard.press("Enter");
    await page.waitForSelector('.explain[data-code="RUS"]');
    expect(await focused()).toMatch(/^explain-h\|/);
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.textContent")).toBe("Back to the answer");
    await screenshot("keyboard-explanation");

    await page.keyboard.press("Enter"); // back to the answer
    await page.waitForSelector(".summary");

    // From the top of a fresh page, by Tab alone, to the map; arrow keys move between states, Enter explains.
    await page.reload();
    await answered("#scenario=korea-2025-rok-strike");
    let onMap = false;
    for (let i = 0; i < 60 && !onMap; i++) {
      await page.keyboard.press("Tab");
      onMap = (await focused()).includes("shape");
    }
    expect(onMap).toBe(true);
    await page.keyboard.press("ArrowRight");
    const code = (await focused()).split("|")[0];
    await page.keyboard.press("Enter");
    await page.waitForSelector(`.explain[data-code="${code}"]`);
    expect(await focused()).toMatch(/^explain-h\|/);
    await screenshot("keyboard-map");
  });
});

/** The sizes issue 14 names: a desktop and two phones. */
const SIZES = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone-390", width: 390, height: 844 },
  { name: "phone-360", width: 360, height: 740 },
];

describe("faces for people (Chromium at 1440×900, 390×844 and 360×740)", () => {
  beforeAll(async () => {
    server = await startServer();
  }, 60_000);
  afterAll(async () => {
    await closePage();
    await stopServer(server);
    server = undefined;
  });

  for (const size of SIZES) {
    it(`${size.name}: the answer is on the first screen, nothing scrolls sideways, taps are big enough`, async () => {
      await closePage();
      page = await newPage({ width: size.width, height: size.height });
      await page.goto(`${server?.url}/#scenario=korea-2025-rok-strike`);
      await answered("#scenario=korea-2025-rok-strike");
      await page.waitForSelector('main[data-answer-at]:not([data-answer-at=""])');
      console.log(
        `${size.name}: the answer on screen ${await page.getAttribute("main", "data-answer-at")} ms after navigation`,
      );
      const headline = page.locator(".answer-card .headline");
      expect(await headline.textContent()).toMatch(/China and Russia are bound to assist North Korea/);
      const box = await headline.boundingBox();
      expect(box && box.y + box.height).toBeLessThanOrEqual(size.height);
      // Down to the network (drawn when it scrolls into view), then measure the whole page.
      await page.evaluate("window.scrollTo(0, document.body.scrollHeight)");
      await page.waitForSelector(".network-lazy[data-drawn='true']");
      await page.waitForSelector("svg.map-svg g.shape");
      const widths = (await page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]",
      )) as [number, number];
      expect(widths[0]).toBeLessThanOrEqual(widths[1]);
      await page.evaluate("window.scrollTo(0, 0)");
      await screenshot(`first-screen-${size.name}`);
      if (size.width < 700) {
        // Every control a finger uses: buttons, fields, lists, disclosure, links (the map's shapes have the list).
        const small =
          (await page.evaluate(`[...document.querySelectorAll("button, a, input, select, summary")]
          .filter((e) => !e.closest("svg") && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden")
          .map((e) => [e.tagName + "." + e.className + " " + (e.textContent || e.getAttribute("aria-label") || "").trim().slice(0, 30), e.getBoundingClientRect()])
          .filter(([, r]) => r.width < 24 || r.height < 24)
          .map(([what, r]) => what + " " + Math.round(r.width) + "x" + Math.round(r.height))`)) as string[];
        expect(small).toEqual([]);
      }
    });
  }

  it('"UK", "Britain", "DPRK" and "North Korea" find the right state, through the CLI\'s normaliser', async () => {
    await closePage();
    page = await newPage({ width: 390, height: 844 });
    await page.goto(`${server?.url}/#scenario=korea-2025-rok-strike`);
    await answered("#scenario=korea-2025-rok-strike");
    for (const [typed, code] of [
      ["UK", "GBR"],
      ["Britain", "GBR"],
      ["DPRK", "PRK"],
      ["North Korea", "PRK"],
    ]) {
      await page.getByLabel("Find a state").fill(typed as string);
      await page.getByRole("button", { name: "Explain" }).click();
      await page.waitForSelector(`.explain[data-code="${code}"]`);
      await page.getByRole("button", { name: "Close the explanation and show the whole answer" }).click();
    }
  });

  it("the comparison view shows the reading that frees Russia on the ROK strike", async () => {
    await closePage();
    page = await newPage({ width: 1440, height: 900 });
    await page.goto(`${server?.url}/#scenario=korea-2025-rok-strike`);
    await answered("#scenario=korea-2025-rok-strike");
    await page
      .locator(".changes-list li", { hasText: "armed invasion" })
      .getByRole("button", { name: "Compare" })
      .click();
    await page.waitForSelector('.compare[data-ready="true"]');
    expect(page.url()).toContain("compare=reading:russia-dprk-2024/mutual-assistance/invasion-rendering");
    const russia = page.locator('.compare .change[data-obligor="RUS"]').first();
    expect(await russia.textContent()).toMatch(
      /Russia → North Korea, Russia–DPRK .*Art\. 4: bound, joins the war → not bound/,
    );
    expect(await russia.locator(".why").textContent()).toMatch(/not an invasion of North Korea/);
    await screenshot("compare-invasion-rendering");
  });

  it("the treaty reader opens Art. 4 of russia-dprk-2024 with its renderings", async () => {
    await page.goto(`${server?.url}/#scenario=korea-2025-rok-strike&explain=RUS`);
    await answered("#scenario=korea-2025-rok-strike");
    await page
      .locator('.explain .obligation[data-instrument="russia-dprk-2024"][data-article="4"] .cite-link')
      .click();
    const art4 = page.locator('.reader[data-instrument="russia-dprk-2024"] article[data-article="4"]');
    await art4.waitFor();
    expect(page.url()).toContain("treaty=russia-dprk-2024&article=4");
    expect(await art4.locator(".rendering").count()).toBeGreaterThanOrEqual(2);
    expect(await art4.locator('.rendering blockquote[lang="ko"]').count()).toBe(1);
    expect(await art4.locator(".reader-provisions").textContent()).toMatch(/defence, automatic/);
    // The Korean rendering is drawn in a CJK font, not as empty boxes.
    expect(await page.evaluate("document.fonts.check('16px \"Noto Sans CJK KR\"', '무력침공')")).toBe(true);
    await screenshot("reader-russia-dprk-art-4");
    // Full-text search finds the same article from the Korean words.
    await page.getByPlaceholder("Search the treaties").fill("무력침공");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.locator(".search-results li", { hasText: "Art. 4" }).first().waitFor();
  });

  it("an SVG of the map downloads, and the print stylesheet drops the controls", async () => {
    await page.goto(`${server?.url}/#scenario=korea-2025-rok-strike`);
    await answered("#scenario=korea-2025-rok-strike");
    await page.waitForSelector("svg.map-svg g.shape");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Map (SVG)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("casus-korea-2025-rok-strike-map.svg");
    const svg = readFileSync(await download.path(), "utf8");
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('data-code="RUS"');
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".tools").isVisible()).toBe(false);
    expect(await page.locator(".answer-card").isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
  });

  it("the cascade timeline shows the waves of the DPRK-invades scenario", async () => {
    await page.goto(`${server?.url}/#scenario=korea-2025-dprk-invades`);
    await answered("#scenario=korea-2025-dprk-invades");
    const waves = page.locator(".timeline > li[data-wave]");
    expect(await waves.count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.timeline > li[data-wave="0"]').textContent()).toMatch(
      /North Korea's invasion/,
    );
    expect(await page.locator('.timeline > li[data-wave="1"]').textContent()).toMatch(
      /United States joins the war/,
    );
    expect(await page.locator('.timeline > li[data-wave="2"]').textContent()).toMatch(
      /Australia, New Zealand and Philippines join/,
    );
    await page
      .locator(".timeline-area")
      .screenshot({ path: join(ARTIFACTS, "web-timeline-dprk-invades.png") });
  });

  it("no internal id reaches the page", async () => {
    for (const id of ["korea-2025-rok-strike", "korea-2025-dprk-invades", "korea-2024-10-15-incident"]) {
      await page.goto(`${server?.url}/#scenario=${id}`);
      await answered(`#scenario=${id}`);
      const text = (await page.textContent("body")) ?? "";
      expect(text, id).not.toMatch(/unnumbered-\d|\bwar-\d|Art\. [a-z][a-z-]*\b|\bseed \d/);
    }
  });
});
