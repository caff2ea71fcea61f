// `npm run bench:read`: how fast the news reader reads (articles per second) and how well, as precision
// and recall per field against the expected files written by hand (test/read/expected). The score that
// counts is the hand-written set's; the seeds' is printed beside it.
import { readFileSync } from "node:fs";
import { readArticle } from "../src/read/index.js";
import { loadLibrary } from "../src/treaties/load.js";
import { type Case, fieldItems, loadCases } from "../test/read/expected.js";

const FIELDS = ["instrument", "article", "actor", "target", "place", "date"] as const;
const { library } = loadLibrary();
const cases = loadCases().filter((c): c is Case & { path: string } => c.path !== null);
const texts = cases.map((c) => readFileSync(c.path, "utf8"));

// Speed: every article in turn, after a warm-up, for about three seconds.
for (const text of texts) readArticle(text, library);
let read = 0;
const start = performance.now();
while (performance.now() - start < 3000) {
  readArticle(texts[read % texts.length] as string, library);
  read++;
}
const seconds = (performance.now() - start) / 1000;
const chars = texts.reduce((n, t) => n + t.length, 0) / texts.length;
console.log(
  `read ${read} articles in ${seconds.toFixed(1)} s: ${(read / seconds).toFixed(1)} articles/s (mean ${Math.round(chars)} characters)`,
);

function score(
  set: readonly (Case & { path: string })[],
): Record<string, { p: number; r: number; tp: number; found: number; expected: number }> {
  const totals: Record<string, { tp: number; found: number; expected: number }> = {};
  for (const c of set) {
    const result = readArticle(readFileSync(c.path, "utf8"), library);
    const items = fieldItems(result, c.expected);
    for (const f of FIELDS) {
      const { expected, found } = items[f] ?? { expected: new Set<string>(), found: new Set<string>() };
      const t = totals[f] ?? { tp: 0, found: 0, expected: 0 };
      totals[f] = t;
      t.tp += [...found].filter((x) => expected.has(x)).length;
      t.found += found.size;
      t.expected += expected.size;
    }
  }
  return Object.fromEntries(
    FIELDS.map((f) => {
      const t = totals[f] ?? { tp: 0, found: 0, expected: 0 };
      // Nothing expected and nothing found is a perfect score, not a division by zero.
      return [f, { ...t, p: t.found ? t.tp / t.found : 1, r: t.expected ? t.tp / t.expected : 1 }];
    }),
  );
}

const pct = (x: number) => `${(100 * x).toFixed(0)}%`.padStart(5);
const hand = score(cases.filter((c) => c.handWritten));
const seeds = score(cases.filter((c) => !c.handWritten));
console.log(
  `\nfield        hand-written (${cases.filter((c) => c.handWritten).length})          seeds (${cases.filter((c) => !c.handWritten).length})`,
);
console.log("             precision recall  (found/expected)   precision recall");
for (const f of FIELDS) {
  const h = hand[f] as (typeof hand)[string];
  const s = seeds[f] as (typeof seeds)[string];
  console.log(
    `${`${f.padEnd(12)} ${pct(h.p)}     ${pct(h.r)}   (${h.tp}/${h.found} found, ${h.expected} expected)`.padEnd(
      52,
    )}${pct(s.p)}     ${pct(s.r)}`,
  );
}
