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
          // An obligation still owed under an "if it honours" point, but also against the states that entered the
          // war through it, is not a flip: the point's joins already say who entered.
          const code = (r: object) => JSON.stringify(r);
          for (const c of first.contested.filter((x) => x.point.kind === "honour")) {
            const entered = new Set(c.joins.map((j) => code(j.state)));
            const beyond = (list: (typeof c.flips)[number]["main"]["against"]) =>
              list
                .map(code)
                .filter((s) => !entered.has(s))
                .sort()
                .join();
            for (const f of c.flips) {
              const { main: m, alternative: a } = f;
              const sameStatus = m.bound && a.bound && m.strength === a.strength && m.joins === a.joins;
              if (sameStatus) expect(beyond(m.against)).not.toBe(beyond(a.against));
            }
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
