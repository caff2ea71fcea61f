// One engine thread: it loads the library once, then answers what-ifs within their work budget.
import { workerData } from "node:worker_threads";
import { openAtopSource } from "../cli/history.js";
import { BudgetExceeded, budget, whatIf } from "../engine/index.js";
import { withAtop } from "../history/atop-source.js";
import { loadLibrary } from "../treaties/load.js";
import type { EngineRecipe, EngineReply, EngineTask } from "./engine-pool.js";
import { present } from "./requests.js";

const recipe = workerData as EngineRecipe;
let library = loadLibrary(recipe.paths, { maxBytes: recipe.maxBytes }).library;
if (recipe.atop) {
  const source = openAtopSource(recipe.atop, library);
  if (source) library = withAtop(library, source.derived()).library;
}

export default function answer(task: EngineTask): EngineReply {
  if (task.kind === "warm") return { ok: true, value: null };
  const cancelled = new Int32Array(task.cancel);
  try {
    const result = whatIf(library.namedOn(task.request.scenario.as_of), task.request.scenario, {
      ...task.request.options,
      budget: budget({
        milliseconds: task.limits.milliseconds,
        evaluations: task.limits.evaluations,
        cancelled: () => Atomics.load(cancelled, 0) === 1,
      }),
    });
    return { ok: true, value: JSON.stringify(present(task.request, result)) };
  } catch (error) {
    if (error instanceof BudgetExceeded) return { ok: false, exceeded: error.what, limit: error.limit };
    throw error;
  }
}
