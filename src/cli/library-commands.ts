import { formatProblem, type Problem } from "../data/located.js";
import { isRealDate } from "../model/common.js";
import type { Instrument } from "../model/instrument.js";
import type { Style } from "../report/print.js";
import type { Library, Status } from "../treaties/library.js";
import type { TreatyRow } from "../treaties/listing.js";
import { BUILTIN_LIBRARY, loadLibrary } from "../treaties/load.js";

/** A mistake in how the command was asked (an unknown state, reading, option, an impossible date): exit 2. */
export class UsageError extends Error {}

/** Problems in a file the command read (a scenario, a treaty): each reported, then exit 1. */
export class FileProblems extends Error {}

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Colour for a terminal (unset when piped or under NO_COLOR). */
  style?: Style;
}

export function checkDateOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isRealDate(value))
    throw new UsageError(`${name}: "${value}" is not a real date (expected YYYY-MM-DD)`);
  return value;
}

/** The library dirs a command reads: the built-in one plus `--library` dirs, or only those with `--library-only`. */
export function libraryPaths(options: { library?: string[]; libraryOnly?: string[] }): string[] {
  if (options.libraryOnly?.length) return options.libraryOnly;
  return [BUILTIN_LIBRARY, ...(options.library ?? [])];
}

/** Loads the library; problems in it are reported and stop the command. */
export function loadOrFail(paths: string[], io: Output, maxBytes?: number): Library {
  const { library, problems } = loadLibrary(paths, maxBytes ? { maxBytes } : {});
  if (problems.length > 0) {
    for (const p of problems) io.err(formatProblem(p));
    throw new FileProblems(`${problems.length} problem(s) in the library; run casus check`);
  }
  return library;
}

export function runCheck(paths: string[], json: boolean, io: Output, maxBytes?: number): number {
  const { library, problems } = loadLibrary(
    paths.length ? paths : [BUILTIN_LIBRARY],
    maxBytes ? { maxBytes } : {},
  );
  if (json) {
    io.out(JSON.stringify({ instruments: library.instruments.length, problems }, null, 2));
  } else if (problems.length === 0) {
    io.out(`ok: ${library.instruments.length} instruments, no problems`);
  } else {
    for (const p of problems) io.err(formatProblem(p));
    io.err(`${problems.length} problem(s)`);
  }
  return problems.length === 0 ? 0 : 1;
}

const STATUS_LABEL: Record<Status, string> = {
  "not-yet-signed": "not yet signed",
  signed: "signed, NOT in force",
  "in-force": "in force",
  terminated: "terminated",
};

export function printTreaties(rows: TreatyRow[], on: string, io: Output): void {
  io.out(`Instruments on ${on} (${rows.length}):`);
  const width = Math.max(...rows.map((r) => r.id.length), 2);
  for (const row of rows) {
    const end = row.terminated ? `, ended ${row.terminated}` : "";
    const force = row.in_force ? `in force ${row.in_force}` : "no entry into force recorded";
    io.out(
      `  ${row.id.padEnd(width)}  ${STATUS_LABEL[row.status].padEnd(20)}  signed ${row.signed}, ${force}${end}`,
    );
    io.out(`  ${"".padEnd(width)}  ${row.title}`);
  }
}

export function showInstrument(library: Library, instrument: Instrument, io: Output): void {
  const d = instrument.dates;
  io.out(instrument.title);
  for (const t of instrument.original_titles ?? []) io.out(`  (${t.lang}) ${t.title}`);
  io.out(
    `id: ${instrument.id}   kind: ${instrument.kind}${instrument.atopid ? `   ATOP ${instrument.atopid}` : ""}`,
  );
  io.out(`signed ${d.signed}${d.signed_at ? ` at ${d.signed_at}` : ""}; in force ${d.in_force ?? "—"}`);
  if (d.terminated) io.out(`terminated ${d.terminated}: ${d.termination_reason}`);
  if (instrument.duration)
    io.out(
      `duration: ${instrument.duration.kind}${instrument.duration.note ? ` — ${instrument.duration.note}` : ""}`,
    );
  io.out("");
  io.out("Parties:");
  for (const p of library.parties(instrument)) {
    const dates = [
      p.joined && `from ${p.joined}`,
      p.left && `left ${p.left}${p.left_reason ? ` (${p.left_reason})` : ""}`,
    ]
      .filter(Boolean)
      .join(", ");
    io.out(
      `  ${p.party.padEnd(28)} ${library.registry.nameOn(p.party, p.joined ?? d.in_force ?? d.signed)}${p.capacity ? ` — ${p.capacity}` : ""}${dates ? `; ${dates}` : ""}`,
    );
  }
  for (const s of instrument.suspensions ?? []) {
    io.out(
      `  suspended: ${s.obligor} toward ${s.toward} from ${s.from}${s.to ? ` to ${s.to}` : ""} — ${s.reason}`,
    );
  }
  io.out("");
  const articles = library.articlesOn(instrument, "9999-12-31");
  for (const a of articles) {
    const label = `${a.part ? `${a.part} ` : ""}Art. ${a.article.number}${a.article.title ? ` — ${a.article.title}` : ""}`;
    io.out(label);
    if (a.text) io.out(`  "${a.text}" [${a.quote_confidence}; source: ${a.source}]`);
    else if (a.article.subject) io.out(`  (subject, text not encoded) ${a.article.subject}`);
    for (const p of a.provisions) {
      const trig = p.trigger ? ` on ${p.trigger.event}` : "";
      io.out(
        `  → ${p.kind}${trig}, ${p.strength}${p.readings?.length ? `; readings: ${p.readings.map((r) => r.id).join(", ")}` : ""}`,
      );
    }
    if (a.article.versions && a.article.versions.length > 1 && instrument.coded) {
      // A coded instrument has no text to read: show what each stretch of time codes.
      for (const v of a.article.versions) {
        const owed = (v.provisions ?? []).map(
          (p) =>
            `${p.kind} (${Array.isArray(p.obligors) ? p.obligors.join(", ") : "all parties"}${p.readings?.length ? `; contested: ${p.readings.map((r) => r.id).join(", ")}` : ""})`,
        );
        io.out(`  ${v.from}${v.to ? ` to ${v.to}` : " on"}: ${owed.join("; ") || "nothing"}`);
      }
    } else if (a.article.versions && a.article.versions.length > 1)
      io.out(`  (${a.article.versions.length} versions over time)`);
  }
  for (const u of instrument.understandings ?? [])
    io.out(`Understanding (${u.by}) on Art. ${u.applies_to.join(", ")}: "${u.text}"`);
  io.out("");
  io.out("Sources:");
  for (const s of instrument.sources)
    io.out(`  [${s.id}] ${s.title}${s.date ? `, ${s.date}` : ""}${s.url ? ` <${s.url}>` : ""}`);
}

export type { Problem };
