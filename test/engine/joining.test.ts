// Bound is not joining: a state joins a war when a binding military obligation calls for it and nothing
// pulls it the other way; the scenario can bring states in or keep them out.
import { describe, expect, it } from "vitest";
import {
  ask,
  australiaAndNewZealandAtWar,
  code,
  decisionOf,
  event,
  franceInvadesItaly,
  joiners,
  one,
  saudiArabiaJoinsKuwait,
} from "./world.js";

const TRIPLE = "triple-alliance-1882";
const ARAB = "arab-league-joint-defence-1950";
const AUH = "cow:300";

describe("a binding military obligation brings its obligor into the war", () => {
  it("Germany and Austria-Hungary join Italy's war under Triple Alliance Art. II", () => {
    const r = ask({ as_of: "1900-03-01", events: franceInvadesItaly });
    expect(joiners(r)).toEqual(["DEU", AUH]);
    const germany = r.belligerents.find((b) => code(b.state) === "DEU");
    expect(germany).toMatchObject({ war: "war-1", side: "defender", wave: 1, basis: "obligation" });
    expect(germany?.via).toMatchObject({ instrument: TRIPLE, article: "2" });
    expect(code(germany?.via?.beneficiary)).toBe("ITA");
    expect(decisionOf(r, "DEU")).toMatchObject([
      { decision: "joins", reason: "binding-obligation", war: "war-1" },
    ]);
    expect(one(r.obligations, "DEU", "ITA", TRIPLE, "2").joins_war).toBe(true);
    const sides = r.wars[0]?.sides.map((s) => `${code(s.state)}:${s.side}:${s.wave}`);
    expect(sides).toEqual(["FRA:initiator:0", "ITA:defender:0", "cow:300:defender:1", "DEU:defender:1"]);
  });

  it("a state the scenario declines stays out, saying so; the others still join", () => {
    const r = ask({ as_of: "1900-03-01", events: franceInvadesItaly, options: { declines: ["Germany"] } });
    expect(joiners(r)).toEqual([AUH]);
    expect(decisionOf(r, "DEU")).toMatchObject([{ decision: "stays-out", reason: "scenario-declines" }]);
    expect(r.options.declines.map(code)).toEqual(["DEU"]);
    // Declining is about joining: the obligation itself still binds.
    expect(one(r.obligations, "DEU", "ITA", TRIPLE, "2").joins_war).toBe(false);
  });

  it("declines given by the caller work as the scenario's do", () => {
    const r = ask({ as_of: "1900-03-01", events: franceInvadesItaly }, { declines: ["DEU"] });
    expect(joiners(r)).toEqual([AUH]);
  });

  it("a state the scenario brings in joins the side it names", () => {
    const r = ask({
      as_of: "1900-03-01",
      events: franceInvadesItaly,
      options: { joins: [{ state: "GBR", with: "FRA" }] },
    });
    const britain = r.belligerents.find((b) => code(b.state) === "GBR");
    expect(britain).toMatchObject({ side: "initiator", basis: "scenario", wave: 1, via: null });
    expect(decisionOf(r, "GBR")).toMatchObject([{ decision: "joins", reason: "scenario-joins" }]);
    expect(r.options.joins.map(code)).toEqual(["GBR"]);
  });

  it("a state brought in without a side joins the side it is bound to", () => {
    const r = ask({
      as_of: "1900-03-01",
      events: franceInvadesItaly,
      options: { declines: ["DEU"], joins: ["DEU"] },
    });
    expect(r.belligerents.find((b) => code(b.state) === "DEU")).toMatchObject({
      side: "defender",
      basis: "scenario",
    });
  });

  it("a state brought in with no war to join and no side stays as it was", () => {
    const r = ask({ as_of: "1900-03-01", events: franceInvadesItaly, options: { joins: ["ESP"] } });
    expect(joiners(r)).toEqual(["DEU", AUH]);
  });
});

describe("only automatic obligations lead to joining (an option)", () => {
  // The guarantee of Belgium (Treaty of London 1839, Art. I) is encoded as discretionary.
  const germanyInvadesBelgium = [event("inv", "invasion", "DEU", "BEL", "1914-08-04")];
  const LONDON = "treaty-of-london-1839";

  it("by default the guarantors' discretionary obligation brings them in", () => {
    const r = ask({ as_of: "1914-08-10", events: germanyInvadesBelgium });
    expect(joiners(r)).toEqual(["FRA", "GBR", "RUS"]);
    expect(one(r.obligations, "GBR", "BEL", LONDON, "I").strength).toBe("discretionary");
    expect(r.options.only_automatic).toBe(false);
    expect(r.assumptions.find((a) => a.id === "joining")?.value).toBe("binding-obligations");
  });

  it("with the option they stay out, saying why, and remain bound", () => {
    const r = ask({ as_of: "1914-08-10", events: germanyInvadesBelgium }, { onlyAutomatic: true });
    expect(joiners(r)).toEqual([]);
    expect(decisionOf(r, "GBR")).toMatchObject([{ decision: "stays-out", reason: "discretionary-only" }]);
    expect(one(r.obligations, "GBR", "BEL", LONDON, "I").joins_war).toBe(false);
    expect(r.options.only_automatic).toBe(true);
    expect(r.assumptions.find((a) => a.id === "joining")?.value).toBe("automatic-binding-obligations");
  });

  it("the scenario's own option works as the caller's", () => {
    const r = ask({ as_of: "1914-08-10", events: germanyInvadesBelgium, options: { only_automatic: true } });
    expect(joiners(r)).toEqual([]);
  });

  it("an automatic reading (Britain's of 1914) brings Britain in under the option", () => {
    const r = ask(
      { as_of: "1914-08-10", events: germanyInvadesBelgium },
      { onlyAutomatic: true, readings: [`${LONDON}/guarantee-great-britain/british-1914`] },
    );
    expect(joiners(r)).toEqual(["GBR"]);
    expect(one(r.obligations, "GBR", "BEL", LONDON, "I").strength).toBe("automatic");
  });

  it("a state the scenario brings in joins even on a discretionary obligation", () => {
    const r = ask(
      { as_of: "1914-08-10", events: germanyInvadesBelgium, options: { joins: ["RUS"] } },
      { onlyAutomatic: true },
    );
    expect(joiners(r)).toEqual(["RUS"]);
    expect(decisionOf(r, "RUS")).toMatchObject([{ decision: "joins", reason: "scenario-joins" }]);
  });
});

describe("no war, no joining: a state bound where the events make no war would act", () => {
  it("CST members asked for help against a raid would act; nobody is a belligerent", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        event("strike", "armed-attack", "AZE", "ARM", "2025-05-01"),
        event("ask", "request-for-assistance", "ARM", undefined, "2025-05-02"),
      ],
    });
    expect(r.wars).toEqual([]);
    expect(r.belligerents).toEqual([]);
    expect(decisionOf(r, "RUS")).toMatchObject([{ decision: "would-act", reason: "no-war", war: null }]);
  });
});

describe("a conflict of pledges keeps a state out, and each way out is a contested point", () => {
  it("against its own ally: Arab League members bound to Kuwait owe Iraq the same pledge", () => {
    const r = ask({ as_of: "1990-08-05", events: [event("inv", "invasion", "IRQ", "KWT", "1990-08-02")] });
    expect(joiners(r)).toEqual([]);
    const saudi = decisionOf(r, "SAU")[0];
    expect(saudi).toMatchObject({ decision: "stays-out", reason: "against-own-ally" });
    expect(saudi?.pledges.map((p) => `${p.instrument} ${p.article} ${code(p.toward)} ${p.kind}`)).toEqual([
      `${ARAB} 2 IRQ defence`,
    ]);
    const conflict = r.conflicts.find((c) => c.kind === "against-own-ally" && code(c.state) === "SAU");
    expect(conflict?.obligations.map((o) => `${o.instrument} ${o.article} ${code(o.beneficiary)}`)).toEqual([
      `${ARAB} 2 KWT`,
    ]);
    expect(conflict?.against).toMatchObject({ instrument: ARAB, article: "2", kind: "defence" });
    expect(code(conflict?.against?.toward)).toBe("IRQ");
    // If it honours its pledge to Kuwait, it joins.
    const honour = r.contested.find((c) => c.point.id === `honour:SAU:${ARAB}/2`);
    expect(honour?.point.kind).toBe("honour");
    expect(honour?.joins.map((j) => `${code(j.state)} ${j.main} ${j.alternative}`)).toContain(
      "SAU false true",
    );
  });

  it("bound to both sides: under the territorial reading the US owes ANZUS aid to both Australia and New Zealand", () => {
    const r = ask(
      {
        as_of: "1980-03-01",
        events: australiaAndNewZealandAtWar,
      },
      { general: ["territorial"] },
    );
    const us = decisionOf(r, "USA")[0];
    expect(us).toMatchObject({ decision: "stays-out", reason: "bound-to-both-sides" });
    expect(us?.obligations.map((o) => code(o.beneficiary)).sort()).toEqual(["AUS", "AUS", "NZL", "NZL"]);
    const conflict = r.conflicts.find((c) => c.kind === "bound-to-both-sides" && code(c.state) === "USA");
    expect(conflict?.obligations.map((o) => code(o.beneficiary)).sort()).toEqual([
      "AUS",
      "AUS",
      "NZL",
      "NZL",
    ]);
    expect(joiners(r)).toEqual([]);
    const points = r.contested.filter((c) => c.point.kind === "honour" && code(c.point.state) === "USA");
    expect(points).toHaveLength(2);
    for (const p of points)
      expect(p.joins.map((j) => `${code(j.state)} ${j.alternative}`)).toContain("USA true");
  });
});

describe("more joining", () => {
  it("without a war, acting against a state it owes a pledge still keeps a state back", () => {
    const r = ask({
      as_of: "1990-08-05",
      events: [event("raid", "armed-attack", "IRQ", "KWT", "1990-08-02")],
    });
    expect(decisionOf(r, "SAU")).toMatchObject([
      { decision: "stays-out", reason: "against-own-ally", war: null },
    ]);
    expect(decisionOf(r, "SAU")[0]?.pledges.map((p) => code(p.toward))).toEqual(["IRQ"]);
    expect(
      r.conflicts.some((c) => c.kind === "against-own-ally" && code(c.state) === "SAU" && c.war === null),
    ).toBe(true);
  });

  it("a belligerent bound toward the other side stays where it is, and the conflict is shown", () => {
    const r = saudiArabiaJoinsKuwait();
    expect(r.belligerents.find((b) => code(b.state) === "SAU")).toMatchObject({
      side: "defender",
      basis: "scenario",
    });
    const later = decisionOf(r, "SAU").find((d) => d.reason === "already-at-war");
    expect(later?.decision).toBe("stays-out");
    expect(later?.obligations.map((o) => code(o.beneficiary))).toEqual(["IRQ"]);
    const conflict = r.conflicts.find((c) => c.kind === "bound-to-both-sides" && code(c.state) === "SAU");
    expect(conflict?.obligations.map((o) => code(o.beneficiary))).toEqual(["IRQ"]);
  });

  it("joins given by the caller work as the scenario's do", () => {
    const r = ask(
      { as_of: "1900-03-01", events: franceInvadesItaly },
      { joins: [{ state: "GBR", with: "FRA" }] },
    );
    expect(r.belligerents.find((b) => code(b.state) === "GBR")).toMatchObject({
      side: "initiator",
      basis: "scenario",
    });
  });
});
