import { describe, expect, it } from "vitest";
import { whatIf } from "../src/engine/index.js";
import { Atlas } from "../src/geo/atlas.js";
import type { ActorRef } from "../src/model/common.js";
import type { Scenario } from "../src/model/scenario.js";
import { KOREA_LIBRARY, loadLibrary } from "../src/treaties/load.js";
import { resolvePoints } from "../src/treaties/scenario-file.js";

const { library } = loadLibrary([KOREA_LIBRARY]);
const resolve = (lat: number, lon: number) => Atlas.get().resolve({ lat, lon }, library);
const code = (a: ActorRef) => ("iso3" in a ? a.iso3 : a.id);

describe("coordinates resolve to territories and seas", () => {
  it.each([
    ["the Senkaku Islands (Uotsuri-shima)", 25.745, 123.476, "JPN-SENKAKU"],
    ["Guam (Hagåtña)", 13.4757, 144.7489, "GUM"],
    ["Stanley, Falklands", -51.6977, -57.8517, "FLK"],
    ["Honolulu", 21.3069, -157.8583, "USA-HI"],
    ["Anchorage", 61.2181, -149.9003, "USA-AK"],
    ["Midway Atoll", 28.2072, -177.3735, "UMI-MIDWAY"],
    ["Las Palmas de Gran Canaria", 28.1235, -15.4363, "ESP-CN"],
    ["Ceuta", 35.8894, -5.3213, "ESP-CE"],
    ["San Juan, Puerto Rico", 18.4655, -66.1057, "PRI"],
    ["Seoul", 37.5665, 126.978, "KOR"],
    ["a point in the Sea of Japan", 40.0, 135.0, "sea:sea-of-japan"],
    ["a point in the Mediterranean", 35.0, 18.0, "sea:mediterranean"],
  ])("%s", (_name, lat, lon, expected) => {
    expect(resolve(lat, lon).code).toBe(expected);
  });

  it("knows who administers and who claims the disputed places", () => {
    expect(library.territories.get("JPN-SENKAKU")).toMatchObject({
      administered_by: "JPN",
      claimed_by: ["CHN", "TWN"],
    });
    expect(library.territories.get("FLK")).toMatchObject({ administered_by: "GBR", claimed_by: ["ARG"] });
    expect(library.territories.get("RUS-KURIL-S")).toMatchObject({
      administered_by: "RUS",
      claimed_by: ["JPN"],
    });
    expect(library.administrator("USA-HI")).toBe("USA");
    expect(library.administrator("ESP-CN")).toBe("ESP");
  });

  it("places Hawaii outside and Alaska inside 'North America'", () => {
    expect(library.continentOf("USA-HI")).toBe("oceania");
    expect(library.continentOf("USA-AK")).toBe("north-america");
    expect(library.continentOf("ESP-CE")).toBe("africa");
  });
});

describe("a disputed place gives both answers", () => {
  const scenario: Scenario = resolvePoints(
    {
      title: "China seizes the Senkaku Islands",
      as_of: "2025-06-01",
      events: [
        {
          id: "landing",
          kind: "armed-attack",
          by: "CHN",
          against: "JPN",
          at: { lat: 25.745, lon: 123.476 },
          start: "2025-06-01",
          state_of_war: true,
        },
      ],
    },
    library,
  );
  const r = whatIf(library, scenario);

  it("binds the US under US–Japan Art. V by administration", () => {
    const us = r.obligations.find(
      (o) => code(o.obligor) === "USA" && o.instrument === "us-japan-1960" && o.article === "V",
    );
    expect(us?.strength).toBe("discretionary");
    expect(us?.conditions.find((c) => c.code === "place")).toMatchObject({
      met: true,
      detail: "within-region",
      place: "JPN-SENKAKU",
      region: "japan-administered",
    });
    expect(r.places.find((p) => p.code === "JPN-SENKAKU")?.name).toBe("Senkaku Islands");
    const at = r.assumptions.find((a) => a.id === "landing.at");
    expect(at).toMatchObject({ kind: "place-from-coordinates", places: [{ code: "JPN-SENKAKU" }] });
    expect(at?.note).toMatch(/near [\d.]+ km/);
  });

  it("shows China's sovereignty reading under contested: the US is then not bound", () => {
    const point = r.contested.find(
      (c) => c.point.kind === "sovereignty" && c.point.id === "JPN-SENKAKU.sovereignty.CHN",
    );
    const flip = point?.flips.find((f) => code(f.obligor) === "USA" && f.instrument === "us-japan-1960");
    expect(flip).toMatchObject({
      main: { bound: true, strength: "discretionary", joins: true },
      alternative: { bound: false, unmet: ["place"] },
    });
  });
});

describe("non-state attackers", () => {
  it("an attack by al-Qaeda does not meet a clause that needs an attack by a state", () => {
    const r = whatIf(library, {
      title: "A non-state attack on the ROK",
      as_of: "2025-06-01",
      events: [
        { id: "raid", kind: "armed-attack", by: "actor:al-qaeda", against: "KOR", start: "2025-06-01" },
      ],
    });
    expect(r.obligations.filter((o) => o.kind === "defence")).toEqual([]);
    const unmet = r.not_triggered.find(
      (n) => code(n.obligor) === "USA" && n.instrument === "us-rok-1953" && n.article === "III",
    )?.unmet;
    expect(unmet).toContainEqual(
      expect.objectContaining({
        code: "attacker-state",
        met: false,
        by: { id: "actor:al-qaeda", name: "al-Qaeda" },
      }),
    );
  });
});

describe("NATO Art. 5 and the Art. 6 area (whole library)", () => {
  const world = loadLibrary().library;
  const attackOn = (against: string, lat: number, lon: number, by = "actor:al-qaeda") =>
    whatIf(
      world,
      resolvePoints(
        {
          title: "scope",
          as_of: "2025-06-01",
          events: [
            { id: "strike", kind: "armed-attack", by, against, at: { lat, lon }, start: "2025-06-01" },
          ],
        },
        world,
      ),
    );
  const art5 = (r: ReturnType<typeof whatIf>) =>
    r.obligations.filter((o) => o.instrument === "north-atlantic-treaty-1949" && o.article === "5");
  const art5Unmet = (r: ReturnType<typeof whatIf>) =>
    r.not_triggered
      .filter((n) => n.instrument === "north-atlantic-treaty-1949" && n.article === "5")
      .flatMap((n) => n.unmet);

  it("an attack on the US at Anchorage binds every other member to the US", () => {
    const bound = art5(attackOn("USA", 61.2181, -149.9003));
    const obligors = bound.filter((o) => code(o.beneficiary) === "USA").map((o) => code(o.obligor));
    expect(obligors).toHaveLength(31);
    expect(obligors).toEqual(expect.arrayContaining(["GBR", "FRA", "DEU", "TUR", "FIN", "SWE", "CAN"]));
    expect(bound[0]?.strength).toBe("discretionary");
  });

  it.each([
    ["Honolulu", 21.3069, -157.8583, "Hawaii"],
    ["Midway", 28.2072, -177.3735, "Midway Atoll"],
    ["San Juan", 18.4655, -66.1057, "Puerto Rico"],
  ])("at %s it does not, and says it is outside Art. 6's area", (_name, lat, lon, place) => {
    const r = attackOn("USA", lat, lon);
    expect(art5(r)).toEqual([]);
    expect(art5Unmet(r)[0]).toMatchObject({
      code: "place",
      detail: "outside-region",
      region: "nato-area-1952",
    });
    expect(r.places.find((p) => p.code === art5Unmet(r)[0]?.place)?.name).toBe(place);
  });

  it("an attack on Spain at Las Palmas (Canaries) binds the others; at Ceuta it does not", () => {
    expect(art5(attackOn("ESP", 28.1235, -15.4363, "MAR")).map((o) => code(o.beneficiary))).toContain("ESP");
    const ceuta = attackOn("ESP", 35.8894, -5.3213, "MAR");
    expect(art5(ceuta)).toEqual([]);
    expect(art5Unmet(ceuta)[0]).toMatchObject({ code: "place", detail: "outside-region", place: "ESP-CE" });
  });
});
