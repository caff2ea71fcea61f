// The Charter: a use of force against a member violates Art. 2(4) unless it is self-defence under Art. 51 or
// authorised by the Security Council; defending the victim of an armed attack never conflicts with it.
import { describe, expect, it } from "vitest";
import { ask, code, event } from "./world.js";

const CHARTER = "un-charter-1945";
const violators = (r: ReturnType<typeof ask>) =>
  r.violations
    .filter((v) => v.instrument === CHARTER)
    .map((v) => `${code(v.by)}>${code(v.toward)} ${v.event}`);

describe("Charter Art. 2(4)", () => {
  it("a first strike violates it; the blow that answers it is self-defence by default", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        event("a", "armed-attack", "RUS", "EST", "2025-05-01"),
        event("b", "armed-attack", "EST", "RUS", "2025-05-02"),
      ],
    });
    expect(violators(r)).toEqual(["RUS>EST a"]);
    const v = r.violations[0];
    expect(v).toMatchObject({ article: "2(4)", conduct: "use-of-force", assumption: "a.self_defence" });
    expect(r.texts.find((t) => t.id === v?.text)?.instrument).toBe(CHARTER);
    const answer = r.assumptions.find((x) => x.id === "b.self_defence");
    expect(answer).toBeUndefined();
    const first = r.assumptions.find((x) => x.id === "a.self_defence");
    expect(first).toMatchObject({ kind: "self-defence", value: false, origin: "default" });
  });

  it("a use of force the scenario marks as self-defence, or as authorised, violates nothing", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        event("a", "armed-attack", "RUS", "EST", "2025-05-01", { self_defence: true }),
        event("c", "blockade", "USA", "CUB", "2025-05-01", { authorised: true }),
        event("d", "blockade", "USA", "VEN", "2025-05-01"),
      ],
    });
    expect(violators(r)).toEqual(["USA>VEN d"]);
  });

  it("a disputed self-defence claim is a contested point that changes the violation", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        event("a", "armed-attack", "RUS", "EST", "2025-05-01", {
          self_defence: { value: true, disputed: true, held_by: ["Russia"] },
        }),
      ],
    });
    expect(violators(r)).toEqual([]);
    const point = r.contested.find((c) => c.point.id === "a.self_defence");
    expect(point?.point).toMatchObject({ kind: "characterisation", held_by: ["Russia"] });
    expect(point?.violations).toMatchObject([
      { instrument: CHARTER, event: "a", main: false, alternative: true },
    ]);
    expect(code(point?.violations[0]?.by)).toBe("RUS");
  });

  it("a threat or a border incident is not a use of force", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        event("t", "threat-of-attack", "RUS", "EST", "2025-05-01"),
        event("i", "border-incident", "RUS", "LVA", "2025-05-01"),
      ],
    });
    expect(violators(r)).toEqual([]);
  });

  it("a border incident judged an armed attack is one", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [event("i", "border-incident", "RUS", "LVA", "2025-05-01", { armed_attack: true })],
    });
    expect(violators(r)).toEqual(["RUS>LVA i"]);
  });

  it("defending the victim does not conflict with the defender's own Art. 2(4) pledge", () => {
    // Ukraine entered the Kursk region; the DPRK, bound to Russia, joins against Ukraine, a UN member.
    const r = ask({ as_of: "2024-12-05", events: [event("kursk", "invasion", "UKR", "RUS", "2024-08-06")] });
    expect(r.obligations.some((o) => o.instrument === "russia-dprk-2024" && code(o.obligor) === "PRK")).toBe(
      true,
    );
    expect(r.conflicts.filter((c) => c.kind === "defence-vs-non-aggression")).toEqual([]);
  });
});

describe("prohibitions: transfers a Security Council resolution forbids", () => {
  it("an arms transfer to the DPRK violates the resolutions, by the sender and the receiver", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [event("t", "arms-transfer", "RUS", undefined, "2025-05-01", { to: "PRK" })],
    });
    const found = r.violations
      .filter((v) => v.instrument === "unscr-1718-2006")
      .map((v) => `${code(v.by)} ${v.article} ${v.conduct} ${code(v.toward)}`);
    expect(found).toEqual(["RUS 8(a) arms-transfer PRK", "PRK 8(a) arms-transfer RUS"]);
    expect(r.violations.some((v) => v.instrument === CHARTER)).toBe(false);
  });

  it("a transfer between other states violates none", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [event("t", "arms-transfer", "RUS", undefined, "2025-05-01", { to: "IRN" })],
    });
    expect(r.violations).toEqual([]);
  });

  it("assistance a treaty requires and a resolution forbids is a conflict, with both views", () => {
    const r = ask({ as_of: "2024-12-05", events: [event("kursk", "invasion", "UKR", "RUS", "2024-08-06")] });
    const conflicts = r.conflicts.filter((c) => c.kind === "assistance-vs-prohibition");
    expect(conflicts.map((c) => `${code(c.state)} ${c.against?.instrument} ${c.against?.article}`)).toEqual([
      "PRK unscr-1718-2006 8(b)",
      "PRK unscr-1874-2009 9",
    ]);
    expect(conflicts[0]?.obligations).toMatchObject([{ instrument: "russia-dprk-2024", article: "4" }]);
    expect(conflicts[0]?.views.map((v) => v.view)).toEqual([
      "prohibition-prevails",
      "unscr-1718-2006/no-arms-from-dprk/self-defence-exception",
    ]);
    // Each view cites the Charter articles it rests on, by text id.
    expect(conflicts[0]?.views.map((v) => v.cites)).toEqual([
      ["un-charter-1945/25", "un-charter-1945/103"],
      ["un-charter-1945/51"],
    ]);
    for (const id of conflicts[0]?.views.flatMap((v) => v.cites) ?? [])
      expect(r.texts.find((t) => t.id === id)?.instrument).toBe(CHARTER);
    expect(r.readings.some((x) => x.key === "unscr-1718-2006/no-arms-from-dprk/self-defence-exception")).toBe(
      true,
    );
  });
});

describe("obligations that pull against a pledge", () => {
  it("offence against a state one owes non-aggression: the Pact of Steel against the Soviet Union, 1940", () => {
    const r = ask({
      as_of: "1940-06-15",
      events: [event("dow", "declaration-of-war", "ITA", "RUS", "1940-06-10")],
    });
    const conflict = r.conflicts.find((c) => c.kind === "defence-vs-non-aggression");
    expect(code(conflict?.state)).toBe("DEU");
    expect(conflict?.war).toBe("war-1");
    expect(conflict?.obligations).toMatchObject([{ instrument: "pact-of-steel-1939", article: "III" }]);
    expect(conflict?.against).toMatchObject({
      instrument: "molotov-ribbentrop-1939",
      article: "I",
      kind: "non-aggression",
    });
    expect(code(conflict?.against?.toward)).toBe("RUS");
    expect(r.texts.some((t) => t.id === conflict?.against?.text)).toBe(true);
    // Germany also owes the Soviet Union neutrality (Art. II), a pledge that keeps it out.
    const pledge = r.conflicts.find((c) => c.kind === "against-own-ally");
    expect(pledge?.against).toMatchObject({
      instrument: "molotov-ribbentrop-1939",
      article: "II",
      kind: "neutrality",
    });
  });

  it("assistance one is bound to give to the aggressor one is bound not to aid: Russia between Iran and the DPRK", () => {
    const r = ask({
      as_of: "2026-01-01",
      events: [
        event("a", "armed-attack", "PRK", "IRN", "2025-11-01"),
        event("b", "invasion", "IRN", "PRK", "2025-11-02"),
      ],
    });
    const conflict = r.conflicts.find((c) => c.kind === "assistance-vs-non-assistance");
    expect(code(conflict?.state)).toBe("RUS");
    expect(conflict?.obligations.map((o) => `${o.instrument} ${o.article} ${code(o.beneficiary)}`)).toEqual([
      "russia-iran-2025 3(3) IRN",
      "russia-dprk-2024 4 PRK",
    ]);
    expect(conflict?.war).toBe("war-1");
  });
});
