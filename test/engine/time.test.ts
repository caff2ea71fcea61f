// Time and standing: a suspended obligation, a provision read as void, an attack begun before entry into
// force, a clause that needs a state of war, and instruments signed but not in force, or ended.
import { describe, expect, it } from "vitest";
import { ask, code, conditions, event, obligors, one, rows } from "./world.js";

const ANZUS = "anzus-1951";
const SIXTEEN = "joint-declaration-sixteen-1953";
const RUSSIA_DPRK = "russia-dprk-2024";
const CHINA_DPRK = "china-dprk-1961";

describe("suspension: the US suspended its ANZUS obligations toward New Zealand on 17 September 1986", () => {
  const attackOnNewZealand = (year: number) =>
    ask({ as_of: `${year}-03-01`, events: [event("a", "armed-attack", "IDN", "NZL", `${year}-02-01`)] });

  it("after it, only Australia is bound to New Zealand, and the US row says why not", () => {
    const r = attackOnNewZealand(1990);
    expect(obligors(r.obligations, ANZUS, "IV", "NZL")).toEqual(["AUS"]);
    const row = one(r.not_triggered, "USA", "NZL", ANZUS, "IV");
    expect(conditions(row)).toEqual(["suspended-"]);
    expect(row.unmet[0]).toMatchObject({ date: "1986-09-17" });
    expect(code(row.unmet[0]?.state)).toBe("USA");
  });

  it("before it, both are", () => {
    expect(obligors(attackOnNewZealand(1980).obligations, ANZUS, "IV", "NZL")).toEqual(["AUS", "USA"]);
  });

  it("the suspension runs one way: New Zealand still owes the US", () => {
    const r = ask({
      as_of: "1990-03-01",
      events: [event("a", "armed-attack", "IDN", "USA", "1990-02-01", { at: "USA-HI" })],
    });
    expect(obligors(r.obligations, ANZUS, "IV", "USA")).toEqual(["AUS", "NZL"]);
  });
});

describe("void readings: a provision read as not binding at all", () => {
  const voidReading = `${SIXTEEN}/resist-renewed-attack/political-declaration-only`;
  const dprkInvades = [event("inv", "invasion", "PRK", "KOR", "2025-05-01")];

  it("the declaration of the sixteen, read as a declaration only, commits no one", () => {
    const r = ask({ as_of: "2025-06-01", events: dprkInvades }, { readings: [voidReading] });
    expect(rows(r.commitments, SIXTEEN)).toEqual([]);
    const row = one(r.not_triggered, "GBR", "KOR", SIXTEEN, "warning");
    expect(row.unmet.map((c) => c.code)).toEqual(["void"]);
    expect(row.unmet[0]?.readings).toEqual([voidReading]);
  });

  it("by default the declaration commits, and the void reading is a contested point that drops it", () => {
    const r = ask({ as_of: "2025-06-01", events: dprkInvades });
    expect(rows(r.commitments, SIXTEEN)).toHaveLength(16);
    const point = r.contested.find((c) => c.point.id === voidReading);
    const flip = point?.flips.find((f) => code(f.obligor) === "GBR");
    expect(flip?.main.bound).toBe(true);
    expect(flip?.alternative).toMatchObject({ bound: false, unmet: ["void"] });
  });
});

describe("retroactivity: an attack begun before entry into force", () => {
  // Ukraine entered the Kursk region on 6 August 2024; the Russia–DPRK treaty entered into force on 4 December.
  const kursk = (end?: string) =>
    ask({
      as_of: "2024-12-05",
      events: [event("kursk", "invasion", "UKR", "RUS", "2024-08-06", end ? { end } : {})],
    });

  it("an ongoing attack counts by default, as a stated and contested assumption", () => {
    const r = kursk();
    const row = one(r.obligations, "PRK", "RUS", RUSSIA_DPRK, "4");
    expect(row.conditions.find((c) => c.code === "retroactivity")).toMatchObject({
      met: true,
      detail: "counted",
      date: "2024-12-04",
      assumption: `${RUSSIA_DPRK}.retroactive`,
    });
    expect(row.joins_war).toBe(true);
    const assumption = r.assumptions.find((a) => a.id === `${RUSSIA_DPRK}.retroactive`);
    expect(assumption).toMatchObject({ value: true, disputed: true });
    const point = r.contested.find((c) => c.point.kind === "retroactivity");
    expect(point?.point).toMatchObject({ id: `${RUSSIA_DPRK}.retroactive`, instrument: RUSSIA_DPRK });
    const flip = point?.flips.find((f) => code(f.obligor) === "PRK" && f.article === "4");
    expect(flip?.alternative).toMatchObject({ bound: false, joins: false, unmet: ["retroactivity"] });
    expect(point?.joins.map((j) => `${code(j.state)} ${j.main} ${j.alternative}`)).toEqual([
      "PRK true false",
    ]);
  });

  it("an attack that ended before entry into force does not", () => {
    const r = kursk("2024-11-01");
    expect(rows(r.obligations, RUSSIA_DPRK, "4")).toEqual([]);
    expect(conditions(one(r.not_triggered, "PRK", "RUS", RUSSIA_DPRK, "4"))).toEqual([
      "retroactivity-:ended-before",
    ]);
  });

  it("an attack begun after entry into force raises no question of it", () => {
    const r = ask({ as_of: "2025-03-01", events: [event("k", "invasion", "UKR", "RUS", "2025-01-06")] });
    const row = one(r.obligations, "PRK", "RUS", RUSSIA_DPRK, "4");
    expect(row.conditions.some((c) => c.code === "retroactivity")).toBe(false);
    expect(r.contested.some((c) => c.point.kind === "retroactivity")).toBe(false);
  });
});

describe("state of war: China–DPRK Art. II needs the DPRK to be 'in a state of war'", () => {
  it("a strike with no state of war does not bind China; the judgement, disputed, is a contested point", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        event("s", "armed-attack", "KOR", "PRK", "2025-05-01", {
          state_of_war: { value: false, disputed: true },
        }),
      ],
    });
    expect(rows(r.obligations, CHINA_DPRK)).toEqual([]);
    expect(conditions(one(r.not_triggered, "CHN", "PRK", CHINA_DPRK, "II"))).toEqual(["state-of-war-"]);
    const point = r.contested.find((c) => c.point.id === "s.state_of_war");
    expect(point?.point.kind).toBe("characterisation");
    const flip = point?.flips.find((f) => code(f.obligor) === "CHN");
    expect(flip?.alternative).toMatchObject({ bound: true, joins: true });
    expect(point?.joins.map((j) => code(j.state))).toContain("CHN");
  });

  it("an invasion puts the DPRK in a state of war, and China is bound and joins", () => {
    const r = ask({ as_of: "2025-06-01", events: [event("s", "invasion", "KOR", "PRK", "2025-05-01")] });
    const row = one(r.obligations, "CHN", "PRK", CHINA_DPRK, "II");
    expect(row.conditions.find((c) => c.code === "state-of-war")).toMatchObject({ met: true, war: "war-1" });
    expect(row.joins_war).toBe(true);
    expect(r.wars[0]).toMatchObject({ id: "war-1", start: "2025-05-01", event: "s" });
    expect(code(r.wars[0]?.initiator)).toBe("KOR");
  });
});

describe("standing on the date: signed but not in force, and ended", () => {
  it("an instrument signed and not in force is tested as if it were, apart", () => {
    const r = ask({ as_of: "2025-06-01", events: [event("a", "armed-attack", "ISR", "IRN", "2025-05-01")] });
    const pending = r.not_in_force.find((n) => n.instrument === "russia-iran-2025");
    expect(pending).toMatchObject({ status: "signed", in_force: "2025-10-02", terminated: null });
    expect(pending?.would_bind.map((o) => `${code(o.obligor)}>${code(o.beneficiary)} ${o.article}`)).toEqual([
      "RUS>IRN 3(3)",
    ]);
    expect(rows(r.obligations, "russia-iran-2025")).toEqual([]);
  });

  it("an ended instrument of a party involved is listed as terminated, with its date", () => {
    const r = ask({ as_of: "2025-06-01", events: [event("a", "armed-attack", "KOR", "PRK", "2025-05-01")] });
    const ended = r.not_in_force.find((n) => n.instrument === "ussr-dprk-1961");
    expect(ended).toMatchObject({ status: "terminated", terminated: "1996-09-10", would_bind: [] });
    expect(r.not_in_force.some((n) => n.instrument === "dual-alliance-1879")).toBe(false);
  });
});
