// Benchmarks: `npm run bench`. Each line prints the median time and its ratio to a baseline measured in the
// same run (the smallest real what-if), so numbers from different machines compare by ratio. The rows are
// measured in rounds (ROUNDS=7), the baseline again in each round: a ratio is taken within its round and the
// median of the rounds is printed, so a machine that slows down for a while skews no row against the baseline.
import { join } from "node:path";
import { whatIf } from "../src/engine/index.js";
import type { Scenario } from "../src/model/scenario.js";
import type { Library } from "../src/treaties/library.js";
import { BUILTIN_LIBRARY, KOREA_LIBRARY, loadLibrary } from "../src/treaties/load.js";
import { BUILTIN_SCENARIOS, readScenarioFile } from "../src/treaties/scenario-file.js";
import { randomScenario, syntheticLibrary } from "./synthetic.js";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Runs `fn` until `budgetMs` is spent (at least `min` times) and returns the median in ms. */
function measure(fn: () => void, budgetMs: number, min: number): number {
  const times: number[] = [];
  const until = performance.now() + budgetMs;
  while (times.length < min || performance.now() < until) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

function scenario(library: Library, file: string): Scenario {
  const read = readScenarioFile(join(BUILTIN_SCENARIOS, file), library);
  if ("problems" in read) throw new Error(`${file}: ${read.problems.map((p) => p.message).join("; ")}`);
  return read.scenario;
}

const rows: { name: string; run: () => void; budgetMs: number; min: number }[] = [];
const korea = loadLibrary([KOREA_LIBRARY]).library;
const world = loadLibrary([BUILTIN_LIBRARY]).library;
const baselineScenario = scenario(korea, "korea-2024-10-15-incident.yaml");
const baseline = () => whatIf(korea, baselineScenario);
rows.push({
  name: `baseline: Korea library (${korea.instruments.length}), 15 Oct 2024 incident`,
  run: baseline,
  budgetMs: 200,
  min: 5,
});

for (const file of ["korea-2025-rok-strike.yaml", "kursk-2024-12-05.yaml"]) {
  const s = scenario(korea, file);
  rows.push({ name: `Korea library, ${file}`, run: () => whatIf(korea, s), budgetMs: 200, min: 5 });
}
for (const file of [
  "korea-2024-10-15-incident.yaml",
  "korea-2025-rok-strike.yaml",
  "september-11-2001.yaml",
  "senkaku-2025.yaml",
]) {
  const s = scenario(world, file);
  rows.push({
    name: `whole library (${world.instruments.length}), ${file}`,
    run: () => whatIf(world, s),
    budgetMs: 200,
    min: 5,
  });
}

const { library: synthetic, states } = syntheticLibrary(world, {
  states: 200,
  instruments: 800,
  minPerState: 8,
  seed: 42,
});
const perState = new Map<string, number>();
for (const i of synthetic.instruments)
  for (const p of synthetic.parties(i)) perState.set(p.party, (perState.get(p.party) ?? 0) + 1);
const fewest = Math.min(...perState.values());
for (const [seed, events] of [
  [1, 1],
  [2, 3],
] as const) {
  const s = randomScenario(states, seed, events);
  rows.push({
    name: `synthetic 200 states / 800 instruments (each state in ≥ ${fewest}), ${events} event(s)`,
    run: () => whatIf(synthetic, s),
    budgetMs: 400,
    min: 1,
  });
}

const rounds = Number(process.env.ROUNDS ?? 7);
for (const row of rows) for (let i = 0; i < 3; i++) row.run();
const times = rows.map(() => [] as number[]);
const ratios = rows.map(() => [] as number[]);
for (let round = 0; round < rounds; round++) {
  const base = measure(baseline, 200, 5);
  rows.forEach((row, i) => {
    const ms = i === 0 ? base : measure(row.run, row.budgetMs, row.min);
    times[i]?.push(ms);
    ratios[i]?.push(ms / base);
  });
}

const width = Math.max(...rows.map((r) => r.name.length));
console.log(
  `casus engine benchmark — node ${process.version}, medians of ${rounds} rounds, each ratio to the baseline of its round`,
);
rows.forEach((r, i) => {
  const ms = median(times[i] ?? []);
  const ratio = median(ratios[i] ?? []);
  console.log(`${r.name.padEnd(width)}  ${ms.toFixed(3).padStart(9)} ms  ×${ratio.toFixed(1)}`);
});
