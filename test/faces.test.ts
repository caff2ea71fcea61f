// What people see: the text answer, the Markdown brief, the exports and the CLI's manners (issue 14).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import parseDot from "dotparser";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { terminalStyle, toAnsi, wrap } from "../src/cli/main.js";
import { bibtex } from "../src/report/exports.js";
import { cli } from "./helpers.js";

const SCENARIOS = fileURLToPath(new URL("../scenarios", import.meta.url));
const KOREA = readdirSync(SCENARIOS).filter((f) => f.startsWith("korea-"));
const ROK = join(SCENARIOS, "korea-2025-rok-strike.yaml");
const tmp = mkdtempSync(join(tmpdir(), "casus-faces-"));
/** Internal ids that must not reach a reader: unread article numbers, war ids, slugs as article labels, seeds. */
const IDS = /unnumbered-\d|\bwar-\d|Art\. [a-z][a-z-]*\b|\bseed \d|the event "/;

const lines = (text: string) => (text ? text.split("\n").length : 0);

describe("the text answer", () => {
  it("answers the ROK strike in at most 60 lines, answer first, with no internal ids", async () => {
    const { code, out, err } = await cli(["what-if", ROK]);
    expect(code).toBe(0);
    const printed = lines(out) + lines(err);
    console.log(`korea-2025-rok-strike: ${printed} lines`);
    expect(printed).toBeLessThanOrEqual(60);
    const [title, date, , answer] = out.split("\n");
    expect(title).toMatch(/^HYPOTHETICAL, 2025: AN ROK STRIKE/);
    expect(date).toMatch(/^As of 1 June 2025 · read under: victim reading/);
    expect(answer).toMatch(/China and Russia are bound to assist North Korea/);
    expect(out).toMatch(/Notably not bound\n• .*United States → South Korea/s);
    expect(out).not.toMatch(IDS);
  });

  it("leaves no internal id in any shipped scenario's text or brief", async () => {
    for (const file of readdirSync(SCENARIOS)) {
      const brief = join(tmp, `${file}.md`);
      const { code, out } = await cli(["what-if", join(SCENARIOS, file), "--brief", brief]);
      expect(code, file).toBe(0);
      expect(out, file).not.toMatch(IDS);
      expect(readFileSync(brief, "utf8"), file).not.toMatch(IDS);
    }
  });

  it("--explain says the answer about the state asked for, and keeps the war's sides", async () => {
    const usa = await cli(["what-if", ROK, "--explain", "USA"]);
    expect(usa.out).toContain("Only what concerns United States.");
    expect(usa.out).toContain(
      "United States is not bound to give military assistance, and no one is bound to assist it.",
    );
    const russia = await cli(["what-if", ROK, "--explain", "RUS"]);
    expect(russia.out).toMatch(
      /South Korea against North Korea, from 1 June 2025; in wave 1, Russia .* joins North Korea/,
    );
    expect(russia.out).not.toContain("no one against no one");
  });

  it("--all gives everything: every clause not triggered and the treaties no longer in force", async () => {
    const short = await cli(["what-if", ROK]);
    const all = await cli(["what-if", ROK, "--all"]);
    expect(lines(all.out)).toBeGreaterThan(lines(short.out) + 40);
    expect(all.out).toContain("Not triggered");
    expect(all.out).toContain("No longer in force");
    expect(short.out).not.toContain("No longer in force");
  });

  it("writes each Korea scenario's Markdown brief in under 300 lines, opening with the summary", async () => {
    for (const file of KOREA) {
      const path = join(tmp, file.replace(/\.yaml$/, ".md"));
      const { code } = await cli(["what-if", join(SCENARIOS, file), "--brief", path]);
      expect(code, file).toBe(0);
      const md = readFileSync(path, "utf8");
      console.log(`${file}: brief ${lines(md)} lines`);
      expect(lines(md), file).toBeLessThan(300);
      const head = md.split("\n");
      expect(head[0], file).toMatch(/^# /);
      expect(head[2], file).toMatch(/^As of /);
      // The answer sentence, then who is bound or notably not, before any detail.
      expect(head[4], file).toMatch(/bound|No state/);
      expect(
        md.indexOf("## Why") === -1 || md.indexOf("## Why") > md.indexOf("## Notably not bound"),
        file,
      ).toBe(true);
    }
  });
});

describe("exports", () => {
  it("--svg writes a valid SVG map coloured by role, --png a PNG", async () => {
    const svg = join(tmp, "map.svg");
    const png = join(tmp, "map.png");
    const { code } = await cli(["what-if", ROK, "--svg", svg, "--png", png]);
    expect(code).toBe(0);
    const text = readFileSync(svg, "utf8");
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(text);
    expect(doc.svg["@_xmlns"]).toBe("http://www.w3.org/2000/svg");
    expect(text).toContain("South Korea: Attacker");
    expect(text).toContain("Russia: Bound automatically");
    // Korea is small in a view that holds Russia and China: an inset magnifies it.
    expect(text).toContain('id="hatch-inset"');
    expect([...readFileSync(png).subarray(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
  });

  it("--dot and --graphml write the cascade, readable by a DOT parser and an XML parser", async () => {
    const dot = join(tmp, "cascade.dot");
    const graphml = join(tmp, "cascade.graphml");
    expect((await cli(["what-if", ROK, "--dot", dot, "--graphml", graphml])).code).toBe(0);
    const [graph] = parseDot(readFileSync(dot, "utf8"));
    expect(graph?.type).toBe("digraph");
    const edges = (graph?.children ?? []).filter((c) => c.type === "edge_stmt");
    const pairs = edges.map((e) => e.edge_list.map((n) => ("id" in n ? n.id : "")).join(">"));
    expect(pairs).toContain("KOR>PRK");
    expect(pairs).toContain("RUS>PRK");
    expect(pairs).toContain("CHN>PRK");
    const xml = readFileSync(graphml, "utf8");
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml);
    expect(doc.graphml.graph.edge.length).toBe(edges.length);
  });

  it("--csv writes one row per obligation", async () => {
    const json = JSON.parse((await cli(["what-if", ROK, "--json"])).out);
    const { code, out } = await cli(["what-if", ROK, "--csv"]);
    expect(code).toBe(0);
    const rows = out.trim().split(/\r?\n/);
    expect(rows[0]).toMatch(/^obligor,obligor_iso3,obligor_cow,beneficiary,/);
    expect(rows.length - 1).toBe(json.obligations.length);
    expect(rows.some((r) => r.startsWith("Russia,RUS,365,North Korea,PRK,731,russia-dprk-2024,"))).toBe(true);
  });

  it("--bibtex writes one entry per source", async () => {
    const json = JSON.parse((await cli(["what-if", ROK, "--json"])).out);
    const bib = bibtex(json);
    expect(bib.match(/^@misc\{/gm)?.length).toBe(json.sources.length);
    expect(bib).toContain("url = {http");
  });
});

describe("compare", () => {
  it("--compare-reading shows Russia freed by the 'armed invasion' rendering of Art. 4", async () => {
    const { code, out } = await cli([
      "what-if",
      ROK,
      "--compare-reading",
      "russia-dprk-2024/mutual-assistance/invasion-rendering",
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/Russia → North Korea, Russia–DPRK .*Art\. 4: bound, joins the war → not bound/);
    expect(out).toMatch(/✗ South Korea's armed attack is not an invasion of North Korea/);
    expect(out).toMatch(/Russia joins the war only in A/);
  });

  it("--compare-on shows what the 2024 treaty's entry into force changes", async () => {
    const { code, out } = await cli(["what-if", ROK, "--compare-on", "2024-10-15"]);
    expect(code).toBe(0);
    expect(out).toContain("A — as of 1 June 2025");
    expect(out).toContain("B — as of 15 October 2024");
    expect(out).toMatch(/Russia → North Korea.*: bound, joins the war → not bound/);
  });
});

describe("the command line's manners", () => {
  it("--version prints the package and library versions and exits 0", async () => {
    const { code, out } = await cli(["--version"]);
    expect(code).toBe(0);
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect(out).toContain(`casus ${pkg.version}`);
    expect(out).toMatch(/treaty library: \d+ instruments, content [0-9a-f]{12}/);
  });

  it("an ordinary mistake is one line saying what to do, never an internal error", async () => {
    const brief = await cli(["what-if", ROK, "--brief", "/no/such/folder/brief.md"]);
    expect(brief.code).toBe(2);
    expect(brief.err.split("\n")).toHaveLength(1);
    expect(brief.err).toMatch(/--brief: the folder \/no\/such\/folder does not exist; create it first/);
    const missing = await cli(["what-if", "/no/such/scenario.yaml"]);
    expect(missing.code).not.toBe(70);
    expect(missing.err).not.toContain("internal error");
  });

  it("colour only on a terminal, never under NO_COLOR; lines wrap under their own indent", () => {
    expect(terminalStyle({}, false)).toBeUndefined();
    expect(terminalStyle({ NO_COLOR: "1" }, true)).toBeUndefined();
    expect(toAnsi(terminalStyle({}, true)?.ok("✓") ?? "")).toBe("\u001b[32m✓\u001b[39m");
    const wrapped = wrap(`• ${"word ".repeat(30).trim()}`, 40).split("\n");
    expect(wrapped.length).toBeGreaterThan(3);
    for (const l of wrapped) expect(l.length).toBeLessThanOrEqual(40);
    expect(wrapped[1]).toMatch(/^ {2}word/);
  });

  it("ends quietly when piped into head (EPIPE is not an error)", () => {
    const main = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
    const child = spawnSync("bash", ["-c", `node --import tsx ${main} what-if ${ROK} --all | head -1`], {
      encoding: "utf8",
      cwd: fileURLToPath(new URL("..", import.meta.url)),
    });
    expect(child.stdout).toMatch(/^HYPOTHETICAL/);
    expect(child.stderr).toBe("");
  });
});

describe("the API for the faces", async () => {
  const { buildApp } = await import("../src/server/app.js");
  const { ScenarioStore } = await import("../src/server/store.js");
  const { loadLibrary } = await import("../src/treaties/load.js");
  const { parse } = await import("yaml");
  const store = new ScenarioStore(mkdtempSync(join(tmpdir(), "casus-faces-api-")));
  const app = buildApp({ library: loadLibrary().library, store });
  const rok = parse(readFileSync(ROK, "utf8"));

  it("resolves states through the CLI's normaliser: UK, Britain, DPRK, North Korea", async () => {
    for (const [q, code] of [
      ["UK", "GBR"],
      ["Britain", "GBR"],
      ["DPRK", "PRK"],
      ["North Korea", "PRK"],
    ]) {
      const res = await app.inject(`/api/states/resolve?q=${encodeURIComponent(q as string)}&on=2025-06-01`);
      expect(res.statusCode, q).toBe(200);
      expect(res.json().code, q).toBe(code);
    }
    const wrong = await app.inject("/api/states/resolve?q=Rusia");
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().suggestions.join(" ")).toContain("Russia");
  });

  it("searches the library's full text, in every script", async () => {
    const hangul = (await app.inject(`/api/search?q=${encodeURIComponent("무력침공")}`)).json();
    expect(
      hangul.hits.some(
        (h: { instrument: string; article: string }) =>
          h.instrument === "russia-dprk-2024" && h.article === "4",
      ),
    ).toBe(true);
    const english = (await app.inject("/api/search?q=constitutional%20processes")).json();
    expect(english.hits.map((h: { instrument: string }) => h.instrument)).toContain("anzus-1951");
    expect((await app.inject("/api/search")).statusCode).toBe(400);
  });

  it("answers a what-if as SVG, PNG and CSV as well as JSON", async () => {
    const svg = await app.inject({ method: "POST", url: "/api/what-if?format=svg", payload: rok });
    expect(svg.headers["content-type"]).toMatch(/^image\/svg\+xml/);
    expect(XMLValidator.validate(svg.body)).toBe(true);
    const png = await app.inject({ method: "POST", url: "/api/what-if?format=png", payload: rok });
    expect(png.headers["content-type"]).toBe("image/png");
    expect(png.rawPayload.subarray(1, 4).toString()).toBe("PNG");
    const csv = await app.inject({ method: "POST", url: "/api/what-if?format=csv", payload: rok });
    expect(csv.body.split("\r\n")[0]).toMatch(/^obligor,/);
    store.close();
    await app.close();
  });
});
