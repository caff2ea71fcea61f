// The provocation (victim) test: by the text's own words ("unprovoked"), or by the general victim reading on
// defence, neutrality and consultation; never on offensive clauses, nor where the file says the text binds
// whoever started the war (`victim_test: false`).
import { describe, expect, it } from "vitest";
import { ask, code, conditions, event, obligors, one, rows } from "./world.js";

const DUAL = "dual-alliance-1879";
const TRIPLE = "triple-alliance-1882";
const NATO = "north-atlantic-treaty-1949";
const AUH = "cow:300";

// Germany strikes France first; France strikes back.
const germanyFirst = [
  event("first", "armed-attack", "DEU", "FRA", "1900-01-01"),
  event("back", "armed-attack", "FRA", "DEU", "1900-02-01"),
];
// France strikes first.
const franceFirst = [event("first", "armed-attack", "FRA", "DEU", "1900-01-01")];

describe("the text's own 'unprovoked' (Triple Alliance Art. II, Italy for Germany)", () => {
  it("binds when France strikes first", () => {
    const r = ask({ as_of: "1900-03-01", events: franceFirst });
    const row = one(r.obligations, "ITA", "DEU", TRIPLE, "2");
    expect(row.conditions.find((c) => c.code === "victim")).toMatchObject({ met: true, detail: "text" });
  });

  it("does not bind when Germany struck first, under either general reading", () => {
    for (const general of [[], ["territorial"]]) {
      const r = ask({ as_of: "1900-03-01", events: germanyFirst }, { general });
      const row = one(r.not_triggered, "ITA", "DEU", TRIPLE, "2");
      expect(conditions(row)).toEqual(["victim-:text"]);
      expect(code(row.unmet[0]?.by)).toBe("DEU");
    }
  });
});

describe("the general victim reading", () => {
  it("applies to defence: an ally that struck first is not owed NATO Art. 5", () => {
    const events = [
      event("first", "armed-attack", "EST", "RUS", "2025-04-01"),
      event("back", "armed-attack", "RUS", "EST", "2025-05-01"),
    ];
    const r = ask({ as_of: "2025-06-01", events });
    expect(rows(r.obligations, NATO, "5")).toEqual([]);
    expect(conditions(one(r.not_triggered, "USA", "EST", NATO, "5"))).toEqual(["victim-:reading"]);
    // The territorial reading is the contested alternative, and under it the allies are bound.
    const point = r.contested.find((c) => c.point.kind === "general-reading" && c.point.id === "territorial");
    // The other reading of who is owed comes first among the contested points.
    expect(r.contested[0]).toBe(point);
    expect(point?.under).toBe("victim");
    const flip = point?.flips.find((f) => code(f.obligor) === "USA" && f.article === "5");
    expect(flip?.main.bound).toBe(false);
    expect(flip?.alternative).toMatchObject({ bound: true, strength: "discretionary" });
    const territorial = ask({ as_of: "2025-06-01", events }, { general: ["territorial"] });
    expect(obligors(territorial.obligations, NATO, "5", "EST")).toHaveLength(31);
    expect(territorial.general).toContain("territorial");
  });

  it("applies to neutrality (Dual Alliance Art. II) and to consultation (Triple Alliance Art. V)", () => {
    const r = ask({ as_of: "1900-03-01", events: germanyFirst });
    expect(rows(r.obligations, DUAL)).toEqual([]);
    expect(rows(r.obligations, TRIPLE)).toEqual([]);
    expect(conditions(one(r.not_triggered, AUH, "DEU", DUAL, "II", "benevolent-neutrality"))).toEqual([
      "victim-:reading",
    ]);
    expect(conditions(one(r.not_triggered, "ITA", "DEU", TRIPLE, "5"))).toEqual(["victim-:reading"]);
    const victim = ask({ as_of: "1900-03-01", events: franceFirst });
    expect(rows(victim.obligations, DUAL)).toEqual(["cow:300>DEU II"]);
    expect(rows(victim.obligations, TRIPLE, "5")).toEqual(["ITA>DEU 5", "cow:300>DEU 5"]);
  });

  it("is never asked of a clause that waits for a party's call (NATO Art. 4)", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        event("first", "armed-attack", "EST", "RUS", "2025-04-01"),
        event("back", "armed-attack", "RUS", "EST", "2025-05-01"),
        event("call", "request-for-consultations", "EST", undefined, "2025-05-02"),
      ],
    });
    expect(conditions(one(r.obligations, "USA", "EST", NATO, "4"))).toEqual(["call+"]);
  });

  it("in a war, the side that started it is not owed defence, whoever struck a given blow", () => {
    const r = ask({
      as_of: "1939-09-05",
      events: [
        event("inv", "invasion", "DEU", "POL", "1939-09-01"),
        event("raid", "armed-attack", "POL", "DEU", "1939-09-02"),
      ],
    });
    expect(obligors(r.obligations, "anglo-polish-agreement-1939", "1", "POL")).toEqual(["GBR"]);
    const row = one(r.obligations, "GBR", "POL", "anglo-polish-agreement-1939", "1");
    expect(row.conditions.find((c) => c.code === "victim")).toMatchObject({
      met: true,
      war: "war-1",
      assumption: "war-1.started_by",
    });
  });
});

describe("clauses the victim test never applies to", () => {
  it("offence: the Pact of Steel binds Germany to Italy, which declared the war", () => {
    const r = ask({
      as_of: "1940-06-15",
      events: [event("dow", "declaration-of-war", "ITA", "FRA", "1940-06-10")],
    });
    const row = one(r.obligations, "DEU", "ITA", "pact-of-steel-1939", "III");
    expect(row.kind).toBe("offence");
    expect(conditions(row)).toEqual(["state-of-war+", "attacker-state+", "external+"]);
    expect(row.joins_war).toBe(true);
  });

  it("victim_test: false: Molotov–Ribbentrop Art. II binds the Soviet Union to Germany, which invaded Poland", () => {
    const r = ask({ as_of: "1939-09-05", events: [event("inv", "invasion", "DEU", "POL", "1939-09-01")] });
    const row = one(r.obligations, "RUS", "DEU", "molotov-ribbentrop-1939", "II");
    expect(row.kind).toBe("neutrality");
    expect(conditions(row).some((c) => c.startsWith("victim"))).toBe(false);
  });
});
