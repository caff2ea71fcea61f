// Which pledges a state owes on a date: a pledge suspended toward one partner no longer keeps the obligor out
// of a war against that partner (ANZUS: the US suspended its obligations toward New Zealand on 17 September
// 1986): from that day another pledge to New Zealand, if any, is the one that holds the US back.
import { describe, expect, it } from "vitest";
import { ask, code, decisionOf, event } from "./world.js";

const ANZUS = "anzus-1951";
const SEATO = "seato-1954";

const newZealandAttacksJapan = (date: string) =>
  ask({ as_of: date, events: [event("a", "armed-attack", "NZL", "JPN", "1980-01-01")] });

describe("a suspended pledge is no pledge on that date", () => {
  it("before the suspension the US, bound to Japan, stays out: it owes New Zealand defence", () => {
    const r = newZealandAttacksJapan("1986-09-16");
    const us = decisionOf(r, "USA")[0];
    expect(us).toMatchObject({ decision: "stays-out", reason: "against-own-ally" });
    expect(us?.pledges.map((p) => `${p.instrument} ${code(p.toward)} ${p.kind}`)).toEqual([
      `${ANZUS} NZL defence`,
    ]);
  });

  it("from the day of the suspension the pledge that pulls it back is SEATO's, not ANZUS's", () => {
    // The US still owes New Zealand defence under the Manila Pact (SEATO Art. IV), so it stays out still.
    for (const date of ["1986-09-17", "1990-03-01"]) {
      const us = decisionOf(newZealandAttacksJapan(date), "USA")[0];
      expect(us, date).toMatchObject({ decision: "stays-out", reason: "against-own-ally" });
      expect(us?.pledges.map((p) => `${p.instrument} ${p.article} ${code(p.toward)}`)).toEqual([
        `${SEATO} IV NZL`,
      ]);
    }
  });

  it("the suspension runs one way: Australia still owes New Zealand and stays out of a war against it", () => {
    const r = ask({
      as_of: "1990-03-01",
      events: [event("a", "armed-attack", "NZL", "USA", "1990-02-01", { at: "USA-HI" })],
    });
    const au = decisionOf(r, "AUS")[0];
    expect(au).toMatchObject({ decision: "stays-out", reason: "against-own-ally" });
    expect(au?.pledges.map((p) => `${p.instrument} ${code(p.toward)}`)).toEqual([`${ANZUS} NZL`]);
  });
});
