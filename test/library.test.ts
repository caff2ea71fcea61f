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
    // Usage errors exit 2 (problems in a file exit 1), with a suggestion where there is one.
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('casus: --on: "2024-02-30" is not a real date (expected YYYY-MM-DD)');
    const unknown = await cli(["treaties", "--party", "XYZ"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe('casus: --party: unknown state or organisation "XYZ"');
    const near = await cli(["treaties", "--party", "Ukrane"]);
    expect(near.err).toMatch(/did you mean Ukraine \(UKR\)/);
  });

  it("casus show prints the article text and the sources", async () => {
    const { code, out } = await cli(["show", "russia-dprk-2024"]);
    expect(code).toBe(0);
    expect(out).toMatch(/Art\. 4 — Military and other assistance/);
    expect(out).toMatch(/tass\.com\/world\/1882445/);
  });
});

describe("the whole library: membership over time, conditions and languages", () => {
  const full = loadLibrary().library;
  const instrument = (id: string): Instrument => {
    const found = full.byId.get(id);
    if (!found) throw new Error(`missing ${id}`);
    return found;
  };
  const provision = (id: string, article: string, on: string, provisionId?: string) => {
    const text = full.articlesOn(instrument(id), on).find((a) => a.article.number === article);
    return provisionId ? text?.provisions.find((p) => p.id === provisionId) : text?.provisions[0];
  };

  it("lists every UN Member: 193 on 2025-01-01, with the Charter's successions", async () => {
    const charter = instrument("un-charter-1945");
    expect(full.membersOn(charter, "2025-01-01")).toHaveLength(193);
    // China's seat: the Republic of China (Taiwan in the state system) until resolution 2758, then the PRC.
    expect(full.membersOn(charter, "1960-01-01")).toContain("TWN");
    expect(full.membersOn(charter, "1960-01-01")).not.toContain("CHN");
    expect(full.membersOn(charter, "1972-01-01")).toContain("CHN");
    expect(full.membersOn(charter, "1972-01-01")).not.toContain("TWN");
    // The Ukrainian SSR was an original Member but is counted only once the state system counts Ukraine.
    expect(full.parties(charter).find((p) => p.party === "UKR")?.outside_state_system).toBeTruthy();
    expect(full.membersOn(charter, "1980-01-01")).not.toContain("UKR");
    expect(full.membersOn(charter, "1992-01-01")).toContain("UKR");
    // The two Germanys from 1973, united Germany from 3 October 1990.
    expect(full.membersOn(charter, "1980-01-01")).toEqual(expect.arrayContaining(["cow:260", "cow:265"]));
    expect(full.membersOn(charter, "1990-10-03")).toContain("DEU");
    expect(full.membersOn(charter, "1990-10-03")).not.toContain("cow:265");
    const { out } = await cli(["treaties", "--on", "2025-01-01", "--json"]);
    const row = (JSON.parse(out) as { id: string; parties: string[] }[]).find(
      (r) => r.id === "un-charter-1945",
    );
    expect(row?.parties.length).toBeGreaterThanOrEqual(193);
  });

  it("ends the Pact of Steel with Italy's armistice and takes Italy out of the Tripartite Pact", async () => {
    const { out } = await cli(["treaties", "--on", "1944-06-01", "--party", "ITA", "--json"]);
    const status = Object.fromEntries(
      (JSON.parse(out) as { id: string; status: string }[]).map((r) => [r.id, r.status]),
    );
    expect(status["pact-of-steel-1939"]).toBe("terminated");
    expect(full.membersOn(instrument("tripartite-pact-1940"), "1944-06-01")).not.toContain("ITA");
    expect(full.membersOn(instrument("tripartite-pact-1940"), "1942-06-01")).toEqual(
      expect.arrayContaining(["DEU", "ITA", "JPN", "HUN", "ROU", "BGR"]),
    );
  });

  it("asks for a request under the CST's Art. 4 only from the 2010 amendment's entry into force", () => {
    expect(provision("collective-security-treaty-1992", "4", "2000-01-01")?.trigger?.request).toBeUndefined();
    expect(provision("collective-security-treaty-1992", "4", "2025-01-01")?.trigger?.request).toBe(true);
    expect(instrument("collective-security-treaty-1992").organisation).toBe("org:csto");
  });

  it("makes consultation that turns on a party's opinion wait for that party's call", () => {
    for (const [id, article] of [
      ["north-atlantic-treaty-1949", "4"],
      ["anzus-1951", "III"],
      ["us-rok-1953", "II"],
    ] as const) {
      expect(provision(id, article, "2025-01-01")?.trigger?.on_call, `${id} Art. ${article}`).toBe(
        "any-party",
      );
    }
  });

  it("draws the treaty areas: ANZUS follows Art. V by default, SEATO its Art. VIII area", () => {
    const anzus = provision("anzus-1951", "IV", "2001-09-21");
    expect(anzus?.trigger?.where?.region).toBe("anzus-art-5-area");
    expect(anzus?.readings?.find((r) => r.id === "pacific-area-only")?.changes.trigger?.where?.region).toBe(
      "pacific-area",
    );
    expect(full.inRegion("USA", "anzus-art-5-area")).toBe(true);
    expect(full.inRegion("PRI", "anzus-art-5-area")).toBe(false);
    expect(provision("seato-1954", "IV", "2001-09-21")?.trigger?.where?.region).toBe("seato-treaty-area");
    expect(full.inRegion("USA", "seato-treaty-area")).toBe(false);
    expect(full.inRegion("THA", "seato-treaty-area")).toBe(true);
    expect(full.inRegion("TWN", "seato-treaty-area")).toBe(false);
  });

  it("encodes the conditions the texts state: no escape clause, excluded and supporting attackers, nuclear use", () => {
    const mr = provision("molotov-ribbentrop-1939", "II", "1939-09-01");
    expect(mr?.trigger?.victim_test).toBe(false);
    expect(mr?.trigger?.because?.victim_test).toMatch(/object of war-like acts/);
    const italy = provision(
      "franco-russian-alliance-1894",
      "1",
      "1900-01-01",
      "russia-for-france-against-italy",
    );
    expect(italy?.trigger?.by).toMatchObject({ kind: "named", states: ["ITA"], supported_by: ["DEU"] });
    expect(provision("dual-alliance-1879", "II", "1900-01-01")?.trigger?.by?.exclude).toEqual(["RUS"]);
    expect(provision("budapest-memorandum-1994", "4", "2014-03-01")?.trigger?.event).toBe("nuclear-use");
  });

  it("says what kind of commitment each instrument is, with the disputed ones as readings", () => {
    expect(instrument("taiwan-relations-act-1979").legal_force).toBe("domestic");
    for (const id of [
      "joint-declaration-sixteen-1953",
      "washington-declaration-2023",
      "budapest-memorandum-1994",
    ])
      expect(instrument(id).legal_force, id).toBe("political");
    expect(instrument("inter-korean-basic-agreement-1991").legal_force).toBe("political");
    expect(provision("budapest-memorandum-1994", "4", "2014-03-01")?.readings?.[0]?.changes.legal_force).toBe(
      "binding",
    );
  });

  it("puts English beside every original-language clause that carries an obligation, and marks every language", () => {
    const nonLatin = /[\u0400-\u04ff\u0600-\u06ff\u3040-\u9fff\uac00-\ud7af]/;
    for (const i of full.instruments) {
      for (const a of [...i.articles, ...(i.parts ?? []).flatMap((p) => p.articles)]) {
        for (const v of [a, ...(a.versions ?? [])]) {
          const where = `${i.id} ${a.number}${v === a ? "" : ` (${(v as { from: string }).from})`}`;
          if (v.text && nonLatin.test(v.text)) expect(v.lang, where).toBeTruthy();
          for (const r of v.renderings ?? [])
            if (nonLatin.test(r.text)) expect(r.lang, `${where} rendering`).toBeTruthy();
          if (v.lang && v.lang !== "en" && (v.provisions ?? []).length > 0)
            expect(
              (v.renderings ?? []).some((r) => r.lang === "en"),
              `${where} needs an English rendering`,
            ).toBe(true);
        }
      }
    }
  });
});
