// Mutation testing runs the engine tests once per mutant, each run in a new worker. Reading and checking
// the treaty files takes about a second; the engine under test needs only what they hold. So the engine
// config reads them once, in the main process, and hands every worker the loaded library as plain data.
import type { TestProject } from "vitest/node";
import { loadLibrary } from "../../src/treaties/load.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The built-in library as loaded: instruments, places, states and actors (JSON). */
    engineLibrary: string;
  }
}

export default function setup(project: TestProject): void {
  const { library, problems } = loadLibrary();
  if (problems.length) throw new Error(`the built-in library has problems: ${problems[0]?.message}`);
  project.provide(
    "engineLibrary",
    JSON.stringify({
      instruments: library.instruments,
      places: library.places,
      states: library.registry.states,
      actors: library.registry.actors,
    }),
  );
}
