// A contested point is worked out by patching the main answer where it can. Whatever it shows must be what a
// full what-if under the alternative configuration answers: who is bound, how strongly, against whom, who joins.
import { describe, expect, it } from "vitest";
import type { WhatIfOptions } from "../../src/engine/index.js";
import type { Result } from "../../src/model/result.js";
import type { Event } from "../../src/model/scenario.js";
import { joinersOf, NOT_BOUND, rowKey, type Stand, standOf, stands } from "./stands.js";
import { ask, australiaAndNewZealandAtWar, code, event, franceInvadesItaly, one } from "./world.js";

/** The contested point of `main` with this id, checked flip by flip against the full answer `alternative`. */
function agrees(main: Result, alternative: Result, id: string): void {
  const under = main.general.find((g) => g === "victim" || g === "territorial");
  const point = main.contested.find((c) => c.point.id === id && c.under === under);
  expect(point, `contested point ${id} under ${under}`).toBeDefined();
  if (!point) return;
  const before = stands(main);
  const after = stands(alternative);
  const shown = new Map<string, { main: Stand; alternative: Stand }>();
  for (const f of point.flips) {
    const key = rowKey(f);
    shown.set(key, { main: standOf(f.main), alternative: standOf(f.alternative) });
    expect(standOf(f.main), `${key} in the main answer`).toEqual(before.get(key) ?? NOT_BOUND);
    expect(standOf(f.alternative), `${key} in the full alternative answer`).toEqual(
      after.get(key) ?? NOT_BOUND,
    );
  }
  // And nothing that changes is left out.
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const x = before.get(key) ?? NOT_BOUND;
    const y = after.get(key) ?? NOT_BOUND;
    if (JSON.stringify(x) !== JSON.stringify(y))
      expect(shown.has(key), `${key} changes and is shown`).toBe(true);
  }
  const a = joinersOf(main);
  const b = joinersOf(alternative);
  const changed = [...new Set([...a, ...b])].filter((k) => a.has(k) !== b.has(k)).sort();
  expect(point.joins.map((j) => `${code(j.state)}|${j.war}`).sort()).toEqual(changed);
  for (const j of point.joins) expect(j.alternative).toBe(b.has(`${code(j.state)}|${j.war}`));
}

function compare(
  id: string,
  as_of: string,
  events: Event[],
  alternative: WhatIfOptions,
  altEvents: Event[] = events,
  main: WhatIfOptions = {},
) {
  const r = ask({ as_of, events }, main);
  const alt = ask({ as_of, events: altEvents }, { ...main, ...alternative });
  agrees(r, alt, id);
  return r.contested.find((c) => c.point.id === id);
}

describe("contested flips agree with a full what-if under the alternative", () => {
  it("an instrument reading that drops a condition (Triple Alliance Art. III, one or more)", () => {
    const key = "triple-alliance-1882/casus-foederis/one-or-more";
    const point = compare(key, "1900-03-01", franceInvadesItaly, {
      readings: [key],
    });
    expect(point?.flips.length).toBeGreaterThan(0);
  });

  it("an instrument reading that changes strength (TEU Art. 42(7) for neutral states)", () => {
    const key = "teu-art-42-7/aid-and-assistance/neutral-states";
    const point = compare(key, "2025-06-01", [event("a", "armed-attack", "RUS", "EST", "2025-05-01")], {
      readings: [key],
    });
    const flip = point?.flips.find((f) => code(f.obligor) === "AUT");
    expect(flip?.main.strength).toBe("automatic");
    expect(flip?.alternative.strength).toBe("discretionary");
  });

  it("the same reading taken back when the main answer adopted it", () => {
    const key = "teu-art-42-7/aid-and-assistance/neutral-states";
    const events = [event("a", "armed-attack", "RUS", "EST", "2025-05-01")];
    const r = ask({ as_of: "2025-06-01", events }, { readings: [key] });
    agrees(r, ask({ as_of: "2025-06-01", events }), key);
  });

  it("the other reading of who is owed (territorial), which changes who joins", () => {
    const events = australiaAndNewZealandAtWar;
    compare("territorial", "1980-03-01", events, { general: ["territorial"] });
    compare("victim", "1980-03-01", events, { general: ["victim"] }, events, { general: ["territorial"] });
  });

  it("the forces-abroad reading, which brings China in behind the DPRK at Kursk", () => {
    const point = compare(
      "forces-abroad",
      "2024-12-05",
      [event("kursk", "invasion", "UKR", "RUS", "2024-08-06")],
      {
        general: ["forces-abroad"],
      },
    );
    expect(point?.joins.map((j) => `${code(j.state)} ${j.alternative}`)).toContain("CHN true");
  });

  it("a disputed judgement taken the other way (no state of war after a strike)", () => {
    const strike = (value: boolean) => [
      event("s", "armed-attack", "KOR", "PRK", "2025-05-01", { state_of_war: { value, disputed: true } }),
    ];
    const point = compare("s.state_of_war", "2025-06-01", strike(false), {}, strike(true));
    expect(point?.point.kind).toBe("characterisation");
  });

  it("a disputed armed attack taken the other way", () => {
    const blow = (value: boolean) => [
      event("b", "border-incident", "RUS", "EST", "2025-05-01", { armed_attack: { value, disputed: true } }),
    ];
    const point = compare("b.armed_attack", "2025-06-01", blow(true), {}, blow(false));
    expect(
      point?.flips.some((f) => f.instrument === "north-atlantic-treaty-1949" && !f.alternative.bound),
    ).toBe(true);
  });
});

describe("what a contested point shows", () => {
  it("a reading that clears every condition but a request a party can still make is shown, naming the request", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [event("a", "armed-attack", "AZE", "RUS", "2025-05-01", { at: "ARM", target: "forces" })],
    });
    const point = r.contested.find((c) => c.point.id === "forces-abroad" && c.under === "victim");
    const flip = point?.flips.find(
      (f) =>
        code(f.obligor) === "KAZ" && f.instrument === "collective-security-treaty-1992" && f.article === "4",
    );
    expect(flip?.main).toMatchObject({ bound: false, unmet: ["place", "request"] });
    expect(flip?.alternative).toMatchObject({ bound: false, unmet: ["request"] });
  });

  it("a point that changes nothing is not shown", () => {
    const r = ask({ as_of: "1900-03-01", events: franceInvadesItaly });
    expect(r.contested.every((c) => c.flips.length + c.joins.length + c.violations.length > 0)).toBe(true);
    // Nothing in the Korean war of 2025 turns on a reading of the Franco-Russian convention, or of Rio.
    const korea = ask({
      as_of: "2025-06-01",
      events: [event("inv", "invasion", "PRK", "KOR", "2025-05-01")],
    });
    expect(korea.contested.some((c) => c.point.id.startsWith("rio-treaty-1947"))).toBe(false);
  });

  it("a point is shown again under the other reading of who is owed only where it changes something else there", () => {
    // Georgia shells the Russian peacekeepers in South Ossetia (2008). Counting forces abroad as Russia binds
    // the CST members to it under Art. 4 on either reading of who is owed; under the territorial one, where
    // Russia's own invasion does not bar it, Art. 2's consultation on a threat is owed to it as well.
    const georgia = ask({
      as_of: "2008-08-12",
      events: [
        event("tskhinvali", "armed-attack", "GEO", "RUS", "2008-08-07", { at: "GEO", target: "forces" }),
        event("advance", "invasion", "RUS", "GEO", "2008-08-08", { at: "GEO" }),
      ],
    });
    const abroad = georgia.contested.filter((c) => c.point.id === "forces-abroad");
    expect(abroad.map((c) => c.under)).toEqual(["victim", "territorial"]);
    const articles = (c: (typeof abroad)[number] | undefined) =>
      [
        ...new Set(
          c?.flips.filter((f) => f.instrument === "collective-security-treaty-1992").map((f) => f.article),
        ),
      ].sort();
    expect(articles(abroad[0])).toEqual(["4"]);
    expect(articles(abroad[1])).toEqual(["2", "4"]);
    const r = ask({ as_of: "1900-03-01", events: franceInvadesItaly });
    const once = r.contested.filter((c) => c.point.id === "triple-alliance-1882/casus-foederis/one-or-more");
    expect(once.map((c) => c.under)).toEqual(["victim"]);
  });

  it("a disputed invasion, read the other way, leaves the war as it is and drops the clause that needs one", () => {
    const events = (value: boolean) => [
      event("k", "armed-attack", "UKR", "RUS", "2025-01-06", {
        state_of_war: true,
        invasion: { value, disputed: true },
      }),
    ];
    const options = { readings: ["russia-dprk-2024/mutual-assistance/invasion-rendering"] };
    const r = ask({ as_of: "2025-03-01", events: events(true) }, options);
    expect(one(r.obligations, "PRK", "RUS", "russia-dprk-2024", "4").joins_war).toBe(true);
    agrees(r, ask({ as_of: "2025-03-01", events: events(false) }, options), "k.invasion");
  });
});
