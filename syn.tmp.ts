import { randomScenario, syntheticLibrary } from "./bench/synthetic.js";
import { whatIf } from "./src/engine/index.js";
import { loadLibrary } from "./src/treaties/load.js";
const world = loadLibrary().library;
const { library, states } = syntheticLibrary(world, { states: 200, instruments: 800, minPerState: 8, seed: 42 });
const s = randomScenario(states, 2, 3);
for (let i = 0; i < 2; i++) { let n = 0; const t = performance.now(); const r = whatIf(library, s, { budget: { tick() { n++; } } }); console.log((performance.now() - t).toFixed(0), "ms", n, "evals", r.contested.length, "points", r.belligerents.length, "bell", JSON.stringify(r).length, "bytes", r.obligations.length, "obl", r.not_triggered.length, "nt"); }
