// Obligations that pull a state two ways. Defending the DPRK is arms to the DPRK, which the Security Council
// forbids: each supply embargo is a conflict with two views (the Charter's primacy, Arts. 25 and 103; or the
// self-defence exception, Art. 51). The export bans bind supplies from the DPRK, which defending it is not.
import { describe, expect, it } from "vitest";
import { ask, australiaAndNewZealandAtWar, code, event, perTest } from "./world.js";

const CHARTER = "un-charter-1945";

describe("South Korea invades the DPRK (hypothetical, 2025): China and Russia are bound to defend it", () => {
  const r = perTest(() =>
    ask({ as_of: "2025-06-01", events: [event("a", "invasion", "KOR", "PRK", "2025-05-01")] }),
  );
  const conflicts = () => r.conflicts.filter((c) => c.kind === "assistance-vs-prohibition");

  it("each is in conflict with the three embargoes on arms to the DPRK, not with the bans on its exports", () => {
    expect(
      conflicts()
        .map((c) => `${code(c.state)} ${c.against?.instrument} ${c.against?.article}`)
        .sort(),
    ).toEqual([
      "CHN unscr-1718-2006 8(a)",
      "CHN unscr-1874-2009 10",
      "CHN unscr-2270-2016 6",
      "RUS unscr-1718-2006 8(a)",
      "RUS unscr-1874-2009 10",
      "RUS unscr-2270-2016 6",
    ]);
  });

  it("each conflict names the war, the treaty obligation, and the prohibition toward no one state", () => {
    for (const c of conflicts()) {
      expect(c.war).toBe("war-1");
      expect(c.obligations.map((o) => `${code(o.beneficiary)} ${o.instrument} ${o.article}`)).toEqual([
        code(c.state) === "CHN" ? "PRK china-dprk-1961 II" : "PRK russia-dprk-2024 4",
      ]);
      expect(c.against).toMatchObject({ kind: "prohibition", toward: null });
      expect(r.texts.find((t) => t.id === c.against?.text)?.instrument).toBe(c.against?.instrument);
    }
  });

  it("each has the two views, the prohibition prevailing and the resolution's own self-defence reading", () => {
    const c = conflicts().find((x) => code(x.state) === "RUS" && x.against?.instrument === "unscr-2270-2016");
    expect(c?.views).toEqual([
      { view: "prohibition-prevails", held_by: [], cites: [`${CHARTER}/25`, `${CHARTER}/103`] },
      {
        view: "unscr-2270-2016/no-small-arms-to-dprk/self-defence-exception",
        held_by: [],
        cites: [`${CHARTER}/51`],
      },
    ]);
  });

  it("defending the victim against its attacker conflicts with no pledge of non-aggression", () => {
    expect(r.conflicts.filter((c) => c.kind !== "assistance-vs-prohibition")).toEqual([]);
  });
});

describe("Germany between the Pact of Steel and the Molotov–Ribbentrop pact (Italy at war with the Soviet Union, 1940)", () => {
  it("its offence obligation conflicts with one pledge of non-aggression only: its own, to the Soviet Union", () => {
    const r = ask({
      as_of: "1940-06-15",
      events: [event("dow", "declaration-of-war", "ITA", "RUS", "1940-06-10")],
    });
    const found = r.conflicts
      .filter((c) => c.kind === "defence-vs-non-aggression")
      .map(
        (c) => `${code(c.state)} ${c.against?.instrument} ${c.against?.article} ${code(c.against?.toward)}`,
      );
    expect(found).toEqual(["DEU molotov-ribbentrop-1939 I RUS"]);
  });
});

describe("bound to both sides of one war", () => {
  it("the US between Australia and New Zealand at war (territorial reading, 1980): each conflict names that war", () => {
    const r = ask(
      {
        as_of: "1980-03-01",
        events: australiaAndNewZealandAtWar,
      },
      { general: ["territorial"] },
    );
    const found = r.conflicts.filter((c) => c.kind === "bound-to-both-sides");
    // The US under ANZUS and SEATO; the other SEATO parties of 1980 (Pakistan left in 1973) under SEATO.
    expect(found.map((c) => `${code(c.state)} ${c.war}`).sort()).toEqual([
      "FRA war-1",
      "GBR war-1",
      "PHL war-1",
      "THA war-1",
      "USA war-1",
    ]);
    expect(found[0]?.against).toBeNull();
    // New Zealand struck first, but Australia struck back at it: helping either against the other is helping
    // the victim of an armed attack against its attacker, which breaks no pledge of non-aggression.
    expect(r.conflicts.filter((c) => c.kind === "defence-vs-non-aggression")).toEqual([]);
  });
});
