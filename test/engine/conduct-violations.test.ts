// Which conduct breaks which rule: a use of force breaks a pledge of non-aggression only where the one using
// force gave it and the one struck is owed it; a transfer breaks a prohibition only where the prohibition
// forbids that conduct, and only its obligors are in breach.
import { describe, expect, it } from "vitest";
import { ask, code, event } from "./world.js";

const MR = "molotov-ribbentrop-1939";
const found = (r: ReturnType<typeof ask>) =>
  r.violations.map(
    (v) => `${code(v.by)}>${code(v.toward)} ${v.instrument} ${v.article} ${v.conduct} ${v.event}`,
  );

describe("a pledge of non-aggression is owed to its beneficiaries only", () => {
  it("Molotov–Ribbentrop Art. I: Germany striking the Soviet Union breaks it", () => {
    const r = ask({ as_of: "1940-06-02", events: [event("a", "armed-attack", "DEU", "RUS", "1940-06-01")] });
    expect(found(r)).toEqual([`DEU>RUS ${MR} I use-of-force a`]);
    expect(r.violations[0]?.assumption).toBe("a.self_defence");
  });

  it("Germany invading Poland breaks no pledge of the pact: Art. I binds the two parties toward each other", () => {
    const r = ask({ as_of: "1939-09-02", events: [event("a", "invasion", "DEU", "POL", "1939-09-01")] });
    expect(found(r)).toEqual([]);
  });
});

describe("a disputed claim of self-defence changes one violation among others", () => {
  it("the point lists Russia's strike alone, though the US blockade of Venezuela is a violation either way", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        event("a", "armed-attack", "RUS", "EST", "2025-05-01", {
          self_defence: { value: true, disputed: true },
        }),
        event("d", "blockade", "USA", "VEN", "2025-05-01"),
      ],
    });
    expect(found(r).filter((v) => v.includes("un-charter-1945"))).toEqual([
      "USA>VEN un-charter-1945 2(4) use-of-force d",
    ]);
    const point = r.contested.find((c) => c.point.id === "a.self_defence");
    expect(point?.violations.map((v) => `${code(v.by)} ${v.event} ${v.main} ${v.alternative}`)).toEqual([
      "RUS a false true",
    ]);
  });
});

describe("a prohibition forbids one conduct, and binds its obligors", () => {
  it("troops sent to the DPRK and technology from it are not arms: no arms embargo is broken", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        event("t", "troop-deployment", "RUS", undefined, "2025-05-01", { to: "PRK" }),
        event("u", "technology-transfer", "PRK", undefined, "2025-05-01", { to: "RUS" }),
      ],
    });
    expect(found(r)).toEqual([]);
  });

  it("arms from the DPRK to a non-state actor: only the DPRK, a UN member, is in breach", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [event("t", "arms-transfer", "PRK", undefined, "2025-05-01", { to: "actor:al-qaeda" })],
    });
    // 1718 ¶8(b) and 1874 ¶9 forbid exports from the DPRK; ¶8(a), 1874 ¶10 and 2270 ¶6 only supplies to it.
    expect(found(r)).toEqual([
      "PRK>actor:al-qaeda unscr-1718-2006 8(b) arms-transfer t",
      "PRK>actor:al-qaeda unscr-1874-2009 9 arms-transfer t",
    ]);
  });

  it("arms from the DPRK to Russia: both the sender and the receiver, each toward the other", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [event("t", "arms-transfer", "PRK", undefined, "2025-05-01", { to: "RUS" })],
    });
    expect(found(r).sort()).toEqual([
      "PRK>RUS unscr-1718-2006 8(b) arms-transfer t",
      "PRK>RUS unscr-1874-2009 9 arms-transfer t",
      "RUS>PRK unscr-1718-2006 8(b) arms-transfer t",
      "RUS>PRK unscr-1874-2009 9 arms-transfer t",
    ]);
    expect(r.violations.every((v) => v.assumption === null)).toBe(true);
  });
});

describe("a reading that makes a political pledge binding makes breaking it a violation", () => {
  const BUDAPEST = "budapest-memorandum-1994";
  const invasion = { as_of: "2022-03-01", events: [event("inv", "invasion", "RUS", "UKR", "2022-02-24")] };

  it("Budapest para. 2, political by default: Russia's invasion of Ukraine breaks no treaty pledge of it", () => {
    expect(found(ask(invasion)).filter((v) => v.includes(BUDAPEST))).toEqual([]);
  });

  it("under the reading that it binds in law, the same invasion breaks para. 2, by Russia alone", () => {
    const r = ask(invasion, { readings: [`${BUDAPEST}/no-force-against-ukraine/legally-binding`] });
    expect(found(r).filter((v) => v.includes(BUDAPEST))).toEqual([`RUS>UKR ${BUDAPEST} 2 use-of-force inv`]);
  });
});
