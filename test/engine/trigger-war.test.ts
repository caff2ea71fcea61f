// The state-of-war trigger (the partner "involved in war" with a Power the clause covers) and the
// mobilisation trigger (Franco-Russian convention Art. 2).
import { describe, expect, it } from "vitest";
import { ask, code, conditions, event, one, rows } from "./world.js";

const TRIPLE = "triple-alliance-1882";
const MOLOTOV = "molotov-ribbentrop-1939";
const FRANCO_RUSSIAN = "franco-russian-alliance-1894";

describe("Triple Alliance Art. IV: neutrality when a partner is at war with a Great Power, not Britain", () => {
  it("at war with France and Britain: owed against France only, the war naming both enemies", () => {
    const r = ask({
      as_of: "1900-03-01",
      events: [
        event("fra", "invasion", "FRA", "DEU", "1900-02-01"),
        event("gbr", "invasion", "GBR", "DEU", "1900-02-02"),
      ],
    });
    const row = one(r.obligations, "ITA", "DEU", TRIPLE, "4");
    expect(row.against.map(code)).toEqual(["FRA"]);
    const war = row.conditions.find((c) => c.code === "state-of-war");
    expect(war).toMatchObject({
      met: true,
      war: "war-1",
      date: "1900-02-01",
      assumption: "fra.state_of_war",
    });
    expect(war?.states?.map(code).sort()).toEqual(["FRA", "GBR"]);
    expect(code(war?.state)).toBe("DEU");
  });

  it("at war with Britain alone: not owed", () => {
    const r = ask({ as_of: "1900-03-01", events: [event("gbr", "invasion", "GBR", "DEU", "1900-02-01")] });
    expect(rows(r.obligations, TRIPLE, "4")).toEqual([]);
    expect(conditions(one(r.not_triggered, "ITA", "DEU", TRIPLE, "4"))).toEqual(["attacker-excluded-"]);
  });
});

describe("Molotov-Ribbentrop Art. II: no support for a third Power making war on the partner", () => {
  it("France's war on Germany binds the Soviet Union, citing 'war-like acts'", () => {
    const r = ask({ as_of: "1939-10-01", events: [event("fra", "invasion", "FRA", "DEU", "1939-09-03")] });
    const row = one(r.obligations, "RUS", "DEU", MOLOTOV, "II");
    expect(row.against.map(code)).toEqual(["FRA"]);
    expect(row.event).toBe("war-1");
    expect(row.conditions.find((c) => c.code === "state-of-war")).toMatchObject({
      met: true,
      because: "war-like acts",
    });
  });

  it("a partner that fights Germany itself is not bound by Germany's war", () => {
    const r = ask({
      as_of: "1939-10-01",
      events: [
        event("fra", "invasion", "FRA", "DEU", "1939-09-03"),
        event("sun", "invasion", "RUS", "DEU", "1939-09-17"),
      ],
    });
    expect(rows(r.obligations, MOLOTOV, "II")).not.toContain("RUS>DEU II");
    const row = one(r.not_triggered, "RUS", "DEU", MOLOTOV, "II");
    expect(row.unmet[0]).toMatchObject({ code: "state-of-war", met: false });
    expect(code(row.unmet[0]?.state)).toBe("DEU");
  });
});

describe("Franco-Russian convention Art. 2: mobilisation answers a Triple Alliance Power's mobilisation", () => {
  it("Germany mobilises: France and Russia mobilise, against Germany", () => {
    const r = ask({
      as_of: "1900-03-01",
      events: [event("m", "mobilisation", "DEU", undefined, "1900-02-01")],
    });
    const row = one(r.obligations, "FRA", "RUS", FRANCO_RUSSIAN, "2");
    expect(row.against.map(code)).toEqual(["DEU"]);
    expect(row.event).toBe("m");
    expect(row.conditions[0]).toMatchObject({ code: "mobilisation", met: true, event: "m" });
    expect(code(row.conditions[0]?.by)).toBe("DEU");
  });

  it("a German invasion is no mobilisation", () => {
    const r = ask({ as_of: "1900-03-01", events: [event("i", "invasion", "DEU", "BEL", "1900-02-01")] });
    expect(rows(r.obligations, FRANCO_RUSSIAN, "2")).toEqual([]);
  });
});
