// Budapest para 4 on the attack side: nuclear weapons used in an aggression. The use must be an armed attack
// as well as nuclear, and the condition cites the clause's words and the judgement it rests on.
import { describe, expect, it } from "vitest";
import { ask, code, event, one, rows } from "./world.js";

const BUDAPEST = "budapest-memorandum-1994";
const at = "2025-06-01";
const use = (more = {}) =>
  ask({ as_of: at, events: [event("n", "nuclear-use", "RUS", "UKR", "2025-05-01", more)] });

describe("Budapest para 4: aggression in which nuclear weapons are used", () => {
  it("a Russian nuclear strike on Ukraine: judged, resting on the nuclear judgement, in the clause's words", () => {
    const row = one(use().commitments, "USA", "UKR", BUDAPEST, "4");
    const c = row.conditions.find((x) => x.code === "nuclear");
    expect(c).toMatchObject({
      met: true,
      detail: "judged",
      event: "n",
      assumption: "n.nuclear",
      because: "in which nuclear weapons are used",
    });
    expect(code(c?.by)).toBe("RUS");
    expect(code(c?.state)).toBe("UKR");
    expect(row.against.map(code)).toEqual(["RUS"]);
  });

  it("nuclear use judged no armed attack (nor a threat) is no aggression", () => {
    expect(rows(use({ armed_attack: false }).commitments, BUDAPEST, "4")).toEqual([]);
  });

  it("a disputed armed-attack judgement of the use flips para 4", () => {
    const r = use({ armed_attack: { value: true, disputed: true } });
    expect(rows(r.commitments, BUDAPEST, "4")).toEqual(["GBR>UKR 4", "USA>UKR 4"]);
    const point = r.contested.find((c) => c.point.id === "n.armed_attack");
    expect(point?.flips.some((f) => f.instrument === BUDAPEST && f.article === "4")).toBe(true);
  });
});
