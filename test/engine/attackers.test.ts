// Who struck: a state, one the clause names, not one it excludes, not a party, with the support it needs,
// and in the number it needs.
import { describe, expect, it } from "vitest";
import { ask, code, conditions, event, obligors, one, rows } from "./world.js";

const DUAL = "dual-alliance-1879";
const TRIPLE = "triple-alliance-1882";
const FRANCO_RUSSIAN = "franco-russian-alliance-1894";
const TRIPARTITE = "tripartite-pact-1940";
const AUH = "cow:300";

describe("external attacker: Tripartite Pact Art. 3 covers attacks by a Power outside the pact", () => {
  it("an attack by an outsider binds every other party", () => {
    const r = ask({ as_of: "1941-03-01", events: [event("a", "armed-attack", "USA", "JPN", "1941-02-01")] });
    expect(obligors(r.obligations, TRIPARTITE, "3", "JPN")).toEqual(["BGR", "DEU", "HUN", "ITA", "ROU"]);
    expect(conditions(one(r.obligations, "DEU", "JPN", TRIPARTITE, "3"))).toContain("external+");
  });

  it("an attack by one party on another binds no one, for want of an external attacker", () => {
    const r = ask({ as_of: "1941-03-01", events: [event("a", "armed-attack", "HUN", "ROU", "1941-02-01")] });
    expect(rows(r.obligations, TRIPARTITE)).toEqual([]);
    expect(conditions(one(r.not_triggered, "DEU", "ROU", TRIPARTITE, "3"))).toEqual(["external-"]);
  });
});

describe("named attacker: Dual Alliance Art. I is against Russia only", () => {
  it("a Russian attack on Austria-Hungary binds Germany under Art. I", () => {
    const r = ask({ as_of: "1900-03-01", events: [event("a", "armed-attack", "RUS", AUH, "1900-02-01")] });
    const row = one(r.obligations, "DEU", AUH, DUAL, "I");
    expect(row.strength).toBe("automatic");
    expect(conditions(row)[0]).toBe("attacker-named+");
    expect(row.against.map(code)).toEqual(["RUS"]);
  });

  it("a French attack on Germany is not a Russian one", () => {
    const r = ask({ as_of: "1900-03-01", events: [event("a", "armed-attack", "FRA", "DEU", "1900-02-01")] });
    expect(conditions(one(r.not_triggered, AUH, "DEU", DUAL, "I"))).toEqual(["attacker-named-"]);
  });
});

describe("excluded attacker: Dual Alliance Art. II ('another Power') is not the Power of Art. I", () => {
  it("benevolent neutrality holds against France", () => {
    const r = ask({ as_of: "1900-03-01", events: [event("a", "armed-attack", "FRA", "DEU", "1900-02-01")] });
    const row = one(r.obligations, AUH, "DEU", DUAL, "II", "benevolent-neutrality");
    expect(row.kind).toBe("neutrality");
    expect(conditions(row)).toContain("attacker-excluded+");
  });

  it("does not apply to Russia, which Art. I covers", () => {
    const r = ask({ as_of: "1900-03-01", events: [event("a", "armed-attack", "RUS", AUH, "1900-02-01")] });
    expect(rows(r.obligations, DUAL, "II")).toEqual([]);
    const row = one(r.not_triggered, "DEU", AUH, DUAL, "II", "benevolent-neutrality");
    expect(conditions(row)).toEqual(["attacker-excluded-"]);
    expect(row.unmet[0]?.states?.map(code)).toEqual(["RUS"]);
  });

  it("Triple Alliance Art. IV neutrality excludes Great Britain", () => {
    const war = (by: string) =>
      ask({ as_of: "1900-03-01", events: [event("w", "declaration-of-war", by, "ITA", "1900-02-01")] });
    expect(obligors(war("FRA").obligations, TRIPLE, "4", "ITA")).toEqual(["DEU", AUH]);
    expect(rows(war("GBR").obligations, TRIPLE, "4")).toEqual([]);
  });
});

describe("supported-by: Franco-Russian Art. 1 against Italy only when Germany supports it", () => {
  it("Italy alone: Russia is not bound", () => {
    const r = ask({ as_of: "1900-03-01", events: [event("a", "armed-attack", "ITA", "FRA", "1900-02-01")] });
    expect(rows(r.obligations, FRANCO_RUSSIAN)).toEqual([]);
    const row = one(r.not_triggered, "RUS", "FRA", FRANCO_RUSSIAN, "1", "russia-for-france-against-italy");
    expect(conditions(row)).toEqual(["supported-by-"]);
  });

  it("Italy supported by Germany: Russia is bound against Italy", () => {
    const r = ask({
      as_of: "1900-03-01",
      events: [event("a", "armed-attack", "ITA", "FRA", "1900-02-01", { supported_by: ["DEU"] })],
    });
    const row = one(r.obligations, "RUS", "FRA", FRANCO_RUSSIAN, "1");
    expect(row.provision).toBe("russia-for-france-against-italy");
    expect(conditions(row).slice(0, 2)).toEqual(["attacker-named+", "supported-by+"]);
    expect(row.against.map(code)).toEqual(["ITA"]);
  });

  it("support by another state does not count", () => {
    const r = ask({
      as_of: "1900-03-01",
      events: [event("a", "armed-attack", "ITA", "FRA", "1900-02-01", { supported_by: ["ESP"] })],
    });
    expect(rows(r.obligations, FRANCO_RUSSIAN)).toEqual([]);
  });

  it("Dual Alliance Art. II: an attack supported by Russia calls for assistance, not just neutrality", () => {
    const alone = ask({
      as_of: "1900-03-01",
      events: [event("a", "armed-attack", "FRA", "DEU", "1900-02-01")],
    });
    expect(rows(alone.obligations, DUAL)).toEqual(["cow:300>DEU II"]);
    const supported = ask({
      as_of: "1900-03-01",
      events: [event("a", "armed-attack", "FRA", "DEU", "1900-02-01", { supported_by: ["RUS"] })],
    });
    const kinds = supported.obligations.filter((o) => o.instrument === DUAL).map((o) => o.kind);
    expect(kinds.sort()).toEqual(["defence", "neutrality"]);
  });
});

describe("minimum number of attackers: Triple Alliance Art. III needs two or more Great Powers", () => {
  const invade = (id: string, by: string, day: string) => event(id, "invasion", by, "ITA", `1900-02-${day}`);

  it("France alone does not make the casus foederis", () => {
    const r = ask({ as_of: "1900-03-01", events: [invade("a", "FRA", "01")] });
    const row = one(r.not_triggered, "DEU", "ITA", TRIPLE, "3", "casus-foederis");
    expect(conditions(row)).toEqual(["attackers-count-"]);
    expect(row.unmet[0]).toMatchObject({ count: 1, needed: 2 });
  });

  it("France and Russia together do, against both", () => {
    const r = ask({ as_of: "1900-03-01", events: [invade("a", "FRA", "01"), invade("b", "RUS", "02")] });
    const row = one(r.obligations, "DEU", "ITA", TRIPLE, "3", "casus-foederis");
    expect(row.against.map(code).sort()).toEqual(["FRA", "RUS"]);
    expect(row.conditions.find((c) => c.code === "attackers-count")).toMatchObject({ met: true, count: 2 });
  });

  it("the 'one or more' reading drops the count, and is shown as a contested point", () => {
    const r = ask({ as_of: "1900-03-01", events: [invade("a", "FRA", "01")] });
    const point = r.contested.find((c) => c.point.id === `${TRIPLE}/casus-foederis/one-or-more`);
    expect(point?.point.kind).toBe("instrument-reading");
    const flip = point?.flips.find((f) => code(f.obligor) === "DEU" && code(f.beneficiary) === "ITA");
    expect(flip?.main).toMatchObject({ bound: false, unmet: ["attackers-count"] });
    expect(flip?.alternative.bound).toBe(true);
    const adopted = ask(
      { as_of: "1900-03-01", events: [invade("a", "FRA", "01")] },
      { readings: [`${TRIPLE}/casus-foederis/one-or-more`] },
    );
    expect(obligors(adopted.obligations, TRIPLE, "3", "ITA")).toEqual(["DEU", AUH]);
  });

  it("in a war, the enemies a state-of-war clause covers are counted", () => {
    const one_ = ask({
      as_of: "1902-06-01",
      events: [event("w", "declaration-of-war", "RUS", "JPN", "1902-05-01")],
    });
    expect(rows(one_.obligations, "anglo-japanese-alliance-1902", "III")).toEqual([]);
    const two = ask({
      as_of: "1902-06-01",
      events: [
        event("w", "declaration-of-war", "RUS", "JPN", "1902-05-01"),
        event("v", "declaration-of-war", "FRA", "JPN", "1902-05-02"),
      ],
    });
    // Britain joins, and is then itself at war with two Powers: Japan owes it the same.
    expect(rows(two.obligations, "anglo-japanese-alliance-1902", "III")).toEqual([
      "GBR>JPN III",
      "JPN>GBR III",
    ]);
  });
});

describe("named mobilising power: Franco-Russian Art. 2", () => {
  it("a German mobilisation aimed at France obliges Russia to mobilise", () => {
    const r = ask({
      as_of: "1900-03-01",
      events: [event("m", "mobilisation", "DEU", "FRA", "1900-02-01")],
    });
    const row = one(r.obligations, "RUS", "FRA", FRANCO_RUSSIAN, "2");
    expect(row.kind).toBe("mobilisation");
    expect(row.against.map(code)).toEqual(["DEU"]);
  });

  it("a German mobilisation aimed at no one obliges both parties to mobilise: it need not target either", () => {
    const r = ask({
      as_of: "1900-03-01",
      events: [event("m", "mobilisation", "DEU", undefined, "1900-02-01")],
    });
    expect(rows(r.obligations, FRANCO_RUSSIAN)).toEqual(["FRA>RUS 2", "RUS>FRA 2"]);
    expect(one(r.obligations, "FRA", "RUS", FRANCO_RUSSIAN, "2").conditions[0]).toMatchObject({
      code: "mobilisation",
      met: true,
      event: "m",
    });
  });

  it("a mobilisation by a power the article does not name obliges no one", () => {
    const r = ask({
      as_of: "1900-03-01",
      events: [event("m", "mobilisation", "GBR", "FRA", "1900-02-01")],
    });
    expect(rows(r.obligations, FRANCO_RUSSIAN)).toEqual([]);
  });
});

describe("who is an attacker", () => {
  it("a non-state actor is not 'any state': al-Qaeda's attack triggers NATO Art. 5 (any attack), not Rio Art. 3", () => {
    const r = ask({
      as_of: "2001-09-12",
      events: [event("a", "armed-attack", "actor:al-qaeda", "USA", "2001-09-11")],
    });
    expect(obligors(r.obligations, "north-atlantic-treaty-1949", "5", "USA")).toContain("CAN");
    expect(code(one(r.obligations, "CAN", "USA", "north-atlantic-treaty-1949", "5").against[0])).toBe(
      "actor:al-qaeda",
    );
    expect(conditions(one(r.not_triggered, "BRA", "USA", "rio-treaty-1947", "3"))).toEqual([
      "attacker-state-",
    ]);
  });

  it("a party is never bound to defend another against itself", () => {
    const r = ask({ as_of: "1941-03-01", events: [event("a", "armed-attack", "HUN", "ROU", "1941-02-01")] });
    const row = one(r.not_triggered, "HUN", "ROU", TRIPARTITE, "3");
    expect(row.unmet.map((c) => `${c.code}:${c.detail}`)).toEqual(["event:none"]);
  });
});
