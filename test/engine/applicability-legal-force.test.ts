// Only binding instruments make pledges that pull a state back, or rules that conduct can break: a political
// declaration's pledge of defence makes no ally, and a political pledge of non-aggression is broken by no one.
import { describe, expect, it } from "vitest";
import { ask, code, decisionOf, event, perTest } from "./world.js";

describe("a political pledge of defence makes no ally (the declaration of the sixteen, 1953)", () => {
  // South Korea strikes France (hypothetical): NATO members are bound to France. The US owes Korea defence
  // under the binding US–ROK treaty; Britain and Canada only under the political declaration of the sixteen.
  const r = perTest(() =>
    ask({ as_of: "2025-06-01", events: [event("a", "armed-attack", "KOR", "FRA", "2025-05-01")] }),
  );

  it("the US is pulled back by its treaty with Korea", () => {
    const us = decisionOf(r, "USA")[0];
    expect(us).toMatchObject({ decision: "stays-out", reason: "against-own-ally" });
    expect(us?.pledges.map((p) => `${p.instrument} ${code(p.toward)} ${p.kind}`)).toEqual([
      "us-rok-1953 KOR defence",
    ]);
  });

  it("Britain and Canada are not: they would act for France", () => {
    for (const state of ["GBR", "CAN"])
      expect(decisionOf(r, state), state).toMatchObject([{ decision: "would-act", pledges: [] }]);
    expect(r.conflicts.filter((c) => c.kind === "against-own-ally").map((c) => code(c.state))).toEqual([
      "USA",
    ]);
  });
});

describe("a political pledge of non-aggression is broken by no one (the Budapest Memorandum, 1994)", () => {
  it("Russia's invasion of Ukraine, 2022, violates the Charter; by default not the memorandum", () => {
    const r = ask({ as_of: "2022-03-01", events: [event("a", "invasion", "RUS", "UKR", "2022-02-24")] });
    expect(r.violations.map((v) => `${code(v.by)}>${code(v.toward)} ${v.instrument} ${v.article}`)).toEqual([
      "RUS>UKR un-charter-1945 2(4)",
    ]);
  });
});
