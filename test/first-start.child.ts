// One process of the concurrent first-start test: opens a store on each directory at its scheduled
// moment (busy-waiting to it, so the processes really start together) and saves one scenario there.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ScenarioStore } from "../src/server/store.js";
import { BUILTIN_SCENARIOS } from "../src/treaties/scenario-file.js";

const [startAt, gap, ...dirs] = process.argv.slice(2);
const scenario = parse(readFileSync(join(BUILTIN_SCENARIOS, "korea-2025-rok-strike.yaml"), "utf8"));
const failures: string[] = [];
dirs.forEach((dir, round) => {
  const at = Number(startAt) + round * Number(gap);
  while (Date.now() < at) {
    // Waiting for the moment all processes open this directory.
  }
  try {
    const store = new ScenarioStore(dir);
    store.create(scenario);
    store.close();
  } catch (error) {
    failures.push(`${dir}: ${(error as Error).message}`);
  }
});
process.stdout.write(JSON.stringify({ opened: dirs.length, failures }));
