import type { Condition, Contested, Obligation, Result, StateRef, Text } from "../model/result.js";
import {
  assumptionText,
  belligerentText,
  citation,
  codedText,
  codeOf,
  conditionText,
  conflictText,
  conflictViewText,
  counterfactual,
  flipSummary,
  joiningReasonText,
  name,
  names,
  pointLabel,
  readingLabel,
  standingText,
  strengthText,
  uniqueStates,
  violationText,
} from "./words.js";

export interface PrintOptions {
  /** Markdown with headings and a bibliography, instead of plain text. */
  markdown?: boolean;
  /** Everything, not only the answer and what bears on it. */
  all?: boolean;
}

/** The parts of a result that concern one state, as a result of the same shape. */
export function concerning(result: Result, state: string): Result {
  const is = (s: StateRef | null | undefined) => (s ? codeOf(s) === state : false);
  const touches = (x: { obligor: StateRef; beneficiary: StateRef }) => is(x.obligor) || is(x.beneficiary);
  return {
    ...result,
    obligations: result.obligations.filter(touches),
    commitments: result.commitments.filter(touches),
    available: result.available.filter(touches),
    belligerents: result.belligerents.filter((b) => is(b.state)),
    joining: result.joining.filter((j) => is(j.state)),
    not_triggered: result.not_triggered.filter(touches),
    not_in_force: result.not_in_force.map((n) => ({
      ...n,
      would_bind: n.would_bind.filter(touches),
      not_triggered: n.not_triggered.filter(touches),
    })),
    conflicts: result.conflicts.filter((c) => is(c.state)),
    violations: result.violations.filter((v) => is(v.by) || is(v.toward)),
    contested: result.contested
      .map((c) => ({
        ...c,
        flips: c.flips.filter(touches),
        joins: c.joins.filter((j) => is(j.state)),
        violations: c.violations.filter((v) => is(v.by)),
      }))
      .filter((c) => c.flips.length + c.joins.length + c.violations.length > 0),
  };
}

const MILITARY = new Set(["defence", "offence"]);

/** Obligations identical but for the obligor: one quote, the list of obligors. */
function grouped(list: readonly Obligation[]): { head: Obligation; obligors: StateRef[] }[] {
  const groups = new Map<string, { head: Obligation; obligors: StateRef[] }>();
  for (const o of list) {
    const key = [
      o.instrument,
      o.part,
      o.article,
      o.provision,
      codeOf(o.beneficiary),
      o.strength,
      o.joins_war,
    ].join("|");
    const g = groups.get(key);
    if (g) g.obligors.push(o.obligor);
    else groups.set(key, { head: o, obligors: [o.obligor] });
  }
  return [...groups.values()];
}

function textOf(result: Result, id: string): Text | undefined {
  return result.texts.find((t) => t.id === id);
}

/** The answer in a sentence or two. */
export function answerSentence(result: Result): string {
  const military = result.obligations.filter((o) => MILITARY.has(o.kind));
  const joiners = result.belligerents.filter((b) => b.wave > 0);
  const parts: string[] = [];
  if (military.length === 0) {
    parts.push("No state is bound to give military assistance.");
  } else {
    const byBeneficiary = new Map<string, { to: StateRef; from: StateRef[] }>();
    for (const o of military) {
      const key = codeOf(o.beneficiary);
      const entry = byBeneficiary.get(key) ?? { to: o.beneficiary, from: [] };
      if (!entry.from.some((s) => codeOf(s) === codeOf(o.obligor))) entry.from.push(o.obligor);
      byBeneficiary.set(key, entry);
    }
    for (const { to, from } of byBeneficiary.values()) {
      parts.push(`${names(from)} ${from.length > 1 ? "are" : "is"} bound to assist ${name(to)}.`);
    }
  }
  if (joiners.length)
    parts.push(`${names(joiners.map((b) => b.state))} join${joiners.length > 1 ? "" : "s"} the war.`);
  const acting = result.joining.filter((j) => j.decision === "would-act");
  if (acting.length)
    parts.push(`There is no war: ${names(acting.map((j) => j.state))} would act on their obligations.`);
  const out = result.joining.filter((j) => j.decision === "stays-out" && j.reason !== "already-at-war");
  if (out.length)
    parts.push(
      `${names(out.map((j) => j.state))} ${out.length > 1 ? "are" : "is"} bound but stay${out.length > 1 ? "" : "s"} out (see why below).`,
    );
  if (result.commitments.length)
    parts.push(
      `${names(uniqueStates(result.commitments.map((c) => c.obligor)))} ${result.commitments.length > 1 ? "have" : "has"} commitments that are not legal obligations.`,
    );
  return parts.join(" ");
}

/** The contested points that change the most who is bound or who joins, most first. */
export function weightiest(result: Result, count = 2): Contested[] {
  const weight = (c: Contested) =>
    c.joins.length * 10 + c.flips.filter((f) => f.main.bound !== f.alternative.bound).length;
  return [...result.contested].sort((a, b) => weight(b) - weight(a)).slice(0, count);
}

/** The answer as an analyst reads it: the answer first, then the detail behind it. */
export function render(result: Result, options: PrintOptions = {}): string {
  const md = options.markdown ?? false;
  const lines: string[] = [];
  const h = (level: number, text: string) => {
    if (md) lines.push("", `${"#".repeat(level)} ${text}`, "");
    else lines.push(level === 1 ? text.toUpperCase() : `\n${text}`);
  };
  const item = (text: string, depth = 0) =>
    lines.push(`${"  ".repeat(depth)}${md ? "- " : depth ? "· " : "• "}${text}`);
  const reading = result.general.map((g) => readingLabel(result, g)).join(", ");

  h(1, result.title);
  lines.push(
    `As of ${result.as_of}. Read under: ${reading}${result.adopted.length ? `; adopted: ${result.adopted.map((k) => readingLabel(result, k)).join(", ")}` : ""}.`,
  );
  h(2, "Answer");
  lines.push(answerSentence(result));
  const military = result.obligations.filter((o) => MILITARY.has(o.kind));
  const other = result.obligations.filter((o) => !MILITARY.has(o.kind));
  for (const g of grouped([...military, ...other])) {
    item(
      `${names(g.obligors)} → ${name(g.head.beneficiary)}: ${strengthText(g.head.strength)} (${g.head.kind}) under ${citation(result, g.head)}${g.head.joins_war ? "; joins the war" : ""}`,
    );
  }
  for (const g of grouped(result.commitments as unknown as Obligation[])) {
    const how =
      (g.head as unknown as { legal_force: string }).legal_force === "domestic"
        ? "required by its own law"
        : "committed politically";
    item(
      `${names(g.obligors)} → ${name(g.head.beneficiary)}: ${how}, not a legal obligation (${citation(result, g.head)})`,
    );
  }
  for (const g of grouped(result.available as unknown as Obligation[])) {
    item(
      `${names(g.obligors)} → ${name(g.head.beneficiary)}: would be bound to consult if ${name(g.head.beneficiary)} called for it (${citation(result, g.head)})`,
    );
  }
  const stays = result.joining.filter((j) => j.decision !== "joins" && j.reason !== "already-at-war");
  for (const j of stays)
    item(
      `${name(j.state)} ${j.decision === "would-act" ? "would act" : "stays out"}: ${joiningReasonText(j.reason)}`,
    );
  const top = weightiest(result);
  if (top.length) {
    lines.push(md ? "\nWhat would change it most:" : "What would change it most:");
    for (const c of top) item(`${pointLabel(c, result)}: ${flipSummary(c, result)}`, 1);
  }

  h(2, "Why");
  for (const g of grouped(result.obligations)) {
    const o = g.head;
    item(`${names(g.obligors)} → ${name(o.beneficiary)}, ${citation(result, o)} (${o.kind}, ${o.strength})`);
    quote(result, o.text, item);
    for (const c of o.conditions) item(`${c.met ? "✓" : "✗"} ${conditionText(c, result)}`, 1);
    if (o.pivotal) item(`turns on: ${counterfactual(o.pivotal, o.conditions, result)}`, 1);
  }
  if (result.obligations.length === 0) lines.push("No legal obligation arises.");

  if (result.belligerents.length) {
    h(2, "Who fights");
    for (const b of result.belligerents) item(belligerentText(b, result));
  }
  notBound(result, item, h, options.all ?? false);
  if (result.conflicts.length) {
    h(2, "Conflicts");
    for (const c of result.conflicts) {
      item(conflictText(c, result));
      for (const v of c.views) item(`view: ${conflictViewText(v, result)}`, 1);
    }
  }
  if (result.violations.length) {
    h(2, "Conduct against rules in force");
    for (const v of result.violations) item(violationText(v, result));
  }
  if (result.contested.length) {
    h(2, "Contested");
    const shown = options.all ? result.contested : result.contested.slice(0, 8);
    for (const c of shown) {
      item(
        `${pointLabel(c, result)} (under the ${readingLabel(result, c.under)}${c.point.held_by.length ? `; held by ${c.point.held_by.join(", ")}` : ""}): ${flipSummary(c, result)}`,
      );
      if (options.all)
        for (const f of c.flips)
          item(
            `${name(f.obligor)} → ${name(f.beneficiary)}, ${citation(result, f)}: ${standingText(f.main)} → ${standingText(f.alternative)}`,
            1,
          );
    }
    if (shown.length < result.contested.length)
      item(`… ${result.contested.length - shown.length} more (--all)`);
  }
  const signed = result.not_in_force.filter((n) => n.status === "signed");
  if (signed.length) {
    h(2, "Signed but not in force (tested as if in force)");
    for (const n of signed) {
      item(
        `${n.title} — signed ${n.signed}, in force ${n.in_force ?? "not yet"}: ${n.would_bind.length ? `would bind ${n.would_bind.map((o) => `${name(o.obligor)} → ${name(o.beneficiary)} (Art. ${o.article})`).join("; ")}` : "would bind no one"}`,
      );
    }
  }
  if (options.all) {
    const ended = result.not_in_force.filter((n) => n.status === "terminated");
    if (ended.length) {
      h(2, "No longer in force");
      for (const n of ended)
        item(`${n.title} — ended ${n.terminated}${n.termination_reason ? ` (${n.termination_reason})` : ""}`);
    }
  }
  h(2, "Assumptions");
  for (const a of result.assumptions) {
    if (!options.all && a.origin === "default" && !a.disputed && a.kind === "judgement") continue;
    item(`${assumptionText(a, result)}${a.disputed ? " (disputed)" : ""} [${a.origin}]`);
  }
  if (md) {
    h(2, "Sources");
    for (const s of result.sources)
      item(
        `${s.title}${s.publisher ? `, ${s.publisher}` : ""}${s.date ? `, ${s.date}` : ""}${s.url ? `. <${s.url}>` : ""}`,
      );
  }
  return `${lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}

function quote(result: Result, id: string, item: (text: string, depth?: number) => void): void {
  const t = textOf(result, id);
  if (!t) return;
  if (t.coded) {
    item(codedText(t.coded), 1);
    return;
  }
  const source = t.source ? result.sources.find((s) => s.id === t.source) : undefined;
  const mark = t.quote_confidence === "paraphrase" ? "(paraphrase) " : "";
  const short = t.quote.length > 400 ? `${t.quote.slice(0, 397)}…` : t.quote;
  item(
    `${mark}"${short}" — ${source?.title ?? "no source"}${source?.url ? ` <${source.url}>` : ""} [${t.quote_confidence}]`,
    1,
  );
}

/** Who is notably not bound, and why: defence clauses of parties to the war, grouped by article. */
function notBound(
  result: Result,
  item: (text: string, depth?: number) => void,
  h: (level: number, text: string) => void,
  all: boolean,
): void {
  const rows = all ? result.not_triggered : result.not_triggered.filter((n) => MILITARY.has(n.kind));
  if (rows.length === 0) return;
  h(2, all ? "Not triggered" : "Notably not bound");
  const groups = new Map<
    string,
    { head: (typeof rows)[number]; obligors: StateRef[]; reasons: Condition[] }
  >();
  for (const n of rows) {
    const reasons = n.unmet;
    const key = [
      n.instrument,
      n.article,
      codeOf(n.beneficiary),
      reasons.map((r) => `${r.code}:${r.detail ?? ""}`).join(","),
    ].join("|");
    const g = groups.get(key);
    if (g) g.obligors.push(n.obligor);
    else groups.set(key, { head: n, obligors: [n.obligor], reasons });
  }
  const list = [...groups.values()];
  const shown = all ? list : list.slice(0, 12);
  for (const g of shown) {
    item(
      `${names(g.obligors)} → ${name(g.head.beneficiary)}, ${citation(result, g.head)}: ${g.reasons.map((r) => conditionText(r, result)).join("; ")}`,
    );
  }
  if (shown.length < list.length) item(`… ${list.length - shown.length} more (--all)`);
}
