// More of the answer's contract: the events it answers, the order of its lists, what it says of
// instruments not in force, and the fields of its contested points.
import { describe, expect, it } from "vitest";
import { ask, code, event, one } from "./world.js";

const franceInvadesItaly = [
  event("inv", "invasion", "FRA", "ITA", "1900-02-01", { description: "over the Alps" }),
];

describe("the events and lists of an answer", () => {
  it("names the events it answers, as the scenario gives them", () => {
    const r = ask({
      as_of: "1900-03-01",
      events: [
        ...franceInvadesItaly,
        event("ask", "request-for-assistance", "ITA", undefined, "1900-02-02", { to: "DEU" }),
      ],
    });
    expect(r.events).toEqual([
      {
        id: "inv",
        kind: "invasion",
        by: { iso3: "FRA", cow: 220, name: "France" },
        against: { iso3: "ITA", cow: 325, name: "Italy" },
        to: null,
        start: "1900-02-01",
        description: "over the Alps",
      },
      {
        id: "ask",
        kind: "request-for-assistance",
        by: { iso3: "ITA", cow: 325, name: "Italy" },
        against: null,
        to: { iso3: "DEU", cow: 255, name: "Germany" },
        start: "1900-02-02",
        description: null,
      },
    ]);
  });

  it("lists obligations by wave, then by obligor and beneficiary", () => {
    const r = ask({ as_of: "1900-03-01", events: franceInvadesItaly });
    const waves = r.obligations.map((o) => o.wave);
    expect(waves).toEqual([...waves].sort((a, b) => a - b));
    expect(waves[0]).toBe(1);
    expect(waves.at(-1)).toBe(2);
    const first = r.obligations
      .filter((o) => o.wave === 1)
      .map((o) => `${code(o.obligor)}>${code(o.beneficiary)}`);
    expect(first).toEqual([...first].sort((a, b) => a.localeCompare(b)));
  });

  it("commitments carry their wave and legal force", () => {
    const r = ask({ as_of: "2025-06-01", events: [event("inv", "invasion", "PRK", "KOR", "2025-05-01")] });
    const row = one(r.commitments, "NZL", "KOR", "joint-declaration-sixteen-1953", "warning");
    expect(row).toMatchObject({ wave: 1, legal_force: "political", kind: "defence" });
  });

  it("a signed instrument's clauses that would not bind are listed with it", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [event("a", "threat-of-attack", "ISR", "IRN", "2025-05-01")],
    });
    const pending = r.not_in_force.find((n) => n.instrument === "russia-iran-2025");
    expect(pending).toMatchObject({ title: expect.stringMatching(/Russia|Iran/), signed: "2025-01-17" });
    expect(pending?.would_bind).toEqual([]);
    expect(
      pending?.not_triggered.map((n) => `${code(n.obligor)}>${code(n.beneficiary)} ${n.article}`),
    ).toContain("RUS>IRN 3(3)");
  });

  it("an ended instrument says why it ended", () => {
    const r = ask({ as_of: "2025-06-01", events: [event("a", "armed-attack", "KOR", "PRK", "2025-05-01")] });
    const ended = r.not_in_force.find((n) => n.instrument === "russia-dprk-2000");
    expect(ended).toMatchObject({ status: "terminated", terminated: "2024-12-04", signed: "2000-02-09" });
    expect(ended?.termination_reason).toEqual(expect.any(String));
  });
});

describe("the fields of contested points", () => {
  it("the other reading of who is owed: its id, reading and holders, under the main reading", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        event("first", "armed-attack", "EST", "RUS", "2025-04-01"),
        event("back", "armed-attack", "RUS", "EST", "2025-05-01"),
      ],
    });
    const point = r.contested[0];
    expect(point?.point).toEqual({
      kind: "general-reading",
      id: "territorial",
      ref: "territorial",
      adopted: false,
      state: null,
      place: null,
      instrument: null,
      held_by: [],
    });
    expect(point?.under).toBe("victim");
    expect(point?.flips[0]).toMatchObject({ instrument: expect.any(String), kind: expect.any(String) });
  });

  it("the honour points of a conflict are shown under the main reading only", () => {
    const r = ask({ as_of: "1990-08-05", events: [event("inv", "invasion", "IRQ", "KWT", "1990-08-02")] });
    const honour = r.contested.filter((c) => c.point.kind === "honour");
    expect(honour.length).toBeGreaterThan(0);
    expect(new Set(honour.map((c) => c.under))).toEqual(new Set(["victim"]));
    expect(honour[0]?.point).toMatchObject({ instrument: "arab-league-joint-defence-1950", adopted: false });
    expect(honour[0]?.point.ref).toMatch(/\|arab-league-joint-defence-1950\|2\|/);
  });

  it("a characterisation point names the state it concerns and who holds the other view", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        event("s", "armed-attack", "KOR", "PRK", "2025-05-01", {
          state_of_war: { value: false, disputed: true, held_by: ["DPRK"] },
        }),
      ],
    });
    const point = r.contested.find((c) => c.point.id === "s.state_of_war");
    expect(point?.point).toMatchObject({
      kind: "characterisation",
      ref: "s.state_of_war",
      held_by: ["DPRK"],
    });
    expect(code(point?.point.state)).toBe("PRK");
    expect(r.assumptions.find((a) => a.id === "s.state_of_war")).toMatchObject({
      disputed: true,
      held_by: ["DPRK"],
    });
  });
});
