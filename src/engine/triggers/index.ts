import type { TriggerEvent } from "../../model/instrument.js";
import type { EffectiveProvision } from "../provision.js";
import { armedAttack, invasion } from "./attack.js";
import { callCondition } from "./common.js";
import {
  type Evaluation,
  type Evaluator,
  evaluation,
  type InstrumentScope,
  type TriggerContext,
  type Verdict,
  verdict,
} from "./context.js";
import { nuclear, threatOfAttack } from "./threat.js";
import { mobilisation, stateOfWar } from "./war.js";

export type { Evaluation, InstrumentScope, TriggerContext, Verdict } from "./context.js";
export { RegionCache } from "./context.js";

/** One evaluator per trigger kind. A new kind adds its evaluator here and its name to the schema. */
export const EVALUATORS: Record<TriggerEvent, Evaluator> = {
  "armed-attack": armedAttack,
  aggression: armedAttack,
  hostilities: armedAttack,
  invasion,
  "nuclear-use": nuclear,
  "threat-of-attack": threatOfAttack,
  "state-of-war": stateOfWar,
  mobilisation,
};

/**
 * The trigger kinds whose evaluator reads who the beneficiary's enemies are (not only the attacks on it): the
 * cascade tests them again when a state joins against the beneficiary without striking it.
 */
export const READS_ENEMIES: ReadonlySet<TriggerEvent> = new Set(["state-of-war"]);

/** Tests one provision for one obligor toward one beneficiary. */
export function evaluate(
  ctx: TriggerContext,
  scope: InstrumentScope,
  ep: EffectiveProvision,
  obligor: string,
  beneficiary: string,
): Evaluation {
  const deps = new Set<string>(ep.readingDeps);
  const base: Verdict[] = [];
  const asOf = ctx.situation.asOf;
  const suspensions = ep.instrument.suspensions;
  const suspension = suspensions?.length
    ? suspensions.find(
        (s) =>
          canon(ctx, s.obligor) === obligor &&
          canon(ctx, s.toward) === beneficiary &&
          s.from <= asOf &&
          (!s.to || asOf < s.to),
      )
    : undefined;
  if (suspension)
    base.push(verdict("suspended", false, { state: obligor, by: beneficiary, date: suspension.from }));
  if (ep.void) {
    base.push(
      verdict("void", false, {
        readings: ep.readings.map((r) => `${ep.instrument.id}/${ep.provision.id}/${r.id}`),
      }),
    );
  }
  const trigger = ep.trigger;
  if (!trigger) return evaluation(false, base, nothing(), deps, false);
  if (trigger.on_call) {
    const call = callCondition(ctx, scope, trigger, obligor, beneficiary);
    if (call.met) {
      const conditions = [...base, call];
      return evaluation(
        conditions.every((c) => c.met),
        conditions,
        nothing(call.event),
        deps,
        false,
      );
    }
    // Without a call the clause binds no one; it is available where what it answers has happened.
    const inner = EVALUATORS[trigger.event](ctx, scope, ep, obligor, beneficiary, deps);
    const conditions = [...base, ...inner.conditions, call];
    return evaluation(false, conditions, inner, deps, inner.met && base.every((c) => c.met));
  }
  const inner = EVALUATORS[trigger.event](ctx, scope, ep, obligor, beneficiary, deps);
  if (base.length === 0) return evaluation(inner.met, inner.conditions, inner, deps, false);
  const conditions = [...base, ...inner.conditions];
  return evaluation(inner.met && base.every((c) => c.met), conditions, inner, deps, false);
}

const nothing = (factId = "") => ({ factId, against: [], war: null, places: [] });

const canon = (ctx: TriggerContext, code: string) => ctx.library.registry.canonical(code) ?? code;
