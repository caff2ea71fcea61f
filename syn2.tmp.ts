import { randomScenario, syntheticLibrary } from "./bench/synthetic.js";
import { caches, runCascade } from "./src/engine/cascade.js";
import { NO_BUDGET } from "./src/engine/config.js";
import { configFor } from "./src/engine/index.js";
import { loadLibrary } from "./src/treaties/load.js";
const world = loadLibrary().library;
const { library, states } = syntheticLibrary(world, { states: 200, instruments: 800, minPerState: 8, seed: 42 });
const s = randomScenario(states, 2, 3);
console.log(JSON.stringify(s.events));
const config = configFor(library, s);
for (let i = 0; i < 12; i++) { const sh = caches(library); const t = performance.now(); const o = runCascade(library, s, config, sh, NO_BUDGET); if (i > 9) console.log((performance.now() - t).toFixed(1), "ms evals", o.evaluations, "verdicts", o.verdicts.size, "bell", o.belligerents.length, "attacks", o.attacks.length, "decisions", o.decisions.length, "conflicts", o.decisions.filter(d=>d.reason==="bound-to-both-sides"||d.reason==="against-own-ally").length); }
