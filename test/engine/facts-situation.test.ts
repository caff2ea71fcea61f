// The situation built from a scenario: who struck first between two states, states of war and how a war
// widens, the default place of an event, the judgements an event carries, and what a theatre names.
import { describe, expect, it } from "vitest";
import { ask, code, conditions, event, franceInvadesItaly, joiners, one, perTest, rows } from "./world.js";

const CHARTER = "un-charter-1945";
const TRIPLE = "triple-alliance-1882";
const NATO = "north-atlantic-treaty-1949";

const sides = (r: ReturnType<typeof ask>, war = 0) =>
  (r.wars[war]?.sides ?? []).map((s) => `${code(s.state)} ${s.side} ${s.wave}`).sort();

describe("who struck first is kept per pair of states", () => {
  it("Germany's earlier blow at Russia does not make Germany the first to strike France", () => {
    const r = ask({
      as_of: "1900-03-01",
      events: [
        event("east", "armed-attack", "DEU", "RUS", "1899-12-01"),
        event("first", "armed-attack", "FRA", "DEU", "1900-01-01"),
      ],
    });
    // Triple Alliance Art. II: Italy aids Germany if it is attacked by France "without direct provocation".
    const row = one(r.obligations, "ITA", "DEU", TRIPLE, "2");
    expect(row.conditions.find((c) => c.code === "victim")).toMatchObject({ met: true, detail: "text" });
    // Named attacker, no provocation, an armed attack, on Germany's own territory: nothing else is asked.
    expect(conditions(row)).toEqual([
      "attacker-named+",
      "victim+:text",
      "armed-attack+:judged",
      "place+:on-territory",
    ]);
  });

  it("a second blow by the state that struck first is no self-defence, and violates the Charter too", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        event("a", "armed-attack", "RUS", "EST", "2025-05-01"),
        event("a2", "armed-attack", "RUS", "EST", "2025-05-03"),
      ],
    });
    const found = r.violations
      .filter((v) => v.instrument === CHARTER)
      .map((v) => `${code(v.by)}>${code(v.toward)} ${v.event}`)
      .sort();
    expect(found).toEqual(["RUS>EST a", "RUS>EST a2"]);
  });
});

describe("states of war: a war begins, and a belligerent's new enemy joins it on the other side", () => {
  it("Germany invades France, then Belgium: one war, Belgium a defender by its own event", () => {
    const r = ask({
      as_of: "1914-09-01",
      events: [
        event("fra", "invasion", "DEU", "FRA", "1914-08-03"),
        event("bel", "invasion", "DEU", "BEL", "1914-08-04"),
      ],
    });
    expect(r.wars).toHaveLength(1);
    // The allies that come in by obligation come later (wave 1 on); the events' belligerents are wave 0.
    expect(sides(r).filter((s) => s.endsWith(" 0"))).toEqual([
      "BEL defender 0",
      "DEU initiator 0",
      "FRA defender 0",
    ]);
    expect(joiners(r)).not.toContain("BEL");
    const bel = r.belligerents.find((b) => code(b.state) === "BEL");
    expect(bel).toMatchObject({ basis: "event", side: "defender", wave: 0 });
  });

  it("a defender that strikes a new enemy brings it in on the initiator's side", () => {
    const r = ask({
      as_of: "1900-03-01",
      events: [
        event("fra", "invasion", "DEU", "FRA", "1900-01-01"),
        event("esp", "invasion", "FRA", "ESP", "1900-02-01"),
      ],
    });
    expect(r.wars).toHaveLength(1);
    expect(sides(r).filter((s) => s.endsWith(" 0"))).toEqual([
      "DEU initiator 0",
      "ESP initiator 0",
      "FRA defender 0",
    ]);
  });

  it("a state that strikes a belligerent joins that belligerent's enemies", () => {
    const r = ask({
      as_of: "1914-09-01",
      events: [
        event("fra", "invasion", "DEU", "FRA", "1914-08-03"),
        event("ita", "invasion", "ITA", "FRA", "1914-08-05"),
        event("rus", "invasion", "RUS", "DEU", "1914-08-06"),
      ],
    });
    expect(r.wars).toHaveLength(1);
    expect(sides(r).filter((s) => s.endsWith(" 0"))).toEqual([
      "DEU initiator 0",
      "FRA defender 0",
      "ITA initiator 0",
      "RUS defender 0",
    ]);
    for (const s of ["ITA", "RUS"]) {
      expect(r.belligerents.find((b) => code(b.state) === s)).toMatchObject({ basis: "event", wave: 0 });
    }
    expect(joiners(r)).not.toContain("ITA");
    expect(joiners(r)).not.toContain("RUS");
  });
});

describe("what an event carries", () => {
  const r = perTest(() =>
    ask({
      as_of: "2025-06-01",
      events: [
        event("a", "invasion", "RUS", "EST", "2025-05-01", { invasion: { value: true, disputed: true } }),
      ],
    }),
  );

  it("an event with no place is taken to fall on its target, as a stated assumption", () => {
    const row = one(r.obligations, "USA", "EST", NATO, "5");
    expect(row.conditions.find((c) => c.code === "place")).toMatchObject({ assumption: "a.place" });
    expect(r.assumptions.find((x) => x.id === "a.place")).toBeDefined();
  });

  it("its invasion judgement is its own", () => {
    expect(r.assumptions.find((x) => x.id === "a.invasion")).toMatchObject({
      field: "invasion",
      value: true,
      disputed: true,
      origin: "scenario",
      held_by: [],
    });
  });

  it("an attack without supporters is owed against the attacker alone", () => {
    expect(one(r.obligations, "USA", "EST", NATO, "5").against.map(code)).toEqual(["RUS"]);
  });

  it("a threat is no armed attack", () => {
    const t = ask({
      as_of: "2025-06-01",
      events: [event("t", "threat-of-attack", "RUS", "EST", "2025-05-01")],
    });
    expect(rows(t.obligations, NATO, "5")).toEqual([]);
    expect(one(t.not_triggered, "USA", "EST", NATO, "5").unmet.map((c) => `${c.code}:${c.detail}`)).toEqual([
      "event:none",
    ]);
  });
});

describe("the theatre a scenario names", () => {
  it("'homelands' widens the war and is no place of the theatre", () => {
    const r = ask({
      as_of: "1900-03-01",
      events: franceInvadesItaly,
      theatre: ["homelands"],
    });
    const places = r.wars[0]?.theatre.map((p) => p.code) ?? [];
    expect(places).toContain("DEU");
    expect(places).not.toContain("homelands");
  });
});
