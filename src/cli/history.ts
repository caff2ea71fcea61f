import { writeFileSync } from "node:fs";
import { extname } from "node:path";
import cliProgress from "cli-progress";
import { Option } from "commander";
import { AtopError } from "../data/atop.js";
import { AtopSource, atopDirFrom, defaultCacheDir, withAtop } from "../history/atop-source.js";
import {
  BIBTEX,
  CARRY_FORWARD_NOTE,
  DYAD_COLUMNS,
  type DyadProvenance,
  sidecar,
  writeDyadsCsv,
  writeDyadsParquet,
} from "../history/dyad-output.js";
import { atopRows, buildAtopDyads, casusColumns, FIRST_YEAR, systemYears } from "../history/dyads.js";
import {
  type HistoricalNetwork,
  NETWORK_KINDS,
  networkCsv,
  networkGraphml,
  networkOn,
} from "../history/network.js";
import { Instrument } from "../model/instrument.js";
import { Normaliser } from "../states/normalise.js";
import type { Library } from "../treaties/library.js";
import { loadLibrary } from "../treaties/load.js";
import { type Output, UsageError } from "./library-commands.js";

export interface AtopOptions {
  atop?: string;
  cache?: string;
  noCache?: boolean;
}

/** `--atop DIR` on every command that reads the library; `$CASUS_ATOP` when it is not given. */
export const atopOption = () =>
  new Option(
    "--atop <dir>",
    "also use ATOP 5.1 from this directory (atop5_1a.csv, atop5_1m.csv, atop5_1aph.csv): every alliance the library does not encode (default $CASUS_ATOP)",
  );
export const cacheOption = () =>
  new Option(
    "--cache <dir>",
    `where the derived ATOP instruments are cached, keyed by the files' checksums (default ${defaultCacheDir()}; never the data directory)`,
  );

/** The ATOP files named by `--atop` or `$CASUS_ATOP`, opened once; undefined when neither is given. */
export function openAtopSource(options: AtopOptions, library: Library): AtopSource | undefined {
  const dir = atopDirFrom(options.atop);
  if (!dir) return undefined;
  try {
    return new AtopSource(dir, library.registry, options.cache ?? defaultCacheDir());
  } catch (error) {
    if (error instanceof AtopError) throw new UsageError(`--atop: ${error.message}`);
    throw error;
  }
}

/** The library plus ATOP's alliances where asked for; what happened is said on stderr, in one or two lines. */
export function withAtopIfAsked(library: Library, options: AtopOptions, io: Output): Library {
  const source = openAtopSource(options, library);
  if (!source) return library;
  return addAtop(library, source, io).library;
}

function addAtop(library: Library, source: AtopSource, io: Output): ReturnType<typeof withAtop> {
  const derived = source.derived();
  const merged = withAtop(library, derived);
  io.err(
    `ATOP 5.1 from ${source.dir}${source.fromCache ? " (cached)" : ""}: ${merged.library.instruments.length - library.instruments.length} alliances added; ${merged.skipped.length} left to the library's own files (${merged.skipped.join(", ")})`,
  );
  for (const u of derived.unknown)
    io.err(
      `ATOP member ${u.member} (alliance ${u.atopid}, ${u.years}) is not a COW state code: kept as cow:${u.member}`,
    );
  for (const note of source.notes) io.err(`note: ${note}`);
  return merged;
}

/** `check --atop`: every derived instrument against the schema; exit 1 if one fails. */
export function checkAtop(options: AtopOptions, io: Output): number {
  const library = loadLibrary().library;
  const source = openAtopSource(options, library);
  if (!source) return 0;
  const derived = source.derived();
  let bad = 0;
  for (const instrument of derived.instruments) {
    const parsed = Instrument.safeParse(instrument);
    if (parsed.success) continue;
    bad++;
    io.err(
      `${instrument.id}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  for (const u of derived.unknown)
    io.err(
      `ATOP member ${u.member} (alliance ${u.atopid}, ${u.years}) is not a COW state code: kept as cow:${u.member}`,
    );
  io.out(`ATOP 5.1: ${derived.instruments.length} alliances derived, ${bad} with problems`);
  return bad === 0 ? 0 : 1;
}

export const NETWORK_HELP = `
Prints the states in the COW state system on the date (with the names they had then) and every obligation in
force between them: one directed line per obligor, beneficiary and provision, by kind (defence, offence,
neutrality, non-aggression, consultation), with its conditions. Where the library encodes an alliance from its
text (an atopid in its file), that encoding is used; ATOP's coding of the others is added with --atop.

--csv columns: date; obligor_ccode, obligor, obligor_name; beneficiary_ccode, beneficiary, beneficiary_name
(COW code, casus code, name on the date); kind; strength (automatic, discretionary, binding, consultative);
conditional (1 if any condition or contested reading); conditions (named-adversary:CODES, min-attackers:N,
region:ID, unprovoked, request, on-call:WHO, state-of-war, excludes:, supported-by:); contested (readings under
which it would not bind: atop-adversary-unnamed, atop-place-unnamed, atop-conflict-named,
atop-number-of-adversaries, atop-demands, atop-other-limit); instrument; atopid; article; provision;
source (library, atop, or carried_forward: ATOP's coding after 2018, not re-verified).`;

export function runNetwork(
  library: Library,
  options: AtopOptions & { on: string; json?: boolean; csv?: boolean; graphml?: boolean; party?: string },
  io: Output,
): void {
  const full = withAtopIfAsked(library, options, io);
  let network: HistoricalNetwork = networkOn(full, options.on);
  if (options.party) {
    const read = new Normaliser(full.registry).actor(options.party, options.on);
    if (!read.ok)
      throw new UsageError(
        `--party: ${read.message}${read.suggestions.length ? ` (did you mean ${read.suggestions.join(", ")}?)` : ""}`,
      );
    if (read.reading?.other) {
      const other = full.registry.resolve(read.reading.other);
      const cow = other?.kind === "state" ? ` (cow:${other.state.cow})` : "";
      io.err(
        `--party ${read.reading.input} read as ISO3: ${full.registry.nameOn(read.code, options.on)}, not COW's ${read.reading.input}: ${full.registry.nameOn(read.reading.other, options.on)}${cow}`,
      );
    }
    const obligations = network.obligations.filter(
      (o) => o.obligor === read.code || o.beneficiary === read.code,
    );
    const counts = { ...network.counts };
    for (const kind of NETWORK_KINDS) counts[kind] = obligations.filter((o) => o.kind === kind).length;
    network = { ...network, obligations, counts };
  }
  if (options.json || options.csv || options.graphml) {
    io.out(
      options.json
        ? JSON.stringify(network, null, 2)
        : options.csv
          ? networkCsv(network)
          : networkGraphml(network),
    );
    return;
  }
  const names = new Map(network.states.map((s) => [s.code, s.name]));
  const inSystem = network.states.filter((s) => s.in_system).length;
  io.out(
    `Network on ${network.on}: ${inSystem} states in the COW system, ${network.obligations.length} directed obligations (${NETWORK_KINDS.map((k) => `${k} ${network.counts[k]}`).join(", ")})`,
  );
  for (const kind of NETWORK_KINDS) {
    const rows = network.obligations.filter((o) => o.kind === kind);
    if (rows.length === 0) continue;
    io.out("");
    io.out(`${kind}:`);
    for (const o of rows) {
      const terms = [...o.conditions, ...o.contested.map((c) => `contested: ${c}`)];
      io.out(
        `  ${names.get(o.obligor)} → ${names.get(o.beneficiary)}  ${o.instrument}${o.source === "library" ? "" : ` [${o.source}]`}${terms.length ? `  (${terms.join("; ")})` : ""}`,
      );
    }
  }
}

export const DYADS_HELP = `
Writes dyad-years of the COW state system with alliance flags, as CSV (one header row, no comments; missing
is an empty field) or Parquet (typed, nullable columns; provenance in the schema's key-value metadata),
and a sidecar FILE.about.md with the data versions, the carry-forward, the columns and a BibTeX entry per
dataset. Needs ATOP 5.1 (--atop DIR or $CASUS_ATOP).

Columns:
${DYAD_COLUMNS.map(([name, meaning]) => `  ${name}: ${meaning}`).join("\n")}

${CARRY_FORWARD_NOTE}

Non-directed rows (the default) have ccode1 < ccode2 and a flag set if either state owes it to the other, as
peacesciencer does; --directed writes both orders, ccode1 owing to ccode2.

Cite ATOP: ${BIBTEX.atop.split("\n")[0]}… (the sidecar has the full entries).`;

export interface DyadsCliOptions extends AtopOptions {
  from: string;
  to: string;
  directed?: boolean;
  out?: string;
  carryForward: boolean;
  progress: boolean;
}

function year(name: string, value: string): number {
  const y = Number(value);
  if (!/^\d{4}$/.test(value) || y < FIRST_YEAR)
    throw new UsageError(
      `${name}: "${value}" is not a year from ${FIRST_YEAR} on (the COW state system starts then)`,
    );
  return y;
}

export function runDyads(library: Library, options: DyadsCliOptions, io: Output, casusVersion: string): void {
  const from = year("--from", options.from);
  const to = year("--to", options.to);
  if (to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
  if (!options.out) throw new UsageError("--out FILE.csv or FILE.parquet is needed");
  const format = extname(options.out).toLowerCase();
  if (format !== ".csv" && format !== ".parquet")
    throw new UsageError(`--out: ${options.out} should end in .csv or .parquet`);
  const source = openAtopSource(options, library);
  if (!source)
    throw new UsageError("dyads needs ATOP 5.1: --atop DIR or CASUS_ATOP (see the README, Getting ATOP)");

  const years = to - from + 1;
  const bar =
    options.progress && process.stderr.isTTY
      ? new cliProgress.SingleBar(
          { format: "{stage} |{bar}| {value}/{total}", stream: process.stderr, hideCursor: true },
          cliProgress.Presets.shades_classic,
        )
      : null;
  bar?.start(years * 2 + 10, 0, { stage: "ATOP            " });
  const dataset = source.dataset();
  const merged = addAtop(library, source, io);
  bar?.update(5, { stage: "ATOP columns    " });
  const system = systemYears(library.registry, from, to);
  const dyads = buildAtopDyads(system, atopRows(dataset), {
    directed: options.directed ?? false,
    onYear: () => bar?.increment(),
  });
  bar?.update(5 + years, { stage: "casus columns   " });
  const casus = casusColumns(dyads, merged.library, {
    carryForward: options.carryForward,
    onYear: () => bar?.increment(),
  });
  bar?.update(5 + 2 * years, { stage: `writing ${format.slice(1).padEnd(8)}` });
  let directionUnknown = 0;
  for (let k = 0; k < dyads.length; k++) if (dyads.atopDirectionUnknown[k] === 1) directionUnknown++;
  const provenance: DyadProvenance = {
    from,
    to,
    directed: options.directed ?? false,
    carryForward: options.carryForward,
    casusVersion,
    atopVersion: dataset.version,
    atopChecksums: dataset.checksums,
    libraryWins: merged.skipped,
    unknownMembers: source.derived().unknown,
    directionUnknownRows: directionUnknown,
  };
  if (format === ".csv") writeDyadsCsv(options.out, dyads, casus);
  else writeDyadsParquet(options.out, dyads, casus, provenance);
  const about = `${options.out}.about.md`;
  writeFileSync(about, sidecar(provenance, dyads.length, options.out));
  bar?.update(years * 2 + 10);
  bar?.stop();
  let carried = 0;
  let flagged = 0;
  for (let k = 0; k < dyads.length; k++) {
    if (casus.sources[k] !== 0) flagged++;
    if ((casus.sources[k] as number) & 4) carried++;
  }
  io.out(
    `wrote ${dyads.length.toLocaleString("en-US")} ${provenance.directed ? "directed" : "non-directed"} dyad-years ${from}–${to} to ${options.out} (and ${about})`,
  );
  io.out(
    `${flagged.toLocaleString("en-US")} rows with a casus obligation, ${carried.toLocaleString("en-US")} of them carried forward past 2018 (not re-verified); ${directionUnknown.toLocaleString("en-US")} rows whose ATOP direction the member file cannot give (atop_direction_unknown = 1)`,
  );
}
