// Time to the answer in the web app: `npm run bench:web` (after `npm run build:web`). Debian's Chromium
// opens each Korea scenario at the three sizes of issue 14, RUNS times each (3 by default), and this prints
// the median time from navigation to the answer on screen (main[data-answer-at], set when the answer is
// first committed), beside the time until the map is drawn.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { buildApp } from "../src/server/app.js";
import { ScenarioStore } from "../src/server/store.js";
import { loadLibrary } from "../src/treaties/load.js";

const RUNS = Number(process.env.RUNS ?? 3);
const SIZES = [
  [1440, 900],
  [390, 844],
  [360, 740],
] as const;
const SCENARIOS = ["korea-2024-10-15-incident", "korea-2025-rok-strike", "korea-2025-dprk-invades"];

const store = new ScenarioStore(mkdtempSync(join(tmpdir(), "casus-bench-web-")));
const app = buildApp({
  library: loadLibrary().library,
  store,
  webRoot: fileURLToPath(new URL("../dist/web", import.meta.url)),
});
const url = await app.listen({ port: 0, host: "127.0.0.1" });
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--headless"],
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

console.log(`time to the answer (median of ${RUNS}), ms after navigation`);
console.log("scenario".padEnd(28), "size".padEnd(9), "answer".padStart(7), "map".padStart(7));
for (const id of SCENARIOS) {
  for (const [width, height] of SIZES) {
    const answer: number[] = [];
    const map: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(`${url}/#scenario=${id}`);
      await page.waitForSelector('main[data-answer-at]:not([data-answer-at=""])');
      answer.push(Number(await page.getAttribute("main", "data-answer-at")));
      await page.waitForSelector("svg.map-svg g.shape");
      map.push(Math.round((await page.evaluate("performance.now()")) as number));
      await page.close();
    }
    console.log(
      id.padEnd(28),
      `${width}x${height}`.padEnd(9),
      String(median(answer)).padStart(7),
      String(median(map)).padStart(7),
    );
  }
}
await browser.close();
await app.close();
store.close();
