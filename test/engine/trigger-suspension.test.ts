// A suspension binds one obligor toward one beneficiary, from its first day: the US toward New Zealand under
// ANZUS from 17 September 1986, and toward no one else.
import { describe, expect, it } from "vitest";
import { ask, code, conditions, event, obligors, one } from "./world.js";

const ANZUS = "anzus-1951";

describe("the ANZUS suspension of 17 September 1986", () => {
  it("holds from its first day", () => {
    const r = ask({ as_of: "1986-09-17", events: [event("a", "armed-attack", "IDN", "NZL", "1986-09-01")] });
    expect(obligors(r.obligations, ANZUS, "IV", "NZL")).toEqual(["AUS"]);
    const row = one(r.not_triggered, "USA", "NZL", ANZUS, "IV");
    expect(conditions(row)).toEqual(["suspended-"]);
    expect(code(row.unmet[0]?.by)).toBe("NZL");
  });

  it("leaves the US bound to Australia", () => {
    const r = ask({ as_of: "1990-03-01", events: [event("a", "armed-attack", "IDN", "AUS", "1990-02-01")] });
    expect(obligors(r.obligations, ANZUS, "IV", "AUS")).toEqual(["NZL", "USA"]);
  });

  it("a call for consultations does not bind a suspended obligor; the others it binds, no longer merely available", () => {
    const r = ask({
      as_of: "1990-03-01",
      events: [
        event("t", "threat-of-attack", "IDN", "NZL", "1990-02-01"),
        event("call", "request-for-consultations", "NZL", undefined, "1990-02-02"),
      ],
    });
    expect(obligors(r.obligations, ANZUS, "III", "NZL")).toEqual(["AUS"]);
    expect(conditions(one(r.not_triggered, "USA", "NZL", ANZUS, "III"))).toContain("suspended-");
    expect(r.available.filter((a) => a.instrument === ANZUS && a.article === "III")).toEqual([]);
  });
});
