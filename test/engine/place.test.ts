// Where the blow fell: the party's territory, the treaty's area (NATO Art. 6), its forces where the text
// names them, and whose territory a disputed place is.
import { describe, expect, it } from "vitest";
import { ask, code, conditions, event, obligors, one, rows } from "./world.js";

const NATO = "north-atlantic-treaty-1949";
const CST = "collective-security-treaty-1992";
const TEU = "teu-art-42-7";

describe("forces: a clause that names forces, one that does not, and one confined to territory", () => {
  const hitFrenchForcesInEstonia = [
    event("a", "armed-attack", "RUS", "FRA", "2025-05-01", { at: "EST", target: "forces" }),
  ];

  it("NATO Art. 5 (with Art. 6) covers forces in the area", () => {
    const r = ask({ as_of: "2025-06-01", events: hitFrenchForcesInEstonia });
    const row = one(r.obligations, "USA", "FRA", NATO, "5");
    const place = row.conditions.find((c) => c.code === "place");
    expect(place).toMatchObject({ met: true, detail: "forces-within-region", place: "EST" });
    expect(place?.region).toMatch(/^nato-area/);
  });

  it("NATO Art. 5 does not cover forces outside the area", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [event("a", "armed-attack", "RUS", "FRA", "2025-05-01", { at: "MLI", target: "forces" })],
    });
    expect(rows(r.obligations, NATO, "5")).toEqual([]);
    expect(conditions(one(r.not_triggered, "USA", "FRA", NATO, "5"))).toEqual([
      "place-:forces-outside-region",
    ]);
  });

  it("TEU Art. 42(7) speaks of territory only: forces abroad are not covered, under any reading", () => {
    for (const general of [[], ["forces-abroad"]]) {
      const r = ask({ as_of: "2025-06-01", events: hitFrenchForcesInEstonia }, { general });
      expect(rows(r.obligations, TEU)).toEqual([]);
      expect(conditions(one(r.not_triggered, "DEU", "FRA", TEU, "42(7)"))).toEqual([
        "place-:forces-not-covered",
      ]);
    }
  });

  const hitRussianForcesInArmenia = [
    event("a", "armed-attack", "AZE", "RUS", "2025-05-01", { at: "ARM", target: "forces" }),
    event("ask", "request-for-assistance", "RUS", undefined, "2025-05-02"),
  ];

  it("CST Art. 4 speaks of the member: forces abroad count only under the forces-abroad reading", () => {
    const r = ask({ as_of: "2025-06-01", events: hitRussianForcesInArmenia });
    expect(rows(r.obligations, CST, "4")).toEqual([]);
    expect(conditions(one(r.not_triggered, "KAZ", "RUS", CST, "4"))).toEqual(["place-:forces-not-covered"]);
    const point = r.contested.find((c) => c.point.id === "forces-abroad");
    expect(point?.point.kind).toBe("general-reading");
    expect(
      point?.flips.some((f) => code(f.obligor) === "KAZ" && f.article === "4" && f.alternative.bound),
    ).toBe(true);

    const read = ask(
      { as_of: "2025-06-01", events: hitRussianForcesInArmenia },
      { general: ["forces-abroad"] },
    );
    const row = one(read.obligations, "KAZ", "RUS", CST, "4");
    expect(row.conditions.find((c) => c.code === "place")).toMatchObject({
      met: true,
      detail: "forces-abroad-reading",
    });
    expect(row.readings).toContain("forces-abroad");
  });

  it("the forces-abroad reading still needs the request CST Art. 4 asks for", () => {
    const r = ask(
      { as_of: "2025-06-01", events: hitRussianForcesInArmenia.slice(0, 1) },
      { general: ["forces-abroad"] },
    );
    expect(conditions(one(r.not_triggered, "KAZ", "RUS", CST, "4"))).toEqual(["request-"]);
  });
});

describe("the treaty area: NATO Art. 6", () => {
  it("Estonia is in the area", () => {
    const r = ask({ as_of: "2025-06-01", events: [event("a", "armed-attack", "RUS", "EST", "2025-05-01")] });
    const row = one(r.obligations, "USA", "EST", NATO, "5");
    expect(row.conditions.find((c) => c.code === "place")).toMatchObject({
      met: true,
      detail: "within-region",
      region: "nato-area-1952",
    });
    expect(r.regions.map((x) => x.id)).toContain("nato-area-1952");
  });

  it("Ceuta is Spanish territory outside it: no Art. 5, while TEU Art. 42(7) binds", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [event("a", "armed-attack", "MAR", "ESP", "2025-05-01", { at: "ESP-CE" })],
    });
    expect(rows(r.obligations, NATO, "5")).toEqual([]);
    const row = one(r.not_triggered, "USA", "ESP", NATO, "5");
    expect(conditions(row)).toEqual(["place-:outside-region"]);
    expect(obligors(r.obligations, TEU, "42(7)", "ESP")).toContain("FRA");
    expect(r.places.map((p) => p.code)).toContain("ESP-CE");
  });

  it("a blow on one state's territory is not an attack on another's", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [event("a", "armed-attack", "RUS", "EST", "2025-05-01", { at: "UKR" })],
    });
    expect(rows(r.obligations, NATO, "5")).toEqual([]);
    expect(conditions(one(r.not_triggered, "USA", "EST", NATO, "5"))).toEqual([
      "place-:not-beneficiary-territory",
    ]);
  });
});

describe("sovereignty readings: a disputed place read by its claimant", () => {
  it("Crimea is administered by Russia; read as Ukraine's, CST Art. 4 falls away", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        event("a", "armed-attack", "UKR", "RUS", "2025-05-01", { at: "UKR-43" }),
        event("ask", "request-for-assistance", "RUS", undefined, "2025-05-02"),
      ],
    });
    expect(obligors(r.obligations, CST, "4", "RUS")).toEqual(["ARM", "BLR", "KAZ", "KGZ", "TJK"]);
    const point = r.contested.find((c) => c.point.id === "UKR-43.sovereignty.UKR");
    expect(point?.point).toMatchObject({ kind: "sovereignty", place: { code: "UKR-43" } });
    expect(code(point?.point.state)).toBe("UKR");
    const flip = point?.flips.find((f) => code(f.obligor) === "KAZ" && f.article === "4");
    expect(flip?.main.bound).toBe(true);
    expect(flip?.alternative).toMatchObject({ bound: false, unmet: ["place"] });
  });

  it("the Senkakus: each claimant's reading is its own point", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [event("a", "armed-attack", "CHN", "JPN", "2025-05-01", { at: "JPN-SENKAKU" })],
    });
    const us = one(r.obligations, "USA", "JPN", "us-japan-1960", "V");
    expect(us.conditions.find((c) => c.code === "place")).toMatchObject({
      met: true,
      detail: "within-region",
    });
    const ids = r.contested.filter((c) => c.point.kind === "sovereignty").map((c) => c.point.id);
    expect(ids.sort()).toEqual(["JPN-SENKAKU.sovereignty.CHN", "JPN-SENKAKU.sovereignty.TWN"]);
  });
});

describe("more places", () => {
  it("a clause that covers forces with no area covers them anywhere (Egypt–Jordan 1967 Art. 1)", () => {
    const r = ask({
      as_of: "1967-06-05",
      events: [event("a", "armed-attack", "ISR", "EGY", "1967-06-05", { at: "JOR", target: "forces" })],
    });
    const row = one(r.obligations, "JOR", "EGY", "egypt-jordan-1967", "1");
    const place = row.conditions.find((c) => c.code === "place");
    expect(place).toMatchObject({ met: true, detail: "forces-within-region" });
    expect(place?.region).toBeUndefined();
  });

  it("under the forces-abroad reading, a clause with an area still needs the forces inside it (US–ROK Art. III)", () => {
    const hit = (at: string) =>
      ask(
        {
          as_of: "2025-06-01",
          events: [event("a", "armed-attack", "CHN", "KOR", "2025-05-01", { at, target: "forces" })],
        },
        { general: ["forces-abroad"] },
      );
    expect(conditions(one(hit("EST").not_triggered, "USA", "KOR", "us-rok-1953", "III"))).toEqual([
      "place-:forces-outside-region",
    ]);
    const inside = one(hit("JPN").obligations, "USA", "KOR", "us-rok-1953", "III");
    expect(inside.conditions.find((c) => c.code === "place")?.detail).toBe("forces-abroad-reading");
  });

  it("of two blows on the same state, the one a clause covers decides it", () => {
    const r = ask(
      {
        as_of: "2025-06-01",
        events: [
          event("a", "armed-attack", "RUS", "KOR", "2025-05-01", { at: "EST", target: "forces" }),
          event("b", "armed-attack", "CHN", "KOR", "2025-05-01", { at: "JPN", target: "forces" }),
        ],
      },
      { general: ["forces-abroad"] },
    );
    const row = one(r.obligations, "USA", "KOR", "us-rok-1953", "III");
    expect(row.against.map(code)).toEqual(["CHN"]);
    expect(row.event).toBe("b");
  });

  it("a clause on any party's territory: an attack on US forces' host, Japan, binds Japan to the US (US–Japan Art. V)", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [event("a", "armed-attack", "CHN", "USA", "2025-05-01", { at: "JPN" })],
    });
    const row = one(r.obligations, "JPN", "USA", "us-japan-1960", "V");
    expect(row.conditions.find((c) => c.code === "place")).toMatchObject({
      met: true,
      detail: "within-region",
    });
    const korea = ask({
      as_of: "2025-06-01",
      events: [event("b", "armed-attack", "PRK", "USA", "2025-05-01", { at: "KOR" })],
    });
    expect(conditions(one(korea.not_triggered, "JPN", "USA", "us-japan-1960", "V"))).toEqual([
      "place-:not-party-territory",
    ]);
  });
});
