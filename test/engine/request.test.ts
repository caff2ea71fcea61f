// Conditions a party meets by asking: assistance "at the request of" the attacked member (CST Art. 4 as
// amended in 2010, in force 19 December 2012), and consultation "whenever, in the opinion of any of them"
// (NATO Art. 4), which binds only once a party calls for it.
import { describe, expect, it } from "vitest";
import { ask, code, conditions, event, obligors, one, rows } from "./world.js";

const CST = "collective-security-treaty-1992";
const NATO = "north-atlantic-treaty-1949";
const CSTO_OTHERS = ["BLR", "KAZ", "KGZ", "RUS", "TJK"];
const strike = event("strike", "armed-attack", "AZE", "ARM", "2025-05-01");

describe("request: CST Art. 4 since 2012 binds only at the attacked member's request", () => {
  it("without a request, no member is bound and each row names the missing request", () => {
    const r = ask({ as_of: "2025-06-01", events: [strike] });
    expect(rows(r.obligations, CST, "4")).toEqual([]);
    const row = one(r.not_triggered, "RUS", "ARM", CST, "4");
    expect(conditions(row)).toEqual(["request-"]);
  });

  it("a request to all binds every other member, and the condition names the request", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [strike, event("ask", "request-for-assistance", "ARM", undefined, "2025-05-02")],
    });
    expect(obligors(r.obligations, CST, "4", "ARM")).toEqual(CSTO_OTHERS);
    const row = one(r.obligations, "KAZ", "ARM", CST, "4");
    expect(row.strength).toBe("automatic");
    const request = row.conditions.find((c) => c.code === "request");
    expect(request).toMatchObject({ met: true, event: "ask" });
    expect(row.against.map(code)).toEqual(["AZE"]);
  });

  it("a request addressed to org:csto binds every member", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        strike,
        event("ask", "request-for-assistance", "ARM", undefined, "2025-05-02", { to: "org:csto" }),
      ],
    });
    expect(obligors(r.obligations, CST, "4", "ARM")).toEqual(CSTO_OTHERS);
  });

  it("a request to one member binds that member only", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [strike, event("ask", "request-for-assistance", "ARM", undefined, "2025-05-02", { to: "RUS" })],
    });
    expect(obligors(r.obligations, CST, "4", "ARM")).toEqual(["RUS"]);
    expect(conditions(one(r.not_triggered, "KAZ", "ARM", CST, "4"))).toEqual(["request-"]);
  });

  it("a request by another state, or one for consultations, is no request by the attacked member", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        strike,
        event("other", "request-for-assistance", "RUS", undefined, "2025-05-02"),
        event("talks", "request-for-consultations", "ARM", undefined, "2025-05-02"),
        event("elsewhere", "request-for-assistance", "ARM", undefined, "2025-05-02", { to: "USA" }),
      ],
    });
    expect(rows(r.obligations, CST, "4")).toEqual([]);
  });

  it("a request made after the date asked about has not been made", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [strike, event("ask", "request-for-assistance", "ARM", undefined, "2025-07-01")],
    });
    expect(rows(r.obligations, CST, "4")).toEqual([]);
  });

  it("before the 2012 amendment the 1992 text binds without any request", () => {
    const r = ask({
      as_of: "2005-06-01",
      events: [event("strike", "armed-attack", "AZE", "ARM", "2005-05-01")],
    });
    expect(obligors(r.obligations, CST, "4", "ARM")).toEqual(CSTO_OTHERS);
    expect(conditions(one(r.obligations, "RUS", "ARM", CST, "4"))).not.toContain("request+");
  });
});

describe("consultation on call: NATO Art. 4 binds only once a party asks", () => {
  const attack = event("strike", "armed-attack", "RUS", "EST", "2025-05-01");

  it("without a request for consultations the clause is available, never an obligation", () => {
    const r = ask({ as_of: "2025-06-01", events: [attack] });
    expect(rows(r.obligations, NATO, "4")).toEqual([]);
    const available = one(r.available, "USA", "EST", NATO, "4");
    expect(code(available.caller)).toBe("EST");
    expect(conditions(available)).toEqual(["threat+:attack-more-than-threat", "call-"]);
    // Art. 5 does not wait for a call.
    expect(obligors(r.obligations, NATO, "5", "EST")).toContain("USA");
  });

  it("a request for consultations to org:nato binds every other ally to consult", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        attack,
        event("call", "request-for-consultations", "EST", undefined, "2025-05-02", { to: "org:nato" }),
      ],
    });
    const bound = obligors(r.obligations, NATO, "4", "EST");
    expect(bound).toHaveLength(31);
    expect(bound).toContain("TUR");
    expect(rows(r.available, NATO, "4")).toEqual([]);
    const row = one(r.obligations, "FRA", "EST", NATO, "4");
    expect(row.strength).toBe("consultative");
    expect(row.conditions.find((c) => c.code === "call")).toMatchObject({ met: true, event: "call" });
  });

  it("a call binds even where nothing has happened yet: the party's opinion is the trigger", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [event("call", "request-for-consultations", "POL", undefined, "2025-05-02", { to: "USA" })],
    });
    expect(obligors(r.obligations, NATO, "4", "POL")).toEqual(["USA"]);
  });

  it("a call to one ally binds that ally; a call by a state that is not a party binds no one", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        attack,
        event("call", "request-for-consultations", "EST", undefined, "2025-05-02", { to: "DEU" }),
        event("outsider", "request-for-consultations", "UKR", undefined, "2025-05-02", { to: "org:nato" }),
      ],
    });
    expect(obligors(r.obligations, NATO, "4", "EST")).toEqual(["DEU"]);
    expect(rows(r.obligations, NATO, "4").filter((x) => x.includes(">UKR"))).toEqual([]);
    expect(obligors(r.available, NATO, "4", "EST")).not.toContain("DEU");
  });

  it("a suspended obligation is not available either (ANZUS Art. III, the US toward New Zealand)", () => {
    const r = ask({ as_of: "1990-03-01", events: [event("a", "armed-attack", "IDN", "NZL", "1990-02-01")] });
    expect(obligors(r.available, "anzus-1951", "III", "NZL")).toEqual(["AUS"]);
    expect(conditions(one(r.not_triggered, "USA", "NZL", "anzus-1951", "III"))).toEqual([
      "suspended-",
      "call-",
    ]);
  });

  it("a request for assistance is not a call for consultations", () => {
    const r = ask({
      as_of: "2025-06-01",
      events: [
        attack,
        event("ask", "request-for-assistance", "EST", undefined, "2025-05-02", { to: "org:nato" }),
      ],
    });
    expect(rows(r.obligations, NATO, "4")).toEqual([]);
  });
});
