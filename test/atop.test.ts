import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ATOP_FILES, AtopError, loadAtop, memberSpells } from "../src/data/atop.js";
import { compareWithAtop } from "../src/treaties/atop-compare.js";
import { loadLibrary } from "../src/treaties/load.js";
import { ATOP_DIR, atopPresent } from "./helpers.js";

const present = atopPresent(Object.values(ATOP_FILES));

describe.skipIf(!present)("ATOP 5.1 reader", () => {
  const atop = present ? loadAtop(ATOP_DIR) : undefined;

  it("reads every alliance and its member rows", () => {
    expect(atop?.alliances.size).toBe(789);
    const members = [...(atop?.alliances.values() ?? [])].reduce((n, a) => n + a.members.length, 0);
    expect(members).toBe(2510);
  });

  it("has the 1961 USSR–DPRK alliance with its real dates and obligations", () => {
    const alliance = atop?.alliances.get(3440);
    expect(alliance).toMatchObject({ begin: "1961-07-06", end: "1996-09-10", bilateral: true });
    const spells = memberSpells(alliance as NonNullable<typeof alliance>);
    expect([...spells.keys()].sort()).toEqual([365, 731]);
    expect([...(spells.get(365)?.obligations ?? [])].sort()).toEqual(["defense", "nonagg"]);
  });

  it("keeps the member-level condition flags (NATO members' defence is limited by place)", () => {
    const usa = atop?.alliances.get(3180)?.members.find((m) => m.member === 2);
    expect(usa?.obligations.defense).toBe(true);
    expect(usa?.conditions.defcoloc).toBe(true);
  });

  it("says which file is missing when pointed at the wrong directory", () => {
    expect(() => loadAtop("/nonexistent")).toThrow(AtopError);
    expect(() => loadAtop("/nonexistent")).toThrow(/atop5_1a\.csv: not found/);
  });
});

describe.skipIf(!present)("the library against ATOP", () => {
  const { library } = loadLibrary();
  const differences = present ? compareWithAtop(library, loadAtop(ATOP_DIR)) : [];
  const doc = readFileSync(new URL("../docs/atop-differences.md", import.meta.url), "utf8");

  it("checks every instrument that has an atopid", () => {
    const withId = library.instruments.filter((i) => i.atopid);
    expect(withId.length).toBeGreaterThanOrEqual(25);
    expect(differences.filter((d) => d.key.endsWith("not in ATOP"))).toEqual([]);
  });

  it("explains every difference in docs/atop-differences.md (by key, or by a rule stated there)", () => {
    const unexplained = differences.filter((d) =>
      d.rule ? !doc.includes(`rule: ${d.rule}`) : !doc.includes(`\`${d.key}\``),
    );
    expect(unexplained.map((d) => `${d.key} — ${d.detail}`)).toEqual([]);
  });

  it("agrees with ATOP on the core of the Korean alliances", () => {
    const keys = differences.filter((d) => !d.rule).map((d) => d.key);
    expect(keys.filter((k) => k.startsWith("china-dprk-1961:") && !k.endsWith("nonagg"))).toEqual([]);
    expect(keys.filter((k) => k.startsWith("ussr-dprk-1961:") && !k.endsWith("nonagg"))).toEqual([]);
    expect(keys.filter((k) => k.startsWith("us-rok-1953:") && !k.endsWith("nonagg"))).toEqual([]);
  });
});
