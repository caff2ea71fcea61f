import type { Trigger } from "../../model/instrument.js";
import type { WarFact } from "../facts.js";
import { attackerConditions, attackerOk, requestCondition, victimCondition } from "./common.js";
import {
  type Evaluator,
  finish,
  type InstrumentScope,
  type TriggerContext,
  type Verdict,
  verdict,
} from "./context.js";

/** The beneficiary is at war (with a state the clause covers): "involved in complications of war". */
export const stateOfWar: Evaluator = (ctx, scope, ep, obligor, beneficiary, deps) => {
  const trigger = ep.trigger as Trigger;
  // The beneficiary's war, unless the obligor fights on the other side of it.
  const war = ctx.situation.wars.find(
    (w) =>
      w.sides.has(beneficiary) &&
      (!w.sides.has(obligor) || w.sides.get(obligor) === w.sides.get(beneficiary)),
  );
  if (!war) {
    const at = ctx.situation.wars.find((w) => w.sides.has(beneficiary));
    if (at) deps.add(`judgement:${at.stateOfWar}`);
    return finish([verdict("state-of-war", false, { state: beneficiary })], {
      factId: "",
      against: [],
      war: null,
      places: [],
    });
  }
  deps.add(`judgement:${war.stateOfWar}`);
  // The clause may name, exclude or need supporters of the enemy: one enemy it covers is enough. Only the
  // enemy shown gets its conditions built (a world war has many enemies and many clauses).
  const { enemies, covered } = enemiesOf(ctx, scope, trigger, war, war.sides.get(beneficiary) as "A" | "B");
  const conditions: Verdict[] = [
    verdict("state-of-war", true, {
      state: beneficiary,
      war: war.id,
      date: war.start,
      states: enemies,
      assumption: war.stateOfWar,
      ...(trigger.because?.event ? { because: trigger.because.event } : {}),
    }),
  ];
  const chosen = covered[0] ?? enemies[0];
  if (chosen !== undefined) conditions.push(...attackerConditions(ctx, scope, ep, trigger, chosen, []));
  if (trigger.by?.min_count) {
    // "Attacked and engaged in a war with two or more Great Powers": count the enemies the clause covers.
    conditions.push(
      verdict("attackers-count", covered.length >= trigger.by.min_count, {
        state: beneficiary,
        count: covered.length,
        needed: trigger.by.min_count,
      }),
    );
  }
  const victim = victimCondition(ctx, ep, trigger, beneficiary, war.initiator, war, deps);
  if (victim) conditions.push(victim);
  if (trigger.request) conditions.push(requestCondition(ctx, scope, trigger, obligor, beneficiary));
  return finish(conditions, { factId: war.id, against: covered.length ? covered : enemies, war, places: [] });
};

interface Enemies {
  enemies: string[];
  covered: string[];
}
const NO_BY = {};
// By the wave's wars (a new map each wave, so the sides are as that wave has them), then war and side, then
// what the clause asks of the enemy. The lists are shared by every verdict that reads them: never changed.
const enemyLists = new WeakMap<object, Map<string, WeakMap<object, Enemies>>>();

/** A side's enemies in a war, and those of them a clause covers: worked out once per wave and clause. */
function enemiesOf(
  ctx: TriggerContext,
  scope: InstrumentScope,
  trigger: Trigger,
  war: WarFact,
  side: "A" | "B",
): Enemies {
  const work = (): Enemies => {
    const enemies: string[] = [];
    const covered: string[] = [];
    for (const [state, s] of war.sides) {
      if (s === side) continue;
      enemies.push(state);
      if (attackerOk(ctx, scope, trigger, state, [])) covered.push(state);
    }
    return { enemies, covered };
  };
  // Whether an enemy is "external" turns on the instrument's members: not shared across instruments.
  if (trigger.by?.external) return work();
  let byWar = enemyLists.get(ctx.wars);
  if (!byWar) {
    byWar = new Map();
    enemyLists.set(ctx.wars, byWar);
  }
  const key = `${war.id}|${side}`;
  let byClause = byWar.get(key);
  if (!byClause) {
    byClause = new WeakMap();
    byWar.set(key, byClause);
  }
  let lists = byClause.get(trigger.by ?? NO_BY);
  if (!lists) {
    lists = work();
    byClause.set(trigger.by ?? NO_BY, lists);
  }
  return lists;
}

/** A named power mobilises (Franco-Russian convention Art. 2): the duty is to mobilise too. */
export const mobilisation: Evaluator = (ctx, _scope, ep, obligor) => {
  const trigger = ep.trigger as Trigger;
  const named = (trigger.by?.states ?? []).map((s) => ctx.library.registry.canonical(s) ?? s);
  const event = ctx.situation.events.find(
    (e) => e.kind === "mobilisation" && e.by !== obligor && (named.length === 0 || named.includes(e.by)),
  );
  return finish(
    [
      verdict("mobilisation", event !== undefined, {
        states: named,
        ...(event ? { event: event.id, by: event.by } : {}),
      }),
    ],
    { factId: event?.id ?? "", against: event ? [event.by] : [], war: null, places: [] },
  );
};
