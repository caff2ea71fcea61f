// The day of entry into force (Russia–DPRK treaty, 4 December 2024) belongs to the treaty: an attack begun that
// day needs no retroactivity, and one that ended that day had not ended before it.
import { describe, expect, it } from "vitest";
import { ask, event, one } from "./world.js";

const RUSSIA_DPRK = "russia-dprk-2024";
const invasion = (start: string, more = {}) =>
  ask({ as_of: "2024-12-05", events: [event("kursk", "invasion", "UKR", "RUS", start, more)] });

describe("retroactivity at the edge of entry into force", () => {
  it("an attack begun on the day of entry into force raises no question of retroactivity", () => {
    const row = one(invasion("2024-12-04").obligations, "PRK", "RUS", RUSSIA_DPRK, "4");
    expect(row.conditions.map((c) => c.code)).not.toContain("retroactivity");
  });

  it("an attack that ended on that day had not ended before it: it counts, as an assumption", () => {
    const row = one(
      invasion("2024-08-06", { end: "2024-12-04" }).obligations,
      "PRK",
      "RUS",
      RUSSIA_DPRK,
      "4",
    );
    expect(row.conditions.find((c) => c.code === "retroactivity")).toMatchObject({
      met: true,
      detail: "counted",
    });
  });
});
