import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomScenario, syntheticLibrary } from "../bench/synthetic.js";
import { whatIf } from "../src/engine/index.js";
import { Result } from "../src/model/result.js";
import { loadLibrary } from "../src/treaties/load.js";

const base = loadLibrary().library;

describe("the cascade on random networks (property)", () => {
  it("terminates, is deterministic, and cites every obligation", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 4 }),
        (netSeed, eventSeed, events) => {
          const { library, states } = syntheticLibrary(base, {
            states: 20,
            instruments: 40,
            minPerState: 2,
            seed: netSeed,
          });
          const scenario = randomScenario(states, eventSeed, events);
          const first = whatIf(library, scenario);
          const second = whatIf(library, scenario);
          expect(JSON.stringify(second)).toBe(JSON.stringify(first));
          // The answer fits its own contract, and every obligation points at a quoted text with a source.
          expect(Result.safeParse(first).success).toBe(true);
          for (const o of first.obligations) {
            const text = first.texts.find((t) => t.id === o.text);
            expect(text?.quote.length).toBeGreaterThan(0);
            expect(first.sources.find((s) => s.id === text?.source)?.title).toMatch(/generated/);
          }
          // Each state joins each war at most once.
          const joins = first.belligerents.map((b) => `${b.war}|${JSON.stringify(b.state)}`);
          expect(new Set(joins).size).toBe(joins.length);
        },
      ),
      { numRuns: 40 },
    );
  });
});
