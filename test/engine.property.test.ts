import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomScenario, syntheticLibrary } from "../bench/synthetic.js";
import { whatIf } from "../src/engine/index.js";

describe("the cascade on random networks (property)", () => {
  it("terminates, is deterministic, and cites every obligation", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 4 }),
        (netSeed, eventSeed, events) => {
          const { library, states } = syntheticLibrary({
            states: 20,
            instruments: 40,
            minPerState: 2,
            seed: netSeed,
          });
          const scenario = randomScenario(states, eventSeed, events);
          const first = whatIf(library, scenario);
          const second = whatIf(library, scenario);
          expect(JSON.stringify(second)).toBe(JSON.stringify(first));
          for (const o of first.obligations) {
            expect(o.quote.length).toBeGreaterThan(0);
            expect(o.source.id).toBe("generated");
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
