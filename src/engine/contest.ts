import type { Scenario } from "../model/scenario.js";
import { findReading, type Library } from "../treaties/library.js";
import {
  type Caches,
  callsToJoin,
  type Found,
  type Joined,
  joinersFor,
  type Outcome,
  runCascade,
  type Snapshot,
} from "./cascade.js";
import { violationsOf } from "./conduct.js";
import { type Budget, type RunConfig, withGeneral } from "./config.js";
import { buildSituation } from "./facts.js";
import { evaluate } from "./triggers/index.js";

/** How one obligor stands toward one beneficiary under one provision, in one answer. */
export interface Stand {
  bound: boolean;
  strength: Found["ep"]["strength"] | null;
  legalForce: Found["ep"]["legalForce"] | null;
  against: string[];
  joins: boolean;
  unmet: string[];
}

export interface Flip {
  found: Found;
  main: Stand;
  alternative: Stand;
}

export interface PointOutcome {
  flips: Flip[];
  joins: { state: string; war: string; main: boolean; alternative: boolean }[];
  violations: {
    key: string;
    by: string;
    instrument: string;
    article: string;
    event: string;
    main: boolean;
  }[];
}

export interface Point {
  kind:
    | "general-reading"
    | "instrument-reading"
    | "characterisation"
    | "retroactivity"
    | "sovereignty"
    | "theatre"
    | "engagement"
    | "honour";
  id: string;
  ref: string | null;
  adopted: boolean;
  state: string | null;
  place: string | null;
  instrument: string | null;
  heldBy: string[];
  /** The dependency whose verdicts it can change; null where it changes the facts themselves. */
  dep: string | null;
  apply: (config: RunConfig) => RunConfig;
  /** For honour points: the wave whose snapshot the alternative resumes from. */
  resumeWave?: number;
  /** It changes violations only (self-defence, authorisation): no verdict is re-tested. */
  violationsOnly?: boolean;
}

export interface Contested {
  point: Point;
  under: string;
  outcome: PointOutcome;
}

/** Conditions a party can still meet by acting: a point that leaves only these unmet is still worth showing. */
const ACTIONABLE = new Set(["request", "call"]);

export class Contest {
  constructor(
    private readonly library: Library,
    private readonly scenario: Scenario,
    private readonly shared: Caches,
    private readonly budget: Budget,
  ) {}

  /** Every contested point of the main answer, with what it flips under the main and the other reading. */
  run(main: Outcome, other: Outcome | null, otherId: string | null): Contested[] {
    const points = this.points(main, other);
    const out: Contested[] = [];
    const mainUnder = main.config.general.get("who-is-owed") ?? "";
    for (const p of points) {
      const underMain = this.flipsUnder(p, main);
      if (!empty(underMain)) out.push({ point: p, under: mainUnder, outcome: underMain });
      // A conflict of pledges is the main answer's; under the other reading it has its own points, if any.
      if (!other || !otherId || p.kind === "honour") continue;
      const underOther = this.flipsUnder(p, other);
      // Under the other general reading, show only what the main reading's answer did not already show.
      if (!empty(underOther) && !sameOutcome(underOther, underMain)) {
        out.push({ point: p, under: otherId, outcome: underOther });
      }
    }
    return out;
  }

  /** What the other reading of who is owed changes, as a contested point of its own. */
  generalPoint(main: Outcome, other: Outcome, otherId: string): Contested | null {
    if (other === main) return null;
    const outcome = diff(main, other);
    if (empty(outcome)) return null;
    const reading = this.library.generalReadings.find((r) => r.id === otherId);
    return {
      point: {
        kind: "general-reading",
        id: otherId,
        ref: otherId,
        adopted: false,
        state: null,
        place: null,
        instrument: null,
        heldBy: reading?.held_by ?? [],
        dep: "general:victim_test",
        apply: (c) => withGeneral(c, this.library.generalReadings, otherId),
      },
      under: main.config.general.get("who-is-owed") ?? "",
      outcome,
    };
  }

  /** The other reading of who is owed: re-evaluated where verdicts depend on it, re-run if joining changes. */
  alternative(main: Outcome, config: RunConfig): Outcome {
    return this.alternativeOutcome(main, config, "general:victim_test", true) ?? main;
  }

  /**
   * The cascade under `config`, resumed from `base`'s first wave with the verdicts that can change tested
   * again (and, inside the run, what is owed to states whose attacks differ): the first wave of a what-if
   * tests every pair, the rest only what changed. The other reading's answer keeps snapshots: its own points
   * resume from them.
   */
  private rerun(
    base: Outcome,
    config: RunConfig,
    affected: readonly Found[],
    keepSnapshots: boolean,
  ): Outcome {
    const first = base.snapshots.get(1);
    const { library, scenario, shared, budget } = this;
    if (!first) return runCascade(library, scenario, config, shared, budget, { keepSnapshots });
    const retest = new Set(affected.map((f) => f.key));
    // A patched answer shares the snapshots of the answer it was patched from: what it re-tested differs.
    if (base.startedFrom && "outcome" in base.startedFrom)
      for (const key of base.startedFrom.keys) retest.add(key);
    return runCascade(library, scenario, config, shared, budget, {
      resume: first,
      retest,
      keepSnapshots,
    });
  }

  /** The outcome under `config`, patched from `base` where possible; null when nothing depends on `dep`. */
  private alternativeOutcome(
    base: Outcome,
    config: RunConfig,
    dep: string | null,
    keepSnapshots = false,
  ): Outcome | null {
    if (dep === null) return this.rerun(base, config, [], keepSnapshots);
    const affected = byDependency(base).get(dep) ?? [];
    if (affected.length === 0) return null;
    if (dep.startsWith("judgement:") && !sameStructure(base, config, this.scenario)) {
      return runCascade(this.library, this.scenario, config, this.shared, this.budget, { keepSnapshots });
    }
    // The same facts under another reading: only the configuration the evaluators read changes.
    const ctx = { ...base.ctx, config };
    const verdicts = new Map(base.verdicts);
    let calls = false;
    for (const f of affected) {
      this.budget.tick();
      const ep = this.shared.provisions.get(f.ep.instrument, f.ep.article, f.ep.provision, config, f.obligor);
      const evaluation = evaluate(ctx, f.standing, ep, f.obligor, f.beneficiary);
      const next: Found = { ...f, ep, evaluation };
      verdicts.set(f.key, next);
      if (joiningSignature(f, base.config) !== joiningSignature(next, config)) calls = true;
    }
    // Joining turns only on what military verdicts call for; where that is unchanged, the facts stand. Where
    // it changes, replaying the joining decisions on the verdicts tells whether anyone joins differently.
    if (calls) {
      const before = this.replayed(base);
      const after = joinersFor(this.library, base.situation, base.view, config, military(verdicts.values()));
      if (before.size !== after.size || [...before].some((k) => !after.has(k))) {
        return this.rerun(base, config, affected, keepSnapshots);
      }
    }
    return {
      ...base,
      config,
      ctx,
      verdicts,
      startedFrom: { outcome: base, keys: new Set(affected.map((f) => f.key)) },
    };
  }

  private readonly replays = new WeakMap<Outcome, Set<string>>();

  /** Who joins if the joining decisions are replayed on an outcome's own verdicts (cached per outcome). */
  private replayed(base: Outcome): Set<string> {
    let set = this.replays.get(base);
    if (!set) {
      set = joinersFor(
        this.library,
        base.situation,
        base.view,
        base.config,
        military(base.verdicts.values()),
      );
      this.replays.set(base, set);
    }
    return set;
  }

  private flipsUnder(p: Point, base: Outcome): PointOutcome {
    const config = p.apply(base.config);
    let alt: Outcome | null;
    if (p.violationsOnly) {
      alt = { ...base, config };
    } else if (p.resumeWave !== undefined) {
      const snap = base.snapshots.get(p.resumeWave);
      alt = snap
        ? runCascade(this.library, this.scenario, config, this.shared, this.budget, { resume: snap })
        : runCascade(this.library, this.scenario, config, this.shared, this.budget);
    } else {
      alt = this.alternativeOutcome(base, config, p.dep);
    }
    if (!alt) return { flips: [], joins: [], violations: [] };
    return diff(base, alt);
  }

  private points(main: Outcome, other: Outcome | null): Point[] {
    const { library } = this;
    const points: Point[] = [];
    const none = {
      ref: null,
      adopted: false,
      state: null,
      place: null,
      instrument: null,
      heldBy: [] as string[],
    };
    const deps = new Set<string>();
    for (const o of [main, other]) {
      if (!o) continue;
      for (const f of o.verdicts.values()) for (const d of f.evaluation.deps) deps.add(d);
    }
    // General readings on axes other than who-is-owed (that one is the main/other pair itself).
    for (const reading of library.generalReadings) {
      if (reading.axis === "who-is-owed" || main.config.general.get(reading.axis) === reading.id) continue;
      const dep = reading.sets.forces_abroad !== undefined ? "general:forces_abroad" : "general:victim_test";
      if (!deps.has(dep)) continue;
      points.push({
        ...none,
        kind: "general-reading",
        id: reading.id,
        ref: reading.id,
        heldBy: reading.held_by ?? [],
        dep,
        apply: (c) => withGeneral(c, library.generalReadings, reading.id),
      });
    }
    for (const j of main.situation.judgements.values()) {
      if (!j.disputed) continue;
      points.push({
        ...none,
        kind: "characterisation",
        id: j.id,
        ref: j.id,
        state: j.target,
        heldBy: j.heldBy,
        dep: `judgement:${j.id}`,
        violationsOnly: j.field === "self_defence" || j.field === "authorised",
        apply: (c) => ({ ...c, flips: new Set([...c.flips, j.id]) }),
      });
    }
    const touched = [...deps].filter((d) => d.startsWith("reading:")).sort();
    for (const d of touched) {
      const key = d.slice("reading:".length);
      const [instrumentId, provisionId, readingId] = key.split("/") as [string, string, string];
      const instrument = library.byId.get(instrumentId);
      const reading = instrument && findReading(instrument, provisionId, readingId);
      if (!instrument || !reading) continue;
      // A reading is worth showing only where the provision met an event, or nearly did.
      const near = [...main.verdicts.values()].some(
        (f) => f.evaluation.deps.has(d) && (f.evaluation.met || f.evaluation.factId !== ""),
      );
      if (!near) continue;
      const adopted = main.config.readings.has(key);
      points.push({
        ...none,
        kind: "instrument-reading",
        id: key,
        ref: key,
        adopted,
        instrument: instrumentId,
        heldBy: reading.held_by ?? [],
        dep: d,
        apply: (c) => {
          const readings = new Set(c.readings);
          if (adopted) readings.delete(key);
          else readings.add(key);
          return { ...c, readings };
        },
      });
    }
    for (const d of [...deps].filter((x) => x.startsWith("sov:")).sort()) {
      const [, place, claimant] = d.split(":") as [string, string, string];
      points.push({
        ...none,
        kind: "sovereignty",
        id: `${place}.sovereignty.${claimant}`,
        state: claimant,
        place,
        heldBy: [claimant],
        dep: d,
        apply: (c) => ({ ...c, sovereignty: new Map([...c.sovereignty, [place, claimant]]) }),
      });
    }
    for (const d of [...deps].filter((x) => x.startsWith("retro:")).sort()) {
      const id = d.slice("retro:".length);
      points.push({
        ...none,
        kind: "retroactivity",
        id: `${id}.retroactive`,
        instrument: id,
        dep: d,
        apply: (c) => ({ ...c, nonRetroactive: new Set([...c.nonRetroactive, id]) }),
      });
    }
    if (deps.has("derived:engaged")) {
      points.push({
        ...none,
        kind: "engagement",
        id: "engaged",
        adopted: true,
        dep: null,
        apply: (c) => ({ ...c, engaged: false }),
      });
    }
    for (const d of main.decisions) {
      if (d.reason !== "bound-to-both-sides" && d.reason !== "against-own-ally") continue;
      const options = d.reason === "bound-to-both-sides" ? [d.calls[0], d.against[0]] : [d.calls[0]];
      for (const f of options) {
        if (!f) continue;
        points.push({
          ...none,
          kind: "honour",
          id: `honour:${d.state}:${f.ep.instrument.id}/${f.ep.article.article.number}`,
          ref: f.key,
          state: d.state,
          instrument: f.ep.instrument.id,
          dep: null,
          resumeWave: d.wave,
          apply: (c) => ({ ...c, honour: new Map([...c.honour, [d.state, f.key]]) }),
        });
      }
    }
    return points;
  }
}

const military = (verdicts: Iterable<Found>) => [...verdicts].filter(callsToJoin);

/** What a verdict asks of joining: whether it calls its obligor to a war, which one, and how bindingly. */
function joiningSignature(f: Found, config: RunConfig): string {
  if (!callsToJoin(f) || !f.evaluation.war) return "";
  const taken =
    (f.ep.legalForce === "binding" || config.joining.includePolitical) &&
    (f.ep.strength !== "discretionary" || !config.joining.onlyAutomatic);
  return `${f.evaluation.war.id}|${f.beneficiary}|${taken}`;
}

/** Whether flipping judgements leaves the wars and first strikes as they were (then verdicts suffice). */
function sameStructure(base: Outcome, config: RunConfig, scenario: Scenario): boolean {
  const rebuilt = buildSituation(scenario, config);
  const shape = (s: typeof rebuilt) =>
    JSON.stringify([
      s.wars.map((w) => [
        w.id,
        w.initiator,
        w.start,
        [...w.sides].filter(([st]) => (w.wave.get(st) ?? 0) === 0),
      ]),
      [...s.firstStrike],
    ]);
  const original = buildSituation(scenario, base.config);
  return shape(rebuilt) === shape(original);
}

function stand(o: Outcome, f: Found | undefined): Stand {
  if (!f) return { bound: false, strength: null, legalForce: null, against: [], joins: false, unmet: [] };
  const met = f.evaluation.met;
  return {
    bound: met,
    strength: met ? f.ep.strength : null,
    legalForce: met ? f.ep.legalForce : null,
    against: met ? [...f.evaluation.against].sort() : [],
    joins: met && joinedVia(o).has(f.key),
    unmet: f.evaluation.conditions.filter((c) => !c.met).map((c) => c.code),
  };
}

function diff(base: Outcome, alt: Outcome): PointOutcome {
  const flips: Flip[] = [];
  // An obligation that holds in both answers, owed against the same states but for those that entered or left
  // the war between them, is the same obligation: the joins say who entered, not thousands of flips.
  const moved = movedStates(base, alt);
  const compare = (x: Found | undefined, y: Found | undefined) => {
    // The same verdict in both answers (kept from a snapshot, or not touched by the point): who joins through
    // it may differ, which `joins` reports.
    if (x === y) return;
    if (x && y && unchanged(base, alt, x, y, moved)) return;
    const main = stand(base, x);
    const alternative = stand(alt, y);
    if (same(main, alternative, moved)) return;
    if (!main.bound && !alternative.bound && !closer(main, alternative)) return;
    flips.push({ found: (x ?? y) as Found, main, alternative });
  };
  const keys = differing(base, alt);
  if (keys) {
    for (const key of keys) compare(base.verdicts.get(key), alt.verdicts.get(key));
  } else {
    for (const [key, x] of base.verdicts) compare(x, alt.verdicts.get(key));
    for (const [key, y] of alt.verdicts) if (!base.verdicts.has(key)) compare(undefined, y);
  }
  const a = joinKeys(base);
  const b = joinKeys(alt);
  const joins = [...new Set([...a, ...b])]
    .filter((k) => a.has(k) !== b.has(k))
    .sort()
    .map((k) => {
      const [state, war] = k.split("|") as [string, string];
      return { state, war, main: a.has(k), alternative: b.has(k) };
    });
  const va = violationsCached(base);
  const vb = violationsCached(alt);
  const vaKeys = new Set(va.map((v) => v.key));
  const vbKeys = new Set(vb.map((v) => v.key));
  const violations = [...va.filter((v) => !vbKeys.has(v.key)), ...vb.filter((v) => !vaKeys.has(v.key))].map(
    (v) => ({
      key: v.key,
      by: v.by,
      instrument: v.rule.instrument.id,
      article: v.rule.article.article.number,
      event: v.event,
      main: vaKeys.has(v.key),
    }),
  );
  flips.sort((p, q) => p.found.key.localeCompare(q.found.key));
  return { flips, joins, violations };
}

// An outcome's joiners and violations, worked out once: every contested point compares against the main one.
const joinKeysMemo = new WeakMap<Outcome, Set<string>>();
function joinKeys(o: Outcome): Set<string> {
  let keys = joinKeysMemo.get(o);
  if (!keys) {
    keys = new Set(o.belligerents.filter((b) => b.wave > 0).map((b) => `${b.state}|${b.war.id}`));
    joinKeysMemo.set(o, keys);
  }
  return keys;
}

const joinedViaMemo = new WeakMap<readonly Joined[], Set<string>>();
/** The verdicts states joined a war through. */
function joinedVia(o: Outcome): Set<string> {
  let keys = joinedViaMemo.get(o.belligerents);
  if (!keys) {
    keys = new Set(o.belligerents.flatMap((b) => (b.via ? [b.via.key] : [])));
    joinedViaMemo.set(o.belligerents, keys);
  }
  return keys;
}

const violationsMemo = new WeakMap<Outcome, ReturnType<typeof violationsOf>>();
function violationsCached(o: Outcome): ReturnType<typeof violationsOf> {
  let found = violationsMemo.get(o);
  if (!found) {
    found = violationsOf(o);
    violationsMemo.set(o, found);
  }
  return found;
}

/** A quick test, without building stands, for the verdicts a full re-run left as they were. */
/**
 * The only keys whose verdicts can differ between two answers, where one branched from the other: those the
 * branch set, and (for a run resumed from a snapshot) those the base set after the snapshot. Null: all.
 */
function differing(base: Outcome, alt: Outcome): Iterable<string> | null {
  const from = alt.startedFrom;
  if (!from) return null;
  if ("outcome" in from) return from.outcome === base ? from.keys : null;
  if (![...base.snapshots.values()].includes(from.snapshot)) return null;
  return new Set([...from.keys, ...setSince(base, from.snapshot)]);
}

// By the outcome's verdicts, then the snapshot: a patched answer shares its origin's snapshots.
const setSinceMemo = new WeakMap<Map<string, Found>, WeakMap<Snapshot, string[]>>();
/** The keys whose verdicts an outcome changed after one of its snapshots. */
function setSince(o: Outcome, snapshot: Snapshot): string[] {
  let bySnapshot = setSinceMemo.get(o.verdicts);
  if (!bySnapshot) {
    bySnapshot = new WeakMap();
    setSinceMemo.set(o.verdicts, bySnapshot);
  }
  let keys = bySnapshot.get(snapshot);
  if (!keys) {
    keys = [];
    for (const [key, f] of o.verdicts) if (snapshot.verdicts.get(key) !== f) keys.push(key);
    bySnapshot.set(snapshot, keys);
  }
  return keys;
}

const byDependencyMemo = new WeakMap<Map<string, Found>, Map<string, Found[]>>();
/** An outcome's verdicts by the assumptions they depend on. */
function byDependency(o: Outcome): Map<string, Found[]> {
  let index = byDependencyMemo.get(o.verdicts);
  if (!index) {
    index = new Map();
    for (const f of o.verdicts.values()) {
      for (const d of f.evaluation.deps) {
        const list = index.get(d);
        if (list) list.push(f);
        else index.set(d, [f]);
      }
    }
    byDependencyMemo.set(o.verdicts, index);
  }
  return index;
}

/** The states at war (on a side) in one answer and not in the other. */
function movedStates(base: Outcome, alt: Outcome): Set<string> {
  const at = (o: Outcome) =>
    new Set(o.belligerents.map((b) => `${b.state}|${b.war.id}|${b.war.sides.get(b.state)}`));
  const a = at(base);
  const b = at(alt);
  const moved = new Set<string>();
  for (const k of a) if (!b.has(k)) moved.add(k.split("|")[0] as string);
  for (const k of b) if (!a.has(k)) moved.add(k.split("|")[0] as string);
  return moved;
}

/** Whether two lists of states agree once the states in `moved` are set aside. */
function sameBeyond(a: readonly string[], b: readonly string[], moved: ReadonlySet<string>): boolean {
  if (a.length === b.length && a.every((s, i) => s === b[i])) return true;
  const x = a.filter((s) => !moved.has(s)).sort();
  const y = b.filter((s) => !moved.has(s)).sort();
  return x.length === y.length && x.every((s, i) => s === y[i]);
}

function unchanged(base: Outcome, alt: Outcome, x: Found, y: Found, moved: ReadonlySet<string>): boolean {
  const a = x.evaluation;
  const b = y.evaluation;
  if (a.met !== b.met) return false;
  if (!a.met) {
    const ua = a.conditions.filter((c) => !c.met);
    const ub = b.conditions.filter((c) => !c.met);
    return ua.length === ub.length && ua.every((c, i) => c.code === ub[i]?.code);
  }
  if (x.ep.strength !== y.ep.strength || x.ep.legalForce !== y.ep.legalForce) return false;
  if (!sameBeyond(a.against, b.against, moved)) return false;
  return joinedVia(base).has(x.key) === joinedVia(alt).has(y.key);
}

function same(a: Stand, b: Stand, moved: ReadonlySet<string>): boolean {
  return (
    a.bound === b.bound &&
    a.strength === b.strength &&
    a.legalForce === b.legalForce &&
    a.joins === b.joins &&
    sameBeyond(a.against, b.against, moved) &&
    (a.bound || a.unmet.join() === b.unmet.join())
  );
}

/** Not bound either way, but the point clears every condition except ones a party can still meet by acting. */
function closer(main: Stand, alternative: Stand): boolean {
  return (
    alternative.unmet.length > 0 &&
    alternative.unmet.length < main.unmet.length &&
    alternative.unmet.every((c) => ACTIONABLE.has(c) && main.unmet.includes(c))
  );
}

const empty = (o: PointOutcome) => o.flips.length === 0 && o.joins.length === 0 && o.violations.length === 0;

/** Whether two answers to a point say the same: the same flips, joins and violations, in the same order. */
function sameOutcome(a: PointOutcome, b: PointOutcome): boolean {
  if (a.flips.length !== b.flips.length || a.joins.length !== b.joins.length) return false;
  if (a.violations.length !== b.violations.length) return false;
  const sameStand = (x: Stand, y: Stand) =>
    x.bound === y.bound &&
    x.strength === y.strength &&
    x.legalForce === y.legalForce &&
    x.joins === y.joins &&
    x.against.join() === y.against.join() &&
    x.unmet.join() === y.unmet.join();
  return (
    a.flips.every((f, i) => {
      const g = b.flips[i] as Flip;
      return (
        f.found.key === g.found.key && sameStand(f.main, g.main) && sameStand(f.alternative, g.alternative)
      );
    }) &&
    a.joins.every((j, i) => {
      const k = b.joins[i];
      return j.state === k?.state && j.war === k.war && j.main === k.main && j.alternative === k.alternative;
    }) &&
    a.violations.every((v, i) => v.key === b.violations[i]?.key)
  );
}
