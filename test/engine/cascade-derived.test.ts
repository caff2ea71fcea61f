// What a joiner's entry brings: once it is at war its enemies' blows are derived where the scenario widens the
// war, and those blows can bind further states in the next wave. Without a war nobody joins, and an option
// that takes only automatic obligations leaves no decision at all to a state bound only at its discretion.
import { describe, expect, it } from "vitest";
import { ask, code, conditions, decisionOf, event, franceInvadesItaly, one, perTest } from "./world.js";

const FRANCO_RUSSIAN = "franco-russian-alliance-1894";

describe("a joiner's blows on an enemy's homeland, when the war is widened to the homelands", () => {
  // Under the territorial reading the victim is the state attacked on its territory, whoever began the war.
  const r = perTest(() =>
    ask(
      { as_of: "1900-03-01", events: franceInvadesItaly, theatre: ["homelands"] },
      { general: ["territorial"] },
    ),
  );

  it("Germany, once in Italy's war, strikes France: Russia is bound by Art. 1 from wave 2 and joins France", () => {
    // Art. 1: if France is attacked by Germany, Russia shall employ all its available forces against Germany.
    const row = one(r.obligations, "RUS", "FRA", FRANCO_RUSSIAN, "1", "russia-for-france");
    expect(row.wave).toBe(2);
    expect(row.conditions.find((c) => c.code === "armed-attack")).toMatchObject({
      met: true,
      detail: "derived",
      assumption: "theatre.homelands",
    });
    expect(r.belligerents.find((b) => code(b.state) === "RUS")).toMatchObject({
      war: "war-1",
      side: "initiator",
      wave: 2,
      basis: "obligation",
    });
    expect(decisionOf(r, "RUS")).toMatchObject([{ decision: "joins", reason: "binding-obligation" }]);
  });

  it("the second case of Art. 1, Italy supported by Germany, is not met: Germany strikes on its own", () => {
    const other = r.not_triggered.filter(
      (o) => code(o.obligor) === "RUS" && code(o.beneficiary) === "FRA" && o.article === "1",
    );
    expect(other.map((o) => conditions(o))).toEqual([["supported-by-"]]);
  });
});

describe("without a war", () => {
  const raid = [event("s", "armed-attack", "IDN", "AUS", "1980-01-01")];

  it("the states bound at their discretion to the one attacked would act; nobody joins", () => {
    const r = ask({ as_of: "1980-03-01", events: raid });
    expect(r.wars).toEqual([]);
    expect(decisionOf(r, "USA")).toMatchObject([{ decision: "would-act", reason: "no-war", war: null }]);
    expect(decisionOf(r, "USA")[0]?.obligations.map((o) => o.instrument)).toEqual([
      "anzus-1951",
      "seato-1954",
    ]);
  });

  it("taking only automatic obligations, a state bound only at its discretion has no decision to make", () => {
    const r = ask({ as_of: "1980-03-01", events: raid }, { onlyAutomatic: true });
    expect(r.joining).toEqual([]);
  });
});

describe("a place the scenario adds to the theatre is struck as its administrator's territory", () => {
  const r = perTest(() =>
    ask({ as_of: "1900-03-01", events: franceInvadesItaly, theatre: ["FRA"] }, { general: ["territorial"] }),
  );

  it("France in the theatre: Germany's blows there bind Russia, citing that place", () => {
    const row = one(r.obligations, "RUS", "FRA", FRANCO_RUSSIAN, "1", "russia-for-france");
    expect(row.wave).toBe(2);
    expect(row.conditions.find((c) => c.code === "armed-attack")).toMatchObject({
      met: true,
      detail: "derived",
      assumption: "theatre.FRA",
    });
  });

  it("Germany's homeland is not in it: Italy owes Germany no aid against France", () => {
    expect(
      r.obligations.filter(
        (o) => code(o.obligor) === "ITA" && code(o.beneficiary) === "DEU" && o.article === "2",
      ),
    ).toEqual([]);
  });
});
