import type { Instrument, Provision } from "../model/instrument.js";
import type { Scenario } from "../model/scenario.js";
import type { ArticleText, Library } from "../treaties/library.js";
import { type AttackFact, buildSituation, deriveWarAttacks, type Situation, type War } from "./situation.js";
import {
  type EffectiveProvision,
  type Evaluation,
  effectiveProvision,
  evaluate,
  groupAttacks,
  type RunConfig,
  readingKey,
  type TriggerContext,
} from "./trigger.js";

export interface FoundObligation {
  key: string;
  ep: EffectiveProvision;
  obligor: string;
  beneficiary: string;
  evaluation: Evaluation;
  wave: number;
  joinsWar: boolean;
}

export interface FoundNotTriggered {
  key: string;
  ep: EffectiveProvision;
  obligor: string;
  beneficiary: string;
  unmet: string[];
}

export interface JoinedBelligerent {
  state: string;
  war: War;
  wave: number;
  via: FoundObligation | null;
}

export interface BothSides {
  state: string;
  war: War;
  obligations: FoundObligation[];
}

export interface CoreOutcome {
  situation: Situation;
  attacks: AttackFact[];
  /** The final attacks indexed and grouped by target, for re-evaluating single provisions. */
  attacksOn: Map<string, AttackFact[]>;
  attackGroups: Map<string, AttackFact[][]>;
  /** Every state an event names or that is at war at the fixpoint. */
  involved: ReadonlySet<string>;
  obligations: FoundObligation[];
  belligerents: JoinedBelligerent[];
  notTriggered: FoundNotTriggered[];
  /** Signed instruments not yet in force, evaluated as if they were. */
  asIfInForce: Map<string, { obligations: FoundObligation[]; notTriggered: FoundNotTriggered[] }>;
  /** Instruments involving involved states that were in force once but no longer are. */
  terminated: Instrument[];
  bothSides: BothSides[];
  /** Readings the run came across where they could matter (for the contested points). */
  touchedReadings: Map<
    string,
    { instrument: Instrument; provision: Provision; readingId: string; label: string; heldBy: string[] }
  >;
  /** Instruments whose verdicts depended on counting attacks begun before entry into force. */
  retroactive: Set<string>;
}

const MILITARY = new Set(["defence", "offence"]);
const MAX_WAVES = 1000;

/** Runs one reading of the scenario to a fixpoint: obligations, joiners, further obligations, until nothing changes. */
export function runCore(library: Library, scenario: Scenario, config: RunConfig): CoreOutcome {
  const situation = buildSituation(scenario, library, config.flips);
  const asOf = situation.asOf;
  const obligations = new Map<string, FoundObligation>();
  const belligerents: JoinedBelligerent[] = [];
  const bothSides: BothSides[] = [];
  for (const war of situation.wars) {
    for (const state of war.sides.keys()) belligerents.push({ state, war, wave: 0, via: null });
  }
  const involved = () => {
    const set = new Set<string>();
    for (const e of situation.events) for (const c of [e.by, e.against, e.to]) if (c) set.add(c);
    for (const b of belligerents) set.add(b.state);
    return set;
  };

  const inForce = library.instruments.filter((i) => library.status(i, asOf) === "in-force");
  const signedOnly = library.instruments.filter((i) => library.status(i, asOf) === "signed");
  let attacks: AttackFact[] = [...situation.attacks, ...deriveWarAttacks(situation, library)];
  const missed = new Map<string, FoundNotTriggered>();
  // Wave 1 tests every pair; later waves only pairs whose beneficiary was hit anew or joined a war.
  let dirty: Set<string> | undefined;
  const touchedReadings: CoreOutcome["touchedReadings"] = new Map();
  const retroactive = new Set<string>();

  for (let wave = 1; wave <= MAX_WAVES; wave++) {
    const pass = evaluateAll(
      library,
      situation,
      attacks,
      config,
      inForce,
      involved(),
      false,
      touchedReadings,
      retroactive,
      dirty,
    );
    for (const found of pass.found) {
      // The wave is when the obligation first arose; the verdicts are the latest (later joiners widen "against").
      const earlier = obligations.get(found.key);
      obligations.set(found.key, { ...found, wave: earlier?.wave ?? wave });
      missed.delete(found.key);
    }
    for (const m of pass.missed) if (!obligations.has(m.key)) missed.set(m.key, m);
    const joiners = decideJoiners([...obligations.values()], bothSides);
    if (joiners.length === 0) break;
    for (const joiner of joiners) {
      joiner.war.sides.set(joiner.state, joiner.side);
      joiner.war.wave.set(joiner.state, wave);
      belligerents.push({ state: joiner.state, war: joiner.war, wave, via: joiner.via });
    }
    const known = new Set(attacks.map((a) => a.id));
    attacks = [...situation.attacks, ...deriveWarAttacks(situation, library)];
    dirty = new Set(joiners.map((j) => j.state));
    for (const a of attacks) if (!known.has(a.id)) dirty.add(a.target);
  }

  const asIfInForce = new Map<
    string,
    { obligations: FoundObligation[]; notTriggered: FoundNotTriggered[] }
  >();
  const finalInvolved = involved();
  for (const instrument of signedOnly) {
    if (!library.parties(instrument).some((p) => finalInvolved.has(p.party))) continue;
    const pass = evaluateAll(
      library,
      situation,
      attacks,
      config,
      [instrument],
      finalInvolved,
      true,
      touchedReadings,
      retroactive,
    );
    asIfInForce.set(instrument.id, { obligations: pass.found, notTriggered: pass.missed });
  }
  const terminated = library.instruments.filter(
    (i) =>
      library.status(i, asOf) === "terminated" && library.parties(i).some((p) => finalInvolved.has(p.party)),
  );
  const attacksOn = indexByTarget(attacks);
  return {
    situation,
    attacks,
    attacksOn,
    attackGroups: groupAttacks(attacksOn),
    involved: finalInvolved,
    obligations: [...obligations.values()],
    belligerents,
    notTriggered: [...missed.values()],
    asIfInForce,
    terminated,
    bothSides,
    touchedReadings,
    retroactive,
  };
}

function evaluateAll(
  library: Library,
  situation: Situation,
  attacks: readonly AttackFact[],
  config: RunConfig,
  instruments: readonly Instrument[],
  involved: ReadonlySet<string>,
  asIfInForce: boolean,
  touchedReadings: CoreOutcome["touchedReadings"],
  retroactive: Set<string>,
  only?: ReadonlySet<string>,
): { found: FoundObligation[]; missed: FoundNotTriggered[] } {
  const found: FoundObligation[] = [];
  const missed: FoundNotTriggered[] = [];
  const attacksOn = indexByTarget(attacks);
  const attackGroups = groupAttacks(attacksOn);
  for (const instrument of instruments) {
    const members = library.membersOn(instrument, situation.asOf, asIfInForce);
    const memberSet = new Set(members);
    if (
      !members.some((m) => involved.has(m)) &&
      !namedBeneficiaries(library, instrument).some((b) => involved.has(b))
    )
      continue;
    const ctx: TriggerContext = {
      library,
      situation,
      attacks,
      attacksOn,
      attackGroups,
      config,
      members: memberSet,
      asIfInForce,
    };
    for (const article of library.articlesOn(instrument, situation.asOf)) {
      for (const provision of article.provisions) {
        if (!provision.trigger) continue;
        const ep = effectiveProvision(instrument, article, provision, config);
        for (const [obligor, beneficiary] of pairs(library, provision, members, involved)) {
          if (only && !only.has(beneficiary)) continue;
          const evaluation = evaluate(ctx, ep, obligor, beneficiary);
          noteTouched(ep, evaluation, touchedReadings, retroactive);
          const key = obligationKey(instrument, article, provision, obligor, beneficiary);
          if (evaluation.met) {
            found.push({
              key,
              ep,
              obligor,
              beneficiary,
              evaluation,
              wave: 0,
              joinsWar: joinsWar(ep, obligor, config),
            });
          } else {
            missed.push({
              key,
              ep,
              obligor,
              beneficiary,
              unmet: evaluation.conditions.filter((c) => !c.met).map((c) => c.text),
            });
          }
        }
      }
    }
  }
  return { found, missed };
}

/**
 * What one provision binds, on a run's final facts, under a reading configuration: the met pairs and their
 * strength. Two configurations with the same signature cannot lead to different answers for it.
 */
export function provisionSignature(
  library: Library,
  outcome: CoreOutcome,
  config: RunConfig,
  instrument: Instrument,
  provisionId: string,
): ProvisionVerdict[] {
  const situation = outcome.situation;
  const asIf = library.status(instrument, situation.asOf) !== "in-force";
  const members = library.membersOn(instrument, situation.asOf, asIf);
  const ctx: TriggerContext = {
    library,
    situation,
    attacks: outcome.attacks,
    attacksOn: outcome.attacksOn,
    attackGroups: outcome.attackGroups,
    config,
    members: new Set(members),
    asIfInForce: asIf,
  };
  const involved = outcome.involved;
  const parts: ProvisionVerdict[] = [];
  for (const article of library.articlesOn(instrument, situation.asOf)) {
    for (const provision of article.provisions) {
      if (provision.id !== provisionId || !provision.trigger) continue;
      const ep = effectiveProvision(instrument, article, provision, config);
      for (const [obligor, beneficiary] of pairs(library, provision, members, involved)) {
        const e = evaluate(ctx, ep, obligor, beneficiary);
        if (e.met) {
          parts.push({
            obligor,
            beneficiary,
            article: article.article.number,
            kind: provision.kind,
            strength: ep.strength,
            joinsWar: joinsWar(ep, obligor, config),
          });
        }
      }
    }
  }
  return parts;
}

export interface ProvisionVerdict {
  obligor: string;
  beneficiary: string;
  article: string;
  kind: Provision["kind"];
  strength: Provision["strength"];
  joinsWar: boolean;
}

/** States an instrument protects without being parties to it (the ROK in the 1953 declaration of the sixteen). */
function namedBeneficiaries(library: Library, instrument: Instrument): string[] {
  const out: string[] = [];
  for (const article of library.articlesOn(instrument, "9999-12-31")) {
    for (const p of article.provisions)
      if (Array.isArray(p.beneficiaries))
        out.push(...p.beneficiaries.map((b) => library.registry.canonical(b) ?? b));
  }
  return out;
}

function indexByTarget(attacks: readonly AttackFact[]): Map<string, AttackFact[]> {
  const out = new Map<string, AttackFact[]>();
  for (const a of attacks) {
    const list = out.get(a.target);
    if (list) list.push(a);
    else out.set(a.target, [a]);
  }
  return out;
}

export function obligationKey(
  instrument: Instrument,
  article: ArticleText,
  provision: Provision,
  obligor: string,
  beneficiary: string,
): string {
  return `${obligor}>${beneficiary}|${instrument.id}|${article.part ?? ""}${article.article.number}|${provision.id}`;
}

/** Obligor–beneficiary pairs worth testing: the beneficiary must be involved in the scenario. */
function pairs(
  library: Library,
  provision: Provision,
  members: string[],
  involved: ReadonlySet<string>,
): [string, string][] {
  const canon = (c: string) => library.registry.canonical(c) ?? c;
  const obligors = Array.isArray(provision.obligors) ? provision.obligors.map(canon) : members;
  const beneficiaries = Array.isArray(provision.beneficiaries) ? provision.beneficiaries.map(canon) : members;
  const out: [string, string][] = [];
  for (const beneficiary of beneficiaries) {
    if (!involved.has(beneficiary)) continue;
    for (const obligor of obligors) if (obligor !== beneficiary) out.push([obligor, beneficiary]);
  }
  return out;
}

function joinsWar(ep: EffectiveProvision, obligor: string, config: RunConfig): boolean {
  if (!MILITARY.has(ep.provision.kind) || config.declines.has(obligor)) return false;
  return ep.strength === "automatic" || (ep.strength === "discretionary" && config.honourDiscretionary);
}

function noteTouched(
  ep: EffectiveProvision,
  evaluation: Evaluation,
  touched: CoreOutcome["touchedReadings"],
  retroactive: Set<string>,
): void {
  // A reading is worth forking on only where the provision met an event (or nearly did).
  if (evaluation.factId === "" && !evaluation.met) return;
  for (const reading of ep.provision.readings ?? []) {
    const key = readingKey(ep.instrument, ep.provision, reading);
    if (!touched.has(key)) {
      touched.set(key, {
        instrument: ep.instrument,
        provision: ep.provision,
        readingId: reading.id,
        label: reading.label,
        heldBy: reading.held_by ?? [],
      });
    }
  }
  if (evaluation.conditions.some((c) => c.id === "retroactivity")) retroactive.add(ep.instrument.id);
}

/** Who joins which war this wave. A state bound toward both sides of a war joins neither. */
function decideJoiners(
  obligations: FoundObligation[],
  bothSides: BothSides[],
): { state: string; war: War; side: "A" | "B"; via: FoundObligation }[] {
  const wanted = new Map<string, { war: War; sides: Map<"A" | "B", FoundObligation[]> }>();
  for (const o of obligations) {
    if (!o.joinsWar) continue;
    const war = o.evaluation.war;
    if (!war) continue;
    const side = war.sides.get(o.beneficiary);
    if (!side) continue;
    const key = `${o.obligor}|${war.id}`;
    const entry = wanted.get(key) ?? { war, sides: new Map() };
    entry.sides.set(side, [...(entry.sides.get(side) ?? []), o]);
    wanted.set(key, entry);
  }
  const joiners: { state: string; war: War; side: "A" | "B"; via: FoundObligation }[] = [];
  for (const [key, { war, sides }] of wanted) {
    const state = key.split("|")[0] as string;
    if (sides.size > 1) {
      if (!bothSides.some((b) => b.state === state && b.war === war)) {
        bothSides.push({ state, war, obligations: [...sides.values()].flat() });
      }
      continue;
    }
    if (war.sides.has(state)) continue;
    if (bothSides.some((b) => b.state === state && b.war === war)) continue;
    const [side, list] = [...sides][0] as ["A" | "B", FoundObligation[]];
    joiners.push({ state, war, side, via: list[0] as FoundObligation });
  }
  return joiners.sort((a, b) => a.state.localeCompare(b.state));
}
