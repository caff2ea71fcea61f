import type { ActorRef } from "../model/common.js";
import type {
  Belligerent,
  Citation,
  Condition,
  NotInForce,
  NotTriggered,
  Obligation,
  Result,
} from "../model/result.js";
import type { Library } from "../treaties/library.js";
import type { CoreOutcome, FoundNotTriggered, FoundObligation } from "./cascade.js";
import { cite } from "./conduct.js";
import type { RunConfig, Verdict } from "./trigger.js";

/** Conditions most worth naming as the one the answer turns on, in order. */
const PIVOT_ORDER = [
  "victim",
  "request",
  "invasion",
  "state-of-war",
  "retroactivity",
  "armed-attack",
  "threat",
  "place",
];

export function pivotal(conditions: readonly Verdict[], disputed: ReadonlySet<string>): string | null {
  const held = conditions.filter((c) => c.met && c.counterfactual);
  const onDisputed = held.find((c) => c.assumption && disputed.has(c.assumption));
  const chosen =
    onDisputed ?? PIVOT_ORDER.map((id) => held.find((c) => c.id === id)).find((c) => c !== undefined);
  return chosen ? `${chosen.text} — ${chosen.counterfactual}` : null;
}

function conditions(verdicts: readonly Verdict[]): Condition[] {
  return verdicts.map((v) => ({
    id: v.id,
    text: v.text,
    met: v.met,
    assumption: v.assumption,
    counterfactual: v.counterfactual,
  }));
}

export function readingsInEffect(config: RunConfig, o: FoundObligation): string[] {
  const general = o.ep.provision.kind === "defence" ? [config.general] : [];
  return [...general, ...o.ep.readings.map((r) => `${o.ep.instrument.id}/${o.ep.provision.id}/${r.id}`)];
}

export function toObligation(
  library: Library,
  config: RunConfig,
  o: FoundObligation,
  disputed: ReadonlySet<string>,
): Obligation {
  const reg = library.registry;
  const citation: Citation = cite(library, o.ep.instrument, o.ep.article, o.ep.provision.paragraph);
  return {
    ...citation,
    obligor: reg.ref(o.obligor),
    beneficiary: reg.ref(o.beneficiary),
    against: o.evaluation.against.map((a) => reg.ref(a)),
    kind: o.ep.provision.kind,
    strength: o.ep.strength,
    provision: o.ep.provision.id,
    wave: o.wave,
    reading: readingsInEffect(config, o),
    qualifiers: o.ep.qualifiers,
    conditions: conditions(o.evaluation.conditions),
    pivotal: pivotal(o.evaluation.conditions, disputed),
    event: o.evaluation.factId,
    joins_war: o.joinsWar,
  };
}

export function toNotTriggered(library: Library, n: FoundNotTriggered): NotTriggered {
  return {
    obligor: library.registry.ref(n.obligor),
    beneficiary: library.registry.ref(n.beneficiary),
    instrument: n.ep.instrument.id,
    article: n.ep.article.article.number,
    provision: n.ep.provision.id,
    kind: n.ep.provision.kind,
    unmet: n.unmet,
  };
}

export function belligerentsOf(library: Library, outcome: CoreOutcome): Belligerent[] {
  return outcome.belligerents.map((b) => {
    const side = b.war.sides.get(b.state);
    const leader =
      side === b.war.sides.get(b.war.initiator)
        ? b.war.initiator
        : [...b.war.sides].find(([, s]) => s === side && s !== b.war.sides.get(b.war.initiator))?.[0];
    return {
      state: library.registry.ref(b.state),
      war: b.war.id,
      side: `${side === "A" ? "initiator" : "defender"}: with ${library.registry.name(leader ?? b.state)}`,
      wave: b.wave,
      via: b.via
        ? {
            instrument: b.via.ep.instrument.id,
            article: b.via.ep.article.article.number,
            beneficiary: library.registry.ref(b.via.beneficiary),
          }
        : null,
    };
  });
}

export function notInForceOf(
  library: Library,
  config: RunConfig,
  outcome: CoreOutcome,
  disputed: ReadonlySet<string>,
): NotInForce[] {
  const out: NotInForce[] = [];
  for (const [id, found] of outcome.asIfInForce) {
    const instrument = library.byId.get(id);
    if (!instrument) continue;
    out.push({
      instrument: id,
      title: instrument.title,
      status: "signed",
      signed: instrument.dates.signed,
      in_force: instrument.dates.in_force ?? null,
      terminated: null,
      would_bind: found.obligations.map((o) => toObligation(library, config, { ...o, wave: 1 }, disputed)),
      not_triggered: found.notTriggered.map((n) => toNotTriggered(library, n)),
    });
  }
  for (const instrument of outcome.terminated) {
    out.push({
      instrument: instrument.id,
      title: instrument.title,
      status: "terminated",
      signed: instrument.dates.signed,
      in_force: instrument.dates.in_force ?? null,
      terminated: library.endOf(instrument) ?? null,
      would_bind: [],
      not_triggered: [],
    });
  }
  return out;
}

const codeOf = (a: ActorRef) => ("iso3" in a ? (a.iso3 ?? `cow:${a.cow}`) : a.id);

export interface StateExplanation {
  state: string;
  bound: Obligation[];
  owed: Obligation[];
  not_triggered: NotTriggered[];
  belligerent: Belligerent | null;
  conflicts: Result["conflicts"];
  contested: Result["contested"];
}

/** "Why is X bound, or not?": the parts of a result that concern one state. */
export function explainState(result: Result, state: string): StateExplanation {
  const is = (a: ActorRef) => codeOf(a) === state;
  return {
    state,
    bound: result.obligations.filter((o) => is(o.obligor)),
    owed: result.obligations.filter((o) => is(o.beneficiary)),
    not_triggered: result.not_triggered.filter((n) => is(n.obligor)),
    belligerent: result.belligerents.find((b) => is(b.state)) ?? null,
    conflicts: result.conflicts.filter((c) => is(c.state)),
    contested: result.contested
      .map((c) => ({ ...c, flips: c.flips.filter((f) => is(f.obligor)) }))
      .filter((c) => c.flips.length > 0),
  };
}
