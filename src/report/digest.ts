import type {
  Available,
  Commitment,
  Condition,
  Conflict,
  Contested,
  JoiningDecision,
  NotTriggered,
  Obligation,
  Result,
  StateRef,
  Violation,
} from "../model/result.js";
import {
  citation,
  codeOf,
  conditionText,
  flipSummary,
  joiningReasonText,
  name,
  names,
  pointLabel,
  readingLabel,
  strengthText,
  uniqueStates,
  warName,
} from "./words.js";

/**
 * The answer as every face shows it first (text, Markdown, the web app): the question, the answer in a
 * sentence or two, who is bound by strength, who is notably not, and the points that would change it
 * most. Identical obligations are grouped (one quote, the list of obligors); `--json` stays flat.
 */

export const MILITARY: ReadonlySet<string> = new Set(["defence", "offence"]);

/** Obligations identical but for the obligor: one row, the list of obligors. */
export interface Grouped<T> {
  head: T;
  obligors: StateRef[];
  all: T[];
}

export function grouped<T extends { obligor: StateRef }>(
  list: readonly T[],
  key: (x: T) => string,
): Grouped<T>[] {
  const groups = new Map<string, Grouped<T>>();
  for (const x of list) {
    const k = key(x);
    const g = groups.get(k);
    if (g) {
      if (!g.obligors.some((s) => codeOf(s) === codeOf(x.obligor))) g.obligors.push(x.obligor);
      g.all.push(x);
    } else groups.set(k, { head: x, obligors: [x.obligor], all: [x] });
  }
  return [...groups.values()];
}

const obligationKey = (o: Obligation | Commitment | Available) =>
  [
    o.instrument,
    o.part,
    o.article,
    o.provision,
    codeOf(o.beneficiary),
    o.strength,
    "joins_war" in o && o.joins_war,
  ].join("|");

export const groupedObligations = (list: readonly Obligation[]) => grouped(list, obligationKey);
export const groupedCommitments = (list: readonly Commitment[]) => grouped(list, obligationKey);
export const groupedAvailable = (list: readonly Available[]) => grouped(list, obligationKey);

/** Not-triggered clauses, grouped by article, beneficiary and the reasons they fail. */
export function groupedNotTriggered(
  list: readonly NotTriggered[],
): (Grouped<NotTriggered> & { reasons: Condition[] })[] {
  const reasonKey = (n: NotTriggered) =>
    n.unmet.map((r) => `${r.code}:${r.detail ?? ""}:${r.place ?? ""}`).join(",");
  return grouped(list, (n) => [n.instrument, n.article, codeOf(n.beneficiary), reasonKey(n)].join("|")).map(
    (g) => ({
      ...g,
      reasons: g.head.unmet,
    }),
  );
}

/** Strength order for the summary: automatic first, consultation last. */
const STRENGTH_ORDER = ["automatic", "binding", "discretionary", "consultative"];
const byStrength = (a: Obligation, b: Obligation) =>
  Number(MILITARY.has(b.kind)) - Number(MILITARY.has(a.kind)) ||
  STRENGTH_ORDER.indexOf(a.strength) - STRENGTH_ORDER.indexOf(b.strength) ||
  a.wave - b.wave;

/** One row of "who is bound". */
export interface BoundRow {
  obligors: StateRef[];
  beneficiary: StateRef;
  /** "bound", "bound, with discretion", "bound to consult"... */
  how: string;
  kind: Obligation["kind"];
  strength: Obligation["strength"];
  cite: string;
  joins: boolean;
  head: Obligation;
}

export interface NotBoundRow {
  obligors: StateRef[];
  beneficiary: StateRef;
  cite: string;
  why: string;
  head: NotTriggered;
}

export interface StaysOutRow {
  states: StateRef[];
  decision: JoiningDecision["decision"];
  why: string;
}

export interface ChangeRow {
  contested: Contested;
  label: string;
  effect: string;
}

export interface Digest {
  title: string;
  asOf: string;
  /** The readings in effect, as labels. */
  readings: string[];
  answer: string;
  bound: BoundRow[];
  /** Political commitments and domestic acts (never "bound"). */
  committed: { obligors: StateRef[]; beneficiary: StateRef; how: string; cite: string }[];
  /** Clauses that would bind once a party calls for them. */
  available: { obligors: StateRef[]; beneficiary: StateRef; cite: string }[];
  staysOut: StaysOutRow[];
  notBound: NotBoundRow[];
  /** How many not-bound rows there are in all (the digest keeps the first few). */
  notBoundTotal: number;
  changes: ChangeRow[];
}

/** The contested points that change the most who is bound or who joins, most first. */
export function weightiest(result: Result, count = 2): Contested[] {
  const weight = (c: Contested) =>
    c.joins.length * 10 + c.flips.filter((f) => f.main.bound !== f.alternative.bound).length;
  return [...result.contested]
    .filter((c) => weight(c) > 0)
    .sort((a, b) => weight(b) - weight(a))
    .slice(0, count);
}

/** A state's name, from wherever the result names it (its code where it does not). */
export function stateName(result: Result, code: string): string {
  const refs: StateRef[] = [
    ...result.obligations.flatMap((o) => [o.obligor, o.beneficiary]),
    ...result.not_triggered.flatMap((n) => [n.obligor, n.beneficiary]),
    ...result.wars.flatMap((w) => w.sides.map((s) => s.state)),
    ...result.events.flatMap((e) => [e.by, ...(e.against ? [e.against] : [])]),
    ...result.assumptions.flatMap((a) => [a.state, a.target].filter((s): s is StateRef => s !== null)),
  ];
  return refs.find((s) => codeOf(s) === code)?.name ?? code;
}

/** The answer in a sentence or two; `about`, a state's code, when the result is what concerns one state. */
export function answerSentence(result: Result, about?: string): string {
  const military = result.obligations.filter((o) => MILITARY.has(o.kind));
  const joiners = result.belligerents.filter((b) => b.wave > 0);
  const parts: string[] = [];
  if (military.length === 0 && about) {
    parts.push(
      `${stateName(result, about)} is not bound to give military assistance, and no one is bound to assist it.`,
    );
  } else if (military.length === 0) {
    const other = result.obligations.length;
    parts.push(
      other
        ? "No state is bound to give military assistance; some are bound to consult or to stay out."
        : "No state is bound to give military assistance.",
    );
  } else {
    // Beneficiaries that owe each other (allies bound both ways) are said once: "A and B are bound to assist each other".
    const byBeneficiary = new Map<string, { to: StateRef; from: StateRef[] }>();
    for (const o of [...military].sort(byStrength)) {
      const key = codeOf(o.beneficiary);
      const entry = byBeneficiary.get(key) ?? { to: o.beneficiary, from: [] };
      if (!entry.from.some((s) => codeOf(s) === codeOf(o.obligor))) entry.from.push(o.obligor);
      byBeneficiary.set(key, entry);
    }
    const sentences = [...byBeneficiary.values()].map(
      ({ to, from }) => `${names(from)} ${from.length > 1 ? "are" : "is"} bound to assist ${name(to)}`,
    );
    const first = sentences.slice(0, 2).join("; ");
    const more =
      sentences.length > 2 ? `; and ${sentences.length - 2} more allies are bound to one another` : "";
    parts.push(`${first}${more}.`);
  }
  if (joiners.length) {
    const states = uniqueStates(joiners.map((b) => b.state));
    parts.push(`${names(states)} join${states.length > 1 ? "" : "s"} ${warName(result, joiners[0]?.war)}.`);
  }
  const acting = result.joining.filter((j) => j.decision === "would-act");
  if (acting.length)
    parts.push(
      `There is no war; ${names(acting.map((j) => j.state))} would act on ${acting.length > 1 ? "their" : "its"} obligations.`,
    );
  const out = result.joining.filter(
    (j) => j.decision === "stays-out" && j.reason !== "already-at-war" && j.reason !== "not-binding",
  );
  if (out.length)
    parts.push(
      `${names(out.map((j) => j.state))} ${out.length > 1 ? "are" : "is"} bound but stay${out.length > 1 ? "" : "s"} out.`,
    );
  if (result.commitments.length) {
    const who = uniqueStates(result.commitments.map((c) => c.obligor));
    parts.push(
      who.length > 3
        ? `${who.length} states have commitments that are not legal obligations.`
        : `${names(who)} ${who.length > 1 ? "have" : "has"} commitments that are not legal obligations.`,
    );
  }
  return parts.join(" ");
}

/** The first screen of every face. `notBound` keeps the first `limit` rows. */
export function digest(result: Result, limit = 6, about?: string): Digest {
  const bound = groupedObligations([...result.obligations].sort(byStrength)).map((g) => ({
    obligors: g.obligors,
    beneficiary: g.head.beneficiary,
    how: strengthText(g.head.strength),
    kind: g.head.kind,
    strength: g.head.strength,
    cite: citation(result, g.head),
    joins: g.head.joins_war,
    head: g.head,
  }));
  const committed = groupedCommitments(result.commitments).map((g) => ({
    obligors: g.obligors,
    beneficiary: g.head.beneficiary,
    how: g.head.legal_force === "domestic" ? "required by its own law" : "committed politically",
    cite: citation(result, g.head),
  }));
  const available = groupedAvailable(result.available).map((g) => ({
    obligors: g.obligors,
    beneficiary: g.head.beneficiary,
    cite: citation(result, g.head),
  }));
  const stays = new Map<string, StaysOutRow>();
  for (const j of result.joining) {
    if (j.decision === "joins" || j.reason === "already-at-war") continue;
    const key = `${j.decision}|${j.reason}`;
    const row = stays.get(key) ?? { states: [], decision: j.decision, why: joiningReasonText(j.reason) };
    row.states.push(j.state);
    stays.set(key, row);
  }
  const notBoundAll = groupedNotTriggered(result.not_triggered.filter((n) => MILITARY.has(n.kind)));
  const notBound = notBoundAll.slice(0, limit).map((g) => ({
    obligors: g.obligors,
    beneficiary: g.head.beneficiary,
    cite: citation(result, g.head),
    why: g.reasons.map((r) => conditionText(r, result, { quote: false })).join("; "),
    head: g.head,
  }));
  return {
    title: result.title,
    asOf: result.as_of,
    readings: [...result.general, ...result.adopted].map((k) => readingLabel(result, k)),
    answer: answerSentence(result, about),
    bound,
    committed,
    available,
    staysOut: [...stays.values()],
    notBound,
    notBoundTotal: notBoundAll.length,
    changes: weightiest(result).map((c) => ({
      contested: c,
      label: pointLabel(c, result),
      effect: flipSummary(c, result),
    })),
  };
}

/** Conflicts that differ only in the prohibition and the state: one row, the states and prohibitions listed. */
export interface ConflictGroup {
  kind: Conflict["kind"];
  states: StateRef[];
  owed: { instrument: string; article: string; beneficiary: StateRef }[];
  against: NonNullable<Conflict["against"]>[];
  views: Conflict["views"];
  all: Conflict[];
}

export function groupedConflicts(list: readonly Conflict[]): ConflictGroup[] {
  const groups = new Map<string, ConflictGroup>();
  for (const c of list) {
    const viewKey = c.views
      .map((v) => (v.view === "prohibition-prevails" ? v.view : v.view.split("/").at(-1)))
      .join(",");
    const key = [c.kind, c.against?.kind ?? "", c.war ?? "", viewKey].join("|");
    const g = groups.get(key) ?? { kind: c.kind, states: [], owed: [], against: [], views: c.views, all: [] };
    if (!g.states.some((s) => codeOf(s) === codeOf(c.state))) g.states.push(c.state);
    for (const o of c.obligations)
      if (
        !g.owed.some(
          (x) =>
            x.instrument === o.instrument &&
            x.article === o.article &&
            codeOf(x.beneficiary) === codeOf(o.beneficiary),
        )
      )
        g.owed.push(o);
    if (c.against && !g.against.some((a) => a.text === c.against?.text)) g.against.push(c.against);
    g.all.push(c);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Violations grouped by who acted and how: one row, the rules it acts against listed. */
export function groupedViolations(list: readonly Violation[]): { head: Violation; rules: Violation[] }[] {
  const groups = new Map<string, { head: Violation; rules: Violation[] }>();
  for (const v of list) {
    const key = [codeOf(v.by), v.event, v.conduct, v.toward ? codeOf(v.toward) : ""].join("|");
    const g = groups.get(key) ?? { head: v, rules: [] };
    g.rules.push(v);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/**
 * What a face shows unless asked for everything: instruments that ended before the scenario's date are
 * left out, and instruments signed but never in force only where they would bind someone or involve a
 * state the answer names. `--json` is never trimmed.
 */
export function relevant(result: Result): Result {
  const named = new Set<string>();
  for (const b of result.belligerents) named.add(codeOf(b.state));
  for (const o of result.obligations) {
    named.add(codeOf(o.obligor));
    named.add(codeOf(o.beneficiary));
  }
  for (const a of result.assumptions) for (const s of [a.state, a.target]) if (s) named.add(codeOf(s));
  const involves = (n: Result["not_in_force"][number]) =>
    n.would_bind.length > 0 ||
    n.not_triggered.some((t) => named.has(codeOf(t.obligor)) || named.has(codeOf(t.beneficiary)));
  return {
    ...result,
    not_in_force: result.not_in_force.filter((n) => n.status === "signed" && involves(n)),
  };
}

/** A short reference to what a state owes under an obligation, for lists. */
export function obligationLine(result: Result, o: Obligation): string {
  return `${name(o.obligor)} → ${name(o.beneficiary)}: ${strengthText(o.strength)} (${o.kind}), ${citation(result, o)}`;
}
