import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { describe, expect, it } from "vitest";
import { ATOP_FILES } from "../src/data/atop.js";
import { parseCsv } from "../src/data/csv.js";
import { AtopSource, withAtop } from "../src/history/atop-source.js";
import { isAtopDerived } from "../src/history/derive.js";
import {
  atopRows,
  buildAtopDyads,
  buildAtopDyadsNaive,
  casusColumns,
  casusSpans,
  type DyadColumns,
  MISSING,
  systemYears,
} from "../src/history/dyads.js";
import { networkOn } from "../src/history/network.js";
import { Instrument } from "../src/model/instrument.js";
import type { Result } from "../src/model/result.js";
import { buildApp } from "../src/server/app.js";
import { ScenarioStore } from "../src/server/store.js";
import { loadLibrary } from "../src/treaties/load.js";
import { ATOP_DIR, atopPresent, cli } from "./helpers.js";

const present = atopPresent([...Object.values(ATOP_FILES), "atop5_1sy.csv"]);
const cache = mkdtempSync(join(tmpdir(), "casus-cache-"));
const atopArgs = ["--atop", ATOP_DIR, "--cache", cache];

describe.skipIf(!present)("ATOP 5.1 in casus", () => {
  const { library } = loadLibrary();
  const source = new AtopSource(ATOP_DIR, library.registry, cache);
  const dataset = source.dataset();
  const derived = source.derived();
  const merged = withAtop(library, derived).library;
  // ATOP's coding alone (no library file wins): what the comparisons with ATOP's own files need.
  const atopOnly = library.withInstruments(derived.instruments);
  const sy = parseCsv(readFileSync(join(ATOP_DIR, "atop5_1sy.csv"), "utf8"));
  const cowOf = (code: string) => {
    const r = library.registry.resolve(code);
    return r?.kind === "state" ? r.state.cow : Number(code.slice(4));
  };
  const syStates = (year: number, flag: string) =>
    new Set(sy.filter((r) => Number(r.year) === year && r[flag] === "1").map((r) => Number(r.state)));

  it("derives one ordinary, schema-valid instrument per alliance, and reports the member code COW does not know", () => {
    expect(derived.instruments).toHaveLength(789);
    for (const instrument of derived.instruments) expect(Instrument.safeParse(instrument).success).toBe(true);
    expect(derived.unknown).toEqual([{ atopid: 1320, member: 8152, years: "1874–1883" }]);
    const alliance = derived.instruments.find((i) => i.atopid === 1320);
    expect(alliance?.parties?.map((p) => p.party)).toContain("cow:8152");
  });

  it("lets the library's own file win where it has the alliance (atopid), and ATOP add the rest", () => {
    const own = library.instruments.filter((i) => i.atopid).length;
    expect(merged.instruments.length).toBe(library.instruments.length + 789 - own);
    expect(merged.instruments.filter((i) => i.atopid === 3180).map((i) => i.id)).toEqual([
      "north-atlantic-treaty-1949",
    ]);
    expect(merged.byId.get("atop-1280")?.coded?.dataset).toBe("ATOP 5.1");
  });

  it("reproduces ATOP's state-year file exactly, for every year: each state's five obligations and its alliances", () => {
    // From the same columns the dyad-years are built from: a member row counts from its entry year to its
    // exit year (obligations to the year before a hand-over to the next phase on the exit date).
    const rows = atopRows(dataset);
    const derivedSy = new Map<string, { flags: number; ids: Set<number> }>();
    for (let r = 0; r < rows.count; r++) {
      for (let y = rows.first[r] as number; y <= (rows.lastFlag[r] as number); y++) {
        const key = `${rows.member[r]}-${y}`;
        const cell = derivedSy.get(key) ?? { flags: 0, ids: new Set<number>() };
        cell.flags |= rows.flags[r] as number;
        cell.ids.add(rows.atopid[r] as number);
        derivedSy.set(key, cell);
      }
    }
    const flags = ["defense", "offense", "neutral", "nonagg", "consul"];
    const mismatches: string[] = [];
    const seen = new Set<string>();
    for (const row of sy) {
      const key = `${row.state}-${row.year}`;
      seen.add(key);
      const mine = derivedSy.get(key);
      flags.forEach((flag, bit) => {
        if ((row[flag] === "1") !== (((mine?.flags ?? 0) >> bit) & 1) > 0) mismatches.push(`${key} ${flag}`);
      });
      const ids = Object.entries(row)
        .filter(([k, v]) => /^atopid\d+$/.test(k) && v !== "")
        .map(([, v]) => Number(v))
        .sort((a, b) => a - b);
      if (ids.join() !== [...(mine?.ids ?? [])].sort((a, b) => a - b).join())
        mismatches.push(`${key} alliances`);
    }
    // The only state-years ATOP's file leaves out are those of member 8152, which is no COW state.
    const extra = [...derivedSy.keys()].filter((k) => !seen.has(k));
    expect(mismatches).toEqual([]);
    expect(new Set(extra.map((k) => k.split("-")[0]))).toEqual(new Set(["8152"]));
    expect(sy.length).toBe(11923);
  });

  describe("the network of a date against ATOP's state-years", () => {
    const { spans } = casusSpans(atopOnly);
    for (const [year, date, explained] of [
      [1870, "1870-07-19", 0],
      [1939, "1939-09-01", 4],
      [2018, "2018-12-31", 0],
    ] as const) {
      it(`${date}: the states with a defence pact at any time in ${year} are ATOP's exactly; the day lists a subset`, () => {
        const expected = syStates(year, "defense");
        const inYear = new Set(
          spans.filter((s) => s.kind === 0 && s.first <= year && s.last >= year).map((s) => s.a),
        );
        expect([...inYear].sort()).toEqual([...expected].sort());
        const network = networkOn(atopOnly, date);
        const onDay = new Set(
          network.obligations.filter((o) => o.kind === "defence").map((o) => cowOf(o.obligor)),
        );
        for (const state of onDay) expect(expected.has(state)).toBe(true);
        // The rest had pacts that began later that year or had ended earlier in it.
        const missing = [...expected].filter((s) => !onDay.has(s));
        expect(missing).toHaveLength(explained);
        for (const state of missing) {
          const rows = [...dataset.alliances.values()].flatMap((a) =>
            a.members.filter((m) => m.member === state && m.obligations.defense),
          );
          const covering = rows.filter((m) => m.enteredYear <= year && (m.exitedYear ?? 2018) >= year);
          expect(covering.length).toBeGreaterThan(0);
          for (const m of covering)
            expect(m.entered > date || (m.exited !== null && m.exited <= date)).toBe(true);
        }
      });
    }

    it("1870-07-19 also lists the parties outside the COW system that ATOP codes (Uruguay, Hesse), flagged", () => {
      const network = networkOn(atopOnly, "1870-07-19");
      const outside = network.states.filter((s) => !s.in_system).map((s) => s.cow);
      expect(outside.sort()).toEqual([165, 275]);
      expect(network.states.find((s) => s.cow === 255)?.name).toBe("Prussia");
    });
  });

  describe("real rows", () => {
    const system = systemYears(library.registry, 1816, 2025);
    const directed = buildAtopDyads(system, atopRows(dataset), { directed: true });
    const casus = casusColumns(directed, merged, { carryForward: true });
    const at = (a: number, b: number, year: number) => {
      const entry = directed.years.find((y) => y.year === year) as DyadColumns["years"][number];
      const n = entry.states.length;
      const i = entry.states.indexOf(a);
      const j = entry.states.indexOf(b);
      if (i < 0 || j < 0) return null;
      const k = entry.start + i * (n - 1) + (j > i ? j - 1 : j);
      expect([directed.ccode1[k], directed.ccode2[k], directed.year[k]]).toEqual([a, b, year]);
      const atop = ["defense", "offense", "neutral", "nonagg", "consul"].map((f, c) => [
        f,
        (directed.atop[c] as Uint8Array)[k],
      ]);
      const ours = ["defense", "offense", "neutral", "nonagg", "consul"].map((f, c) => [
        f,
        (casus.obligations[c] as Uint8Array)[k],
      ]);
      return {
        atop: Object.fromEntries(atop),
        casus: Object.fromEntries(ours),
        source: casus.sources[k],
        instruments: casus.instruments.get(k) ?? "",
      };
    };

    it("NATO (3180): membership by year as ATOP codes it", () => {
      const nato = derived.instruments.find((i) => i.atopid === 3180) as Instrument;
      const membersIn = (year: number) =>
        atopOnly
          .membersOn(nato, `${year}-12-31`)
          .map(cowOf)
          .sort((a, b) => a - b);
      expect(membersIn(1949)).toEqual([2, 20, 200, 210, 211, 212, 220, 235, 325, 385, 390, 395]);
      expect(membersIn(1952)).toEqual(expect.arrayContaining([350, 640]));
      expect(membersIn(1955)).toContain(260);
      expect(membersIn(1982)).toContain(230);
      expect(membersIn(1990)).toContain(255);
      expect(membersIn(1990)).not.toContain(260);
      expect(membersIn(1999)).toEqual(expect.arrayContaining([290, 310, 316]));
      expect(membersIn(2004)).toEqual(expect.arrayContaining([317, 349, 355, 360, 366, 367, 368]));
      expect(membersIn(2009)).toEqual(expect.arrayContaining([339, 344]));
      expect(membersIn(2017)).toContain(341);
      expect(membersIn(2018)).toHaveLength(29);
      // In the dyad-years: Turkey owes the United States defence from 1951, when ATOP dates its accession (the
      // protocol's signature, 22 Oct 1951; it entered into force in 1952), not before.
      expect(at(640, 2, 1950)?.atop.defense).toBe(0);
      expect(at(640, 2, 1951)?.atop.defense).toBe(1);
    });

    it("NATO after 2018: the library's file (Finland 2023, Sweden 2024), not ATOP carried forward", () => {
      expect(at(375, 2, 2022)?.casus.defense).toBe(0);
      expect(at(375, 2, 2023)).toMatchObject({
        casus: { defense: 1 },
        instruments: expect.stringContaining("north-atlantic-treaty-1949"),
      });
      expect(at(380, 2, 2024)?.casus.defense).toBe(1);
      expect(at(380, 2, 2024)?.atop.defense).toBe(MISSING);
    });

    it("the USSR–DPRK defence pact (3440) ends in 1996", () => {
      expect(at(365, 731, 1961)?.atop).toMatchObject({ defense: 1, nonagg: 1 });
      expect(at(365, 731, 1996)?.atop.defense).toBe(1);
      expect(at(365, 731, 1997)?.atop.defense).toBe(0);
      expect(at(731, 365, 1997)?.casus.defense).toBe(0);
      expect(merged.byId.get("atop-3440")).toBeUndefined();
    });

    it("the Russia–DPRK consultation pact of 2000 (4940): consultation only, then the 2024 treaty's defence", () => {
      expect(at(365, 731, 2000)?.atop).toEqual({ defense: 0, offense: 0, neutral: 0, nonagg: 0, consul: 1 });
      expect(at(365, 731, 2018)?.atop.consul).toBe(1);
      expect(at(365, 731, 2021)).toMatchObject({ casus: { consul: 1, defense: 0 } });
      expect(at(365, 731, 2024)).toMatchObject({
        casus: { defense: 1 },
        instruments: expect.stringContaining("russia-dprk-2024"),
      });
    });

    it("the Franco-Russian alliance in 1900: defence both ways, from the library's text with its named adversaries", () => {
      expect(at(220, 365, 1900)?.atop.defense).toBe(1);
      expect(at(365, 220, 1900)?.casus.defense).toBe(1);
      const edges = networkOn(merged, "1900-06-01").obligations.filter(
        (o) => o.obligor === "FRA" && o.beneficiary === "RUS" && o.kind === "defence",
      );
      expect(edges.map((e) => e.instrument)).toContain("franco-russian-alliance-1894");
      expect(edges.every((e) => e.source === "library")).toBe(true);
      expect(edges.some((e) => e.conditions.some((c) => c.startsWith("named-adversary:")))).toBe(true);
    });

    it("Austria-Hungary (cow:300) in 1880, under the Dual Alliance", () => {
      expect(at(300, 255, 1880)?.atop.defense).toBe(1);
      const network = networkOn(merged, "1880-06-01");
      expect(network.states.find((s) => s.code === "cow:300")).toMatchObject({
        name: "Austria-Hungary",
        in_system: true,
      });
      expect(network.states.find((s) => s.code === "DEU")?.name).toBe("Germany");
      const dual = network.obligations.filter(
        (o) => o.instrument === "dual-alliance-1879" && o.kind === "defence",
      );
      // Each direction once, whichever of the article's limbs (an attack by Russia, or supported by Russia) binds it.
      expect([...new Set(dual.map((o) => `${o.obligor}>${o.beneficiary}`))].sort()).toEqual([
        "DEU>cow:300",
        "cow:300>DEU",
      ]);
    });

    it("carries ATOP's alliances in force at the end of 2018 forward, flagged, and stops when asked", () => {
      // Brazil and Argentina: in the Rio Treaty (library) and in ATOP non-aggression/consultation pacts.
      const carried = casus.sources.some((s) => (s & 4) !== 0);
      expect(carried).toBe(true);
      const recent = buildAtopDyads(systemYears(library.registry, 2017, 2025), atopRows(dataset), {
        directed: true,
      });
      const on = casusColumns(recent, merged, { carryForward: true });
      const off = casusColumns(recent, merged, { carryForward: false });
      const y2019 = (recent.years.find((y) => y.year === 2019) as DyadColumns["years"][number]).start;
      const afterwards = (columns: typeof off) => [...columns.sources.slice(y2019)];
      expect(afterwards(on).some((s) => (s & 4) !== 0)).toBe(true);
      expect(afterwards(off).some((s) => (s & 6) !== 0)).toBe(false);
      // The library's instruments go on either way (NATO, Russia–DPRK 2024).
      expect(afterwards(off).some((s) => s === 1)).toBe(true);
    });

    it("builds the same ATOP flags as a naive one-object-per-row build", () => {
      const small = systemYears(library.registry, 1900, 1920);
      const fast = buildAtopDyads(small, atopRows(dataset), { directed: true });
      const naive = buildAtopDyadsNaive(small, dataset);
      expect(naive).toHaveLength(fast.length);
      const cols = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"];
      const differing = naive.filter(
        (row, k) =>
          row.ccode1 !== fast.ccode1[k] ||
          row.ccode2 !== fast.ccode2[k] ||
          row.year !== fast.year[k] ||
          cols.some((c, i) => row[c] !== (fast.atop[i] as Uint8Array)[k]),
      );
      expect(differing).toEqual([]);
      expect(fast.atop[0]?.some((v) => v === 1)).toBe(true);
    });
  });

  describe("what-if on history", () => {
    it("France attacks Prussia on 1870-07-19: Bavaria, Baden and Württemberg are bound by their 1866 alliances, citing ATOP", async () => {
      const run = await cli([
        "what-if",
        "--attack",
        "cow:220:cow:255",
        "--at",
        "cow:255",
        "--on",
        "1870-07-19",
        "--json",
        ...atopArgs,
      ]);
      expect(run.code).toBe(0);
      const result = JSON.parse(run.out) as Result;
      const defence = result.obligations.filter((o) => o.kind === "defence");
      const rows = defence.map((o) => [
        "cow" in o.obligor ? o.obligor.cow : null,
        "cow" in o.beneficiary ? o.beneficiary.cow : null,
        o.beneficiary.name,
        o.instrument,
      ]);
      expect(rows).toEqual(
        expect.arrayContaining([
          [245, 255, "Prussia", "atop-1280"],
          [267, 255, "Prussia", "atop-1275"],
          [271, 255, "Prussia", "atop-1285"],
        ]),
      );
      for (const o of defence) {
        const text = result.texts.find((t) => t.id === o.text);
        expect(text?.coded?.dataset).toMatch(/^ATOP 5\.1/);
        expect(text?.coded?.atopid).toBe(Number(o.instrument.slice("atop-".length)));
      }
      expect(merged.byId.get("atop-1280") && isAtopDerived(merged.byId.get("atop-1280") as Instrument)).toBe(
        true,
      );
    });

    it("Japan attacks Russia on 1904-02-08: the Anglo-Japanese alliance from the library's file, not ATOP's coding", async () => {
      const run = await cli([
        "what-if",
        "--attack",
        "JPN:RUS",
        "--at",
        "RUS",
        "--war",
        "--on",
        "1904-02-08",
        "--json",
        ...atopArgs,
      ]);
      expect(run.code).toBe(0);
      const result = JSON.parse(run.out) as Result;
      const britain = result.obligations.filter(
        (o) =>
          "iso3" in o.obligor &&
          o.obligor.iso3 === "GBR" &&
          "iso3" in o.beneficiary &&
          o.beneficiary.iso3 === "JPN",
      );
      expect(britain.map((o) => o.instrument)).toContain("anglo-japanese-alliance-1902");
      expect(britain.find((o) => o.kind === "neutrality")?.article).toBe("II");
      expect(result.obligations.filter((o) => o.instrument === "atop-1415")).toEqual([]);
    });
  });

  it("a server started with ATOP answers the web app's network and what-ifs on historical dates", async () => {
    const app = buildApp({
      library: merged,
      store: new ScenarioStore(mkdtempSync(join(tmpdir(), "casus-data-"))),
    });
    const network = (await app.inject("/api/network?on=1870-07-19")).json() as {
      edges: { from: string; to: string; instrument: string; source: string }[];
    };
    expect(network.edges.find((e) => e.instrument === "atop-1280")).toMatchObject({ source: "atop" });
    const scenario = {
      title: "France attacks Prussia",
      as_of: "1870-07-19",
      events: [{ id: "ems", kind: "armed-attack", by: "cow:220", against: "cow:255", start: "1870-07-19" }],
    };
    const res = await app.inject({ method: "POST", url: "/api/what-if", payload: scenario });
    const result = res.json() as Result;
    expect(result.obligations.map((o) => o.instrument)).toEqual(
      expect.arrayContaining(["atop-1275", "atop-1280", "atop-1285"]),
    );
    await app.close();
  });

  describe("casus network and casus dyads", () => {
    it("network --csv: one header row and one directed obligation a row, with its source", async () => {
      const run = await cli(["network", "--on", "1870-07-19", "--csv", ...atopArgs]);
      expect(run.code).toBe(0);
      const rows = parseCsv(run.out);
      expect(run.out.split("\n")[0]).toMatch(/^date,obligor_ccode,obligor,obligor_name,/);
      expect(
        rows.find((r) => r.obligor_ccode === "245" && r.beneficiary_ccode === "255" && r.kind === "defence"),
      ).toMatchObject({
        obligor_name: "Bavaria",
        beneficiary_name: "Prussia",
        instrument: "atop-1280",
        source: "atop",
      });
    });

    it("network --party takes COW letter codes and says how a clashing code was read", async () => {
      const gmy = await cli(["network", "--on", "1939-09-01", "--party", "GMY", "--json", ...atopArgs]);
      const network = JSON.parse(gmy.out) as ReturnType<typeof networkOn>;
      expect(network.obligations.length).toBeGreaterThan(0);
      expect(network.obligations.every((o) => o.obligor === "DEU" || o.beneficiary === "DEU")).toBe(true);
      const aus = await cli(["network", "--on", "1930-01-01", "--party", "AUS", "--json", ...atopArgs]);
      expect(aus.err).toMatch(/--party AUS read as ISO3: Australia, not COW's AUS: Austria \(cow:305\)/);
    });

    it("network --graphml is a directed graph of states and obligations", async () => {
      const run = await cli(["network", "--on", "2018-12-31", "--graphml", ...atopArgs]);
      expect(run.out).toMatch(/<graph id="casus-network-2018-12-31" edgedefault="directed">/);
      expect(run.out).toMatch(/<edge id="e0" source="[^"]+" target="[^"]+">/);
    });

    it("dyads --out FILE.csv: plain CSV (one header row), ATOP missing after 2018, a sidecar with BibTeX", async () => {
      const dir = mkdtempSync(join(tmpdir(), "casus-dyads-"));
      const out = join(dir, "dyads.csv");
      const run = await cli(["dyads", "--from", "2017", "--to", "2020", "--out", out, ...atopArgs]);
      expect(run.code).toBe(0);
      const lines = readFileSync(out, "utf8").trimEnd().split("\n");
      const header = (lines[0] as string).split(",");
      expect(header.slice(0, 8)).toEqual([
        "ccode1",
        "ccode2",
        "year",
        "atop_defense",
        "atop_offense",
        "atop_neutral",
        "atop_nonagg",
        "atop_consul",
      ]);
      expect(lines.filter((l) => l.startsWith("ccode1") || l.startsWith("#"))).toHaveLength(1);
      for (const line of lines) expect(line.split(",")).toHaveLength(header.length);
      const rows = parseCsv(lines.join("\n"));
      const usCan2019 = rows.find((r) => r.ccode1 === "2" && r.ccode2 === "20" && r.year === "2019");
      expect(usCan2019).toMatchObject({
        atop_defense: "",
        casus_defense: "1",
        casus_source: expect.stringMatching(/library|carried_forward/),
      });
      expect(rows.find((r) => r.ccode1 === "2" && r.ccode2 === "20" && r.year === "2018")?.atop_defense).toBe(
        "1",
      );
      const sidecar = readFileSync(`${out}.about.md`, "utf8");
      expect(sidecar).toMatch(/@article\{leeds2002atop/);
      expect(sidecar).toMatch(/NOT re-verified/);
      expect(sidecar).toMatch(/atop5_1m\.csv/);
    });

    it("dyads --out FILE.parquet: typed columns, nulls outside ATOP's years, provenance in the schema metadata", async () => {
      const dir = mkdtempSync(join(tmpdir(), "casus-dyads-"));
      const out = join(dir, "dyads.parquet");
      const run = await cli([
        "dyads",
        "--from",
        "2018",
        "--to",
        "2019",
        "--directed",
        "--out",
        out,
        ...atopArgs,
      ]);
      expect(run.code).toBe(0);
      const bytes = readFileSync(out);
      const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      const meta = parquetMetadata(file);
      const keys = Object.fromEntries((meta.key_value_metadata ?? []).map((kv) => [kv.key, kv.value]));
      expect(keys["casus.carry_forward"]).toMatch(/NOT re-verified/);
      expect(JSON.parse(keys["casus.dyads"] as string).datasets[0]).toMatchObject({
        name: "ATOP 5.1",
        version: "5.1",
      });
      const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
      const usCan = (year: number) => rows.find((r) => r.ccode1 === 2 && r.ccode2 === 20 && r.year === year);
      expect(usCan(2018)).toMatchObject({ atop_defense: 1, casus_defense: 1 });
      expect(usCan(2019)).toMatchObject({ atop_defense: null, casus_defense: 1 });
    });

    it("dyads refuses a missing --out or ATOP, with one clear line", async () => {
      const none = await cli([
        "dyads",
        "--from",
        "2000",
        "--to",
        "2001",
        "--out",
        "x.csv",
        "--atop",
        "/nonexistent",
      ]);
      expect(none.code).toBe(2);
      expect(none.err).toMatch(/--atop: .*atop5_1a\.csv: not found/);
      const bad = await cli(["dyads", "--out", "x.txt", ...atopArgs]);
      expect(bad.err).toMatch(/should end in \.csv or \.parquet/);
    });
  });

  describe("the cache of the derived instruments", () => {
    it("is written once, keyed by the files' checksums, and read back", () => {
      const dir = mkdtempSync(join(tmpdir(), "casus-cache-"));
      const first = new AtopSource(ATOP_DIR, library.registry, dir);
      first.derived();
      expect(first.fromCache).toBe(false);
      expect(readdirSync(dir).filter((f) => f.endsWith(".json"))).toHaveLength(1);
      const second = new AtopSource(ATOP_DIR, library.registry, dir);
      expect(second.derived().instruments).toHaveLength(789);
      expect(second.fromCache).toBe(true);
    });

    it("is skipped with a note where it cannot be written, and never goes into the data directory", () => {
      const dir = mkdtempSync(join(tmpdir(), "casus-cache-"));
      // A cache "directory" under a plain file cannot be made, not even by root.
      writeFileSync(join(dir, "file"), "");
      const source = new AtopSource(ATOP_DIR, library.registry, join(dir, "file", "cache"));
      expect(source.derived().instruments).toHaveLength(789);
      expect(source.notes.join()).toMatch(/cache not written/);
      const inside = new AtopSource(ATOP_DIR, library.registry, join(ATOP_DIR, "cache"));
      inside.derived();
      expect(inside.notes.join()).toMatch(/inside the ATOP data directory/);
    });
  });
});
