import type { Instrument, Provision, Reading, Trigger } from "../model/instrument.js";
import type { GeneralReading } from "../model/scenario.js";
import type { ArticleText, Library } from "../treaties/library.js";
import type { AttackFact, Situation, War } from "./situation.js";

/** How one run reads the law. Alternatives differ from the main run in exactly one of these. */
export interface RunConfig {
  general: GeneralReading;
  /** Adopted instrument readings: `instrument/provision/reading`, `instrument/reading` or a bare reading id. */
  readings: ReadonlySet<string>;
  /** Disputed judgements taken the other way (`event.state_of_war`). */
  flips: ReadonlySet<string>;
  /** Instruments read as not applying to attacks that began before their entry into force. */
  nonRetroactive: ReadonlySet<string>;
  honourDiscretionary: boolean;
  declines: ReadonlySet<string>;
  /** Disputed places read by a claimant's sovereignty instead of by who administers them. */
  sovereignty: ReadonlyMap<string, string>;
}

/** One verdict, before it is turned into output. */
export interface Verdict {
  id: string;
  text: string;
  met: boolean;
  assumption: string | null;
  counterfactual: string | null;
}

export interface Evaluation {
  met: boolean;
  conditions: Verdict[];
  fact: AttackFact | null;
  factId: string;
  against: string[];
  war: War | null;
}

/** A provision as one run reads it: the text's default with adopted readings and understandings applied. */
export interface EffectiveProvision {
  instrument: Instrument;
  article: ArticleText;
  provision: Provision;
  trigger: Trigger | undefined;
  strength: Provision["strength"];
  qualifiers: string[];
  readings: Reading[];
  void: boolean;
  /** Trigger fields that came from a ratification understanding, with its id. */
  fromUnderstanding: Map<string, string>;
}

export function readingKey(instrument: Instrument, provision: Provision, reading: Reading): string {
  return `${instrument.id}/${provision.id}/${reading.id}`;
}

function adopted(config: RunConfig, instrument: Instrument, provision: Provision, reading: Reading): boolean {
  return (
    config.readings.has(readingKey(instrument, provision, reading)) ||
    config.readings.has(`${instrument.id}/${reading.id}`) ||
    config.readings.has(reading.id)
  );
}

export function effectiveProvision(
  instrument: Instrument,
  article: ArticleText,
  provision: Provision,
  config: RunConfig,
): EffectiveProvision {
  let trigger = provision.trigger ? { ...provision.trigger } : undefined;
  let strength = provision.strength;
  let qualifiers = [...(provision.qualifiers ?? [])];
  let isVoid = false;
  const readings: Reading[] = [];
  for (const reading of provision.readings ?? []) {
    if (!adopted(config, instrument, provision, reading)) continue;
    readings.push(reading);
    if (reading.changes.trigger && trigger) trigger = { ...trigger, ...reading.changes.trigger };
    if (reading.changes.strength) strength = reading.changes.strength;
    if (reading.changes.qualifiers) qualifiers = reading.changes.qualifiers;
    if (reading.changes.void) isVoid = true;
  }
  const fromUnderstanding = new Map<string, string>();
  for (const understanding of instrument.understandings ?? []) {
    if (!trigger || !understanding.applies_to.includes(article.article.number)) continue;
    for (const [key, value] of Object.entries(understanding.adds)) {
      if (key === "by" && trigger.by) {
        trigger = { ...trigger, by: { ...trigger.by, ...(value as object) } };
      } else if (key === "where" && trigger.where) {
        trigger = { ...trigger, where: { ...trigger.where, ...(value as object) } };
      } else {
        trigger = { ...trigger, [key]: value };
      }
      fromUnderstanding.set(key, understanding.id);
    }
  }
  return {
    instrument,
    article,
    provision,
    trigger,
    strength,
    qualifiers,
    readings,
    void: isVoid,
    fromUnderstanding,
  };
}

export interface TriggerContext {
  library: Library;
  situation: Situation;
  attacks: readonly AttackFact[];
  /** The same attacks indexed by target. */
  attacksOn: ReadonlyMap<string, readonly AttackFact[]>;
  /** Attacks on each target grouped by everything but the attacker (built once per wave). */
  attackGroups: ReadonlyMap<string, readonly (readonly AttackFact[])[]>;
  config: RunConfig;
  members: ReadonlySet<string>;
  asIfInForce: boolean;
}

const ATTACK_EVENTS = new Set(["armed-attack", "aggression", "invasion", "hostilities"]);

/** Tests one provision for one obligor toward one beneficiary; returns the best-matching event's verdicts. */
/** Groups attacks on each target by everything but who struck. */
export function groupAttacks(
  attacksOn: ReadonlyMap<string, readonly AttackFact[]>,
): Map<string, AttackFact[][]> {
  const out = new Map<string, AttackFact[][]>();
  for (const [target, facts] of attacksOn) {
    const groups = new Map<string, AttackFact[]>();
    for (const fact of facts) {
      const key = `${fact.war}|${fact.object}|${fact.place}|${fact.start}|${fact.end}|${fact.armedAttack?.id}|${fact.invasion?.id}|${fact.derived}`;
      const group = groups.get(key);
      if (group) group.push(fact);
      else groups.set(key, [fact]);
    }
    out.set(target, [...groups.values()]);
  }
  return out;
}

export function evaluate(
  ctx: TriggerContext,
  ep: EffectiveProvision,
  obligor: string,
  beneficiary: string,
): Evaluation {
  const trigger = ep.trigger;
  const name = (c: string) => ctx.library.registry.name(c);
  const base: Verdict[] = [];
  const suspension = (ep.instrument.suspensions ?? []).find(
    (s) =>
      s.obligor === obligor &&
      s.toward === beneficiary &&
      s.from <= ctx.situation.asOf &&
      (!s.to || ctx.situation.asOf < s.to),
  );
  if (suspension) {
    base.push(
      verdict(
        "suspended",
        `${name(obligor)}'s obligations toward ${name(beneficiary)} suspended since ${suspension.from}: ${suspension.reason}`,
        false,
      ),
    );
  }
  if (ep.void)
    base.push(
      verdict("void", `void under the adopted reading(s) ${ep.readings.map((r) => r.id).join(", ")}`, false),
    );
  if (!trigger) return finish(base, null, "", [], null);

  if (trigger.event === "threat-of-attack") return evaluateThreat(ctx, ep, obligor, beneficiary, base);
  if (trigger.event === "state-of-war" || trigger.event === "mobilisation") {
    return evaluateWarState(ctx, ep, obligor, beneficiary, base);
  }

  // Attacks that differ only in who struck (every enemy hits the same territory) share their other verdicts.
  const groups = (ctx.attackGroups.get(beneficiary) ?? [])
    .map((group) => group.filter((a) => a.by !== obligor))
    .filter((group) => group.length > 0);
  if (groups.length === 0) {
    const what = trigger.event === "invasion" ? "invasion" : "armed attack";
    return finish(
      [...base, verdict("event", `no ${what} on ${name(beneficiary)}`, false)],
      null,
      "",
      [],
      null,
    );
  }
  let best: Evaluation | undefined;
  for (const facts of groups) {
    const first = facts[0] as AttackFact;
    const shared = sharedConditions(ctx, ep, trigger, obligor, beneficiary, first);
    const war = first.war ? (ctx.situation.wars.find((w) => w.id === first.war) ?? null) : null;
    const perAttacker = facts.map((fact) => ({
      fact,
      verdicts: attackerConditions(ctx, ep, trigger, beneficiary, fact),
    }));
    const striker =
      perAttacker.find((p) => p.verdicts.every((v) => v.met)) ??
      (perAttacker[0] as (typeof perAttacker)[number]);
    const evaluation = finish(
      [...base, ...striker.verdicts, ...shared],
      striker.fact,
      striker.fact.id,
      [striker.fact.by],
      war,
    );
    if (evaluation.met) {
      evaluation.against = perAttacker.filter((p) => p.verdicts.every((v) => v.met)).map((p) => p.fact.by);
      if (best?.met && best.war === war) {
        best.against = [...new Set([...best.against, ...evaluation.against])];
        continue;
      }
    }
    if (!best || rank(evaluation) < rank(best)) best = evaluation;
  }
  return best as Evaluation;
}

function rank(e: Evaluation): number {
  return e.met ? -1 : e.conditions.filter((c) => !c.met).length;
}

function finish(
  conditions: Verdict[],
  fact: AttackFact | null,
  factId: string,
  against: string[],
  war: War | null,
): Evaluation {
  return {
    met: conditions.length > 0 && conditions.every((c) => c.met),
    conditions,
    fact,
    factId,
    against,
    war,
  };
}

function verdict(
  id: string,
  text: string,
  met: boolean,
  assumption: string | null = null,
  counterfactual: string | null = null,
): Verdict {
  return { id, text, met, assumption, counterfactual };
}

/** The conditions about the blow itself and who struck it. */
function attackerConditions(
  ctx: TriggerContext,
  ep: EffectiveProvision,
  trigger: Trigger,
  beneficiary: string,
  fact: AttackFact,
): Verdict[] {
  const { library } = ctx;
  const name = (c: string) => library.registry.name(c);
  const out: Verdict[] = [];
  const understood = (field: string) => {
    const id = ep.fromUnderstanding.get(field);
    return id ? ` (ratification understanding ${id})` : "";
  };

  // What happened: an armed attack, or (for the invasion rendering) an invasion.
  if (trigger.event === "invasion") {
    const judged = fact.invasion;
    const met = judged?.value ?? false;
    const why = fact.derived
      ? `${fact.description}: a strike in an ongoing war, not an invasion`
      : (judged?.text ?? fact.description);
    out.push(
      verdict(
        "invasion",
        `${met ? "" : "no "}invasion of ${name(beneficiary)}: ${why}`,
        met,
        judged?.id ?? null,
        met ? `would not hold if ${fact.id} were not an invasion` : null,
      ),
    );
  } else if (ATTACK_EVENTS.has(trigger.event)) {
    const judged = fact.armedAttack;
    const met = fact.derived || (judged?.value ?? false);
    const why = fact.derived ? fact.description : (judged?.text ?? fact.description);
    out.push(
      verdict(
        "armed-attack",
        `armed attack on ${name(beneficiary)} by ${name(fact.by)}: ${why}`,
        met,
        judged?.id ?? fact.war ?? null,
        met && !fact.derived ? `would not hold if ${fact.id} were not an armed attack` : null,
      ),
    );
  }

  const by = trigger.by;
  if (by) {
    const isState = library.registry.isState(fact.by);
    if (by.kind === "any-state") {
      out.push(
        verdict(
          "attacker",
          isState
            ? `the attacker, ${name(fact.by)}, is a state`
            : `the attacker, ${name(fact.by)}, is not a state (the clause needs an attack by a state)`,
          isState,
        ),
      );
    } else if (by.kind === "named") {
      const named = (by.states ?? []).map((s) => library.registry.canonical(s) ?? s);
      const met = named.includes(fact.by);
      out.push(
        verdict(
          "attacker",
          met
            ? `the attacker, ${name(fact.by)}, is one the clause names`
            : `the clause covers attacks by ${named.map(name).join(", ")} only, not by ${name(fact.by)}`,
          met,
        ),
      );
    }
    if (by.external) {
      const met = !ctx.members.has(fact.by);
      out.push(
        verdict(
          "external",
          `${met ? "an external attack" : "not an external attack"}: ${name(fact.by)} ${met ? "is not" : "is"} a party${understood("by")}`,
          met,
        ),
      );
    }
  }
  return out;
}

/** The conditions that do not depend on who struck: what, where, the war, the request. */
function sharedConditions(
  ctx: TriggerContext,
  ep: EffectiveProvision,
  trigger: Trigger,
  obligor: string,
  beneficiary: string,
  fact: AttackFact,
): Verdict[] {
  const { library, situation, config } = ctx;
  const name = (c: string) => library.registry.name(c);
  const out: Verdict[] = [];
  const understood = (field: string) => {
    const id = ep.fromUnderstanding.get(field);
    return id ? ` (ratification understanding ${id})` : "";
  };
  const by = trigger.by;
  if (by?.min_count) {
    const attackers = new Set(
      ctx.attacks.filter((a) => a.target === beneficiary && a.war === fact.war).map((a) => a.by),
    );
    const met = attackers.size >= by.min_count;
    out.push(
      verdict(
        "attackers",
        `${attackers.size} attacker(s) of ${name(beneficiary)}; the clause needs ${by.min_count} or more`,
        met,
      ),
    );
  }

  const where = trigger.where;
  const place = fact.place;
  const ownerOf = (p: string) => config.sovereignty.get(p) ?? library.administrator(p);
  const claim = config.sovereignty.get(place);
  if (claim)
    out.push(
      verdict(
        "sovereignty",
        `${place} read as ${name(claim)}'s (its claim), not by who administers it`,
        true,
        `${place}.sovereignty`,
      ),
    );
  const placeName = library.territories.get(place)?.name ?? name(place);
  if (fact.object === "forces") {
    const covered = !where || where.forces === true;
    const region = where?.forces_region ?? where?.region;
    const inRegion = !region || library.inRegion(place, region, ownerOf);
    const regionName = region ? (library.regions.get(region)?.name ?? region) : "";
    out.push(
      verdict(
        "place",
        !covered
          ? `the clause covers attacks on territory; ${name(beneficiary)}'s forces in ${placeName} are not covered`
          : inRegion
            ? `${name(beneficiary)}'s forces in ${placeName}${region ? `, within ${regionName}` : ""}`
            : `${name(beneficiary)}'s forces in ${placeName} are outside ${regionName}${understood("where")}`,
        covered && inRegion,
      ),
    );
  } else {
    const administrator = ownerOf(place);
    const whose = where?.territory_of ?? "beneficiary";
    const ownTerritory =
      whose === "beneficiary" ? administrator === beneficiary : ctx.members.has(administrator);
    if (!ownTerritory) {
      out.push(
        verdict(
          "place",
          `${placeName} is not ${whose === "beneficiary" ? `${name(beneficiary)}'s territory` : "a party's territory"}`,
          false,
        ),
      );
    } else if (where?.region) {
      const met = library.inRegion(place, where.region, ownerOf);
      const regionName = library.regions.get(where.region)?.name ?? where.region;
      out.push(
        verdict(
          "place",
          `${placeName} ${met ? "is within" : "is outside"} ${regionName}${understood("where")}`,
          met,
          null,
          met ? `would not hold for an attack outside ${regionName}` : null,
        ),
      );
    } else {
      out.push(verdict("place", `the attack is on ${placeName}`, true));
    }
  }

  const war = fact.war ? situation.wars.find((w) => w.id === fact.war) : undefined;
  if (trigger.state_of_war) {
    const inWar = situation.wars.some((w) => w.sides.has(beneficiary));
    out.push(
      verdict(
        "state-of-war",
        inWar
          ? `${name(beneficiary)} is in a state of war${war ? ` (${war.id}, from ${war.start})` : ""}`
          : `${name(beneficiary)} is not in a state of war`,
        inWar,
        war?.stateOfWar ?? null,
        inWar ? `would not hold if ${name(beneficiary)} were not in a state of war` : null,
      ),
    );
  }

  if (war) {
    const victim = victimVerdict(ctx, ep, trigger, beneficiary, war);
    if (victim) out.push(victim);
  }

  if (trigger.request) out.push(requestVerdict(ctx, obligor, beneficiary));

  const inForce = ep.instrument.dates.in_force;
  if (inForce && fact.end && fact.end < inForce) {
    out.push(
      verdict(
        "retroactivity",
        `the attack began on ${fact.start} and ended on ${fact.end}, before entry into force on ${inForce}`,
        false,
      ),
    );
  } else if (inForce && fact.start < inForce) {
    const met = !config.nonRetroactive.has(ep.instrument.id);
    out.push(
      verdict(
        "retroactivity",
        `the attack began on ${fact.start}, before entry into force on ${inForce}, and goes on: ${met ? "counted from entry into force" : "not covered (the treaty is not retroactive)"}`,
        met,
        `${ep.instrument.id}.retroactive`,
        met
          ? `would not hold if ${ep.instrument.id} does not reach attacks begun before it entered into force`
          : null,
      ),
    );
  }
  return out;
}

/**
 * Whether the partner is the victim: required by the text ("without provocation") or, for defence clauses,
 * by the victim reading. Null where neither asks it.
 */
function victimVerdict(
  ctx: TriggerContext,
  ep: EffectiveProvision,
  trigger: Trigger,
  beneficiary: string,
  war: War,
): Verdict | null {
  if (!trigger.unprovoked && !(ep.provision.kind === "defence" && ctx.config.general === "victim"))
    return null;
  const name = (c: string) => ctx.library.registry.name(c);
  const met = war.sides.get(beneficiary) !== war.sides.get(war.initiator);
  const label = trigger.unprovoked ? "without provocation (the text's own condition)" : "the victim reading";
  const whoStarted = met
    ? `${name(beneficiary)} did not start ${war.id}`
    : `${name(beneficiary)}'s side started ${war.id}`;
  return verdict(
    "victim",
    `${whoStarted}: ${name(war.initiator)} struck first (${label})`,
    met,
    war.startedBy.id,
    met ? `would not hold if ${name(war.initiator)} had not struck first` : null,
  );
}

function requestVerdict(ctx: TriggerContext, obligor: string, beneficiary: string): Verdict {
  const name = (c: string) => ctx.library.registry.name(c);
  const request = ctx.situation.requests.find((r) => r.by === beneficiary && (!r.to || r.to === obligor));
  return verdict(
    "request",
    request
      ? `${name(beneficiary)} asked (${request.event})`
      : `no request made by ${name(beneficiary)} to ${name(obligor)}`,
    Boolean(request),
    request?.event ?? null,
    request ? `would not hold without ${name(beneficiary)}'s request` : null,
  );
}

function evaluateThreat(
  ctx: TriggerContext,
  ep: EffectiveProvision,
  obligor: string,
  beneficiary: string,
  base: Verdict[],
): Evaluation {
  const name = (c: string) => ctx.library.registry.name(c);
  const trigger = ep.trigger as Trigger;
  const threat = ctx.situation.threats.find((t) => t.target === beneficiary && t.by !== obligor);
  const attack = (ctx.attacksOn.get(beneficiary) ?? []).find((a) => a.by !== obligor);
  const conditions = [...base];
  let by: string | null = null;
  if (threat) {
    conditions.push(
      verdict(
        "threat",
        threat.judgement.text,
        true,
        threat.judgement.id,
        `would not hold if ${threat.id} were not read as a threat`,
      ),
    );
    by = threat.by;
  } else if (attack) {
    conditions.push(
      verdict(
        "threat",
        `${name(beneficiary)} is under armed attack (${attack.id}), more than a threat`,
        true,
        attack.armedAttack?.id ?? null,
      ),
    );
    by = attack.by;
  } else {
    const unread = [...ctx.situation.judgements.values()].find(
      (j) => j.id.endsWith(".threat") && !j.value && j.target === beneficiary,
    );
    conditions.push(
      verdict(
        "threat",
        unread ? unread.text : `no threat of attack on ${name(beneficiary)}`,
        false,
        unread?.id ?? null,
      ),
    );
  }
  if (by && trigger.by?.kind === "any-state" && !ctx.library.registry.isState(by)) {
    conditions.push(verdict("attacker", `${name(by)} is not a state`, false));
  }
  if (trigger.request) conditions.push(requestVerdict(ctx, obligor, beneficiary));
  const id = threat?.id ?? attack?.id ?? "";
  return finish(conditions, attack ?? null, id, by ? [by] : [], null);
}

function evaluateWarState(
  ctx: TriggerContext,
  ep: EffectiveProvision,
  obligor: string,
  beneficiary: string,
  base: Verdict[],
): Evaluation {
  const name = (c: string) => ctx.library.registry.name(c);
  const war = ctx.situation.wars.find((w) => w.sides.has(beneficiary) && !w.sides.has(obligor));
  const conditions = [...base];
  if (!war) {
    conditions.push(verdict("state-of-war", `${name(beneficiary)} is not at war`, false));
    return finish(conditions, null, "", [], null);
  }
  const side = war.sides.get(beneficiary);
  const enemies = [...war.sides].filter(([, s]) => s !== side).map(([s]) => s);
  conditions.push(
    verdict(
      "state-of-war",
      `${name(beneficiary)} is at war (${war.id}) with ${enemies.map(name).join(", ")}`,
      true,
      war.stateOfWar,
    ),
  );
  const trigger = ep.trigger as Trigger;
  if (trigger.by?.kind === "named") {
    const named = (trigger.by.states ?? []).map((s) => ctx.library.registry.canonical(s) ?? s);
    const met = enemies.some((e) => named.includes(e));
    conditions.push(
      verdict(
        "attacker",
        met
          ? "at war with a state the clause names"
          : `the clause names ${named.map(name).join(", ")}, not ${enemies.map(name).join(", ")}`,
        met,
      ),
    );
  }
  const victim = victimVerdict(ctx, ep, trigger, beneficiary, war);
  if (victim) conditions.push(victim);
  if (trigger.request) conditions.push(requestVerdict(ctx, obligor, beneficiary));
  return finish(conditions, null, war.id, enemies, war);
}
