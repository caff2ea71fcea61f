// `npm run bench:dyads`: the full 1816–2016 directed dyad-year build with ATOP's five flags, in-process, file
// reads excluded (ATOP is parsed before timing), against a naive build with one object per row, measured in
// the same run. Needs the ATOP 5.1 files: CASUS_ATOP=DIR, or ../shared/data/alliances.
import { existsSync } from "node:fs";
import { loadAtop } from "../src/data/atop.js";
import { atopRows, buildAtopDyads, buildAtopDyadsNaive, systemYears } from "../src/history/dyads.js";
import { Registry, STATES } from "../src/states/registry.js";

const dir = process.env.CASUS_ATOP || new URL("../../shared/data/alliances", import.meta.url).pathname;
if (!existsSync(dir)) {
  console.error(`no ATOP 5.1 files in ${dir}: set CASUS_ATOP`);
  process.exit(1);
}
const atop = loadAtop(dir);
const registry = new Registry(STATES);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Median wall time in seconds of `runs` runs after `warm` unmeasured ones. */
function time<T>(fn: () => T, runs: number, warm: number): { s: number; value: T } {
  let value = fn();
  for (let i = 1; i < warm; i++) value = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = fn();
    times.push((performance.now() - t) / 1000);
  }
  return { s: median(times), value };
}

const columns = time(
  () => buildAtopDyads(systemYears(registry, 1816, 2016), atopRows(atop), { directed: true }),
  9,
  3,
);
const naive = time(() => buildAtopDyadsNaive(systemYears(registry, 1816, 2016), atop), 3, 1);
const rows = columns.value.length;
if (naive.value.length !== rows) throw new Error(`naive build has ${naive.value.length} rows, not ${rows}`);
const fmt = (s: number) => (s < 1 ? s.toFixed(3) : s.toFixed(2));
console.log(
  `${rows.toLocaleString("en-US")} rows in ${fmt(columns.s)} s — ${(rows / columns.s / 1e6).toFixed(1)} M rows/s (typed-array columns, median of 9)`,
);
console.log(
  `naive one-object-per-row build: ${fmt(naive.s)} s — the column build is ${(naive.s / columns.s).toFixed(1)}× faster (median of 3, same run)`,
);
