// What is not in force on a date: an instrument that has ended is listed as ended, with its end date; one in
// force that day never is.
import { describe, expect, it } from "vitest";
import { ask, event, perTest } from "./world.js";

describe("South Korea invades the DPRK (hypothetical, 2025): the instruments of the states involved", () => {
  const r = perTest(() =>
    ask({ as_of: "2025-06-01", events: [event("a", "invasion", "KOR", "PRK", "2025-05-01")] }),
  );
  const ended = () => r.not_in_force.filter((n) => n.status === "terminated");

  it("each instrument listed as ended ended on or before the date", () => {
    expect(ended().length).toBeGreaterThan(0);
    for (const n of ended()) {
      expect(n.terminated, n.instrument).toEqual(expect.any(String));
      expect((n.terminated as string) <= "2025-06-01", n.instrument).toBe(true);
    }
  });

  it("the Russia–DPRK treaty of 2000 ended when that of 2024 entered into force; the 2024 one is in force", () => {
    const ids = ended().map((n) => n.instrument);
    expect(ids).toContain("russia-dprk-2000");
    expect(ids).not.toContain("russia-dprk-2024");
    expect(ids).not.toContain("china-dprk-1961");
  });
});
