// Where the war is: the places attacked and where the scenario stations forces. A joiner's forces are where
// they go to defend, never invented in a partner's homeland; widening to the homelands is the scenario's choice.
import { describe, expect, it } from "vitest";
import { ask, code, conditions, event, franceInvadesItaly, obligors, one, rows } from "./world.js";

const TRIPLE = "triple-alliance-1882";

describe("the theatre by default", () => {
  it("is the places attacked: no attack on Germany's homeland is invented when it joins", () => {
    const r = ask({ as_of: "1900-03-01", events: franceInvadesItaly });
    expect(r.wars[0]?.theatre.map((p) => p.code)).toEqual(["ITA"]);
    expect(r.assumptions.find((a) => a.id === "theatre")).toMatchObject({
      value: "attacked-places",
      origin: "default",
    });
    // Italy owes Germany aid only against an attack on Germany; its forces in Italy are not Germany.
    expect(rows(r.obligations, TRIPLE, "2").filter((x) => x.startsWith("ITA>"))).toEqual([]);
    expect(conditions(one(r.not_triggered, "ITA", "DEU", TRIPLE, "2"))).toEqual([
      "place-:forces-not-covered",
    ]);
  });

  it("a joiner's forces are engaged where it goes to defend, as a stated and contested assumption", () => {
    const r = ask({ as_of: "1900-03-01", events: franceInvadesItaly });
    const row = one(r.not_triggered, "ITA", "DEU", TRIPLE, "2");
    expect(row.unmet[0]).toMatchObject({ place: "ITA", assumption: "war-1.engaged" });
    expect(r.assumptions.find((a) => a.id === "war-1.engaged")).toMatchObject({
      kind: "engagement",
      value: true,
    });
    // Here it changes nothing (Art. II speaks of attacks on Germany itself), so it is no contested point.
    expect(r.contested.some((c) => c.point.kind === "engagement")).toBe(false);
  });

  it("where a clause covers forces, the engagement assumption is a contested point that can undo it", () => {
    // The DPRK invades the ROK (2025): the US joins, its forces engaged in Korea. ANZUS Art. V counts an
    // attack on a party's armed forces in the Pacific, so Australia owes the US help under Art. IV, on that
    // assumption alone.
    const r = ask({ as_of: "2025-06-01", events: [event("inv", "invasion", "PRK", "KOR", "2025-06-01")] });
    expect(one(r.obligations, "AUS", "USA", "anzus-1951", "IV").conditions).toContainEqual(
      expect.objectContaining({ assumption: "war-1.engaged" }),
    );
    const point = r.contested.find((c) => c.point.kind === "engagement" && c.point.id === "engaged");
    const flip = point?.flips.find((f) => code(f.obligor) === "AUS" && code(f.beneficiary) === "USA");
    expect(flip).toMatchObject({ instrument: "anzus-1951", article: "IV" });
    expect([flip?.main.bound, flip?.alternative.bound]).toEqual([true, false]);
  });

  it("an event without a place puts it on the target's own territory, as a stated assumption", () => {
    const r = ask({ as_of: "1900-03-01", events: franceInvadesItaly });
    const assumption = r.assumptions.find((a) => a.id === "inv.place");
    expect(assumption).toMatchObject({ kind: "place-default", value: "ITA", origin: "default" });
    expect(code(assumption?.target)).toBe("ITA");
    const row = one(r.obligations, "DEU", "ITA", TRIPLE, "2");
    expect(row.conditions.find((c) => c.code === "place")).toMatchObject({ assumption: "inv.place" });
  });
});

describe("widening the war to the homelands is the scenario's choice, cited by what depends on it", () => {
  it("with theatre: [homelands], France's war reaches Germany, and Italy owes Germany aid", () => {
    const r = ask({ as_of: "1900-03-01", events: franceInvadesItaly, theatre: ["homelands"] });
    const row = one(r.obligations, "ITA", "DEU", TRIPLE, "2");
    expect(row.conditions.find((c) => c.code === "armed-attack")).toMatchObject({
      met: true,
      detail: "derived",
      assumption: "theatre.homelands",
    });
    expect(r.assumptions.find((a) => a.id === "theatre.homelands")).toMatchObject({ value: "homelands" });
    expect(r.assumptions.find((a) => a.id === "theatre")).toMatchObject({
      value: "homelands",
      origin: "scenario",
    });
    expect(r.wars[0]?.theatre.map((p) => p.code)).toContain("DEU");
  });

  it("a derived blow is an armed attack, never an invasion", () => {
    const r = ask({ as_of: "1900-03-01", events: franceInvadesItaly, theatre: ["homelands"] });
    expect(
      r.obligations.every((o) => o.conditions.every((c) => c.code !== "invasion" || c.detail !== "derived")),
    ).toBe(true);
  });
});

describe("a war's theatre is its own", () => {
  it("an incident outside any war, and forces of a state not in the war, are not in its theatre", () => {
    // The DPRK invades the ROK; the same day China fires on Japanese forces off the Senkakus, judged no state of
    // war; Turkey (in no war here) has forces in Cyprus. The Korean war's theatre is Korea.
    const r = ask({
      as_of: "2025-06-01",
      events: [
        event("inv", "invasion", "PRK", "KOR", "2025-05-01"),
        event("shot", "armed-attack", "CHN", "JPN", "2025-05-01", { at: "JPN-SENKAKU", state_of_war: false }),
      ],
      forces: [{ state: "TUR", at: ["CYP"] }],
    });
    expect(r.wars.map((w) => w.theatre.map((p) => p.code))).toEqual([["KOR"]]);
  });
});

describe("forces the scenario stations abroad", () => {
  it("US forces in Japan, once the US is at war with the DPRK, are in the theatre and bring in Japan", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [event("inv", "invasion", "PRK", "KOR", "2025-05-01")],
      forces: [{ state: "USA", at: ["JPN"] }],
    });
    expect(r.wars[0]?.theatre.map((p) => p.code)).toEqual(["JPN", "KOR"]);
    const row = one(r.obligations, "JPN", "USA", "us-japan-1960", "V");
    expect(row.conditions.find((c) => c.code === "armed-attack")).toMatchObject({
      detail: "derived",
      assumption: "forces.USA",
    });
    expect(r.assumptions.find((a) => a.id === "forces.USA")).toMatchObject({
      value: "stationed",
      origin: "scenario",
    });
    expect(obligors(r.obligations, "us-japan-1960", "V", "USA")).toEqual(["JPN"]);
  });

  it("without them, Japan is not bound", () => {
    const r = ask({ as_of: "2025-06-01", events: [event("inv", "invasion", "PRK", "KOR", "2025-05-01")] });
    expect(rows(r.obligations, "us-japan-1960", "V")).toEqual([]);
  });
});
