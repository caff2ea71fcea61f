// How a provision reads for one obligor: the text's default, changed by adopted readings and by the
// ratification understandings of that obligor, under one merge rule.
import { describe, expect, it } from "vitest";
import { mergeTrigger } from "../../src/engine/provision.js";
import type { Trigger } from "../../src/model/instrument.js";
import { ask, conditions, event, obligors, one } from "./world.js";

const ANZUS = "anzus-1951";
const PACIFIC_ONLY = `${ANZUS}/act-to-meet-common-danger/pacific-area-only`;
const september11 = [event("a", "armed-attack", "AFG", "USA", "2001-09-11")];

describe("the merge rule for readings and understandings", () => {
  it("objects merge field by field: a reading that changes the region keeps what it does not name", () => {
    const base: Trigger = { event: "armed-attack", where: { region: "a", forces: true, forces_region: "b" } };
    expect(mergeTrigger(base, { where: { region: "c" } })).toEqual({
      event: "armed-attack",
      where: { region: "c", forces: true, forces_region: "b" },
    });
  });

  it("scalars and lists replace what was there; new fields are added", () => {
    const base: Trigger = { event: "armed-attack", by: { kind: "named", states: ["RUS"] }, unprovoked: true };
    const merged = mergeTrigger(base, { event: "invasion", unprovoked: false, request: true });
    expect(merged).toEqual({
      event: "invasion",
      by: { kind: "named", states: ["RUS"] },
      unprovoked: false,
      request: true,
    });
    expect(mergeTrigger(base, { by: { kind: "any-state" } }).by).toEqual({
      kind: "any-state",
      states: ["RUS"],
    });
    expect(base.event).toBe("armed-attack");
  });
});

describe("ANZUS Art. IV: the metropolitan territory of the parties, or the Pacific Area only", () => {
  it("by default an attack on the United States itself binds Australia and New Zealand (11 September 2001)", () => {
    const r = ask({ as_of: "2001-09-12", events: september11 });
    expect(obligors(r.obligations, ANZUS, "IV", "USA")).toEqual(["AUS", "NZL"]);
    const point = r.contested.find((c) => c.point.id === PACIFIC_ONLY);
    expect(point?.flips.map((f) => `${f.main.bound}>${f.alternative.bound} ${f.alternative.unmet}`)).toEqual([
      "true>false place",
      "true>false place",
    ]);
  });

  it("read as the Pacific Area only, it does not", () => {
    const r = ask({ as_of: "2001-09-12", events: september11 }, { readings: [PACIFIC_ONLY] });
    expect(conditions(one(r.not_triggered, "AUS", "USA", ANZUS, "IV"))).toEqual(["place-:outside-region"]);
    expect(one(r.not_triggered, "AUS", "USA", ANZUS, "IV").unmet[0]?.region).toBe("pacific-area");
  });
});

describe("a ratification understanding binds the party that made it", () => {
  const dprkInvades = [event("inv", "invasion", "PRK", "KOR", "2025-05-01")];

  it("the US understanding (external attack only) narrows the US obligation, marked as the understanding's", () => {
    const r = ask({ as_of: "2025-06-01", events: dprkInvades });
    const row = one(r.obligations, "USA", "KOR", "us-rok-1953", "III");
    expect(row.conditions.find((c) => c.code === "external")).toMatchObject({
      met: true,
      understanding: "us-understanding",
    });
  });
});
