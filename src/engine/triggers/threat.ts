import type { Trigger } from "../../model/instrument.js";
import { type AttackFact, holds, warOf } from "../facts.js";
import { nuclearUse } from "./attack.js";
import { attackerConditions, requestCondition, victimCondition } from "./common.js";
import { type Evaluator, finish, type Verdict, verdict } from "./context.js";

/** A threat of attack on the beneficiary; an armed attack on it is more than a threat. */
export const threatOfAttack: Evaluator = (ctx, scope, ep, obligor, beneficiary, deps) => {
  const trigger = ep.trigger as Trigger;
  const { config } = ctx;
  // A blow at the party's forces abroad threatens the party only under the forces-abroad reading,
  // unless the clause itself covers forces.
  const counts = (a: AttackFact) => {
    // A clause that turns on the party's own opinion lets the party judge a blow at its forces itself.
    if (a.object !== "forces" || trigger.where?.forces === true || trigger.on_call) return true;
    if (trigger.where?.forces === false) return false;
    deps.add("general:forces_abroad");
    return config.flags.forcesAbroad;
  };
  const candidates = ctx.situation.threats.filter((t) => t.target === beneficiary && t.by !== obligor);
  for (const t of candidates) deps.add(`judgement:${t.threat.id}`);
  const attacks = (ctx.attacksOn.get(beneficiary) ?? []).filter((a) => a.by !== obligor && counts(a));
  for (const a of attacks) if (a.armed) deps.add(`judgement:${a.armed.id}`);
  const threat = candidates.find((t) => holds(t.threat, config));
  const attack = attacks.find((a) => a.derived !== null || holds(a.armed, config));
  const because = trigger.because?.event ? { because: trigger.because.event } : {};
  const conditions: Verdict[] = [];
  let by: string | null = null;
  let factId = "";
  if (threat) {
    conditions.push(
      verdict("threat", true, {
        detail: "judged",
        event: threat.id,
        state: beneficiary,
        by: threat.by,
        assumption: threat.threat.id,
        ...because,
      }),
    );
    by = threat.by;
    factId = threat.id;
  } else if (attack) {
    conditions.push(
      verdict("threat", true, {
        detail: "attack-more-than-threat",
        event: attack.id,
        state: beneficiary,
        by: attack.by,
        ...(attack.armed ? { assumption: attack.armed.id } : {}),
        ...because,
      }),
    );
    by = attack.by;
    factId = attack.id;
  } else {
    // Name the judgement that was read the other way, so the answer can say what would change it.
    const unread = candidates[0];
    conditions.push(
      verdict("threat", false, {
        detail: unread ? "judged" : "none",
        state: beneficiary,
        ...(unread ? { event: unread.id, by: unread.by, assumption: unread.threat.id } : {}),
        ...because,
      }),
    );
  }
  if (by) {
    conditions.push(...attackerConditions(ctx, scope, ep, trigger, by, []));
    const victim = victimCondition(
      ctx,
      ep,
      trigger,
      beneficiary,
      by,
      warOf(ctx.situation, beneficiary, by) ?? null,
      deps,
    );
    if (victim) conditions.push(victim);
  }
  if (trigger.request) conditions.push(requestCondition(ctx, scope, trigger, obligor, beneficiary));
  return finish(conditions, { factId, against: by ? [by] : [], war: null, places: [] });
};

/** Aggression, or a threat of aggression, in which nuclear weapons are used (Budapest Memorandum para 4). */
export const nuclear: Evaluator = (ctx, scope, ep, obligor, beneficiary, deps) => {
  const attacked = nuclearUse(ctx, scope, ep, obligor, beneficiary, deps);
  if (attacked.met) return attacked;
  const trigger = ep.trigger as Trigger;
  const threats = ctx.situation.threats.filter((t) => t.target === beneficiary && t.by !== obligor);
  for (const t of threats) {
    deps.add(`judgement:${t.threat.id}`);
    if (t.nuclear) deps.add(`judgement:${t.nuclear.id}`);
  }
  const threat = threats.find((t) => holds(t.threat, ctx.config) && holds(t.nuclear, ctx.config));
  if (!threat) return attacked;
  const conditions: Verdict[] = [
    verdict("nuclear", true, {
      detail: "judged",
      event: threat.id,
      state: beneficiary,
      by: threat.by,
      ...(threat.nuclear ? { assumption: threat.nuclear.id } : {}),
    }),
    ...attackerConditions(ctx, scope, ep, trigger, threat.by, []),
  ];
  if (trigger.request) conditions.push(requestCondition(ctx, scope, trigger, obligor, beneficiary));
  return finish(conditions, { factId: threat.id, against: [threat.by], war: null, places: [] });
};
