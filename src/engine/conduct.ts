import type { Instrument } from "../model/instrument.js";
import type { ArticleText } from "../treaties/library.js";
import type { Applicable } from "./applicability.js";
import type { Found, Outcome } from "./cascade.js";
import { holds } from "./facts.js";
import { adoptedReadings, legalForceUnder } from "./provision.js";

/** An article another answer cites: an instrument and the article as it read that day. */
export interface Cited {
  instrument: Instrument;
  article: ArticleText;
}

export interface FoundViolation {
  key: string;
  by: string;
  rule: Applicable;
  event: string;
  conduct: "use-of-force" | "arms-transfer" | "troop-deployment" | "technology-transfer";
  toward: string | null;
  assumption: string | null;
}

export interface FoundConflict {
  kind:
    | "bound-to-both-sides"
    | "against-own-ally"
    | "defence-vs-non-aggression"
    | "assistance-vs-prohibition"
    | "assistance-vs-non-assistance";
  state: string;
  war: string | null;
  obligations: Found[];
  against: { cited: Cited; toward: string | null; kind: Applicable["provision"]["kind"] } | null;
  views: { view: string; heldBy: string[]; cites: Cited[] }[];
}

const canonOf = (outcome: Outcome) => (c: string) => outcome.ctx.library.registry.canonical(c) ?? c;

/** The rules of a kind that bind: those of binding instruments, unless an adopted reading says otherwise. */
function rules(outcome: Outcome, kind: "non-aggression" | "prohibition"): readonly Applicable[] {
  const { view, config } = outcome;
  if (config.readings.size === 0) return kind === "non-aggression" ? view.nonAggression : view.prohibitions;
  return view.rules.filter(
    (r) =>
      r.provision.kind === kind &&
      legalForceUnder(r.instrument, adoptedReadings(r.instrument, r.provision, config.readings)) ===
        "binding",
  );
}

const listed = (list: readonly string[] | undefined, state: string, canon: (c: string) => string) =>
  !list || list.length === 0 || list.some((c) => canon(c) === state);

/** Conduct against rules in force: uses of force against a pledge, transfers a prohibition forbids. */
export function violationsOf(outcome: Outcome): FoundViolation[] {
  const { situation, config } = outcome;
  const canon = canonOf(outcome);
  const out: FoundViolation[] = [];
  for (const event of situation.transfers) {
    const from = event.by;
    const to = event.to ?? event.against;
    if (!to) continue;
    for (const rule of rules(outcome, "prohibition")) {
      const p = rule.provision.prohibits;
      if (!p || p.conduct !== event.kind) continue;
      if (!listed(p.from, from, canon) || !listed(p.to, to, canon)) continue;
      for (const violator of [from, to]) {
        if (!rule.obligors.includes(violator)) continue;
        out.push({
          key: `${violator}|${event.id}|${rule.instrument.id}|${rule.article.article.number}`,
          by: violator,
          rule,
          event: event.id,
          conduct: p.conduct as FoundViolation["conduct"],
          toward: violator === from ? to : from,
          assumption: null,
        });
      }
    }
  }
  // A use of force breaks a non-aggression pledge unless it is self-defence or authorised.
  for (const { event, selfDefence, authorised } of situation.force) {
    const target = event.against as string;
    if (holds(selfDefence, config) || holds(authorised, config)) continue;
    for (const rule of rules(outcome, "non-aggression")) {
      if (!rule.obligors.includes(event.by) || !rule.beneficiaries.includes(target)) continue;
      out.push({
        key: `${event.by}|${event.id}|${rule.instrument.id}|${rule.article.article.number}`,
        by: event.by,
        rule,
        event: event.id,
        conduct: "use-of-force",
        toward: target,
        assumption: selfDefence.id,
      });
    }
  }
  return out;
}

const ASSISTANCE_CONDUCT = "arms-transfer";

/** Obligations that pull a state two ways: both sides of a war, an ally, a pledge, a prohibition. */
export function conflictsOf(outcome: Outcome): FoundConflict[] {
  const { situation, ctx } = outcome;
  const canon = canonOf(outcome);
  const out: FoundConflict[] = [];
  for (const d of outcome.decisions) {
    if (d.reason === "bound-to-both-sides" || (d.reason === "already-at-war" && d.calls.length)) {
      out.push({
        kind: "bound-to-both-sides",
        state: d.state,
        war: d.war?.id ?? null,
        obligations: [...d.calls, ...d.against],
        against: null,
        views: [],
      });
    } else if (d.reason === "against-own-ally") {
      for (const { toward, pledge } of d.pledges) {
        out.push({
          kind: "against-own-ally",
          state: d.state,
          war: d.war?.id ?? null,
          obligations: d.calls,
          against: {
            cited: { instrument: pledge.instrument, article: pledge.article },
            toward,
            kind: pledge.kind,
          },
          views: [],
        });
      }
    }
  }
  const military = [...outcome.verdicts.values()].filter(
    (f) => f.evaluation.met && (f.ep.provision.kind === "defence" || f.ep.provision.kind === "offence"),
  );
  const prohibitions = rules(outcome, "prohibition");
  const pledges = rules(outcome, "non-aggression");
  for (const o of military) {
    for (const rule of prohibitions) {
      const p = rule.provision.prohibits;
      if (!p || p.conduct !== ASSISTANCE_CONDUCT || !rule.obligors.includes(o.obligor)) continue;
      if (!listed(p.from, o.obligor, canon) || !listed(p.to, o.beneficiary, canon)) continue;
      out.push({
        kind: "assistance-vs-prohibition",
        state: o.obligor,
        war: o.evaluation.war?.id ?? null,
        obligations: [o],
        against: {
          cited: { instrument: rule.instrument, article: rule.article },
          toward: null,
          kind: "prohibition",
        },
        views: prohibitionViews(outcome, rule),
      });
    }
    const war = o.evaluation.war;
    for (const target of o.evaluation.against) {
      // Helping the victim of an armed attack against its attacker is self-defence (Charter Art. 51):
      // it breaks no pledge of non-aggression. Helping the side that struck first against the other may.
      const attacker = (ctx.attacksOn.get(o.beneficiary) ?? []).some((a) => a.by === target);
      const victimDefended = war ? war.sides.get(o.beneficiary) !== war.sides.get(war.initiator) : false;
      if (attacker || victimDefended) continue;
      for (const rule of pledges) {
        if (
          !rule.obligors.includes(o.obligor) ||
          !rule.beneficiaries.includes(target) ||
          target === o.obligor
        )
          continue;
        out.push({
          kind: "defence-vs-non-aggression",
          state: o.obligor,
          war: war?.id ?? null,
          obligations: [o],
          against: {
            cited: { instrument: rule.instrument, article: rule.article },
            toward: target,
            kind: "non-aggression",
          },
          views: [],
        });
      }
    }
  }
  for (const o of [...outcome.verdicts.values()]) {
    if (!o.evaluation.met || o.ep.provision.kind !== "non-assistance-to-aggressor") continue;
    for (const m of military) {
      if (m.obligor !== o.obligor || !o.evaluation.against.includes(m.beneficiary)) continue;
      out.push({
        kind: "assistance-vs-non-assistance",
        state: o.obligor,
        war: m.evaluation.war?.id ?? null,
        obligations: [o, m],
        against: null,
        views: [],
      });
    }
  }
  void situation;
  return out;
}

/** The two views of a Security Council prohibition against treaty assistance (Charter Arts. 25 and 103). */
function prohibitionViews(outcome: Outcome, rule: Applicable): FoundConflict["views"] {
  const { library } = outcome.ctx;
  const asOf = outcome.situation.asOf;
  const cite = (ref: { instrument: string; article: string }): Cited | null => {
    const instrument = library.byId.get(ref.instrument);
    const article =
      instrument && library.articlesOn(instrument, asOf).find((a) => a.article.number === ref.article);
    return instrument && article?.text ? { instrument, article } : null;
  };
  const present = (c: Cited | null): c is Cited => c !== null;
  const views: FoundConflict["views"] = [
    {
      view: "prohibition-prevails",
      heldBy: [],
      cites: (rule.provision.relies_on ?? []).map(cite).filter(present),
    },
  ];
  for (const reading of rule.provision.readings ?? []) {
    views.push({
      view: `${rule.instrument.id}/${rule.provision.id}/${reading.id}`,
      heldBy: reading.held_by ?? [],
      cites: (reading.relies_on ?? []).map(cite).filter(present),
    });
  }
  return views;
}
