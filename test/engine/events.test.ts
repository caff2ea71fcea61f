// The facts of a scenario: which events count on the date, how wars begin and widen, what is an attack,
// and the readings and options a scenario asks for.
import { describe, expect, it } from "vitest";
import { ask, code, event, franceInvadesItaly, obligors, one, rows } from "./world.js";

const sides = (r: ReturnType<typeof ask>) =>
  r.wars.map((w) => w.sides.map((s) => `${code(s.state)}:${s.side}:${s.wave}`));

describe("wars", () => {
  it("a state that attacks a belligerent joins its war on the other side; a belligerent that attacks anew widens it", () => {
    const r = ask({
      as_of: "1939-09-20",
      events: [
        event("inv", "invasion", "DEU", "POL", "1939-09-01"),
        event("sov", "invasion", "RUS", "POL", "1939-09-17"),
        event("dnk", "invasion", "DEU", "DNK", "1939-09-18"),
      ],
    });
    expect(r.wars.map((w) => w.id)).toEqual(["war-1"]);
    expect(sides(r)[0]?.slice(0, 4)).toEqual([
      "DEU:initiator:0",
      "POL:defender:0",
      "RUS:initiator:0",
      "DNK:defender:0",
    ]);
    expect(r.belligerents.filter((b) => b.basis === "event").map((b) => code(b.state))).toEqual([
      "DEU",
      "POL",
      "RUS",
      "DNK",
    ]);
  });

  it("two unrelated wars stay apart, and a second blow between the same states starts nothing new", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        event("a", "invasion", "RUS", "UKR", "2025-01-01"),
        event("b", "invasion", "IND", "PAK", "2025-02-01"),
        event("c", "invasion", "UKR", "RUS", "2025-03-01"),
      ],
    });
    expect(sides(r)).toEqual([
      ["RUS:initiator:0", "UKR:defender:0"],
      ["IND:initiator:0", "PAK:defender:0"],
    ]);
    expect(r.wars.map((w) => `${w.id} ${w.event} ${w.start}`)).toEqual([
      "war-1 a 2025-01-01",
      "war-2 b 2025-02-01",
    ]);
  });

  it("a declaration of war makes a war without an attack; a raid makes none", () => {
    const declared = ask({
      as_of: "1900-03-01",
      events: [event("d", "declaration-of-war", "FRA", "ITA", "1900-02-01")],
    });
    expect(sides(declared)).toEqual([["FRA:initiator:0", "ITA:defender:0"]]);
    const raid = ask({
      as_of: "1900-03-01",
      events: [event("r", "armed-attack", "FRA", "ITA", "1900-02-01")],
    });
    expect(raid.wars).toEqual([]);
  });

  it("events are taken in the order they happened, whatever the order they are listed in", () => {
    const listed = [
      event("back", "armed-attack", "RUS", "EST", "2025-05-01"),
      event("first", "armed-attack", "EST", "RUS", "2025-04-01"),
    ];
    const r = ask({ as_of: "2025-06-01", events: listed });
    expect(rows(r.obligations, "north-atlantic-treaty-1949", "5")).toEqual([]);
    expect(r.violations.map((v) => `${code(v.by)} ${v.event}`)).toEqual(["EST first"]);
  });

  it("events after the date asked about have not happened", () => {
    const r = ask({ as_of: "1900-03-01", events: [event("d", "invasion", "FRA", "ITA", "1900-03-02")] });
    expect(r.wars).toEqual([]);
    expect(r.obligations).toEqual([]);
  });

  it("a war judged not to be one, disputed, is stated as an assumption", () => {
    const r = ask({
      as_of: "1900-03-01",
      events: [
        event("d", "invasion", "FRA", "ITA", "1900-02-01", {
          state_of_war: { value: false, disputed: true },
        }),
      ],
    });
    expect(r.wars).toEqual([]);
    expect(r.assumptions.find((a) => a.id === "d.state_of_war")).toMatchObject({
      value: false,
      disputed: true,
    });
  });
});

describe("what counts as an attack", () => {
  it("an invasion is one; a blockade or a threat is not an armed attack unless judged so", () => {
    const blockade = ask({
      as_of: "2025-06-01",
      events: [event("b", "blockade", "RUS", "EST", "2025-05-01")],
    });
    expect(rows(blockade.obligations, "north-atlantic-treaty-1949", "5")).toEqual([]);
    const judged = ask({
      as_of: "2025-06-01",
      events: [event("b", "blockade", "RUS", "EST", "2025-05-01", { armed_attack: true })],
    });
    expect(obligors(judged.obligations, "north-atlantic-treaty-1949", "5", "EST")).toHaveLength(31);
  });

  it("an event judged no armed attack is still listed as one the clauses were asked about", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [event("b", "armed-attack", "RUS", "EST", "2025-05-01", { armed_attack: false })],
    });
    const row = one(r.not_triggered, "USA", "EST", "north-atlantic-treaty-1949", "5");
    expect(row.unmet.map((c) => `${c.code}:${c.detail}:${c.event}`)).toEqual(["armed-attack:judged:b"]);
  });

  it("an invasion clause needs an invasion: a raid does not do", () => {
    const raid = ask({
      as_of: "2024-12-05",
      events: [event("k", "armed-attack", "UKR", "RUS", "2024-12-01")],
    });
    expect(rows(raid.obligations, "russia-dprk-2024", "4")).toEqual([]);
    const read = ask(
      {
        as_of: "2024-12-05",
        events: [event("k", "armed-attack", "UKR", "RUS", "2024-12-01", { state_of_war: true })],
      },
      { readings: ["russia-dprk-2024/mutual-assistance/invasion-rendering"] },
    );
    const row = one(read.not_triggered, "PRK", "RUS", "russia-dprk-2024", "4");
    expect(row.unmet.map((c) => c.code)).toEqual(["invasion"]);
  });

  it("a place given by coordinates is stated with how it was found", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        event("a", "armed-attack", "CHN", "JPN", "2025-05-01", {
          at: "JPN-SENKAKU",
          at_from: { lat: 25.745, lon: 123.476, via: "near", distance_km: 3 },
        }),
      ],
    });
    expect(r.assumptions.find((x) => x.id === "a.at")).toMatchObject({
      kind: "place-from-coordinates",
      value: "JPN-SENKAKU",
      origin: "derived",
      note: "(25.745, 123.476) near 3 km",
    });
  });

  it("an attack that ended before the date still happened; a transfer that ended is no longer going on", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        event("a", "armed-attack", "RUS", "EST", "2025-04-01", { end: "2025-04-02" }),
        event("t", "arms-transfer", "RUS", undefined, "2025-01-01", { to: "PRK", end: "2025-02-01" }),
      ],
    });
    expect(obligors(r.obligations, "north-atlantic-treaty-1949", "5", "EST")).toHaveLength(31);
    expect(r.violations.filter((v) => v.conduct === "arms-transfer")).toEqual([]);
  });
});

describe("the readings and options a scenario asks for", () => {
  const estoniaFirst = [
    event("first", "armed-attack", "EST", "RUS", "2025-04-01"),
    event("back", "armed-attack", "RUS", "EST", "2025-05-01"),
  ];

  it("a general reading named as the scenario's `reading`, or among its `readings`", () => {
    for (const options of [{ reading: "territorial" }, { readings: ["territorial"] }]) {
      const r = ask({ as_of: "2025-06-01", events: estoniaFirst, options });
      expect(r.general).toEqual(["territorial", "forces-as-the-text-says"]);
      expect(obligors(r.obligations, "north-atlantic-treaty-1949", "5", "EST")).toHaveLength(31);
      expect(r.adopted).toEqual([]);
    }
  });

  it("an instrument reading among the scenario's readings is adopted", () => {
    const r = ask({
      as_of: "1900-03-01",
      events: franceInvadesItaly,
      options: { readings: ["triple-alliance-1882/casus-foederis/one-or-more"] },
    });
    expect(r.adopted).toEqual(["triple-alliance-1882/casus-foederis/one-or-more"]);
    expect(rows(r.obligations, "triple-alliance-1882", "3").length).toBeGreaterThan(0);
  });
});
