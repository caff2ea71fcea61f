// Expected outcomes written by hand from the treaty texts and the issue, never regenerated from output.
// Run against the Korean library alone, so that later instruments do not change them.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { whatIf } from "../src/engine/index.js";
import type { ActorRef } from "../src/model/common.js";
import type { Result } from "../src/model/result.js";
import { KOREA_LIBRARY, loadLibrary } from "../src/treaties/load.js";
import { BUILTIN_SCENARIOS, readScenarioFile } from "../src/treaties/scenario-file.js";

const { library } = loadLibrary([KOREA_LIBRARY]);

function answer(file: string, options: Parameters<typeof whatIf>[2] = {}): Result {
  const read = readScenarioFile(join(BUILTIN_SCENARIOS, file), library);
  if ("problems" in read) throw new Error(JSON.stringify(read.problems));
  return whatIf(library, read.scenario, options);
}
const code = (a: ActorRef) => ("iso3" in a ? a.iso3 : a.id);
const bound = (r: Result, obligor: string, beneficiary: string, instrument: string, article: string) =>
  r.obligations.find(
    (o) =>
      code(o.obligor) === obligor &&
      code(o.beneficiary) === beneficiary &&
      o.instrument === instrument &&
      o.article === article,
  );
const military = (r: Result) => r.obligations.filter((o) => o.kind === "defence" || o.kind === "offence");
const unmet = (r: Result, obligor: string, beneficiary: string, instrument: string, article: string) =>
  r.not_triggered.find(
    (n) =>
      code(n.obligor) === obligor &&
      code(n.beneficiary) === beneficiary &&
      n.instrument === instrument &&
      n.article === article,
  )?.unmet ?? [];
const contested = (r: Result, pointId: string, under?: string) =>
  r.contested
    .filter((c) => c.point.id.includes(pointId) && (!under || c.under === under))
    .flatMap((c) => c.flips);
const flip = (
  flips: Result["contested"][number]["flips"],
  obligor: string,
  beneficiary: string,
  instrument: string,
) =>
  flips.find(
    (f) => code(f.obligor) === obligor && code(f.beneficiary) === beneficiary && f.instrument === instrument,
  );

describe("15 Oct 2024: road-link demolitions and warning fire", () => {
  const r = answer("korea-2024-10-15-incident.yaml");

  it("binds no one to military assistance", () => {
    expect(military(r)).toEqual([]);
    expect(r.belligerents).toEqual([]);
  });

  it("lists the 2024 treaty as not in force; as if in force, Art. 4 is unmet and Art. 3 needs a request", () => {
    const entry = r.not_in_force.find((n) => n.instrument === "russia-dprk-2024");
    expect(entry?.status).toBe("signed");
    expect(entry?.would_bind).toEqual([]);
    const art4 = unmet(r, "RUS", "PRK", "russia-dprk-2024", "4");
    expect(art4[0]).toMatch(/not in force on 2024-10-15/);
    expect(art4.join(" ")).toMatch(/no armed attack on North Korea/);
    const art3 = unmet(r, "RUS", "PRK", "russia-dprk-2024", "3");
    expect(art3.join(" ")).toMatch(/no request made by North Korea to Russia/);
  });

  it("shows the 2000 treaty's consultation article in force, applying only if the incident is a threat", () => {
    expect(unmet(r, "RUS", "PRK", "russia-dprk-2000", "2").join(" ")).toMatch(
      /is not a threat of attack on North Korea/,
    );
    const ifThreat = contested(r, "warning-fire.threat");
    expect(flip(ifThreat, "RUS", "PRK", "russia-dprk-2000")).toMatchObject({
      main: "not bound",
      alternative: "bound (consultative)",
    });
    const ifThreatToRok = contested(r, "demolition.threat");
    expect(flip(ifThreatToRok, "USA", "KOR", "us-rok-1953")).toMatchObject({
      main: "not bound",
      alternative: "bound (consultative)",
    });
  });

  it("repeats the legal judgements it relied on, marked disputed", () => {
    const threat = r.assumptions.find((a) => a.id === "warning-fire.threat");
    expect(threat).toMatchObject({ value: false, disputed: true, origin: "scenario" });
  });
});

describe("2025: the DPRK invades the ROK", () => {
  const r = answer("korea-2025-dprk-invades.yaml");

  it("binds the US under Art. III of the 1953 treaty, with discretion", () => {
    const us = bound(r, "USA", "KOR", "us-rok-1953", "III");
    expect(us?.kind).toBe("defence");
    expect(us?.strength).toBe("discretionary");
    expect(us?.against.map(code)).toEqual(["PRK"]);
    expect(us?.quote).toMatch(/Pacific area/);
    expect(us?.source.title).toBeTruthy();
    expect(r.belligerents.find((b) => code(b.state) === "USA")).toMatchObject({
      wave: 1,
      via: { instrument: "us-rok-1953", article: "III" },
    });
  });

  it("does not trigger Russia's Art. 4 or China's Art. II under the victim reading: the DPRK started the war", () => {
    expect(bound(r, "RUS", "PRK", "russia-dprk-2024", "4")).toBeUndefined();
    expect(bound(r, "CHN", "PRK", "china-dprk-1961", "II")).toBeUndefined();
    expect(unmet(r, "RUS", "PRK", "russia-dprk-2024", "4").join(" ")).toMatch(
      /North Korea's side started war-1/,
    );
    expect(unmet(r, "CHN", "PRK", "china-dprk-1961", "II").join(" ")).toMatch(
      /North Korea's side started war-1/,
    );
  });

  it("shows both as triggered under the territorial reading, by ROK and US strikes on DPRK territory", () => {
    const flips = contested(r, "territorial");
    expect(flip(flips, "RUS", "PRK", "russia-dprk-2024")).toMatchObject({
      main: "not bound",
      alternative: "bound (automatic, joins the war)",
    });
    expect(flip(flips, "CHN", "PRK", "china-dprk-1961")).toMatchObject({
      main: "not bound",
      alternative: "bound (automatic, joins the war)",
    });
    const territorial = answer("korea-2025-dprk-invades.yaml", { reading: "territorial" });
    const russia = bound(territorial, "RUS", "PRK", "russia-dprk-2024", "4");
    expect(russia?.against.map(code).sort()).toEqual(["KOR", "USA"]);
  });

  it("reports the invasion as a breach of the inter-Korean non-aggression pledge", () => {
    expect(
      r.violations.some((v) => v.instrument === "inter-korean-basic-agreement-1991" && code(v.by) === "PRK"),
    ).toBe(true);
  });
});

describe("2025: an ROK strike puts the DPRK in a state of war", () => {
  const r = answer("korea-2025-rok-strike.yaml");

  it("binds Russia (Art. 4) and China (1961 Art. II) to the DPRK, automatically", () => {
    const russia = bound(r, "RUS", "PRK", "russia-dprk-2024", "4");
    expect(russia).toMatchObject({ kind: "defence", strength: "automatic", joins_war: true, wave: 1 });
    expect(russia?.pivotal).toMatch(/would not hold if South Korea had not struck first/);
    expect(russia?.conditions.every((c) => c.met)).toBe(true);
    expect(bound(r, "CHN", "PRK", "china-dprk-1961", "II")).toMatchObject({
      kind: "defence",
      strength: "automatic",
    });
  });

  it("contests the 'invasion' rendering and the 'laws of the parties' reading", () => {
    expect(
      flip(contested(r, "invasion-rendering", "victim"), "RUS", "PRK", "russia-dprk-2024"),
    ).toMatchObject({ alternative: "not bound" });
    expect(
      flip(contested(r, "laws-of-the-parties", "victim"), "RUS", "PRK", "russia-dprk-2024"),
    ).toMatchObject({
      alternative: "bound (discretionary, joins the war)",
    });
  });

  it("does not bind the US under the victim reading, and does under the territorial one", () => {
    expect(bound(r, "USA", "KOR", "us-rok-1953", "III")).toBeUndefined();
    expect(unmet(r, "USA", "KOR", "us-rok-1953", "III").join(" ")).toMatch(
      /South Korea's side started war-1/,
    );
    expect(flip(contested(r, "territorial"), "USA", "KOR", "us-rok-1953")).toMatchObject({
      main: "not bound",
    });
  });

  it("flags arms supply under Art. 4 / Art. II against the embargo, with both views of Art. 103", () => {
    const embargo = r.conflicts.filter((c) => c.kind === "assistance-vs-prohibition");
    const byRussia = embargo.filter((c) => code(c.state) === "RUS").map((c) => c.prohibition?.instrument);
    expect(byRussia).toEqual(
      expect.arrayContaining(["unscr-1718-2006", "unscr-1874-2009", "unscr-2270-2016"]),
    );
    expect(embargo.some((c) => code(c.state) === "CHN")).toBe(true);
    const views = embargo[0]?.views ?? [];
    expect(views).toHaveLength(2);
    expect(views[0]?.cites?.article).toBe("103");
    expect(views[1]?.view).toMatch(/Art\. 51/);
  });
});

describe("15 Oct 2024: the same strike before the 2024 treaty entered into force", () => {
  const r = answer("korea-2024-10-15-strike.yaml");

  it("does not bind Russia; the 2024 treaty is listed apart as it would apply", () => {
    expect(bound(r, "RUS", "PRK", "russia-dprk-2024", "4")).toBeUndefined();
    const entry = r.not_in_force.find((n) => n.instrument === "russia-dprk-2024");
    expect(entry?.would_bind.map((o) => `${code(o.obligor)}>${code(o.beneficiary)} ${o.article}`)).toContain(
      "RUS>PRK 4",
    );
  });

  it("binds China under the 1961 Art. II", () => {
    expect(bound(r, "CHN", "PRK", "china-dprk-1961", "II")).toMatchObject({ strength: "automatic" });
  });

  it("treats the US as in 2025: not bound under victim, bound under territorial", () => {
    expect(bound(r, "USA", "KOR", "us-rok-1953", "III")).toBeUndefined();
    expect(flip(contested(r, "territorial"), "USA", "KOR", "us-rok-1953")).toMatchObject({
      main: "not bound",
    });
  });
});

describe("Kursk: the one real invocation of Art. 4", () => {
  it("on 2024-08-07 the treaty is not in force", () => {
    const r = answer("kursk-2024-08-07.yaml");
    expect(r.not_in_force.find((n) => n.instrument === "russia-dprk-2024")?.status).toBe("signed");
    expect(bound(r, "PRK", "RUS", "russia-dprk-2024", "4")).toBeUndefined();
  });

  const r = answer("kursk-2024-12-05.yaml");

  it("on 2024-12-05 Russia's claim is not triggered under victim: Russia began the war", () => {
    expect(bound(r, "PRK", "RUS", "russia-dprk-2024", "4")).toBeUndefined();
    expect(unmet(r, "PRK", "RUS", "russia-dprk-2024", "4").join(" ")).toMatch(/Russia's side started war-1/);
  });

  it("is triggered under territorial, with retroactivity and 'is it a state of war' contested", () => {
    expect(flip(contested(r, "territorial"), "PRK", "RUS", "russia-dprk-2024")).toMatchObject({
      main: "not bound",
    });
    const retro = contested(r, "russia-dprk-2024.retroactive", "territorial");
    expect(flip(retro, "PRK", "RUS", "russia-dprk-2024")).toMatchObject({ alternative: "not bound" });
    const notWar = contested(r, "invasion-of-ukraine.state_of_war", "territorial");
    expect(flip(notWar, "PRK", "RUS", "russia-dprk-2024")).toMatchObject({ alternative: "not bound" });
  });

  it("reports the DPRK's munitions to Russia as a violation of 1718 ¶8(b) and 1874 ¶9", () => {
    const cited = r.violations
      .filter((v) => v.event === "dprk-munitions")
      .map((v) => `${v.instrument} ${v.article}`);
    expect(cited).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^unscr-1718-2006 8\(b\)/),
        expect.stringMatching(/^unscr-1874-2009 9/),
      ]),
    );
    expect(r.violations.filter((v) => v.event === "dprk-munitions").map((v) => code(v.by))).toContain("PRK");
  });
});

describe("every obligation is cited", () => {
  it("carries a quote and a source in every shipped scenario, under both readings", () => {
    for (const file of [
      "korea-2024-10-15-incident.yaml",
      "korea-2025-dprk-invades.yaml",
      "korea-2025-rok-strike.yaml",
      "kursk-2024-12-05.yaml",
    ]) {
      for (const reading of ["victim", "territorial"] as const) {
        for (const o of answer(file, { reading }).obligations) {
          expect(o.quote.length, `${file} ${o.instrument} ${o.article}`).toBeGreaterThan(0);
          expect(o.source.title.length).toBeGreaterThan(0);
        }
      }
    }
  });
});
