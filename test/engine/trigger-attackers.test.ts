// Among several blows at one party, a clause answers those by the attackers it covers: Dual Alliance Art. I
// (Russia), Art. II's neutrality (another Power, not Russia) and Art. II's assistance (another Power supported
// by Russia). Each obligation is owed against the attackers its clause covers, and no other.
import { describe, expect, it } from "vitest";
import { ask, code, conditions, event, one, perTest } from "./world.js";

const DUAL = "dual-alliance-1879";
const AUH = "cow:300";

describe("Dual Alliance: Austria-Hungary struck by Russia, a non-state actor, France, and Britain backed by Russia", () => {
  const r = perTest(() =>
    ask({
      as_of: "1900-03-01",
      events: [
        event("r", "armed-attack", "RUS", AUH, "1900-01-01"),
        event("n", "armed-attack", "actor:al-qaeda", AUH, "1900-01-02"),
        event("f", "armed-attack", "FRA", AUH, "1900-02-01"),
        event("g", "armed-attack", "GBR", AUH, "1900-02-02", { supported_by: ["RUS"] }),
      ],
    }),
  );
  const row = (provision: string) =>
    one(r.obligations, "DEU", AUH, DUAL, provision === "assistance-against-russia" ? "I" : "II", provision);
  const against = (provision: string) => row(provision).against.map(code).sort();

  it("Art. I (attacked by Russia) is owed against Russia alone", () => {
    expect(against("assistance-against-russia")).toEqual(["RUS"]);
    expect(conditions(row("assistance-against-russia"))).toContain("attacker-named+");
  });

  it("Art. II's neutrality ('another Power') is owed against the states other than Russia", () => {
    expect(against("benevolent-neutrality")).toEqual(["FRA", "GBR"]);
    const c = row("benevolent-neutrality").conditions;
    expect(c.find((x) => x.code === "attacker-state")).toMatchObject({
      met: true,
      because: "be attacked by another Power",
    });
    expect(c.find((x) => x.code === "attacker-excluded")).toMatchObject({
      met: true,
      because: "be attacked by another Power",
    });
    expect(c.find((x) => x.code === "attacker-excluded")?.states?.map(code)).toEqual(["RUS"]);
  });

  it("Art. II's assistance is owed against the attacker Russia supports", () => {
    expect(against("assistance-if-supported-by-russia")).toEqual(["GBR"]);
    const c = row("assistance-if-supported-by-russia").conditions;
    expect(c.find((x) => x.code === "supported-by")).toMatchObject({
      met: true,
      because: "the attacking party in such a case be supported by Russia",
    });
  });
});

describe("one war's blows at Germany's homeland by France and Russia (theatre: homelands), answered clause by clause", () => {
  const r = perTest(() =>
    ask({
      as_of: "1900-03-01",
      theatre: ["homelands"],
      events: [
        event("inv", "invasion", "FRA", "ITA", "1900-02-01"),
        event("rus", "invasion", "RUS", "ITA", "1900-02-02"),
      ],
    }),
  );
  const against = (obligor: string, instrument: string, article: string, provision: string) =>
    one(r.obligations, obligor, "DEU", instrument, article, provision).against.map(code).sort();

  it("each clause is owed against the attackers it covers", () => {
    expect(against(AUH, DUAL, "I", "assistance-against-russia")).toEqual(["RUS"]);
    expect(against(AUH, DUAL, "II", "benevolent-neutrality")).toEqual(["FRA"]);
    expect(against("ITA", "triple-alliance-1882", "2", "italy-aid-germany-against-france")).toEqual(["FRA"]);
    expect(against("ITA", "triple-alliance-1882", "3", "casus-foederis")).toEqual(["FRA", "RUS"]);
  });

  it("the victim test and the state of war cite the clause's own words", () => {
    const two = one(
      r.obligations,
      "ITA",
      "DEU",
      "triple-alliance-1882",
      "2",
      "italy-aid-germany-against-france",
    );
    expect(two.conditions.find((c) => c.code === "victim")).toMatchObject({
      met: true,
      detail: "text",
      because: "any aggression without direct provocation by France against Germany",
    });
    const three = one(r.obligations, "ITA", "DEU", "triple-alliance-1882", "3", "casus-foederis");
    expect(three.conditions.find((c) => c.code === "state-of-war")).toMatchObject({
      met: true,
      because: "to be engaged in a war",
    });
  });
});
