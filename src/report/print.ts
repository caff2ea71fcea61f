import type { Obligation, Result, StateRef, Text } from "../model/result.js";
import {
  answerSentence,
  digest,
  groupedConflicts,
  groupedNotTriggered,
  groupedObligations,
  groupedViolations,
  MILITARY,
  relevant,
  stateName,
  weightiest,
} from "./digest.js";
import {
  assumptionText,
  citation,
  codedText,
  codeOf,
  conditionText,
  conflictViewText,
  counterfactual,
  flipSummary,
  longDate,
  name,
  names,
  pointLabel,
  readingLabel,
  standingText,
  strengthText,
  warName,
} from "./words.js";

export { answerSentence, weightiest };

/** How a terminal marks things up; plain text and Markdown leave them as they are. */
export interface Style {
  heading: (s: string) => string;
  strong: (s: string) => string;
  dim: (s: string) => string;
  ok: (s: string) => string;
  bad: (s: string) => string;
}

const PLAIN: Style = { heading: (s) => s, strong: (s) => s, dim: (s) => s, ok: (s) => s, bad: (s) => s };

export interface PrintOptions {
  /** Markdown with headings and a bibliography, instead of plain text. */
  markdown?: boolean;
  /** Everything: every section in full, instruments no longer in force, every assumption. */
  all?: boolean;
  /** Colour for a terminal (text only). */
  style?: Style;
  /** The state the result was filtered to (`concerning`), by code: the answer is then said about it. */
  about?: string | null;
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

/** "Australia, Belgium and 14 more" past a handful, for one-line lists. */
export function someNames(list: readonly StateRef[], max = 6): string {
  if (list.length <= max) return names(list);
  return `${list
    .slice(0, max - 1)
    .map((s) => s.name)
    .join(", ")} and ${list.length - max + 1} more`;
}

const textOf = (result: Result, id: string): Text | undefined => result.texts.find((t) => t.id === id);

/** The condition lists of two obligations read the same but for the states they name. */
const shapeOf = (o: Obligation) => o.conditions.map((c) => `${c.code}:${c.met}:${c.detail ?? ""}`).join(",");

/** The answer as an analyst reads it: the answer first, then the detail behind it. */
export function render(full: Result, options: PrintOptions = {}): string {
  const md = options.markdown ?? false;
  const all = options.all ?? false;
  const st = md ? PLAIN : (options.style ?? PLAIN);
  const result = all ? full : relevant(full);
  const d = digest(result, all ? Number.POSITIVE_INFINITY : md ? 10 : 4, options.about ?? undefined);
  const lines: string[] = [];
  const blank = () => {
    if (lines.length && lines.at(-1) !== "") lines.push("");
  };
  const h = (text: string) => {
    blank();
    lines.push(md ? `## ${text}` : st.heading(text));
    if (md) lines.push("");
  };
  const item = (text: string, depth = 0) =>
    lines.push(`${"  ".repeat(depth)}${md ? "- " : depth ? "  " : "• "}${text}`);
  const quoteLimit = md || all ? Number.POSITIVE_INFINITY : 240;

  // The question, the date and the reading.
  lines.push(md ? `# ${d.title}` : st.heading(d.title.toUpperCase()));
  if (md) lines.push("");
  lines.push(st.dim(`As of ${longDate(d.asOf)} · read under: ${d.readings.join("; ")}`));
  if (options.about) lines.push(st.strong(`Only what concerns ${stateName(full, options.about)}.`));
  blank();
  lines.push(st.strong(d.answer));

  // Who is bound, by strength; who is notably not; what would change it most.
  if (d.bound.length || d.committed.length || d.available.length) h("Who is bound");
  for (const r of d.bound)
    item(
      `${names(r.obligors)} → ${name(r.beneficiary)}: ${r.how}${MILITARY.has(r.kind) ? "" : ` (${r.kind})`}${r.joins ? ", joins the war" : ""} — ${r.cite}`,
    );
  for (const r of d.committed)
    item(`${someNames(r.obligors)} → ${name(r.beneficiary)}: ${r.how}, not a legal obligation — ${r.cite}`);
  for (const r of d.available)
    item(
      `${someNames(r.obligors)} → ${name(r.beneficiary)}: bound to consult if ${name(r.beneficiary)} calls for it — ${r.cite}`,
    );
  for (const r of d.staysOut)
    item(
      `${someNames(r.states)} ${r.decision === "would-act" ? "would act" : r.states.length > 1 ? "stay out" : "stays out"}: ${r.why}`,
    );
  if (d.notBound.length) {
    h("Notably not bound");
    for (const r of d.notBound)
      item(`${someNames(r.obligors)} → ${name(r.beneficiary)} (${r.cite}): ${r.why}`);
    if (d.notBoundTotal > d.notBound.length)
      item(st.dim(`… ${d.notBoundTotal - d.notBound.length} more (--all)`));
  }
  if (d.changes.length) {
    h("What would change it most");
    for (const c of d.changes) item(`${c.label}: ${c.effect}`);
  }

  // Why: each article quoted once, then the pairs it binds and the conditions they meet.
  if (result.obligations.length) h("Why");
  const byText = new Map<string, Obligation[]>();
  for (const o of [...result.obligations].sort(
    (a, b) => Number(MILITARY.has(b.kind)) - Number(MILITARY.has(a.kind)),
  ))
    byText.set(o.text, [...(byText.get(o.text) ?? []), o]);
  let previous: string | null = null;
  for (const [textId, list] of byText) {
    const groups = groupedObligations(list);
    const t = textOf(result, textId);
    item(st.strong(citation(result, list[0] as Obligation)));
    quote(result, t, (s) => item(s, 1), quoteLimit, st);
    for (const g of groups) {
      const o = g.head;
      item(
        `${names(g.obligors)} → ${name(o.beneficiary)}: ${strengthText(o.strength)} (${o.kind}${o.wave > 1 ? `, wave ${o.wave}` : ""})${o.joins_war ? ", joins the war" : ""}`,
        1,
      );
      // Conditions (and the one it turns on) that read as the previous pair's are not repeated unless --all.
      const sub = (text: string) => lines.push(`${"  ".repeat(2)}${md ? "- " : "  "}${text}`);
      const shape = `${shapeOf(o)}|${o.pivotal ?? ""}`;
      if (!all && previous === shape) sub(st.dim("the same conditions, met in the same way"));
      else {
        for (const c of o.conditions)
          sub(`${c.met ? st.ok("✓") : st.bad("✗")} ${conditionText(c, result, { quote: md || all })}`);
        if (o.pivotal) sub(`turns on: ${counterfactual(o.pivotal, o.conditions, result)}`);
      }
      previous = shape;
    }
  }

  // Who fights, one line per war.
  if (result.wars.some((w) => !options.about || result.belligerents.some((b) => b.war === w.id)))
    h("Who fights");
  for (const w of result.wars) {
    const sides = result.belligerents.filter((b) => b.war === w.id);
    if (options.about && sides.length === 0) continue;
    // The war's first belligerents from the war itself (a result filtered to one state keeps only its own part).
    const first = (side: string) =>
      w.sides.filter((s) => s.side === side && s.wave === 0).map((s) => s.state);
    const joined = sides.filter((b) => b.wave > 0);
    const byWave = [...new Set(joined.map((b) => b.wave))].sort((a, b) => a - b);
    const waves = byWave.flatMap((wave) =>
      (["defender", "initiator"] as const).flatMap((side) => {
        const here = joined.filter((b) => b.wave === wave && b.side === side);
        if (here.length === 0) return [];
        const who = here.map((b) => `${name(b.state)}${b.via ? ` (${citation(result, b.via)})` : ""}`);
        return [
          `in wave ${wave}, ${names(who.map((n) => ({ id: n, name: n })))} join${here.length > 1 ? "" : "s"} ${names(first(side))}`,
        ];
      }),
    );
    item(
      `${warName(result, w.id)}: ${names(first("initiator"))} against ${names(first("defender"))}, from ${longDate(w.start)}${waves.length ? `; ${waves.join("; ")}` : ""}`,
    );
  }

  const violations = groupedViolations(result.violations);
  if (violations.length) h("Acts against rules in force");
  for (const g of violations) {
    const v = g.head;
    item(
      `${name(v.by)}'s ${v.conduct.replace(/-/g, " ")}${v.toward ? ` toward ${name(v.toward)}` : ""}: against ${g.rules.map((r) => citation(result, r)).join("; ")}${v.assumption ? st.dim(" (unless it is self-defence)") : ""}`,
    );
  }

  const conflicts = groupedConflicts(result.conflicts);
  if (conflicts.length) h("Conflicting obligations");
  for (const g of conflicts) {
    const owed = [...new Set(g.owed.map((o) => citation(result, o)))].join("; ");
    const against = g.against.map((a) => citation(result, a)).join("; ");
    item(
      `${names(g.states)}: ${conflictKind(g.kind, g.states.length)} — ${owed}${against ? `; against ${against}` : ""}`,
    );
    for (const v of g.views) item(`view: ${conflictViewText(v, result)}`, 1);
  }

  // The contested points beyond the two that change the answer most.
  const top = new Set(d.changes.map((c) => c.contested));
  const rest = result.contested.filter((c) => all || md || !top.has(c));
  if (rest.length) {
    h(md || all ? "Contested" : "Also contested");
    const shown = all ? rest : rest.slice(0, md ? 12 : 2);
    for (const c of shown) {
      const held = c.point.held_by.length ? `; held by ${c.point.held_by.join(", ")}` : "";
      const under = result.general.includes(c.under) ? "" : `, under the ${readingLabel(result, c.under)}`;
      item(
        `${pointLabel(c, result)}${under || held ? ` (${`${under}${held}`.replace(/^[,;] /, "")})` : ""}: ${flipSummary(c, result)}`,
      );
      if (all)
        for (const f of c.flips)
          item(
            `${name(f.obligor)} → ${name(f.beneficiary)}, ${citation(result, f)}: ${standingText(f.main)} → ${standingText(f.alternative)}`,
            1,
          );
    }
    if (shown.length < rest.length) item(st.dim(`… ${rest.length - shown.length} more (--all)`));
  }

  if (all || md) {
    const others = groupedNotTriggered(result.not_triggered.filter((n) => all || !MILITARY.has(n.kind)));
    const shown = all ? others : others.slice(0, 10);
    if (shown.length) h(all ? "Not triggered" : "Other clauses not triggered");
    for (const g of shown)
      item(
        `${someNames(g.obligors)} → ${name(g.head.beneficiary)} (${citation(result, g.head)}): ${g.reasons.map((r) => conditionText(r, result, { quote: false })).join("; ")}`,
      );
    if (shown.length < others.length) item(`… ${others.length - shown.length} more`);
  }

  const signed = result.not_in_force.filter((n) => n.status === "signed");
  if (signed.length) h("Signed but not in force (tested as if in force)");
  for (const n of signed) {
    const would = n.would_bind.length
      ? `would bind ${n.would_bind.map((o) => `${name(o.obligor)} → ${name(o.beneficiary)} (${citation(result, o)})`).join("; ")}`
      : "would bind no one";
    item(
      `${n.title} — signed ${longDate(n.signed)}, ${n.in_force ? `in force from ${longDate(n.in_force)}` : "not in force"}: ${would}`,
    );
  }
  if (all) {
    const ended = result.not_in_force.filter((n) => n.status === "terminated");
    if (ended.length) h("No longer in force");
    for (const n of ended)
      item(
        `${n.title} — ended ${n.terminated ? longDate(n.terminated) : "(date not recorded)"}${n.termination_reason ? ` (${n.termination_reason})` : ""}`,
      );
  }

  // The assumptions the answer rests on: the disputed ones and the scenario's own by default.
  const assumptions = result.assumptions.filter(
    (a) =>
      all ||
      md ||
      ((a.disputed || a.origin === "scenario") && a.kind !== "general-reading" && a.kind !== "joining"),
  );
  if (assumptions.length) h(all || md ? "Assumptions" : "Assumptions that matter");
  for (const a of assumptions) {
    const origin = a.origin === "scenario" ? "the scenario" : a.origin === "derived" ? "derived" : "default";
    item(`${assumptionText(a, result)} ${st.dim(`(${origin}${a.disputed ? ", disputed" : ""})`)}`);
  }

  if (md && result.sources.length) {
    h("Sources");
    for (const s of result.sources)
      item(
        `${s.title}${s.publisher ? `, ${s.publisher}` : ""}${s.date ? `, ${s.date}` : ""}${s.url ? `. <${s.url}>` : ""}`,
      );
  }
  if (!md && !all) {
    blank();
    lines.push(
      st.dim("More: --all for everything, --explain STATE for one state, --json for the full result."),
    );
  }
  return `${lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}

function conflictKind(kind: string, count: number): string {
  const its = count > 1 ? "their" : "its";
  switch (kind) {
    case "bound-to-both-sides":
      return "bound to both sides";
    case "against-own-ally":
      return `joining would set ${count > 1 ? "them" : "it"} against a state ${count > 1 ? "they owe" : "it owes"} a pledge`;
    case "defence-vs-non-aggression":
      return `${its} defence obligation meets ${its} non-aggression pledge`;
    case "assistance-vs-prohibition":
      return `the assistance ${count > 1 ? "they owe" : "it owes"} meets a prohibition`;
    default:
      return `the assistance ${count > 1 ? "they owe" : "it owes"} meets ${its} pledge not to assist`;
  }
}

function quote(
  result: Result,
  t: Text | undefined,
  item: (text: string) => void,
  limit: number,
  st: Style,
): void {
  if (!t) return;
  if (t.coded) {
    item(st.dim(codedText(t.coded)));
    return;
  }
  const source = t.source ? result.sources.find((s) => s.id === t.source) : undefined;
  const short = t.quote.length > limit ? `${t.quote.slice(0, limit - 1).trimEnd()}…` : t.quote;
  const how = t.quote_confidence === "verbatim" ? "" : ` (${t.quote_confidence})`;
  item(`“${short}” ${st.dim(`— ${source?.title ?? "no source recorded"}${how}`)}`);
}
