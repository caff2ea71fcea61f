// A state kept out by a conflict of pledges is a contested point for each way out: the answer if it honours
// that pledge, resumed from the wave the conflict arose in. Honouring one pledge brings it in on that side.
import { describe, expect, it } from "vitest";
import type { Result } from "../../src/model/result.js";
import { ask, australiaAndNewZealandAtWar, code, event, perTest } from "./world.js";

const ANZUS = "anzus-1951";
const ARAB = "arab-league-joint-defence-1950";

/** Per honour point of a state: the obligors newly bound toward it under an instrument, and who joins. */
function honours(r: Result, state: string, instrument: string) {
  return r.contested
    .filter((c) => c.point.kind === "honour" && code(c.point.state) === state)
    .map((c) => ({
      bound: c.flips
        .filter((f) => f.instrument === instrument && code(f.beneficiary) === state)
        .filter((f) => !f.main.bound && f.alternative.bound)
        .map((f) => code(f.obligor))
        .sort(),
      joins: c.joins.map((j) => `${code(j.state)} ${j.war} ${j.main} ${j.alternative}`),
    }))
    .sort((a, b) => a.bound.join().localeCompare(b.bound.join()));
}

describe("bound to both sides: each side it could honour is its own point", () => {
  // Under the territorial reading the US owes ANZUS aid to both Australia and New Zealand, at war with each other.
  const r = perTest(() =>
    ask(
      {
        as_of: "1980-03-01",
        events: australiaAndNewZealandAtWar,
      },
      { general: ["territorial"] },
    ),
  );

  it("its decision lists each obligation once, those toward one side, then those toward the other", () => {
    const us = r.joining.filter((d) => code(d.state) === "USA");
    expect(us).toMatchObject([{ decision: "stays-out", reason: "bound-to-both-sides" }]);
    const toward = us[0]?.obligations.map((o) => `${code(o.beneficiary)} ${o.instrument}`) ?? [];
    expect([...toward].sort()).toEqual([
      "AUS anzus-1951",
      "AUS seato-1954",
      "NZL anzus-1951",
      "NZL seato-1954",
    ]);
    const sides = toward.map((t) => t.slice(0, 3));
    expect(new Set(sides.slice(0, 2)).size).toBe(1);
    expect(new Set(sides.slice(2)).size).toBe(1);
    expect(sides[0]).not.toBe(sides[2]);
  });

  it("honouring Australia, the US joins and Australia owes it aid; honouring New Zealand, New Zealand does", () => {
    // Art. IV: an armed attack in the Pacific Area on any of the Parties. The US's forces where it goes to
    // defend are struck by the enemy it joins against, never by the partner it defends.
    expect(honours(r, "USA", ANZUS)).toEqual([
      { bound: ["AUS"], joins: ["USA war-1 false true"] },
      { bound: ["NZL"], joins: ["USA war-1 false true"] },
    ]);
  });
});

describe("against its own ally: honouring the pledge to the victim", () => {
  const r = perTest(() =>
    ask({ as_of: "1990-08-05", events: [event("inv", "invasion", "IRQ", "KWT", "1990-08-02")] }),
  );

  it("Saudi Arabia joins Kuwait, and the other Arab League members (not Iraq) then owe it aid", () => {
    const [point] = honours(r, "SAU", ARAB);
    expect(point?.joins).toEqual(["SAU war-1 false true"]);
    expect(point?.bound).toContain("KWT");
    expect(point?.bound).toContain("EGY");
    expect(point?.bound).not.toContain("IRQ");
    expect(point?.bound).not.toContain("SAU");
  });
});

describe("a conflict that arises in a later wave is resumed from that wave", () => {
  // Germany invades Belgium, the war widened to the homelands: France, Britain and Russia join as Belgium's
  // guarantors in wave 1; Russia's blows on Germany then bind Austria-Hungary to Germany (Dual Alliance Art. I)
  // while it is itself a guarantor of Belgium (Treaty of London 1839, Art. I).
  const r = perTest(() =>
    ask(
      {
        as_of: "1914-08-10",
        events: [event("inv", "invasion", "DEU", "BEL", "1914-08-04")],
        theatre: ["homelands"],
      },
      { general: ["territorial"] },
    ),
  );
  const point = (article: string) =>
    r.contested.find((c) => c.point.kind === "honour" && c.point.id === `honour:cow:300:${article}`);

  it("Austria-Hungary is bound to both sides and stays out; the guarantors are in", () => {
    expect(r.joining.filter((d) => code(d.state) === "cow:300")).toMatchObject([
      { decision: "stays-out", reason: "bound-to-both-sides" },
    ]);
    expect(r.belligerents.map((b) => `${code(b.state)}:${b.side}:${b.wave}`)).toEqual([
      "DEU:initiator:0",
      "BEL:defender:0",
      "FRA:defender:1",
      "GBR:defender:1",
      "RUS:defender:1",
    ]);
  });

  it("honouring either pledge brings in Austria-Hungary alone of the powers; the guarantors stay in", () => {
    for (const id of ["treaty-of-london-1839/I", "dual-alliance-1879/I"]) {
      const joins = point(id)?.joins.map((j) => `${code(j.state)} ${j.war} ${j.main} ${j.alternative}`);
      expect(joins, id).toContain("cow:300 war-1 false true");
      for (const s of ["FRA", "GBR", "RUS", "DEU", "BEL"]) expect(joins?.join(), id).not.toContain(s);
    }
  });
});
