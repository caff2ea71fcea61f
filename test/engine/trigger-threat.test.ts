// The threat-of-attack trigger (and Budapest para 4's nuclear one): whose threat counts, an attack as more
// than a threat, blows at forces abroad, the judgement read the other way, and the conditions that follow.
import { describe, expect, it } from "vitest";
import { ask, code, conditions, event, one, perTest, rows } from "./world.js";

const BUDAPEST = "budapest-memorandum-1994";
const NATO = "north-atlantic-treaty-1949";
const ARAB = "arab-league-joint-defence-1950";
const TRIPLE = "triple-alliance-1882";
const AUH = "cow:300";
const at = "2025-06-01";

describe("Budapest para 6: consult when Ukraine is threatened (by anyone)", () => {
  const threat = perTest(() =>
    ask({ as_of: at, events: [event("t", "threat-of-attack", "RUS", "UKR", "2025-05-01")] }),
  );

  it("a Russian threat to Ukraine binds the other guarantors, not Russia itself", () => {
    expect(rows(threat.commitments, BUDAPEST, "6")).toEqual(["GBR>UKR 6", "USA>UKR 6"]);
    const row = one(threat.commitments, "GBR", "UKR", BUDAPEST, "6");
    expect(row.conditions[0]).toMatchObject({ code: "threat", met: true, detail: "judged", event: "t" });
    expect(code(row.conditions[0]?.by)).toBe("RUS");
    expect(code(row.conditions[0]?.state)).toBe("UKR");
    expect(row.conditions[0]?.assumption).toBe("t.threat");
    expect(row.against.map(code)).toEqual(["RUS"]);
    expect(row.event).toBe("t");
  });

  it("a threat to another state is no threat to Ukraine", () => {
    const r = ask({ as_of: at, events: [event("t", "threat-of-attack", "RUS", "POL", "2025-05-01")] });
    expect(rows(r.commitments, BUDAPEST, "6")).toEqual([]);
  });

  it("a threat judged no threat names the judgement read the other way", () => {
    const r = ask({
      as_of: at,
      events: [event("t", "threat-of-attack", "RUS", "UKR", "2025-05-01", { threat: false })],
    });
    expect(rows(r.commitments, BUDAPEST, "6")).toEqual([]);
    const row = one(r.not_triggered, "USA", "UKR", BUDAPEST, "6");
    expect(conditions(row)).toEqual(["threat-:judged"]);
    expect(row.unmet[0]).toMatchObject({ event: "t", assumption: "t.threat" });
    expect(code(row.unmet[0]?.by)).toBe("RUS");
    expect(row.unmet).toHaveLength(1);
  });

  it("an armed attack is more than a threat, but the attacker is never its own obligor", () => {
    const r = ask({ as_of: at, events: [event("a", "armed-attack", "RUS", "UKR", "2025-05-01")] });
    expect(rows(r.commitments, BUDAPEST, "6")).toEqual(["GBR>UKR 6", "USA>UKR 6"]);
    const row = one(r.commitments, "USA", "UKR", BUDAPEST, "6");
    expect(row.conditions[0]).toMatchObject({
      code: "threat",
      met: true,
      detail: "attack-more-than-threat",
      event: "a",
      assumption: "a.armed_attack",
    });
    expect(row.against.map(code)).toEqual(["RUS"]);
  });

  it("a strike judged no armed attack is no threat either", () => {
    const r = ask({
      as_of: at,
      events: [event("a", "armed-attack", "RUS", "UKR", "2025-05-01", { armed_attack: false })],
    });
    expect(rows(r.commitments, BUDAPEST, "6")).toEqual([]);
    expect(conditions(one(r.not_triggered, "GBR", "UKR", BUDAPEST, "6"))).toEqual(["threat-:judged"]);
  });
});

describe("a blow at forces abroad threatens the party only under the forces-abroad reading", () => {
  const events = [event("a", "armed-attack", "RUS", "UKR", "2025-05-01", { at: "MDA", target: "forces" })];

  it("Budapest para 6 (silent on forces): not by default, and the reading is contested", () => {
    const r = ask({ as_of: at, events });
    expect(rows(r.commitments, BUDAPEST, "6")).toEqual([]);
    expect(one(r.not_triggered, "GBR", "UKR", BUDAPEST, "6").unmet[0]).toMatchObject({
      code: "threat",
      met: false,
    });
    const point = r.contested.find((c) => c.point.id === "forces-abroad");
    expect(point?.flips.some((f) => f.instrument === BUDAPEST && f.article === "6")).toBe(true);
  });

  it("Budapest para 6 under the forces-abroad reading: the attack is more than a threat", () => {
    const r = ask({ as_of: at, events }, { general: ["forces-abroad"] });
    expect(rows(r.commitments, BUDAPEST, "6")).toEqual(["GBR>UKR 6", "USA>UKR 6"]);
  });

  it("NATO Art. 4 turns on a party's own opinion: a blow at its forces anywhere lets it call", () => {
    const r = ask({
      as_of: at,
      events: [event("a", "armed-attack", "RUS", "FRA", "2025-05-01", { at: "MLI", target: "forces" })],
    });
    const row = one(r.available, "USA", "FRA", NATO, "4");
    expect(conditions(row)).toEqual(["threat+:attack-more-than-threat", "call-"]);
    // The words of the clause that the threat rests on.
    expect(row.conditions[0]?.because).toBe("is threatened");
  });
});

describe("the conditions a threat carries", () => {
  it("Arab League Art. 3: consultation waits for a request; concerted measures do not", () => {
    const t = event("t", "threat-of-attack", "ISR", "EGY", "2025-05-01");
    const r = ask({ as_of: at, events: [t] });
    expect(conditions(one(r.not_triggered, "JOR", "EGY", ARAB, "3", "consult-on-request"))).toEqual([
      "request-",
    ]);
    expect(conditions(one(r.obligations, "JOR", "EGY", ARAB, "3", "concert-defensive-measures"))).toEqual([
      "threat+:judged",
    ]);
    const asked = ask({
      as_of: at,
      events: [t, event("ask", "request-for-assistance", "EGY", undefined, "2025-05-02")],
    });
    const row = one(asked.obligations, "JOR", "EGY", ARAB, "3", "consult-on-request");
    expect(conditions(row)).toEqual(["threat+:judged", "request+"]);
    expect(row.conditions[1]).toMatchObject({ event: "ask", because: "بناء على طلب إحداها" });
  });

  it("Triple Alliance Art. V: a threat from a party itself is not from outside", () => {
    const r = ask({
      as_of: "1900-03-01",
      events: [event("t", "threat-of-attack", "ITA", AUH, "1900-02-01")],
    });
    const row = one(r.not_triggered, "DEU", AUH, TRIPLE, "5");
    expect(conditions(row)).toEqual(["external-"]);
    const outside = ask({
      as_of: "1900-03-01",
      events: [event("t", "threat-of-attack", "RUS", AUH, "1900-02-01")],
    });
    expect(conditions(one(outside.obligations, "DEU", AUH, TRIPLE, "5"))).toEqual([
      "threat+:judged",
      "attacker-state+",
      "external+",
    ]);
  });
});

describe("a disputed judgement of a threat is a contested point that flips the clause", () => {
  it("a disputed threat to Ukraine flips Budapest para 6", () => {
    const r = ask({
      as_of: at,
      events: [
        event("t", "threat-of-attack", "RUS", "UKR", "2025-05-01", {
          threat: { value: false, disputed: true },
        }),
      ],
    });
    expect(rows(r.commitments, BUDAPEST, "6")).toEqual([]);
    const point = r.contested.find((c) => c.point.id === "t.threat");
    expect(point?.flips.some((f) => f.instrument === BUDAPEST && f.article === "6")).toBe(true);
  });

  it("a disputed armed attack flips Budapest para 6 through the attack that is more than a threat", () => {
    const r = ask({
      as_of: at,
      events: [
        event("a", "armed-attack", "RUS", "UKR", "2025-05-01", {
          armed_attack: { value: false, disputed: true },
        }),
      ],
    });
    const point = r.contested.find((c) => c.point.id === "a.armed_attack");
    expect(point?.flips.some((f) => f.instrument === BUDAPEST && f.article === "6")).toBe(true);
  });
});

describe("Budapest para 4: a threat of aggression in which nuclear weapons are used", () => {
  const nuclearThreat = (by: string, against: string, more = {}) =>
    ask({
      as_of: at,
      events: [event("t", "threat-of-attack", by, against, "2025-05-01", { nuclear: true, ...more })],
    });

  it("a Russian nuclear threat to Ukraine: judged, resting on the nuclear judgement, owed against Russia", () => {
    const r = nuclearThreat("RUS", "UKR");
    const row = one(r.commitments, "GBR", "UKR", BUDAPEST, "4");
    expect(conditions(row)).toEqual(["nuclear+:judged", "attacker-state+"]);
    expect(row.conditions[0]).toMatchObject({ event: "t", assumption: "t.nuclear" });
    expect(code(row.conditions[0]?.by)).toBe("RUS");
    expect(row.against.map(code)).toEqual(["RUS"]);
    expect(row.event).toBe("t");
  });

  it("a nuclear threat to Poland is none to Ukraine, nor is Ukraine's own threat to Russia", () => {
    const r = ask({
      as_of: at,
      events: [
        event("t", "threat-of-attack", "RUS", "POL", "2025-05-01", { nuclear: true }),
        event("u", "threat-of-attack", "UKR", "RUS", "2025-05-01"),
      ],
    });
    expect(rows(r.commitments, BUDAPEST, "4")).toEqual([]);
    expect(rows(r.commitments, BUDAPEST, "6")).toEqual([]);
    const row = one(r.not_triggered, "GBR", "UKR", BUDAPEST, "6");
    expect(conditions(row)).toEqual(["threat-:none"]);
    expect(row.unmet[0]?.event).toBeUndefined();
  });

  it("a nuclear threat by a non-state actor is not by 'any state'", () => {
    const r = nuclearThreat("actor:al-qaeda", "UKR");
    expect(rows(r.commitments, BUDAPEST, "4")).toEqual([]);
    expect(conditions(one(r.not_triggered, "GBR", "UKR", BUDAPEST, "4"))).toEqual(["attacker-state-"]);
  });

  it("a disputed nuclear judgement flips para 4", () => {
    const r = nuclearThreat("RUS", "UKR", { nuclear: { value: false, disputed: true } });
    expect(rows(r.commitments, BUDAPEST, "4")).toEqual([]);
    const point = r.contested.find((c) => c.point.id === "t.nuclear");
    expect(point?.flips.some((f) => f.instrument === BUDAPEST && f.article === "4")).toBe(true);
  });
});
