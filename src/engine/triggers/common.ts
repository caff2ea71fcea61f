import type { Trigger } from "../../model/instrument.js";
import type { ConditionDetail } from "../../model/result.js";
import { type AttackFact, startedBy, type WarFact } from "../facts.js";
import type { EffectiveProvision } from "../provision.js";
import { type InstrumentScope, type TriggerContext, type Verdict, verdict } from "./context.js";

const understood = (ep: EffectiveProvision, field: string) => {
  const id = ep.fromUnderstanding.get(field);
  return id ? { understanding: id } : {};
};

const because = (trigger: Trigger, field: keyof NonNullable<Trigger["because"]>) => {
  const words = trigger.because?.[field];
  return words ? { because: words } : {};
};

/** Who struck: a state, one the clause names, not one it excludes, not a party, with the support it needs. */
export function attackerConditions(
  ctx: TriggerContext,
  scope: InstrumentScope,
  ep: EffectiveProvision,
  trigger: Trigger,
  attacker: string,
  supporters: readonly string[],
): Verdict[] {
  const by = trigger.by;
  if (!by) return [];
  const out: Verdict[] = [];
  const registry = ctx.library.registry;
  const words = because(trigger, "by");
  if (by.kind === "any-state") {
    out.push(verdict("attacker-state", registry.isState(attacker), { by: attacker, ...words }));
  } else if (by.kind === "named") {
    const named = (by.states ?? []).map((c) => registry.canonical(c) ?? c);
    out.push(verdict("attacker-named", named.includes(attacker), { by: attacker, states: named, ...words }));
  }
  if (by.exclude?.length) {
    const excluded = by.exclude.map((c) => registry.canonical(c) ?? c);
    out.push(
      verdict("attacker-excluded", !excluded.includes(attacker), {
        by: attacker,
        states: excluded,
        ...words,
      }),
    );
  }
  if (by.supported_by?.length) {
    const needed = by.supported_by.map((c) => registry.canonical(c) ?? c);
    const met = supporters.some((s) => needed.includes(s));
    out.push(verdict("supported-by", met, { by: attacker, states: needed, ...words }));
  }
  if (by.external) {
    out.push(verdict("external", !scope.members.has(attacker), { by: attacker, ...understood(ep, "by") }));
  }
  return out;
}

/** Whether `attackerConditions` would all hold, without building them. */
export function attackerOk(
  ctx: TriggerContext,
  scope: InstrumentScope,
  trigger: Trigger,
  attacker: string,
  supporters: readonly string[],
): boolean {
  const by = trigger.by;
  if (!by) return true;
  const registry = ctx.library.registry;
  if (by.kind === "any-state" && !registry.isState(attacker)) return false;
  if (by.kind === "named" && !(by.states ?? []).some((s) => (registry.canonical(s) ?? s) === attacker))
    return false;
  if (by.exclude?.some((s) => (registry.canonical(s) ?? s) === attacker)) return false;
  if (
    by.supported_by?.length &&
    !supporters.some((s) => by.supported_by?.some((n) => (registry.canonical(n) ?? n) === s))
  )
    return false;
  if (by.external && scope.members.has(attacker)) return false;
  return true;
}

/** Where the blow fell: the beneficiary's (or a party's) territory, in the treaty's area, or its forces. */
export function placeCondition(
  ctx: TriggerContext,
  scope: InstrumentScope,
  ep: EffectiveProvision,
  trigger: Trigger,
  beneficiary: string,
  fact: AttackFact,
  deps: Set<string>,
): Verdict[] {
  const { library, config } = ctx;
  const out: Verdict[] = [];
  const where = trigger.where;
  const place = fact.place;
  for (const claimant of library.territories.get(place)?.claimed_by ?? []) {
    deps.add(`sov:${place}:${library.registry.canonical(claimant) ?? claimant}`);
  }
  const claim = config.sovereignty.get(place);
  const owner = claim ?? library.administrator(place);
  if (claim) {
    out.push(
      verdict("sovereignty", true, { place, state: claim, assumption: `${place}.sovereignty.${claim}` }),
    );
  }
  // Built field by field, not by spreading: this runs for every clause, group and obligor of a world war.
  const verdictOn = (met: boolean, detail: ConditionDetail, region?: string, cited = true): Verdict => {
    const v: Verdict = { code: "place", met, place, state: beneficiary, detail };
    if (fact.assumption) v.assumption = fact.assumption;
    if (region) v.region = region;
    if (cited) {
      const words = trigger.because?.where;
      if (words) v.because = words;
      const understanding = ep.fromUnderstanding.get("where");
      if (understanding) v.understanding = understanding;
    }
    return v;
  };
  if (fact.object === "forces") {
    const region = where?.forces_region ?? where?.region;
    if (where?.forces === true) {
      const met = !region || ctx.regions.has(place, region, owner);
      out.push(verdictOn(met, met ? "forces-within-region" : "forces-outside-region", region));
      return out;
    }
    if (where?.forces === false) {
      out.push(verdictOn(false, "forces-not-covered"));
      return out;
    }
    // Clauses that speak only of the party: whether its forces abroad count is a general reading.
    deps.add("general:forces_abroad");
    if (!config.flags.forcesAbroad) {
      out.push(verdictOn(false, "forces-not-covered"));
    } else if (where?.region && !ctx.regions.has(place, where.region, owner)) {
      out.push(verdictOn(false, "forces-outside-region", where.region));
    } else {
      out.push(verdictOn(true, "forces-abroad-reading"));
    }
    return out;
  }
  const whose = where?.territory_of ?? "beneficiary";
  const own = whose === "beneficiary" ? owner === beneficiary : scope.members.has(owner);
  if (!own) {
    out.push(
      verdictOn(
        false,
        whose === "beneficiary" ? "not-beneficiary-territory" : "not-party-territory",
        undefined,
        false,
      ),
    );
  } else if (where?.region) {
    const met = ctx.regions.has(place, where.region, owner);
    out.push(verdictOn(met, met ? "within-region" : "outside-region", where.region));
  } else {
    out.push(verdictOn(true, "on-territory", undefined, false));
  }
  return out;
}

/** Whether the victim test applies: by the text's own words, or (for every clause but offensive ones) by reading. */
export function victimApplies(
  ctx: TriggerContext,
  ep: EffectiveProvision,
  trigger: Trigger,
  deps: Set<string>,
): "text" | "reading" | null {
  if (trigger.unprovoked) return "text";
  if (ep.provision.kind === "offence" || trigger.victim_test === false || trigger.on_call) return null;
  deps.add("general:victim_test");
  return ctx.config.flags.victimTest ? "reading" : null;
}

/** The beneficiary did not start the war (or, outside a war, did not strike first). */
export function victimCondition(
  ctx: TriggerContext,
  ep: EffectiveProvision,
  trigger: Trigger,
  beneficiary: string,
  other: string,
  war: WarFact | null,
  deps: Set<string>,
): Verdict | null {
  const how = victimApplies(ctx, ep, trigger, deps);
  if (!how) return null;
  const started = startedBy(ctx.situation, beneficiary, other, war);
  if (!started) return null;
  return verdict("victim", !started.started, {
    detail: how,
    state: beneficiary,
    by: started.initiator,
    event: started.event,
    ...(war ? { war: war.id, assumption: `${war.id}.started_by` } : {}),
    ...(how === "text" ? because(trigger, "unprovoked") : {}),
  });
}

export function stateOfWarCondition(
  ctx: TriggerContext,
  trigger: Trigger,
  beneficiary: string,
  war: WarFact | null,
  deps: Set<string>,
): Verdict {
  const inWar = war?.sides.has(beneficiary) ? war : ctx.situation.wars.find((w) => w.sides.has(beneficiary));
  // Whether there is a war at all turns on the judgements that made one: each is a point to contest.
  for (const j of ctx.situation.judgements.values()) {
    if (j.field === "state_of_war" && (j.target === beneficiary || j.by === beneficiary))
      deps.add(`judgement:${j.id}`);
  }
  return verdict("state-of-war", inWar !== undefined, {
    state: beneficiary,
    ...(inWar ? { war: inWar.id, date: inWar.start, assumption: inWar.stateOfWar } : {}),
    ...because(trigger, "state_of_war"),
  });
}

/** A request for assistance by the beneficiary, to the obligor, its organisation, or to all. */
export function requestCondition(
  ctx: TriggerContext,
  scope: InstrumentScope,
  trigger: Trigger,
  obligor: string,
  beneficiary: string,
): Verdict {
  const request = ctx.situation.requests.find(
    (r) =>
      r.kind === "assistance" &&
      r.by === beneficiary &&
      (r.to === null || r.to === obligor || r.to === scope.organisation),
  );
  return verdict("request", request !== undefined, {
    state: beneficiary,
    by: obligor,
    ...(request ? { event: request.event } : {}),
    ...because(trigger, "request"),
  });
}

/** A call for consultations by the beneficiary, to the obligor, its organisation, or to all. */
export function callCondition(
  ctx: TriggerContext,
  scope: InstrumentScope,
  trigger: Trigger,
  obligor: string,
  beneficiary: string,
): Verdict {
  const call = ctx.situation.requests.find(
    (r) =>
      r.kind === "consultations" &&
      r.by === beneficiary &&
      (r.to === null || r.to === obligor || r.to === scope.organisation),
  );
  return verdict("call", call !== undefined, {
    state: beneficiary,
    ...(call ? { event: call.event } : {}),
    ...because(trigger, "on_call"),
  });
}

/** Whether an attack begun before entry into force counts (it does unless the treaty is read otherwise). */
export function retroactivityCondition(
  ctx: TriggerContext,
  ep: EffectiveProvision,
  fact: { start: string; end: string | null },
  deps: Set<string>,
): Verdict | null {
  const inForce = ep.instrument.dates.in_force;
  if (!inForce || fact.start >= inForce) return null;
  if (fact.end && fact.end < inForce) {
    return verdict("retroactivity", false, { detail: "ended-before", date: inForce });
  }
  deps.add(`retro:${ep.instrument.id}`);
  const counted = !ctx.config.nonRetroactive.has(ep.instrument.id);
  return verdict("retroactivity", counted, {
    detail: counted ? "counted" : "not-counted",
    date: inForce,
    assumption: `${ep.instrument.id}.retroactive`,
  });
}
