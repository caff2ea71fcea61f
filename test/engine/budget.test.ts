// A what-if within a work budget: past it, the work stops by throwing, naming what was exceeded.
import { describe, expect, it } from "vitest";
import { BudgetExceeded, budget } from "../../src/engine/index.js";
import { ask, event, franceInvadesItaly } from "./world.js";

const war = { as_of: "1900-03-01", events: franceInvadesItaly };
// A what-if long enough to read the clock, which is read once every 256 provision tests: China lands on the
// Senkakus (2025), and the sovereignty points re-test the Pacific pacts (some 1,700 tests).
const landing = {
  as_of: "2025-06-01",
  events: [
    event("landing", "armed-attack", "CHN", "JPN", "2025-06-01", { at: "JPN-SENKAKU", state_of_war: true }),
  ],
};

function thrown(run: () => unknown): BudgetExceeded {
  try {
    run();
  } catch (e) {
    if (e instanceof BudgetExceeded) return e;
    throw e;
  }
  throw new Error("the budget was not exceeded");
}

describe("budget exceptions", () => {
  it("too many provision tests: stops, naming the limit", () => {
    const e = thrown(() => ask(war, { budget: budget({ evaluations: 10 }) }));
    expect(e.what).toBe("evaluations");
    expect(e.limit).toBe(10);
    expect(e.message).toBe("work budget exceeded: evaluations (limit 10)");
  });

  it("a budget large enough lets the answer through unchanged", () => {
    const within = ask(war, { budget: budget({ evaluations: 100_000, milliseconds: 600_000 }) });
    expect(JSON.stringify(within)).toBe(JSON.stringify(ask(war)));
  });

  it("a deadline already past stops it at the first clock reading", () => {
    const e = thrown(() => ask(landing, { budget: budget({ milliseconds: -1 }) }));
    expect(e.what).toBe("time");
    expect(e.message).toBe("work budget exceeded: time (limit -1)");
  });

  it("a client gone away stops it, and the message names no limit", () => {
    let asked = 0;
    const e = thrown(() =>
      ask(landing, {
        budget: budget({
          cancelled: () => {
            asked++;
            return true;
          },
        }),
      }),
    );
    expect(e.what).toBe("cancelled");
    expect(e.message).toBe("work budget exceeded: cancelled");
    expect(asked).toBe(1);
  });

  it("the clock and the cancel flag are read once every 256 evaluations", () => {
    let asked = 0;
    const b = budget({
      cancelled: () => {
        asked++;
        return false;
      },
    });
    for (let i = 0; i < 255; i++) b.tick();
    expect(asked).toBe(0);
    b.tick();
    expect(asked).toBe(1);
    for (let i = 0; i < 256; i++) b.tick();
    expect(asked).toBe(2);
  });

  it("exactly the limit is allowed; one more is not", () => {
    const b = budget({ evaluations: 3 });
    b.tick();
    b.tick();
    b.tick();
    expect(() => b.tick()).toThrow(BudgetExceeded);
  });
});
