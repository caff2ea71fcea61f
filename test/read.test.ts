// The news reader against articles whose expected answers were written by hand (test/read/expected).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readArticle } from "../src/read/index.js";
import { ACTORS_FILE, readLexicon } from "../src/read/lexicon.js";
import type { ReadResult } from "../src/read/result.js";
import { buildApp } from "../src/server/app.js";
import { ScenarioStore } from "../src/server/store.js";
import { loadLibrary } from "../src/treaties/load.js";
import { cli, tempLibrary } from "./helpers.js";
import { type Case, loadCases, matchEvent } from "./read/expected.js";

const { library } = loadLibrary();
const cases = loadCases();
const read = (c: Case): { text: string; result: ReadResult } => {
  const text = readFileSync(c.path as string, "utf8");
  return { text, result: readArticle(text, library, { name: c.name }) };
};
const ids = new Set(library.instruments.map((i) => i.id));

// Boilerplate whose text must never reach the answer (a removed duplicate's text stands in its kept copy).
const BOILERPLATE = new Set([
  "comment-prompt",
  "share-or-navigation",
  "author-bio",
  "byline",
  "related-headline",
]);

for (const c of cases) {
  describe.skipIf(!c.path)(
    `${c.name}${c.path ? "" : " (seed not found in ../shared/seeds: skipped)"}`,
    () => {
      const { text, result } = c.path ? read(c) : ({} as ReturnType<typeof read>);
      const e = c.expected;

      it("finds the article's date, or says it has none", () => {
        expect(result.dateline.date).toBe(e.dateline);
        if (e.window) expect(result.dateline.window).toMatchObject(e.window);
      });

      it("names exactly the library's instruments the article names", () => {
        expect(result.instruments.map((i) => i.id).sort()).toEqual([...e.instruments].sort());
        for (const u of e.unknown ?? []) expect(result.unknown_instruments.map((x) => x.text)).toContain(u);
        if (e.no_library_ids) {
          const json = JSON.stringify(result);
          for (const id of ids) expect(json.includes(`"${id}"`), `${id} in the answer`).toBe(false);
          expect(result.suggestion.what_if).toBeNull();
        }
      });

      it("keeps sentence offsets into the original and leaves boilerplate out", () => {
        for (const s of result.sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
        expect([...new Set(result.removed.map((r) => r.reason))].sort()).toEqual(
          [...new Set(e.removed ?? [])].sort(),
        );
        const json = JSON.stringify(result);
        for (const r of result.removed.filter((x) => BOILERPLATE.has(x.reason))) {
          expect(json.includes(JSON.stringify(text.slice(r.start, r.end)).slice(1, -1))).toBe(false);
        }
      });

      it("aligns quoted and cited articles to the library's wordings", () => {
        for (const a of e.articles ?? []) {
          const found = result.articles.filter(
            (p) => p.instrument === a.instrument && p.article === a.article,
          );
          expect(found.length, `${a.instrument} Art. ${a.article}`).toBeGreaterThan(0);
          const claim = found.find((p) => !a.kind || p.kind === a.kind);
          expect(claim, `${a.instrument} Art. ${a.article} as ${a.kind}`).toBeDefined();
          if (!claim) continue;
          if (a.match) expect([a.match].flat()).toContain(claim.match);
          if (a.source) expect(claim.best?.source.id).toBe(a.source);
          if (a.reading) expect(claim.best?.reading).toBe(a.reading);
          if (a.candidate !== undefined) expect(claim.candidate_rendering !== null).toBe(a.candidate);
          expect(result.sentences.some((s) => s.id === claim.sentence)).toBe(true);
        }
      });

      it("resolves actors to the states they act for", () => {
        for (const a of e.actors ?? []) {
          expect(
            result.actors.some((m) => m.text === a.text && m.code === a.state),
            `${a.text} → ${a.state}`,
          ).toBe(true);
        }
      });

      it("codes the events the article reports, each with its sentence, and no others", () => {
        expect(result.events.length).toBe(e.events.length);
        for (const x of e.events) {
          const p = matchEvent(result, x);
          expect(p, `${x.kind} by ${x.by}`).toBeDefined();
          if (!p) continue;
          expect(p.suggested).toBe(true);
          if (x.against) expect(p.against?.code).toBe(x.against);
          if (x.to) expect(p.to?.code).toBe(x.to);
          if (x.at !== undefined) expect(p.place.code).toBe(x.at);
          if (x.date !== undefined) expect(p.date.value).toBe(x.date);
          if (x.disputed !== undefined) expect(p.disputed).toBe(x.disputed);
          const evidence = p.evidence
            .map((id) => result.sentences.find((s) => s.id === id)?.text ?? "")
            .join(" ");
          for (const words of x.evidence ?? []) expect(evidence).toContain(words);
          for (const who of x.claimed_by ?? []) expect(p.claimed_by).toContain(who);
          for (const who of x.denied_by ?? []) expect(p.denied_by).toContain(who);
          if (p.disputed) expect(p.sides?.claim.length).toBeGreaterThan(0);
          if (x.denied_by) expect(p.sides?.denial.length).toBeGreaterThan(0);
        }
        for (const kind of e.not_kinds ?? []) expect(result.events.map((x) => x.kind)).not.toContain(kind);
      });

      it(
        e.what_if ? "suggests a scenario whose what-if gives the expected answer" : "suggests no what-if",
        () => {
          const w = result.suggestion.what_if;
          if (!e.what_if) {
            expect(w).toBeNull();
            return;
          }
          expect(w).not.toBeNull();
          if (!w) return;
          for (const kind of e.what_if.none_of_kinds ?? [])
            expect(w.obligations.map((o) => o.kind)).not.toContain(kind);
          if (e.what_if.obligations?.length === 0) expect(w.obligations).toEqual([]);
          for (const o of e.what_if.obligations ?? [])
            expect(w.obligations).toContainEqual(expect.objectContaining(o));
          for (const o of e.what_if.if_threats ?? [])
            expect(w.if_threats ?? []).toContainEqual(expect.objectContaining(o));
          for (const ev of result.suggestion.scenario?.events ?? [])
            expect(ev.description).toMatch(/suggested from the article/);
        },
      );
    },
  );
}

describe("no invention", () => {
  it("a text with no instrument and no event yields no id and no what-if", () => {
    const r = readArticle("Leaders met in Geneva on Monday to discuss climate finance and trade.", library);
    expect(r.instruments).toEqual([]);
    expect(r.events).toEqual([]);
    expect(r.suggestion.scenario).toBeNull();
  });

  it("a relative date without a dateline stays unresolved, with the rule", () => {
    const r = readArticle(
      "North Korean troops fired warning shots toward South Korea near the border on Tuesday.",
      library,
    );
    expect(r.events[0]?.date.value).toBeNull();
    expect(r.events[0]?.date.rule).toMatch(/weekday/);
    expect(r.events[0]?.kind).toBe("border-incident");
    const dated = readArticle(
      "North Korean troops fired warning shots toward South Korea near the border on Tuesday.",
      library,
      {
        dateline: "2024-10-17",
      },
    );
    expect(dated.events[0]?.date.value).toBe("2024-10-15");
    expect(dated.events[0]?.date.rule).toMatch(/latest Tuesday on or before the dateline/);
  });

  it("fire that the text says struck the other side is an armed attack", () => {
    const r = readArticle(
      "Published: 1 June 2025\nNorth Korean artillery fired shells that struck homes in South Korea on Sunday, killing two civilians.",
      library,
    );
    expect(r.events.map((e) => [e.kind, e.by.code, e.against?.code])).toEqual([
      ["armed-attack", "PRK", "KOR"],
    ]);
  });

  it("resolves an office on the article's date, and says when the person no longer held it", () => {
    const on = (date: string) =>
      readArticle("President Yoon Suk Yeol spoke to reporters.", library, { dateline: date }).actors.find(
        (a) => a.person === "Yoon Suk Yeol",
      );
    expect(on("2023-01-10")).toMatchObject({
      code: "KOR",
      role: "President of South Korea",
      role_holds: true,
    });
    expect(on("2025-06-01")?.role_holds).toBe(false);
  });
});

describe("casus read", () => {
  const seedLike = "test/read/articles/denial.txt";

  it("prints claims with their sentences", async () => {
    const { code, out } = await cli(["read", seedLike]);
    expect(code).toBe(0);
    expect(out).toMatch(/border-incident by North Korea against South Korea/);
    expect(out).toMatch(/denied by: Pyongyang/);
  });

  it("--json gives casus.read/1", async () => {
    const { code, out } = await cli(["read", seedLike, "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(out).schema).toBe("casus.read/1");
  });

  it("refuses a date that does not exist and a missing file, in one line", async () => {
    expect((await cli(["read", seedLike, "--dateline", "2024-02-30"])).err).toMatch(
      /--dateline: "2024-02-30" is not a real date/,
    );
    const missing = await cli(["read", "no/such/file.txt"]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot read no\/such\/file.txt/);
  });
});

describe("POST /api/read", () => {
  const app = buildApp({ library, store: new ScenarioStore(mkdtempSync(join(tmpdir(), "casus-read-"))) });
  const post = (payload: unknown) =>
    app.inject({ method: "POST", url: "/api/read", payload: payload as object });

  it("reads a pasted article", async () => {
    const text = readFileSync("test/read/articles/nato-article-4.txt", "utf8");
    const res = await post({ text });
    expect(res.statusCode).toBe(200);
    expect(res.json().instruments.map((i: { id: string }) => i.id)).toEqual(["north-atlantic-treaty-1949"]);
  });

  it("names the field of a bad body", async () => {
    const res = await post({ text: "", dateline: "2024-13-01", extra: true });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .problems.map((p: { field: string }) => p.field)
        .sort(),
    ).toEqual(["(body)", "dateline", "text"]);
    expect((await post({ text: "x".repeat(200_001) })).statusCode).toBe(400);
  });
});

describe("the actor dictionary", () => {
  it("cites a source for every person and institution, and bounds each office by dates", () => {
    const read = readLexicon(ACTORS_FILE);
    expect("lexicon" in read).toBe(true);
    if (!("lexicon" in read)) return;
    const ids = new Set(read.lexicon.sources.map((s) => s.id));
    for (const p of read.lexicon.people) expect(ids.has(p.source), p.name).toBe(true);
    const peskov = read.lexicon.people.find((p) => p.name === "Dmitry Peskov");
    expect(peskov?.roles[0]).toMatchObject({ from: "2012-05-22", kind: "spokesperson" });
  });

  it("names the file, line and field of a mistake", () => {
    const dir = tempLibrary({
      "actors.yaml": readFileSync(ACTORS_FILE, "utf8").replace("source: wp-peskov-2020", "source: nowhere"),
    });
    const read = readLexicon(`${dir}/actors.yaml`);
    expect("problems" in read).toBe(true);
    if ("problems" in read)
      expect(read.problems[0]).toMatchObject({
        field: expect.stringMatching(/^people\[\d+\]\.source$/),
        message: "no source with id nowhere",
      });
  });
});
