import type { Instrument } from "../model/instrument.js";
import type { Scenario } from "../model/scenario.js";
import type { Library } from "../treaties/library.js";
import { type Applicable, type DateView, dateView, type Pledge, type Standing } from "./applicability.js";
import type { Budget, RunConfig } from "./config.js";
import { type AttackFact, buildSituation, type Situation, type WarFact } from "./facts.js";
import { type EffectiveProvision, Provisions } from "./provision.js";
import {
  type Evaluation,
  evaluate,
  READS_ENEMIES,
  RegionCache,
  type TriggerContext,
} from "./triggers/index.js";

/** One provision tested for one obligor toward one beneficiary: the latest verdict of the run. */
export interface Found {
  key: string;
  ep: EffectiveProvision;
  /** The instrument as it stands that day (members, organisation), for re-testing the verdict. */
  standing: Standing;
  obligor: string;
  beneficiary: string;
  evaluation: Evaluation;
  /** The wave it first held in (or was first tested in, if it never held). */
  wave: number;
}

export interface Joined {
  state: string;
  war: WarFact;
  wave: number;
  basis: "event" | "obligation" | "scenario";
  via: Found | null;
  /** Where it went to defend (its beneficiary's attacked places). */
  defends: string[];
}

export type Reason =
  | "binding-obligation"
  | "scenario-joins"
  | "scenario-declines"
  | "bound-to-both-sides"
  | "against-own-ally"
  | "discretionary-only"
  | "not-binding"
  | "already-at-war"
  | "no-war";

/** Whether a state with a military obligation joins, and why: a stated assumption of every answer. */
export interface Decision {
  state: string;
  war: WarFact | null;
  decision: "joins" | "would-act" | "stays-out";
  reason: Reason;
  calls: Found[];
  /** In a conflict: the obligations pulling the other way, or the pledges owed to the states it would fight. */
  against: Found[];
  pledges: { toward: string; pledge: Pledge }[];
  side: "A" | "B" | null;
  wave: number;
}

/** Where a run can be resumed from: the state of the world just before a wave's joining decisions. */
export interface Snapshot {
  wave: number;
  verdicts: Map<string, Found>;
  calls: Map<string, Found>;
  belligerents: Joined[];
  joins: Decision[];
  sides: Map<string, { sides: Map<string, "A" | "B">; wave: Map<string, number>; basis: WarFact["basis"] }>;
  /** The attacks as they stood, grouped: a resumed run starts from them instead of deriving them again. */
  attacks: AttackBook;
}

export interface Outcome {
  config: RunConfig;
  situation: Situation;
  view: DateView;
  attacks: readonly AttackFact[];
  ctx: TriggerContext;
  involved: ReadonlySet<string>;
  verdicts: Map<string, Found>;
  belligerents: Joined[];
  decisions: Decision[];
  /** Signed instruments not yet in force, tested as if they were, on the final facts (when first asked). */
  asIfInForce: () => ReadonlyMap<string, Found[]>;
  terminated: Instrument[];
  /** Snapshots at the first wave and at waves where a conflict kept a state out (see `runCascade`). */
  snapshots: Map<number, Snapshot>;
  /**
   * Where its verdicts came from when it did not test every pair itself: the snapshot it resumed from, or
   * the outcome it patched, and the keys it set since. A contested point compares only those.
   */
  startedFrom: { snapshot: Snapshot; keys: Set<string> } | { outcome: Outcome; keys: Set<string> } | null;
}

const MILITARY = new Set(["defence", "offence"]);
const MAX_WAVES = 1000;

/** Shared across the runs of one what-if: effective provisions and region answers do not change. */
export interface Caches {
  provisions: Provisions;
  regions: RegionCache;
}

export function caches(library: Library): Caches {
  return {
    provisions: new Provisions((c) => library.registry.canonical(c) ?? c),
    regions: new RegionCache(library),
  };
}

export function obligationKey(ep: EffectiveProvision, obligor: string, beneficiary: string): string {
  return `${obligor}>${beneficiary}|${ep.key}`;
}

/** Runs one reading of the scenario to a fixpoint: obligations, joiners, further obligations. */
export function runCascade(
  library: Library,
  scenario: Scenario,
  config: RunConfig,
  shared: Caches,
  budget: Budget,
  from: {
    resume?: Snapshot;
    /** Verdicts of the snapshot to test again first: those the resumed run's configuration can change. */
    retest?: ReadonlySet<string>;
    keepSnapshots?: boolean;
  } = {},
): Outcome {
  const { resume, retest, keepSnapshots = false } = from;
  // A resumed run keeps what it set, so it can be compared with the answer it branched from key by key.
  const touched = resume ? new Set<string>() : null;
  const situation = buildSituation(scenario, config);
  const view = dateView(library, situation.asOf);
  const belligerents: Joined[] = [];
  let verdicts = new Map<string, Found>();
  // The verdicts that can bring a state into a war, kept apart: joining is decided on these alone.
  const calls = new Map<string, Found>();
  let firstWave = 1;
  if (resume) {
    for (const war of situation.wars) {
      const saved = resume.sides.get(war.id);
      if (!saved) continue;
      war.sides = new Map(saved.sides);
      war.wave = new Map(saved.wave);
      war.basis = new Map(saved.basis);
    }
    const wars = new Map(situation.wars.map((w) => [w.id, w]));
    for (const b of resume.belligerents) belligerents.push({ ...b, war: wars.get(b.war.id) ?? b.war });
    verdicts = new Map(resume.verdicts);
    firstWave = resume.wave;
    for (const [key, f] of resume.calls) calls.set(key, f);
  } else {
    for (const war of situation.wars)
      for (const state of war.sides.keys())
        belligerents.push({ state, war, wave: 0, basis: "event", via: null, defends: [] });
  }
  const snapshots = new Map<number, Snapshot>();
  let book: AttackBook;
  // Where the configuration implies other attacks than the snapshot's, the resumed wave tests again what is
  // owed to the states whose attacks differ.
  let restruck: Retest | undefined;
  if (resume && resume.attacks.derivedUnder === derivation(config)) {
    book = resume.attacks;
  } else {
    const attacks = [...situation.given, ...deriveAttacks(library, situation, belligerents, config)];
    if (resume) {
      const next = resume.attacks.next(attacks, derivation(config));
      book = next.book;
      restruck = { all: next.struck, enemies: new Set() };
    } else {
      book = AttackBook.of(attacks, config);
    }
  }
  let ctx = context(library, situation, config, book, shared);
  let decisions: Decision[] = [];
  const joins: Decision[] = resume ? [...resume.joins] : [];
  // Wave 1 tests every pair; later waves only pairs whose beneficiary joined or was hit anew, and, where
  // only its enemies grew, the clauses that read who its enemies are.
  let dirty: Retest | undefined;

  /** Keeps the latest verdict; it keeps the wave it first held in. */
  const record = (found: Found, wave: number) => {
    const earlier = verdicts.get(found.key);
    const wasMet = earlier?.evaluation.met ?? false;
    found.wave = earlier && (wasMet || !found.evaluation.met) ? earlier.wave : wave;
    verdicts.set(found.key, found);
    touched?.add(found.key);
    if (callsToJoin(found)) calls.set(found.key, found);
    else calls.delete(found.key);
  };

  for (let wave = firstWave; wave <= MAX_WAVES; wave++) {
    const involved = involvedStates(situation, belligerents);
    // A resumed run's first wave is the snapshot's, but for what its configuration changes.
    const only = resume && wave === firstWave ? restruck : dirty;
    if (resume && wave === firstWave) {
      for (const key of retest ?? []) {
        const f = verdicts.get(key);
        if (!f) continue;
        budget.tick();
        const ep = shared.provisions.get(f.ep.instrument, f.ep.article, f.ep.provision, config, f.obligor);
        record({ ...f, ep, evaluation: evaluate(ctx, f.standing, ep, f.obligor, f.beneficiary) }, wave);
      }
    }
    if (!(resume && wave === firstWave) || only) {
      const owed = only ? new Set([...only.all, ...only.enemies]) : involved;
      for (const s of instrumentsOwing(view, owed, only === undefined)) {
        evaluateInstrument(ctx, s, involved, only, shared, budget, (found) => record(found, wave));
      }
    }
    decisions = decide(library, situation, view, config, [...calls.values()], belligerents, wave);
    const joiners = decisions.filter((d) => d.decision === "joins" && !d.war?.sides.has(d.state));
    // The first wave's, for contested points that change who joins; and each wave where a conflict of
    // pledges kept a state out, for its "if it honours" points.
    if (
      keepSnapshots &&
      !snapshots.has(wave) &&
      (wave === 1 ||
        decisions.some((d) => d.reason === "bound-to-both-sides" || d.reason === "against-own-ally"))
    ) {
      // At the last wave nothing changes after it: the snapshot can share the run's own collections.
      const last = joiners.length === 0;
      snapshots.set(wave, snapshot(wave, verdicts, calls, belligerents, joins, situation, book, last));
    }
    if (joiners.length === 0) break;
    joins.push(...joiners);
    for (const j of joiners) {
      const war = j.war as WarFact;
      war.sides.set(j.state, j.side as "A" | "B");
      war.wave.set(j.state, wave);
      war.basis.set(j.state, j.reason === "scenario-joins" ? "scenario" : "obligation");
      const via = j.calls[0] ?? null;
      const defendedState = via?.beneficiary ?? config.joining.joins.get(j.state) ?? null;
      belligerents.push({
        state: j.state,
        war,
        wave,
        basis: j.reason === "scenario-joins" ? "scenario" : "obligation",
        via,
        defends: defendedState ? placesAttacked(book.all, defendedState, war.id) : [],
      });
    }
    const next = book.next([...situation.given, ...deriveAttacks(library, situation, belligerents, config)]);
    book = next.book;
    ctx = context(library, situation, config, book, shared);
    const all = new Set(joiners.map((j) => j.state));
    for (const target of next.struck) all.add(target);
    // A joiner's enemies have a new enemy even where it strikes none of them: what is owed to them in that
    // war (neutrality toward a belligerent, help against its enemies) names it.
    const enemies = new Set<string>();
    for (const j of joiners)
      for (const [state, side] of (j.war as WarFact).sides)
        if (side !== j.side && !all.has(state)) enemies.add(state);
    dirty = { all, enemies };
  }

  const involved = involvedStates(situation, belligerents);
  const finalCtx = ctx;
  // Only the main answer lists signed instruments: the contested points' runs never test them.
  let signed: Map<string, Found[]> | undefined;
  const asIfInForce = () => {
    if (signed) return signed;
    signed = new Map();
    for (const s of view.signed) {
      if (![...s.members].some((m) => involved.has(m))) continue;
      const found: Found[] = [];
      evaluateInstrument(finalCtx, s, involved, undefined, shared, budget, (f) =>
        found.push({ ...f, wave: 1 }),
      );
      signed.set(s.instrument.id, found);
    }
    return signed;
  };
  const terminated = view.terminated.filter((i) =>
    library.parties(i).some((p) => involved.has(library.registry.canonical(p.party) ?? p.party)),
  );
  return {
    config,
    situation,
    view,
    attacks: book.all,
    ctx,
    involved,
    verdicts,
    belligerents,
    decisions: [...joins, ...decisions].sort((a, b) => a.state.localeCompare(b.state) || a.wave - b.wave),
    asIfInForce,
    terminated,
    snapshots,
    startedFrom: resume && touched ? { snapshot: resume, keys: touched } : null,
  };
}

function snapshot(
  wave: number,
  verdicts: Map<string, Found>,
  calls: Map<string, Found>,
  belligerents: Joined[],
  joins: Decision[],
  situation: Situation,
  attacks: AttackBook,
  shared: boolean,
): Snapshot {
  const copy = <T>(map: Map<string, T>) => (shared ? map : new Map(map));
  return {
    attacks,
    wave,
    verdicts: copy(verdicts),
    calls: copy(calls),
    belligerents: shared ? belligerents : [...belligerents],
    joins: shared ? joins : [...joins],
    sides: new Map(
      situation.wars.map((w) => [w.id, { sides: copy(w.sides), wave: copy(w.wave), basis: copy(w.basis) }]),
    ),
  };
}

export function context(
  library: Library,
  situation: Situation,
  config: RunConfig,
  attacks: AttackBook,
  shared: Caches,
): TriggerContext {
  return {
    library,
    situation,
    config,
    attacksOn: attacks.on,
    attackGroups: attacks.groups,
    wars: new Map(situation.wars.map((w) => [w.id, w])),
    regions: shared.regions,
  };
}

/**
 * The attacks of a run by target, and grouped by everything but the attacker (attacks on one target that
 * differ only in who struck share every other verdict). A wave regroups only the targets it struck anew;
 * a book is never changed once made, so snapshots can keep it.
 */
export class AttackBook {
  private constructor(
    /** What of the configuration the derived attacks rest on. */
    readonly derivedUnder: string,
    readonly all: readonly AttackFact[],
    readonly on: ReadonlyMap<string, readonly AttackFact[]>,
    readonly groups: ReadonlyMap<string, readonly (readonly AttackFact[])[]>,
  ) {}

  static of(attacks: readonly AttackFact[], config: RunConfig): AttackBook {
    const on = byTarget(attacks);
    const groups = new Map<string, AttackFact[][]>();
    for (const [target, facts] of on) groups.set(target, groupOf(facts));
    return new AttackBook(derivation(config), attacks, on, groups);
  }

  /** The book for the attacks as they now stand, and the targets whose attacks changed. */
  next(
    attacks: readonly AttackFact[],
    derivedUnder = this.derivedUnder,
  ): { book: AttackBook; struck: Set<string> } {
    const on = byTarget(attacks);
    const groups = new Map<string, readonly (readonly AttackFact[])[]>();
    const struck = new Set<string>();
    for (const [target, facts] of on) {
      const before = this.on.get(target);
      const same = before?.length === facts.length && facts.every((f, i) => f.id === before[i]?.id);
      if (same) groups.set(target, this.groups.get(target) ?? []);
      else {
        struck.add(target);
        groups.set(target, groupOf(facts));
      }
    }
    for (const target of this.on.keys()) if (!on.has(target)) struck.add(target);
    return { book: new AttackBook(derivedUnder, attacks, on, groups), struck };
  }
}

/** The parts of a configuration that change which attacks a war implies. */
const derivation = (config: RunConfig) => `${config.engaged}|${config.widen}`;

function byTarget(attacks: readonly AttackFact[]): Map<string, AttackFact[]> {
  const on = new Map<string, AttackFact[]>();
  for (const a of attacks) {
    const list = on.get(a.target);
    if (list) list.push(a);
    else on.set(a.target, [a]);
  }
  return on;
}

function groupOf(facts: readonly AttackFact[]): AttackFact[][] {
  const groups = new Map<string, AttackFact[]>();
  for (const fact of facts) {
    const key = `${fact.war}|${fact.object}|${fact.place}|${fact.start}|${fact.end}|${fact.armed?.id}|${fact.invasion?.id}|${fact.derived}|${fact.assumption}`;
    const group = groups.get(key);
    if (group) group.push(fact);
    else groups.set(key, [fact]);
  }
  return [...groups.values()];
}

/** Every state an event names, or that is at war. */
function involvedStates(situation: Situation, belligerents: readonly Joined[]): Set<string> {
  const set = new Set<string>();
  for (const e of situation.events) {
    for (const c of [e.by, e.against, e.to, ...(e.supported_by ?? [])]) if (c) set.add(c);
  }
  for (const b of belligerents) set.add(b.state);
  return set;
}

/** The beneficiaries a wave tests again: every clause toward `all`, the enemy-reading ones toward `enemies`. */
interface Retest {
  all: ReadonlySet<string>;
  enemies: ReadonlySet<string>;
}

/** Tests each triggered provision of one instrument for each pair whose beneficiary is involved. */
export function evaluateInstrument(
  ctx: TriggerContext,
  s: Standing,
  involved: ReadonlySet<string>,
  only: Retest | undefined,
  shared: Caches,
  budget: Budget,
  /** Each verdict, its wave still 0: the caller knows the wave. */
  found: (f: Found) => void,
): void {
  const everyone = only === undefined && s.provisions.some(unaimed);
  if (!everyone && !touches(s, involved)) return;
  const scope = { members: s.members, organisation: s.organisation };
  // An obligor outside the events cannot change a verdict unless the clause asks something of it (a
  // request to it, a suspension toward it): one evaluation then serves every such obligor.
  const perObligor = (s.instrument.suspensions?.length ?? 0) > 0;
  for (const a of s.provisions) {
    const anyone = only === undefined && unaimed(a);
    const personal =
      anyone ||
      perObligor ||
      a.provision.trigger?.request === true ||
      a.provision.trigger?.on_call !== undefined;
    const readsEnemies =
      only !== undefined && a.provision.trigger !== undefined && READS_ENEMIES.has(a.provision.trigger.event);
    for (const beneficiary of a.beneficiaries) {
      if (!anyone && !involved.has(beneficiary)) continue;
      if (!anyone && only && !only.all.has(beneficiary) && !(readsEnemies && only.enemies.has(beneficiary)))
        continue;
      let common: { ep: EffectiveProvision; evaluation: Evaluation } | undefined;
      for (const obligor of a.obligors) {
        if (obligor === beneficiary) continue;
        budget.tick();
        const ep = shared.provisions.get(a.instrument, a.article, a.provision, ctx.config, obligor);
        let evaluation: Evaluation;
        if (personal || involved.has(obligor)) {
          evaluation = evaluate(ctx, scope, ep, obligor, beneficiary);
        } else if (common && common.ep === ep) {
          evaluation = common.evaluation;
        } else {
          evaluation = evaluate(ctx, scope, ep, obligor, beneficiary);
          common = { ep, evaluation };
        }
        found({
          key: obligationKey(ep, obligor, beneficiary),
          ep,
          standing: s,
          obligor,
          beneficiary,
          evaluation,
          wave: 0,
        });
      }
    }
  }
}

/**
 * The in-force instruments that can owe something to one of these states, each once, in library order;
 * on the first wave, also those with a provision its beneficiary need not be the target of.
 */
function instrumentsOwing(view: DateView, states: ReadonlySet<string>, first: boolean): Standing[] {
  const found = new Set<Standing>();
  for (const state of states) for (const s of view.owing.get(state) ?? []) found.add(s);
  return view.inForce.filter((s) => found.has(s) || (first && s.provisions.some(unaimed)));
}

/**
 * A provision whose trigger need not be aimed at its beneficiary (`partner_is_target: false`): the
 * Franco-Russian convention's Art. 2 binds both parties to mobilise whenever a named Power mobilises.
 */
const unaimed = (a: Applicable) => a.provision.trigger?.partner_is_target === false;

function touches(s: Standing, involved: ReadonlySet<string>): boolean {
  if (s.members.size < involved.size) {
    for (const c of s.members) if (involved.has(c)) return true;
  } else {
    for (const c of involved) if (s.members.has(c)) return true;
  }
  return s.outsiders.some((b) => involved.has(b));
}

/** The places a state was attacked in, in one war: where its defenders go. */
function placesAttacked(attacks: readonly AttackFact[], state: string, war: string): string[] {
  return [
    ...new Set(
      attacks.filter((a) => a.target === state && (a.war === war || a.war === null)).map((a) => a.place),
    ),
  ];
}

/**
 * Attacks a war implies beyond those the events give, each resting on a stated assumption: forces the
 * scenario stations, joiners' forces where they go to defend, and homelands when the war is widened.
 */
export function deriveAttacks(
  library: Library,
  situation: Situation,
  belligerents: readonly Joined[],
  config: RunConfig,
): AttackFact[] {
  const out = new Map<string, AttackFact>();
  const given = new Set(situation.given.map((a) => `${a.by}>${a.target}>${a.object}>${a.place}`));
  const add = (
    war: WarFact,
    by: string,
    target: string,
    place: string,
    object: "territory" | "forces",
    derived: "engaged" | "stationed" | "theatre",
    assumption: string,
  ) => {
    if (given.has(`${by}>${target}>${object}>${place}`)) return;
    const id = `${war.id}:${by}>${target}:${object}@${place}`;
    if (out.has(id)) return;
    out.set(id, {
      id,
      event: war.event,
      by,
      target,
      place,
      object,
      start: war.start,
      end: null,
      war: war.id,
      armed: null,
      invasion: null,
      nuclear: null,
      supporters: [],
      derived,
      assumption,
    });
  };
  for (const war of situation.wars) {
    const members = { A: [] as string[], B: [] as string[] };
    for (const [state, side] of war.sides) members[side].push(state);
    const joinedIn = new Map<string, Joined>();
    for (const b of belligerents) if (b.war === war && !joinedIn.has(b.state)) joinedIn.set(b.state, b);
    for (const [y, sideY] of war.sides) {
      const enemies = sideY === "A" ? members.B : members.A;
      const joined = joinedIn.get(y);
      // The places are the same whoever strikes: worked out once per target, not once per enemy.
      const stationed = (situation.stationed.get(y) ?? []).filter((place) => place !== y);
      const engaged =
        config.engaged && joined && joined.wave > 0
          ? joined.defends.filter((place) => library.administrator(place) !== y)
          : [];
      const theatre = situation.theatre.filter((place) => library.administrator(place) === y);
      for (const x of enemies) {
        for (const place of stationed) add(war, x, y, place, "forces", "stationed", `forces.${y}`);
        for (const place of engaged) add(war, x, y, place, "forces", "engaged", `${war.id}.engaged`);
        if (config.widen) add(war, x, y, y, "territory", "theatre", "theatre.homelands");
        for (const place of theatre) add(war, x, y, place, "territory", "theatre", `theatre.${place}`);
      }
    }
  }
  return [...out.values()];
}

/**
 * Who joins which war. A state joins when a binding military obligation calls for it and nothing pulls
 * it the other way: not when it is bound to both sides, nor when it would fight a state it owes a pledge.
 */
/** A verdict that can call its obligor into a war: a military obligation that holds. */
export function callsToJoin(f: Found): boolean {
  return f.evaluation.met && MILITARY.has(f.ep.provision.kind);
}

export function decide(
  _library: Library,
  situation: Situation,
  view: DateView,
  config: RunConfig,
  verdicts: readonly Found[],
  belligerents: readonly Joined[],
  wave: number,
): Decision[] {
  const { joining } = config;
  const calls = new Map<string, { state: string; war: WarFact | null; found: Found[] }>();
  const warsById = new Map(situation.wars.map((w) => [w.id, w]));
  for (const f of verdicts) {
    if (!callsToJoin(f)) continue;
    // Verdicts kept from a snapshot point at the wars of an earlier run: take this run's by id.
    const id = f.evaluation.war?.id;
    const war = (id ? warsById.get(id) : situation.wars.find((w) => w.sides.has(f.beneficiary))) ?? null;
    // A call to join a war the beneficiary is not (yet) fighting waits for it to be in.
    if (war && !war.sides.has(f.beneficiary)) continue;
    const key = `${f.obligor}|${war?.id ?? ""}`;
    const entry = calls.get(key);
    if (entry) entry.found.push(f);
    else calls.set(key, { state: f.obligor, war, found: [f] });
  }
  const out: Decision[] = [];
  const stayOut = (d: Omit<Decision, "decision" | "wave">): Decision => ({
    ...d,
    decision: "stays-out",
    wave,
  });
  for (const { state, war, found } of calls.values()) {
    const binding = found.filter((f) => f.ep.legalForce === "binding" || joining.includePolitical);
    const taken = binding.filter(
      (f) => f.ep.strength !== "discretionary" || !joining.onlyAutomatic || joining.joins.has(state),
    );
    const base = { state, war, calls: taken, against: [], pledges: [], side: null };
    if (!war) {
      if (!taken.length) continue;
      // Without a war there is no side to take, but acting against a state it owes a pledge still pulls back.
      const allies = view.allies.get(state);
      const pledges = [...new Set(taken.flatMap((f) => f.evaluation.against))]
        .filter((target) => allies?.has(target))
        .map((target) => ({ toward: target, pledge: allies?.get(target) as Pledge }));
      if (pledges.length && !config.honour.has(state)) {
        out.push(stayOut({ ...base, pledges, reason: "against-own-ally" }));
      } else {
        out.push({ ...base, pledges, decision: "would-act", reason: "no-war", wave });
      }
      continue;
    }
    if (war.sides.has(state)) {
      const mine = war.sides.get(state);
      const other = taken.filter((f) => war.sides.get(f.beneficiary) !== mine);
      if (other.length) out.push(stayOut({ ...base, calls: other, reason: "already-at-war" }));
      continue;
    }
    if (joining.declines.has(state)) {
      out.push(stayOut({ ...base, calls: found, reason: "scenario-declines" }));
      continue;
    }
    if (binding.length === 0) {
      out.push(stayOut({ ...base, calls: found, reason: "not-binding" }));
      continue;
    }
    if (taken.length === 0) {
      out.push(stayOut({ ...base, calls: binding, reason: "discretionary-only" }));
      continue;
    }
    const honoured = config.honour.get(state);
    const chosen = honoured ? taken.find((f) => f.key === honoured) : undefined;
    const sideOf = (f: Found) => war.sides.get(f.beneficiary) as "A" | "B";
    const sides = new Set(taken.map(sideOf));
    if (sides.size > 1 && !chosen) {
      const [first] = taken;
      const side = sideOf(first as Found);
      out.push(
        stayOut({
          ...base,
          calls: taken.filter((f) => sideOf(f) === side),
          against: taken.filter((f) => sideOf(f) !== side),
          reason: "bound-to-both-sides",
        }),
      );
      continue;
    }
    const side = chosen ? sideOf(chosen) : sideOf(taken[0] as Found);
    const forSide = taken.filter((f) => sideOf(f) === side);
    // Its allies on the other side (a state has few allies; a world war has many belligerents).
    const pledges = [...(view.allies.get(state) ?? [])]
      .filter(([ally]) => war.sides.has(ally) && war.sides.get(ally) !== side)
      .map(([ally, pledge]) => ({ toward: ally, pledge }));
    if (pledges.length && !chosen) {
      out.push(stayOut({ ...base, calls: forSide, pledges, reason: "against-own-ally" }));
      continue;
    }
    out.push({
      ...base,
      calls: chosen ? [chosen] : forSide,
      pledges,
      side,
      decision: "joins",
      reason: "binding-obligation",
      wave,
    });
  }
  // The scenario's own joiners, on the side it names or the side they are bound to.
  for (const [state, withState] of joining.joins) {
    if (belligerents.some((b) => b.state === state)) continue;
    const existing = out.find((d) => d.state === state && d.war);
    const war = withState ? situation.wars.find((w) => w.sides.has(withState)) : existing?.war;
    if (!war || war.sides.has(state)) continue;
    const side = withState ? (war.sides.get(withState) as "A" | "B") : (existing?.side ?? null);
    const calls = existing?.calls ?? [];
    const resolvedSide = side ?? (calls[0] ? (war.sides.get(calls[0].beneficiary) as "A" | "B") : null);
    if (!resolvedSide) continue;
    const index = out.indexOf(existing as Decision);
    const decision: Decision = {
      state,
      war,
      calls,
      against: [],
      pledges: [],
      side: resolvedSide,
      decision: "joins",
      reason: "scenario-joins",
      wave,
    };
    if (index >= 0) out[index] = decision;
    else out.push(decision);
  }
  return out.sort((a, b) => a.state.localeCompare(b.state));
}

/**
 * Who joins at the fixpoint if the verdicts were these, with the facts held still: the joining decisions
 * replayed from the events' own belligerents. A contested point whose verdicts leave this set unchanged
 * needs no new cascade.
 */
export function joinersFor(
  library: Library,
  situation: Situation,
  view: DateView,
  config: RunConfig,
  verdicts: readonly Found[],
): Set<string> {
  const wars = situation.wars.map((w) => {
    const initial = [...w.sides].filter(([s]) => w.basis.get(s) === "event");
    return {
      ...w,
      sides: new Map(initial),
      wave: new Map(initial.map(([s]) => [s, 0])),
      basis: new Map(initial.map(([s]) => [s, "event" as const])),
    };
  });
  const virtual: Situation = { ...situation, wars };
  const belligerents: Joined[] = [];
  for (let wave = 1; wave <= MAX_WAVES; wave++) {
    const joiners = decide(library, virtual, view, config, verdicts, belligerents, wave).filter(
      (d) => d.decision === "joins" && !d.war?.sides.has(d.state),
    );
    if (joiners.length === 0) break;
    for (const j of joiners) {
      const war = j.war as WarFact;
      war.sides.set(j.state, j.side as "A" | "B");
      belligerents.push({ state: j.state, war, wave, basis: "obligation", via: null, defends: [] });
    }
  }
  return joinerSet(wars);
}

export function joinerSet(wars: readonly WarFact[]): Set<string> {
  const out = new Set<string>();
  for (const w of wars)
    for (const [s, side] of w.sides) if (w.basis.get(s) !== "event") out.add(`${s}|${w.id}|${side}`);
  return out;
}
