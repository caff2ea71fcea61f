import { describe, expect, it } from "vitest";
import type { Instrument } from "../src/model/instrument.js";
import { KOREA_LIBRARY, loadLibrary } from "../src/treaties/load.js";
import { cli } from "./helpers.js";

const { library, problems } = loadLibrary([KOREA_LIBRARY]);
const get = (id: string): Instrument => {
  const instrument = library.byId.get(id);
  if (!instrument) throw new Error(`missing ${id}`);
  return instrument;
};
const provisionKinds = (id: string, article: string) =>
  library
    .articlesOn(get(id), "2025-06-01")
    .find((a) => a.article.number === article)
    ?.provisions.map((p) => p.kind);

describe("the Korean-peninsula library", () => {
  it("loads without problems", () => {
    expect(problems).toEqual([]);
  });

  it("has the 2024 Russia–DPRK treaty with its real dates and parties", () => {
    const treaty = get("russia-dprk-2024");
    expect(treaty.dates.signed).toBe("2024-06-19");
    expect(treaty.dates.in_force).toBe("2024-12-04");
    expect(treaty.duration?.kind).toBe("indefinite");
    expect(library.parties(treaty).map((p) => p.party)).toEqual(["RUS", "PRK"]);
    expect(provisionKinds("russia-dprk-2024", "4")).toEqual(["defence"]);
    expect(provisionKinds("russia-dprk-2024", "3")).toEqual(["consultation"]);
    expect(provisionKinds("russia-dprk-2024", "5")).toEqual(["no-hostile-third-party-commitments"]);
    expect(library.status(treaty, "2024-10-15")).toBe("signed");
    expect(library.status(treaty, "2024-12-04")).toBe("in-force");
  });

  it("encodes Art. 4's renderings as named readings, the 'armed attack' one as the default", () => {
    const art4 = library
      .articlesOn(get("russia-dprk-2024"), "2025-01-01")
      .find((a) => a.article.number === "4");
    const provision = art4?.provisions[0];
    expect(provision?.trigger?.event).toBe("armed-attack");
    expect(provision?.trigger?.state_of_war).toBe(true);
    expect(provision?.readings?.map((r) => r.id)).toEqual(["invasion-rendering", "laws-of-the-parties"]);
    expect(art4?.text).toMatch(/comes under an armed attack by any state or several states/);
    expect(art4?.quote_confidence).toBe("translation");
    expect(art4?.article.renderings?.some((r) => r.text.includes("무력침공"))).toBe(true);
  });

  it("requires a request for consultation under Art. 3 of the 2024 treaty", () => {
    const art3 = library
      .articlesOn(get("russia-dprk-2024"), "2025-01-01")
      .find((a) => a.article.number === "3");
    expect(art3?.provisions[0]?.trigger?.request).toBe(true);
    expect(art3?.text).toMatch(/at the request of any one side/);
  });

  it("ends the 2000 treaty when the 2024 treaty enters into force", () => {
    const old = get("russia-dprk-2000");
    expect(old.dates.signed).toBe("2000-02-09");
    expect(old.dates.terminated).toBe("2024-12-04");
    expect(provisionKinds("russia-dprk-2000", "2")).toEqual(["consultation"]);
    expect(get("russia-dprk-2024").supersedes?.[0]?.instrument).toBe("russia-dprk-2000");
  });

  it("has the 1961 treaties: the Soviet one expired in 1996, the Chinese one runs until the parties agree", () => {
    const soviet = get("ussr-dprk-1961");
    expect(soviet.dates.terminated).toBe("1996-09-10");
    expect(soviet.atopid).toBe(3440);
    const chinese = get("china-dprk-1961");
    expect(chinese.dates.terminated).toBeUndefined();
    expect(chinese.duration?.kind).toBe("until-agreed");
    expect(chinese.atopid).toBe(3445);
    expect(provisionKinds("china-dprk-1961", "II")).toEqual(["defence"]);
  });

  it("has the US–ROK treaty with Art. III discretionary, in the Pacific area, and the US understanding", () => {
    const treaty = get("us-rok-1953");
    expect(treaty.dates.signed).toBe("1953-10-01");
    expect(treaty.dates.in_force).toBe("1954-11-17");
    const art3 = library.articlesOn(treaty, "2025-01-01").find((a) => a.article.number === "III");
    expect(art3?.provisions[0]?.strength).toBe("discretionary");
    expect(art3?.provisions[0]?.trigger?.where?.region).toBe("pacific-area");
    expect(treaty.understandings?.[0]?.by).toBe("USA");
    expect(treaty.understandings?.[0]?.applies_to).toEqual(["III"]);
  });

  it("lists the armistice's real signatories: the UN Command, the KPA and the Chinese volunteers, not the ROK", () => {
    const armistice = get("korean-armistice-1953");
    const parties = library.parties(armistice).map((p) => p.party);
    expect(parties).toEqual(["org:un-command", "PRK", "actor:chinese-peoples-volunteers"]);
    expect(parties).not.toContain("KOR");
    expect(library.registry.isState("org:un-command")).toBe(false);
    expect(armistice.dates.signed).toBe("1953-07-27");
  });

  it("binds all UN members to the DPRK arms embargo, from their admission", () => {
    const embargo = get("unscr-1718-2006");
    expect(embargo.parties_of).toBe("un-charter-1945");
    const members = library.membersOn(embargo, "2006-10-15");
    expect(members).toEqual(expect.arrayContaining(["USA", "RUS", "CHN", "KOR", "PRK", "JPN"]));
    const charter = get("un-charter-1945");
    expect(library.parties(charter).find((p) => p.party === "PRK")?.joined).toBe("1991-09-17");
  });

  it("records the 2025 Russia–Iran treaty as non-assistance, not defence", () => {
    const treaty = get("russia-iran-2025");
    expect(treaty.dates.signed).toBe("2025-01-17");
    const kinds = library.articlesOn(treaty, "2026-01-01").flatMap((a) => a.provisions.map((p) => p.kind));
    expect(kinds).toContain("non-assistance-to-aggressor");
    expect(kinds).not.toContain("defence");
  });

  it("never presents a clause without a source, and keeps unverified text marked", () => {
    for (const instrument of library.instruments) {
      for (const article of library.articlesOn(instrument, "2025-06-01")) {
        if (article.provisions.length === 0) continue;
        expect(article.text, `${instrument.id} Art. ${article.article.number}`).toBeTruthy();
        expect(
          library.source(instrument, article.source),
          `${instrument.id} Art. ${article.article.number}`,
        ).toBeDefined();
      }
    }
    // TREATY-SOURCES lists the 2000 treaty's text as not found: it must stay paraphrase.
    const old = library
      .articlesOn(get("russia-dprk-2000"), "2001-01-01")
      .find((a) => a.article.number === "2");
    expect(old?.quote_confidence).toBe("paraphrase");
  });
});

describe("casus treaties", () => {
  it("on 2024-10-15 shows the 2024 treaty signed but not in force, the 2000 and 1961 Chinese treaties in force", async () => {
    const { code, out } = await cli(["treaties", "--on", "2024-10-15", "--party", "PRK", "--json"]);
    expect(code).toBe(0);
    const rows = JSON.parse(out) as { id: string; status: string; signed: string; in_force: string | null }[];
    const status = Object.fromEntries(rows.map((r) => [r.id, r.status]));
    expect(status["russia-dprk-2024"]).toBe("signed");
    expect(status["russia-dprk-2000"]).toBe("in-force");
    expect(status["china-dprk-1961"]).toBe("in-force");
    expect(status["ussr-dprk-1961"]).toBe("terminated");
    expect(rows.every((r) => "title" in r && "kind" in r && "terminated" in r)).toBe(true);
  });

  it("on 2025-01-01 shows the 2024 treaty in force and the 2000 treaty ended", async () => {
    const { out } = await cli(["treaties", "--on", "2025-01-01", "--party", "PRK", "--json"]);
    const status = Object.fromEntries(
      (JSON.parse(out) as { id: string; status: string }[]).map((r) => [r.id, r.status]),
    );
    expect(status["russia-dprk-2024"]).toBe("in-force");
    expect(status["russia-dprk-2000"]).toBe("terminated");
  });

  it("says so in the text listing", async () => {
    const { out } = await cli(["treaties", "--on", "2024-10-15", "--party", "PRK"]);
    expect(out).toMatch(/russia-dprk-2024\s+signed, NOT in force/);
  });

  it("rejects an impossible date and an unknown party with one line each", async () => {
    const bad = await cli(["treaties", "--on", "2024-02-30"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('casus: --on: "2024-02-30" is not a real date (expected YYYY-MM-DD)');
    const unknown = await cli(["treaties", "--party", "XYZ"]);
    expect(unknown.err).toBe("casus: --party: unknown state code XYZ");
  });

  it("casus show prints the article text and the sources", async () => {
    const { code, out } = await cli(["show", "russia-dprk-2024"]);
    expect(code).toBe(0);
    expect(out).toMatch(/Art\. 4 — Military and other assistance/);
    expect(out).toMatch(/tass\.com\/world\/1882445/);
  });
});
