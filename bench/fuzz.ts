// Fuzzing that keeps going: `npm run fuzz` runs every target for a share of `--minutes` (default 60 in all),
// `--target NAME` runs one. Prints inputs, inputs/s, failures and p99 time per input for each; each failure
// (shrunk by fast-check) is written to fuzz-failures/ to become a regression test. Exits 1 on any failure.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { type FuzzTarget, TARGETS } from "./fuzz-targets.js";

/** Each target's share of the time: the engine is slow per input, the others need many inputs. */
const SHARE: Record<keyof typeof TARGETS, number> = {
  checker: 0.3,
  scenarios: 0.25,
  http: 0.3,
  engine: 0.15,
};
const FAILURES = fileURLToPath(new URL("../fuzz-failures", import.meta.url));

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Report {
  target: string;
  inputs: number;
  seconds: number;
  failures: { seed: number; counterexample: string; error: string }[];
  p99ms: number;
  maxms: number;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number) : 0;
}

/** Runs one target until `ms` are spent; after a failure, goes on from a new seed. */
async function runFor(target: FuzzTarget, ms: number, firstSeed: number): Promise<Report> {
  const durations: number[] = [];
  const failures: Report["failures"] = [];
  const started = performance.now();
  const end = started + ms;
  let seed = firstSeed;
  const timed = async (input: unknown) => {
    const t = performance.now();
    try {
      await target.run(input);
    } finally {
      durations.push(performance.now() - t);
    }
  };
  while (performance.now() < end && failures.length < 20) {
    const remaining = Math.max(1, Math.round(end - performance.now()));
    const details = await fc.check(fc.asyncProperty(target.arbitrary, timed), {
      numRuns: 1e9,
      seed,
      interruptAfterTimeLimit: remaining,
      markInterruptAsFailure: false,
    });
    if (details.failed && details.counterexample) {
      failures.push({
        seed,
        counterexample: fc.stringify(details.counterexample[0]).slice(0, 4000),
        error: String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance).slice(
          0,
          1000,
        ),
      });
    }
    seed++;
  }
  await target.close?.();
  const sorted = Float64Array.from(durations).sort();
  return {
    target: target.name,
    inputs: durations.length,
    seconds: (performance.now() - started) / 1000,
    failures,
    p99ms: percentile(sorted, 0.99),
    maxms: sorted.length ? (sorted[sorted.length - 1] as number) : 0,
  };
}

async function main() {
  const minutes = Number(option("minutes") ?? 60);
  const only = option("target") as keyof typeof TARGETS | undefined;
  const seed = Number(option("seed") ?? Date.now() % 1_000_000);
  if (!(minutes > 0)) throw new Error("--minutes: a positive number");
  if (only && !(only in TARGETS)) throw new Error(`--target: one of ${Object.keys(TARGETS).join(", ")}`);
  const names = only ? [only] : (Object.keys(TARGETS) as (keyof typeof TARGETS)[]);
  const total = names.reduce((sum, n) => sum + SHARE[n], 0);
  console.log(`fuzzing ${names.join(", ")} for ${minutes} min in all (seed ${seed})`);
  const reports: Report[] = [];
  for (const name of names) {
    const ms = (minutes * 60_000 * SHARE[name]) / total;
    const report = await runFor(TARGETS[name]() as FuzzTarget, ms, seed);
    reports.push(report);
    console.log(
      `${report.target.padEnd(16)} ${String(report.inputs).padStart(9)} inputs  ${(report.inputs / report.seconds).toFixed(0).padStart(6)}/s  ` +
        `${report.failures.length} failures  p99 ${report.p99ms.toFixed(2)} ms  max ${report.maxms.toFixed(1)} ms`,
    );
    for (const f of report.failures)
      console.log(`  seed ${f.seed}: ${f.error}\n    input: ${f.counterexample.slice(0, 300)}`);
  }
  const failed = reports.filter((r) => r.failures.length);
  if (failed.length) {
    mkdirSync(FAILURES, { recursive: true });
    const file = `${FAILURES}/fuzz-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
    writeFileSync(file, `${JSON.stringify(failed, null, 2)}\n`);
    console.log(`failures written to ${file}: make each a regression test`);
  }
  process.exitCode = failed.length ? 1 : 0;
}

await main();
