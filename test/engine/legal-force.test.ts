// Legal force: political declarations and domestic acts are commitments, never obligations; only binding
// obligations lead to joining unless the caller includes the others; a reading can change the kind.
import { describe, expect, it } from "vitest";
import { whatIf } from "../../src/engine/index.js";
import { ask, code, decisionOf, event, joiners, library, one, rows, scenario } from "./world.js";

const SIXTEEN = "joint-declaration-sixteen-1953";
const BUDAPEST = "budapest-memorandum-1994";
const dprkInvades = [event("inv", "invasion", "PRK", "KOR", "2025-05-01")];

describe("political commitments are listed apart, never as bound", () => {
  it("the 1953 declaration of the sixteen commits its signatories politically", () => {
    const r = ask({ as_of: "2025-06-01", events: dprkInvades });
    expect(rows(r.obligations, SIXTEEN)).toEqual([]);
    const belgium = one(r.commitments, "BEL", "KOR", SIXTEEN, "warning");
    expect(belgium.legal_force).toBe("political");
    expect(belgium.strength).toBe("discretionary");
    expect(r.commitments.filter((c) => c.instrument === SIXTEEN)).toHaveLength(16);
    // The US is bound by the treaty of 1953 all the same.
    expect(one(r.obligations, "USA", "KOR", "us-rok-1953", "III").joins_war).toBe(true);
    expect(r.texts.find((t) => t.instrument === SIXTEEN)?.legal_force).toBe("political");
  });

  it("a political commitment does not bring a state into the war, unless the caller includes them", () => {
    const r = ask({ as_of: "2025-06-01", events: dprkInvades });
    expect(decisionOf(r, "BEL")).toMatchObject([{ decision: "stays-out", reason: "not-binding" }]);
    expect(joiners(r)).not.toContain("BEL");
    // Before the 1953 treaty with Korea entered into force (17 November 1954), fewer pacts reach the war.
    const early = [event("inv", "invasion", "PRK", "KOR", "1954-02-01")];
    const included = ask({ as_of: "1954-03-01", events: early }, { includePolitical: true });
    expect(joiners(included)).toContain("BEL");
    expect(included.options.include_political).toBe(true);
    const fromScenario = ask({
      as_of: "1954-03-01",
      events: [event("raid", "armed-attack", "PRK", "KOR", "1954-02-01")],
      options: { include_political: true },
    });
    expect(fromScenario.options.include_political).toBe(true);
  });

  it("a domestic act binds only its own government, and is listed as such", () => {
    // The Taiwan Relations Act encodes no triggered provision, so the rule is shown on a copy of the 1953
    // declaration read as a domestic act.
    const domestic = library.withInstruments(
      library.instruments.map((i) => (i.id === SIXTEEN ? { ...i, legal_force: "domestic" as const } : i)),
    );
    const r = whatIf(domestic, scenario({ as_of: "2025-06-01", events: dprkInvades }));
    expect(rows(r.obligations, SIXTEEN)).toEqual([]);
    expect(one(r.commitments, "CAN", "KOR", SIXTEEN, "warning").legal_force).toBe("domestic");
    expect(decisionOf(r, "CAN")).toMatchObject([{ decision: "stays-out", reason: "not-binding" }]);
  });
});

describe("a reading that changes legal force (the Budapest Memorandum read as binding)", () => {
  const nuclear = [event("n", "nuclear-use", "RUS", "UKR", "2025-05-01")];
  const binding = `${BUDAPEST}/seek-security-council-action/legally-binding`;

  it("by default para 4 is a political commitment of the UK and the US", () => {
    const r = ask({ as_of: "2025-06-01", events: nuclear });
    expect(rows(r.obligations, BUDAPEST)).toEqual([]);
    expect(rows(r.commitments, BUDAPEST, "4")).toEqual(["GBR>UKR 4", "USA>UKR 4"]);
    const point = r.contested.find((c) => c.point.id === binding);
    expect(point?.point).toMatchObject({ kind: "instrument-reading", adopted: false, instrument: BUDAPEST });
    expect(
      point?.flips.map((f) => `${code(f.obligor)} ${f.main.bound} ${f.alternative.bound}`).sort(),
    ).toEqual(["GBR true true", "USA true true"]);
  });

  it("read as binding, para 4 is an obligation, and the reading is cited on it", () => {
    const r = ask({ as_of: "2025-06-01", events: nuclear }, { readings: [binding] });
    const row = one(r.obligations, "USA", "UKR", BUDAPEST, "4");
    expect(row.readings).toContain(binding);
    expect(rows(r.commitments, BUDAPEST, "4")).toEqual([]);
    expect(r.adopted).toEqual([binding]);
    expect(r.readings.find((x) => x.key === binding)).toMatchObject({ kind: "instrument", adopted: true });
    const point = r.contested.find((c) => c.point.id === binding);
    expect(point?.point.adopted).toBe(true);
  });

  it("a nuclear threat is covered too, but a threat without nuclear weapons is not", () => {
    const threat = (nuclearUsed: boolean) =>
      ask({
        as_of: "2025-06-01",
        events: [event("t", "threat-of-attack", "RUS", "UKR", "2025-05-01", { nuclear: nuclearUsed })],
      });
    expect(rows(threat(true).commitments, BUDAPEST, "4")).toEqual(["GBR>UKR 4", "USA>UKR 4"]);
    expect(rows(threat(false).commitments, BUDAPEST, "4")).toEqual([]);
    const row = one(threat(true).commitments, "GBR", "UKR", BUDAPEST, "4");
    expect(row.conditions[0]).toMatchObject({ code: "nuclear", met: true, event: "t" });
  });
});
