// A provision as one run reads it for one obligor: a reading changes what it names and keeps the rest (the
// qualifiers of TEU Art. 42(7) stay when the neutral-states reading makes it discretionary), and a
// ratification understanding changes the obligations of the party that made it only.
import { describe, expect, it } from "vitest";
import { ask, code, event, one, perTest } from "./world.js";

const TEU = "teu-art-42-7";
const NEUTRAL = `${TEU}/aid-and-assistance/neutral-states`;
const US_ROK = "us-rok-1953";

describe("TEU Art. 42(7): 'aid and assistance by all the means in their power', in accordance with Art. 51", () => {
  const attack = { as_of: "2025-06-01", events: [event("a", "armed-attack", "RUS", "EST", "2025-05-01")] };

  it("by default each member is bound automatically, the obligation qualified by Charter Art. 51", () => {
    const row = one(ask(attack).obligations, "FRA", "EST", TEU, "42(7)");
    expect(row).toMatchObject({ strength: "automatic", qualifiers: ["un-charter-art-51"] });
    expect(row.readings).not.toContain(NEUTRAL);
  });

  it("read as leaving the neutral states their policy, it is discretionary and still qualified by Art. 51", () => {
    const row = one(ask(attack, { readings: [NEUTRAL] }).obligations, "FRA", "EST", TEU, "42(7)");
    expect(row).toMatchObject({ strength: "discretionary", qualifiers: ["un-charter-art-51"] });
    expect(row.readings).toContain(NEUTRAL);
  });
});

describe("China–DPRK Art. II: 'immediately render military and other assistance with all its strength'", () => {
  it("is automatic and qualified by nothing", () => {
    const r = ask({ as_of: "2025-06-01", events: [event("a", "invasion", "KOR", "PRK", "2025-05-01")] });
    const row = one(r.obligations, "CHN", "PRK", "china-dprk-1961", "II");
    expect(row).toMatchObject({ strength: "automatic", qualifiers: [] });
  });
});

describe("US–ROK Art. III and the US understanding (external armed attack only)", () => {
  // The DPRK strikes both parties: each is bound to the other, the US under its understanding, Korea not.
  const r = perTest(() =>
    ask({
      as_of: "2025-06-01",
      events: [
        event("a", "armed-attack", "PRK", "USA", "2025-05-01", { at: "USA-HI" }),
        event("b", "invasion", "PRK", "KOR", "2025-05-01"),
      ],
    }),
  );
  const marked = (row: { conditions: { code: string; understanding?: string | null }[] }) =>
    row.conditions.filter((c) => c.understanding).map((c) => `${c.code} ${c.understanding}`);

  it("the US obligation to Korea carries the understanding's condition, marked as the understanding's", () => {
    const row = one(r.obligations, "USA", "KOR", US_ROK, "III");
    expect(row.conditions.map((c) => c.code)).toContain("external");
    expect(marked(row)).toEqual(["external us-understanding"]);
  });

  it("Korea's obligation to the US is the text's: no understanding of Korea's, no condition added", () => {
    const row = one(r.obligations, "KOR", "USA", US_ROK, "III");
    expect(row.conditions.map((c) => c.code)).not.toContain("external");
    expect(marked(row)).toEqual([]);
    expect(code(row.beneficiary)).toBe("USA");
  });
});
