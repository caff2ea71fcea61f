// The cascade runs in waves: obligations, then who joins, then what the joiners' war brings. An obligation
// carries the wave it first held in; the joining decisions are listed by state, each state's in wave order.
import { describe, expect, it } from "vitest";
import {
  ask,
  code,
  decisionOf,
  event,
  franceInvadesItaly,
  one,
  perTest,
  saudiArabiaJoinsKuwait,
} from "./world.js";

const TRIPLE = "triple-alliance-1882";
const ROMANIA = "romania-austria-hungary-1883";
const AUH = "cow:300";

describe("an obligation carries the wave it first held in", () => {
  // France also threatens Germany, so Germany's partners' obligations toward it are tested from the first wave.
  const r = perTest(() =>
    ask({
      as_of: "1900-03-01",
      events: [...franceInvadesItaly, event("thr", "threat-of-attack", "FRA", "DEU", "1900-02-01")],
    }),
  );

  it("Art. 5 (counsel when a party's peace is threatened) holds toward Germany from wave 1 and keeps it", () => {
    // Germany joins Italy's war in wave 1; its partners' obligations toward it are tested again in wave 2.
    expect(r.belligerents.find((b) => code(b.state) === "DEU")).toMatchObject({
      wave: 1,
      basis: "obligation",
    });
    expect(one(r.obligations, "ITA", "DEU", TRIPLE, "5").wave).toBe(1);
    expect(one(r.obligations, AUH, "DEU", TRIPLE, "5").wave).toBe(1);
  });

  it("Art. 4 (neutrality once the threatened party makes war) was tested in wave 1 but holds from wave 2", () => {
    // Germany is at war only once it has joined: the obligation is first met in the wave after.
    expect(one(r.obligations, "ITA", "DEU", TRIPLE, "4").wave).toBe(2);
    expect(one(r.obligations, AUH, "DEU", TRIPLE, "4").wave).toBe(2);
  });
});

describe("the cascade goes on while states join", () => {
  // Widened to the homelands, the war reaches Austria-Hungary once it joins, and Romania is bound to it.
  const r = perTest(() => ask({ as_of: "1900-03-01", events: franceInvadesItaly, theatre: ["homelands"] }));

  it("Romania joins in wave 2, called by its treaty with Austria-Hungary, on Italy's side", () => {
    const romania = r.belligerents.find((b) => code(b.state) === "ROU");
    expect(romania).toMatchObject({ war: "war-1", side: "defender", wave: 2, basis: "obligation" });
    expect(romania?.via).toMatchObject({ instrument: ROMANIA, article: "2" });
    expect(code(romania?.via?.beneficiary)).toBe(AUH);
    expect(one(r.obligations, "ROU", AUH, ROMANIA, "2").wave).toBe(2);
  });

  it("what Romania's partners owe it holds in wave 3, once it is at war", () => {
    expect(one(r.obligations, AUH, "ROU", ROMANIA, "2").wave).toBe(3);
  });
});

describe("an obligation toward a state whose enemies grew is tested again", () => {
  // Treaty of London 1839, Art. VII: Belgium "shall be bound to observe such Neutrality towards all other
  // States". France invades Italy; Germany and Austria-Hungary join Italy in wave 1. France is struck by no
  // one new (its forces stay home), yet its war now has three enemies, and Belgium's neutrality toward it is
  // owed in that war against all of them. Under the territorial reading the aggressor is owed it too.
  const r = perTest(() =>
    ask({ as_of: "1900-06-01", events: franceInvadesItaly }, { general: ["territorial"] }),
  );

  it("Belgium's neutrality toward France is owed against Italy and both joiners", () => {
    expect(
      r.belligerents
        .filter((b) => b.wave === 1)
        .map((b) => code(b.state))
        .sort(),
    ).toEqual(["DEU", AUH]);
    const toFrance = one(r.obligations, "BEL", "FRA", "treaty-of-london-1839", "VII");
    expect(toFrance.against.map(code).sort()).toEqual(["DEU", "ITA", AUH]);
  });
});

describe("the joining decisions", () => {
  it("are listed by state, a state's decisions in the order of their waves", () => {
    // Saudi Arabia joins Kuwait in wave 1 (the scenario's choice); later, already at war, it stays where it is.
    const r = saudiArabiaJoinsKuwait();
    const states = r.joining.map((d) => code(d.state));
    expect(states).toEqual([...states].sort((a, b) => a.localeCompare(b)));
    expect(decisionOf(r, "SAU").map((d) => d.reason)).toEqual(["scenario-joins", "already-at-war"]);
    expect(states.filter((s) => s === "EGY")).toHaveLength(1);
  });

  it("a state the scenario both declines and brings in has one decision: it joins", () => {
    for (const state of ["DEU", AUH]) {
      const r = ask({
        as_of: "1900-03-01",
        events: franceInvadesItaly,
        options: { declines: [state], joins: [state] },
      });
      expect(decisionOf(r, state), state).toMatchObject([{ decision: "joins", reason: "scenario-joins" }]);
      expect(r.belligerents.find((b) => code(b.state) === state)).toMatchObject({
        side: "defender",
        basis: "scenario",
        wave: 1,
      });
    }
  });
});

describe("who an obligation is tested toward", () => {
  it("only states the events name or that are at war, besides clauses not aimed at their beneficiary", () => {
    const r = ask({ as_of: "1900-03-01", events: franceInvadesItaly });
    const involved = new Set(["FRA", "ITA", "DEU", AUH]);
    const toward = [...r.obligations, ...r.not_triggered]
      .filter((o) => !involved.has(code(o.beneficiary)))
      .map((o) => `${code(o.obligor)}>${code(o.beneficiary)} ${o.instrument} ${o.article}`);
    // Franco-Russian Art. 2 binds both parties to mobilise whenever a named Power mobilises: Russia is owed it
    // though no event names it.
    expect(toward).toEqual(["FRA>RUS franco-russian-alliance-1894 2"]);
  });
});
