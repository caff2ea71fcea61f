import type { Condition, Result, StateRef } from "../model/result.js";
import { answerSentence } from "./digest.js";
import {
  citation,
  codeOf,
  conditionText,
  longDate,
  name,
  names,
  readingLabel,
  strengthText,
} from "./words.js";

/**
 * Two answers side by side: two readings, two dates or two scenarios. What changes is who is bound (or
 * how strongly) toward whom under which article, and who joins a war; why is the conditions that came
 * out differently.
 */

export interface Side {
  /** What distinguishes this answer: "victim reading", "1 June 2025", a scenario's title. */
  label: string;
  result: Result;
}

export interface Stand {
  bound: boolean;
  strength: string | null;
  joins: boolean;
}

export interface Change {
  obligor: StateRef;
  beneficiary: StateRef;
  instrument: string;
  article: string;
  cite: string;
  left: Stand;
  right: Stand;
  /** Conditions whose verdict differs between the two answers (as the right-hand answer found them). */
  why: Condition[];
}

export interface Comparison {
  left: Side;
  right: Side;
  changes: Change[];
  /** States that join a war in one answer and not the other. */
  joins: { state: StateRef; left: boolean; right: boolean }[];
}

const pairKey = (x: {
  obligor: StateRef;
  beneficiary: StateRef;
  instrument: string;
  article: string;
  provision: string;
}) => [codeOf(x.obligor), codeOf(x.beneficiary), x.instrument, x.article, x.provision].join("|");

interface Entry {
  obligor: StateRef;
  beneficiary: StateRef;
  instrument: string;
  article: string;
  text: string;
  stand: Stand;
  conditions: Condition[];
}

function entries(result: Result): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const n of result.not_triggered)
    out.set(pairKey(n), { ...n, stand: { bound: false, strength: null, joins: false }, conditions: n.unmet });
  for (const o of result.obligations)
    out.set(pairKey(o), {
      ...o,
      stand: { bound: true, strength: o.strength, joins: o.joins_war },
      conditions: o.conditions,
    });
  return out;
}

const sameStand = (a: Stand, b: Stand) =>
  a.bound === b.bound && a.strength === b.strength && a.joins === b.joins;

/** What differs between two answers. */
export function compare(left: Side, right: Side): Comparison {
  const a = entries(left.result);
  const b = entries(right.result);
  const none: Stand = { bound: false, strength: null, joins: false };
  const changes: Change[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key);
    const y = b.get(key);
    const l = x?.stand ?? none;
    const r = y?.stand ?? none;
    if (sameStand(l, r)) continue;
    const ref = (y ?? x) as Entry;
    const verdict = new Map((x?.conditions ?? []).map((c) => [c.code, c.met]));
    // The conditions that came out differently; where one side has none listed, the other side's unmet ones.
    let why = (y?.conditions ?? []).filter((c) => verdict.has(c.code) && verdict.get(c.code) !== c.met);
    if (why.length === 0)
      why = (r.bound ? (x?.conditions ?? []) : (y?.conditions ?? [])).filter((c) => !c.met);
    changes.push({
      obligor: ref.obligor,
      beneficiary: ref.beneficiary,
      instrument: ref.instrument,
      article: ref.article,
      cite: citation(right.result.texts.length ? right.result : left.result, {
        instrument: ref.instrument,
        article: ref.article,
        text: ref.text,
      }),
      left: l,
      right: r,
      why,
    });
  }
  // Who matters most first: a change of bound before a change of strength, then by obligor.
  changes.sort(
    (p, q) =>
      Number(q.left.bound !== q.right.bound) - Number(p.left.bound !== p.right.bound) ||
      p.obligor.name.localeCompare(q.obligor.name),
  );
  const joiners = (r: Result) =>
    new Map(r.belligerents.filter((x) => x.wave > 0).map((x) => [codeOf(x.state), x.state]));
  const ja = joiners(left.result);
  const jb = joiners(right.result);
  const joins = [...new Set([...ja.keys(), ...jb.keys()])]
    .filter((k) => ja.has(k) !== jb.has(k))
    .map((k) => ({ state: (ja.get(k) ?? jb.get(k)) as StateRef, left: ja.has(k), right: jb.has(k) }));
  return { left, right, changes, joins };
}

export function standText(s: Stand): string {
  if (!s.bound) return "not bound";
  return `${strengthText(s.strength)}${s.joins ? ", joins the war" : ""}`;
}

/** The labels of two answers that differ in their readings: each side's readings the other lacks. */
export function readingLabels(left: Result, right: Result): [string, string] {
  const keys = (r: Result) => [...r.general, ...r.adopted];
  const only = (r: Result, other: Result) => keys(r).filter((k) => !keys(other).includes(k));
  const label = (r: Result, other: Result) => {
    const own = only(r, other).map((k) => readingLabel(r, k));
    return own.length ? own.join("; ") : "without it";
  };
  return [label(left, right), label(right, left)];
}

/** The comparison as text or Markdown, the differences first. */
export function renderComparison(c: Comparison, options: { markdown?: boolean } = {}): string {
  const md = options.markdown ?? false;
  const lines: string[] = [];
  const item = (text: string, depth = 0) =>
    lines.push(`${"  ".repeat(depth)}${md ? "- " : depth ? "  " : "• "}${text}`);
  const title =
    c.left.result.title === c.right.result.title
      ? c.left.result.title
      : `${c.left.result.title} / ${c.right.result.title}`;
  lines.push(md ? `# Compared: ${title}` : `COMPARED: ${title.toUpperCase()}`, "");
  lines.push(`A — ${c.left.label}: ${answerSentence(c.left.result)}`);
  lines.push(`B — ${c.right.label}: ${answerSentence(c.right.result)}`);
  lines.push("", md ? "## What changes from A to B" : "What changes from A to B", ...(md ? [""] : []));
  if (c.changes.length === 0 && c.joins.length === 0)
    lines.push("Nothing: the same states are bound, as strongly, toward the same states.");
  for (const x of c.changes) {
    item(
      `${name(x.obligor)} → ${name(x.beneficiary)}, ${x.cite}: ${standText(x.left)} → ${standText(x.right)}`,
    );
    for (const w of x.why.slice(0, 3))
      item(`${w.met ? "✓" : "✗"} ${conditionText(w, c.right.result, { quote: false })}`, 1);
  }
  const joinsB = c.joins.filter((j) => j.right).map((j) => j.state);
  const leavesB = c.joins.filter((j) => j.left).map((j) => j.state);
  if (joinsB.length) item(`${names(joinsB)} join${joinsB.length > 1 ? "" : "s"} the war only in B`);
  if (leavesB.length) item(`${names(leavesB)} join${leavesB.length > 1 ? "" : "s"} the war only in A`);
  return `${lines.join("\n")}\n`;
}

/** A date as a side's label. */
export const dateLabel = (iso: string) => `as of ${longDate(iso)}`;
