import { readFileSync, statSync } from "node:fs";
import { isRealDate } from "../model/common.js";
import { MAX_ARTICLE_CHARS, readArticle } from "../read/index.js";
import type { ReadEvent, ReadResult, Sentence } from "../read/result.js";
import type { Library } from "../treaties/library.js";
import { FileProblems, type Output, UsageError } from "./library-commands.js";

export interface ReadCliOptions {
  json?: boolean;
  dateline?: string;
}

function readInput(file: string | undefined, stdin: () => string): { text: string; name: string } {
  if (!file || file === "-") return { text: stdin(), name: "stdin" };
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new FileProblems(`cannot read ${file}: no such file`);
  }
  if (size > MAX_ARTICLE_CHARS * 4)
    throw new FileProblems(`${file}: larger than ${MAX_ARTICLE_CHARS} characters`);
  return { text: readFileSync(file, "utf8"), name: file };
}

/** `casus read FILE|- [--json] [--dateline YYYY-MM-DD]`. */
export function runRead(
  library: Library,
  file: string | undefined,
  options: ReadCliOptions,
  io: Output,
  stdin: () => string = () => readFileSync(0, "utf8"),
): void {
  if (options.dateline !== undefined && !isRealDate(options.dateline))
    throw new UsageError(`--dateline: "${options.dateline}" is not a real date (YYYY-MM-DD)`);
  const { text, name } = readInput(file, stdin);
  if (text.length > MAX_ARTICLE_CHARS)
    throw new UsageError(`${name}: longer than ${MAX_ARTICLE_CHARS} characters`);
  if (text.trim() === "") throw new UsageError(`${name}: the article is empty`);
  const result = readArticle(text, library, {
    name,
    ...(options.dateline ? { dateline: options.dateline } : {}),
  });
  io.out(options.json ? JSON.stringify(result, null, 2) : printRead(result, library));
}

const STATUS: Record<string, string> = {
  "not-yet-signed": "not yet signed",
  signed: "signed, not in force",
  "in-force": "in force",
  terminated: "no longer in force",
};

const clip = (text: string, n = 150) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

function where(e: ReadEvent): string {
  return e.place.code ? `${e.place.code} (${e.place.rule})` : e.place.rule;
}

/** The reader's answer as text: claims, each with the sentence that makes it. */
export function printRead(r: ReadResult, library: Library): string {
  const lines: string[] = [];
  const sentence = new Map<string, Sentence>(r.sentences.map((s) => [s.id, s]));
  const cite = (id: string) => `${id} "${clip(sentence.get(id)?.text ?? "", 110)}"`;
  const removed = r.removed.map((x) => `${x.reason} ${x.start}–${x.end}`).join(", ");
  lines.push(
    `Read ${r.source.name}: ${r.sentences.length} sentences${r.removed.length ? `; left out ${removed}` : ""}`,
  );
  lines.push(`Date: ${r.dateline.date ?? "unknown"} (${r.dateline.rule})`);
  if (r.dateline.window)
    lines.push(
      `  written between ${r.dateline.window.from ?? "?"} and ${r.dateline.window.to ?? "now"}, from the offices named: ${r.dateline.window.because.join("; ")}`,
    );
  if (r.title) lines.push(`Headline: ${r.title}`);

  lines.push("", "Instruments named");
  if (r.instruments.length === 0) lines.push("  none in the library");
  for (const i of r.instruments) {
    const status = i.status ? ` (on the article's date: ${STATUS[i.status] ?? i.status})` : "";
    lines.push(`  ${i.id}: ${i.title}${status}${i.note ? ` — ${i.note}` : ""}`);
    for (const m of i.mentions)
      lines.push(`    ${m.sentence} "${m.text}" — by ${m.how}${m.because ? `: ${m.because}` : ""}`);
  }
  for (const u of r.unknown_instruments)
    lines.push(`  unknown: "${u.text}" (${u.mentions.map((m) => m.sentence).join(", ")}) — ${u.note}`);

  lines.push("", "Articles quoted, paraphrased or cited");
  if (r.articles.length === 0) lines.push("  none");
  for (const a of r.articles) {
    const label = `${a.instrument ?? "an instrument not in the library"}${a.article ? ` Art. ${a.article}` : ""}`;
    lines.push(
      `  ${a.sentence} ${label}: ${a.kind}${a.attributed_to ? ` (attributed to ${a.attributed_to})` : ""}`,
    );
    if (a.kind !== "reference") lines.push(`    words: "${clip(a.text, 200)}"`);
    if (a.best) {
      const b = a.best;
      const which = b.which === "text" ? "the library's text" : `rendering ${(b.rendering_index ?? 0) + 1}`;
      lines.push(
        `    ${a.match === "same-words" ? "same words as" : a.match === "close" ? "closest to" : "nearest, but no match:"} ${which} (${b.lang}, source ${b.source.id}${b.reading ? `, reading ${b.reading}` : ""}), closeness ${b.closeness}${b.quoted_words_found !== null ? `, quoted words found ${Math.round(b.quoted_words_found * 100)}%` : ""}`,
      );
    }
    if (a.candidate_rendering)
      lines.push(
        `    a new candidate rendering, source: this article ("${clip(a.candidate_rendering.source.title, 80)}", ${a.candidate_rendering.source.sentence})`,
      );
  }

  lines.push("", "Who speaks or acts for whom");
  const people = r.actors.filter((a) => a.kind !== "state" && a.kind !== "demonym" && a.kind !== "capital");
  const seen = new Set<string>();
  for (const a of people) {
    const key = `${a.kind}|${a.person ?? a.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const office = a.role
      ? `, ${a.role}${a.role_dates ? ` (${a.role_dates.from ?? "?"} to ${a.role_dates.to ?? "open"})` : ""}${a.role_holds === false ? " — not in that office on the article's date" : ""}`
      : "";
    lines.push(`  ${a.sentence} ${a.person ?? a.text} → ${a.name ?? "no state named"} (${a.kind}${office})`);
  }
  const states = new Map<string, number>();
  for (const a of r.actors)
    if (a.code && ["state", "demonym", "capital"].includes(a.kind))
      states.set(a.name ?? a.code, (states.get(a.name ?? a.code) ?? 0) + 1);
  if (states.size) lines.push(`  states named: ${[...states].map(([n, c]) => `${n} ×${c}`).join(", ")}`);

  lines.push("", "Events (each a suggestion until a person confirms it)");
  if (r.events.length === 0) lines.push("  none found");
  for (const e of r.events) {
    const target = e.against ? ` against ${e.against.name}` : e.to ? ` to ${e.to.name}` : "";
    lines.push(
      `  ${e.id}: ${e.kind} by ${e.by.name}${target}${e.plover ? ` [PLOVER ${e.plover}]` : ""}${e.disputed ? " — DISPUTED" : ""}`,
    );
    lines.push(`    where: ${where(e)}`);
    lines.push(`    when: ${e.date.value ?? "unknown"} (${e.date.rule})`);
    for (const id of e.evidence) lines.push(`    evidence: ${cite(id)}`);
    if (e.claimed_by.length) lines.push(`    claimed by: ${e.claimed_by.join(", ")}`);
    if (e.denied_by.length || e.status === "denied")
      lines.push(
        `    denied by: ${e.denied_by.join(", ") || "(unnamed)"} — ${(e.sides?.denial ?? []).map(cite).join("; ")}`,
      );
    for (const n of e.notes) lines.push(`    note: ${n}`);
  }
  if (r.set_aside.length) {
    lines.push("  set aside:");
    for (const s of r.set_aside) lines.push(`    ${s.sentence} "${clip(s.text, 60)}": ${s.reason}`);
  }

  lines.push("", "Suggested what-if");
  const s = r.suggestion;
  for (const l of s.left_out) lines.push(`  left out ${l.event}: ${l.reason}`);
  if (!s.scenario || !s.what_if) {
    lines.push(`  none: ${s.rule}`);
    return lines.join("\n");
  }
  lines.push(`  ${s.scenario.events.length} event(s), ${s.rule}`);
  const obligation = (o: (typeof s.what_if.obligations)[number]) => {
    const instrument = library.byId.get(o.instrument);
    lines.push(
      `  ${library.registry.name(o.obligor)} → ${library.registry.name(o.beneficiary)}: ${instrument?.short_title ?? o.instrument} Art. ${o.article} (${o.kind}, ${o.strength})`,
    );
    if (o.treaty_text)
      lines.push(
        `    the treaty: "${clip(o.treaty_text, 220)}"${o.treaty_source ? ` — ${o.treaty_source}` : ""}`,
      );
    lines.push(`    the article: ${o.evidence.map((id) => cite(id)).join("; ")}`);
  };
  if (s.what_if.obligations.length === 0) lines.push("  No obligation arises from the events as suggested.");
  for (const o of s.what_if.obligations) obligation(o);
  if (s.what_if.if_threats) {
    if (s.what_if.if_threats.length === 0)
      lines.push("  Read as threats of attack, the incidents bind no one further.");
    else lines.push("  Only if the incidents are read as threats of attack:");
    for (const o of s.what_if.if_threats) obligation(o);
  }
  lines.push("  Run it: save the scenario from --json (suggestion.scenario) and `casus what-if FILE`.");
  return lines.join("\n");
}
