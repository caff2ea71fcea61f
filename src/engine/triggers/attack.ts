import type { Trigger } from "../../model/instrument.js";
import { type AttackFact, holds } from "../facts.js";
import {
  attackerConditions,
  attackerOk,
  placeCondition,
  requestCondition,
  retroactivityCondition,
  stateOfWarCondition,
  victimCondition,
} from "./common.js";
import { type Evaluation, type Evaluator, finish, type Verdict, verdict } from "./context.js";

type Need = "armed-attack" | "invasion" | "nuclear";

/** What happened: an armed attack, an invasion, or aggression in which nuclear weapons were used. */
function eventCondition(
  need: Need,
  trigger: Trigger,
  fact: AttackFact,
  config: Parameters<typeof holds>[1],
  deps: Set<string>,
): Verdict {
  // Built field by field, not by spreading: this runs for every clause, group and obligor of a world war.
  const v: Verdict = { code: need, met: false, event: fact.id, state: fact.target, by: fact.by };
  if (trigger.because?.event) v.because = trigger.because.event;
  if (fact.derived) {
    // A derived blow is an armed attack in a war by assumption; it is never an invasion or nuclear use.
    v.met = need === "armed-attack";
    v.detail = v.met ? "derived" : "strike-not-invasion";
    if (fact.assumption) v.assumption = fact.assumption;
    return v;
  }
  const judgement = need === "armed-attack" ? fact.armed : need === "invasion" ? fact.invasion : fact.nuclear;
  if (judgement) deps.add(`judgement:${judgement.id}`);
  if (need === "nuclear" && fact.armed) deps.add(`judgement:${fact.armed.id}`);
  v.met = holds(judgement, config) && (need !== "nuclear" || holds(fact.armed, config));
  v.detail = "judged";
  if (judgement) v.assumption = judgement.id;
  return v;
}

/** Attacks on the beneficiary: armed attack, aggression, hostilities, invasion, nuclear use. */
function attackEvaluator(need: Need): Evaluator {
  return (ctx, scope, ep, obligor, beneficiary, deps) => {
    const trigger = ep.trigger as Trigger;
    let best: Omit<Evaluation, "deps" | "awaitingCall"> | undefined;
    for (const group of ctx.attackGroups.get(beneficiary) ?? []) {
      // The obligor's own blows are not attacks it owes help against.
      const facts = group.some((a) => a.by === obligor) ? group.filter((a) => a.by !== obligor) : group;
      if (facts.length === 0) continue;
      const first = facts[0] as AttackFact;
      const war = first.war ? (ctx.wars.get(first.war) ?? null) : null;
      const shared: Verdict[] = [eventCondition(need, trigger, first, ctx.config, deps)];
      if (trigger.by?.min_count) {
        const attackers = new Set(
          (ctx.attacksOn.get(beneficiary) ?? []).filter((a) => a.war === first.war).map((a) => a.by),
        );
        shared.push(
          verdict("attackers-count", attackers.size >= trigger.by.min_count, {
            state: beneficiary,
            count: attackers.size,
            needed: trigger.by.min_count,
          }),
        );
      }
      shared.push(...placeCondition(ctx, scope, ep, trigger, beneficiary, first, deps));
      if (trigger.state_of_war) shared.push(stateOfWarCondition(ctx, trigger, beneficiary, war, deps));
      if (trigger.request) shared.push(requestCondition(ctx, scope, trigger, obligor, beneficiary));
      const retro = retroactivityCondition(ctx, ep, first, deps);
      if (retro) shared.push(retro);
      if (first.derived) deps.add(`derived:${first.derived}`);

      // In a war the victim test does not depend on who struck: once per group. Who struck is tested without
      // building conditions; only the striker shown gets them (a world war has many attackers per target).
      const groupVictim = war ? victimCondition(ctx, ep, trigger, beneficiary, first.by, war, deps) : null;
      const against: AttackFact[] = [];
      for (const fact of facts) {
        if (!attackerOk(ctx, scope, trigger, fact.by, fact.supporters)) continue;
        const victimOk = war
          ? groupVictim?.met !== false
          : victimCondition(ctx, ep, trigger, beneficiary, fact.by, null, deps)?.met !== false;
        if (victimOk) against.push(fact);
      }
      const striker = against[0] ?? (first as AttackFact);
      const victim = war
        ? groupVictim
        : victimCondition(ctx, ep, trigger, beneficiary, striker.by, null, deps);
      const own = attackerConditions(ctx, scope, ep, trigger, striker.by, striker.supporters);
      const evaluation = finish([...own, ...(victim ? [victim] : []), ...shared], {
        factId: striker.id,
        against: [striker.by],
        war,
        places: [first.place],
      });
      if (evaluation.met) {
        evaluation.against = against.map((f) => f.by);
        if (best?.met && best.war === war) {
          best.against = [...new Set([...best.against, ...evaluation.against])];
          best.places = [...new Set([...best.places, ...evaluation.places])];
          continue;
        }
      }
      if (!best || rank(evaluation) < rank(best)) best = evaluation;
    }
    return (
      best ??
      finish([verdict("event", false, { detail: "none", state: beneficiary })], {
        factId: "",
        against: [],
        war: null,
        places: [],
      })
    );
  };
}

const rank = (e: { met: boolean; conditions: Verdict[] }) =>
  e.met ? -1 : e.conditions.filter((c) => !c.met).length;

export const armedAttack = attackEvaluator("armed-attack");
export const invasion = attackEvaluator("invasion");
export const nuclearUse = attackEvaluator("nuclear");
