import type { Instrument, Provision } from "../model/instrument.js";
import type { Citation, Conflict, ConflictView, Violation } from "../model/result.js";
import type { ArticleText, Library } from "../treaties/library.js";
import type { CoreOutcome, FoundObligation } from "./cascade.js";

interface StandingProvision {
  instrument: Instrument;
  article: ArticleText;
  provision: Provision;
  members: Set<string>;
}

/** Provisions in force that bind without a trigger: prohibitions, non-aggression and neutrality pledges. */
function standing(library: Library, asOf: string, kinds: ReadonlySet<string>): StandingProvision[] {
  const out: StandingProvision[] = [];
  for (const instrument of library.instruments) {
    if (library.status(instrument, asOf) !== "in-force") continue;
    const members = new Set(library.membersOn(instrument, asOf));
    for (const article of library.articlesOn(instrument, asOf)) {
      for (const provision of article.provisions) {
        if (kinds.has(provision.kind)) out.push({ instrument, article, provision, members });
      }
    }
  }
  return out;
}

function bound(library: Library, sp: StandingProvision, state: string): boolean {
  if (Array.isArray(sp.provision.obligors)) {
    return sp.provision.obligors.some((o) => (library.registry.canonical(o) ?? o) === state);
  }
  return sp.members.has(state);
}

function matches(library: Library, list: string[] | undefined, state: string): boolean {
  return !list || list.length === 0 || list.some((c) => (library.registry.canonical(c) ?? c) === state);
}

export function cite(
  library: Library,
  instrument: Instrument,
  article: ArticleText,
  paragraph?: string,
): Citation {
  const source = library.source(instrument, article.source);
  return {
    instrument: instrument.id,
    instrument_title: instrument.title,
    article: article.article.number,
    part: article.part,
    paragraph: paragraph ?? null,
    quote: article.text ?? "",
    quote_confidence: article.quote_confidence ?? "paraphrase",
    source: {
      id: source?.id ?? "",
      title: source?.title ?? "",
      url: source?.url ?? null,
      date: source?.date ?? null,
    },
  };
}

/** Looks up an article another provision relies on (a Charter article), for the views of a conflict. */
function citeRef(
  library: Library,
  ref: { instrument: string; article: string },
  asOf: string,
): Citation | null {
  const instrument = library.byId.get(ref.instrument);
  const article =
    instrument && library.articlesOn(instrument, asOf).find((a) => a.article.number === ref.article);
  return instrument && article?.text ? cite(library, instrument, article) : null;
}

/** Arms, troops or technology sent where a prohibition in force forbids it. */
export function conductViolations(library: Library, outcome: CoreOutcome): Violation[] {
  const { situation } = outcome;
  const prohibitions = standing(library, situation.asOf, new Set(["prohibition"]));
  const nonAggression = standing(library, situation.asOf, new Set(["non-aggression"]));
  const out: Violation[] = [];
  for (const event of situation.transfers) {
    const from = event.by;
    const to = event.to ?? event.against;
    if (!to) continue;
    for (const sp of prohibitions) {
      const rule = sp.provision.prohibits;
      if (!rule || rule.conduct !== event.kind) continue;
      if (!matches(library, rule.from, from) || !matches(library, rule.to, to)) continue;
      for (const violator of [from, to]) {
        if (!bound(library, sp, violator)) continue;
        const role = violator === from ? "sending" : "receiving";
        out.push({
          ...cite(library, sp.instrument, sp.article, sp.provision.paragraph),
          event: event.id,
          by: library.registry.ref(violator),
          conduct: event.kind,
          description: `${library.registry.name(violator)}, ${role} in ${event.id} (${event.kind} ${library.registry.name(from)} → ${library.registry.name(to)}), acts against ${sp.instrument.short_title ?? sp.instrument.id} ¶${sp.article.article.number}${rule.items ? ` (${rule.items})` : ""}`,
        });
      }
    }
  }
  for (const attack of outcome.attacks) {
    // Only the first blow breaks a non-aggression pledge; answering it is self-defence, not aggression.
    const war = attack.war ? situation.wars.find((w) => w.id === attack.war) : undefined;
    if (attack.derived || (war && war.initiator !== attack.by)) continue;
    for (const sp of nonAggression) {
      if (!bound(library, sp, attack.by) || !sp.members.has(attack.target)) continue;
      out.push({
        ...cite(library, sp.instrument, sp.article, sp.provision.paragraph),
        event: attack.id,
        by: library.registry.ref(attack.by),
        conduct: "use-of-force",
        description: `${library.registry.name(attack.by)}'s attack on ${library.registry.name(attack.target)} (${attack.id}) breaks its pledge of non-aggression in ${sp.instrument.short_title ?? sp.instrument.id} Art. ${sp.article.article.number}`,
      });
    }
  }
  return out;
}

const ASSISTANCE_CONDUCT = "arms-transfer";

/** Obligations that pull a state two ways: both sides, a pledge, or a Security Council prohibition. */
export function conflictsOf(library: Library, outcome: CoreOutcome): Conflict[] {
  const asOf = outcome.situation.asOf;
  const reg = library.registry;
  const ref = (o: FoundObligation) => ({
    instrument: o.ep.instrument.id,
    article: o.ep.article.article.number,
    beneficiary: reg.ref(o.beneficiary),
  });
  const out: Conflict[] = [];
  for (const both of outcome.bothSides) {
    out.push({
      kind: "bound-to-both-sides",
      state: reg.ref(both.state),
      description: `${reg.name(both.state)} is bound to states on both sides of ${both.war.id} and joins neither`,
      obligations: both.obligations.map(ref),
      prohibition: null,
      views: [],
    });
  }
  const prohibitions = standing(library, asOf, new Set(["prohibition"]));
  const pledges = standing(library, asOf, new Set(["non-aggression", "neutrality"]));
  const military = outcome.obligations.filter(
    (o) => o.ep.provision.kind === "defence" || o.ep.provision.kind === "offence",
  );
  for (const o of military) {
    for (const sp of prohibitions) {
      const rule = sp.provision.prohibits;
      if (!rule || rule.conduct !== ASSISTANCE_CONDUCT || !bound(library, sp, o.obligor)) continue;
      if (!matches(library, rule.from, o.obligor) || !matches(library, rule.to, o.beneficiary)) continue;
      out.push({
        kind: "assistance-vs-prohibition",
        state: reg.ref(o.obligor),
        description: `Military assistance from ${reg.name(o.obligor)} to ${reg.name(o.beneficiary)} under ${o.ep.instrument.id} Art. ${o.ep.article.article.number} would include arms that ${sp.instrument.short_title ?? sp.instrument.id} ¶${sp.article.article.number} forbids${rule.items ? ` (${rule.items})` : ""}`,
        obligations: [ref(o)],
        prohibition: cite(library, sp.instrument, sp.article, sp.provision.paragraph),
        views: prohibitionViews(library, sp, asOf),
      });
    }
    for (const target of o.evaluation.against) {
      // Fighting the state that started the war is collective self-defence, which a non-aggression pledge
      // leaves open; a neutrality pledge does not.
      const defendingAgainstInitiator = o.evaluation.war?.initiator === target;
      for (const sp of pledges) {
        if (!bound(library, sp, o.obligor) || !sp.members.has(target) || target === o.obligor) continue;
        if (sp.provision.kind === "non-aggression" && defendingAgainstInitiator) continue;
        out.push({
          kind: sp.provision.kind === "neutrality" ? "defence-vs-neutrality" : "defence-vs-non-aggression",
          state: reg.ref(o.obligor),
          description: `${reg.name(o.obligor)} is bound to assist ${reg.name(o.beneficiary)} against ${reg.name(target)} (${o.ep.instrument.id} Art. ${o.ep.article.article.number}) but pledged ${sp.provision.kind} toward ${reg.name(target)} (${sp.instrument.id} Art. ${sp.article.article.number})`,
          obligations: [ref(o)],
          prohibition: cite(library, sp.instrument, sp.article),
          views: [],
        });
      }
    }
  }
  for (const o of outcome.obligations.filter((x) => x.ep.provision.kind === "non-assistance-to-aggressor")) {
    for (const m of military) {
      if (m.obligor !== o.obligor || !o.evaluation.against.includes(m.beneficiary)) continue;
      out.push({
        kind: "assistance-vs-non-assistance",
        state: reg.ref(o.obligor),
        description: `${reg.name(o.obligor)} must not assist ${reg.name(m.beneficiary)} (${o.ep.instrument.id}) yet is bound to assist it (${m.ep.instrument.id})`,
        obligations: [ref(o), ref(m)],
        prohibition: null,
        views: [],
      });
    }
  }
  return out;
}

function prohibitionViews(library: Library, sp: StandingProvision, asOf: string): ConflictView[] {
  const grounds = sp.provision.relies_on ?? [];
  const primacy = grounds.map((r) => citeRef(library, r, asOf)).filter((c): c is Citation => c !== null);
  const reasons = grounds.map((r) => r.why ?? `${r.instrument} Art. ${r.article}`);
  const views: ConflictView[] = [
    {
      view: `The prohibition prevails${reasons.length ? `: ${reasons.join("; ")}` : ""}`,
      held_by: [],
      cites: primacy.at(-1) ?? null,
    },
  ];
  for (const reading of sp.provision.readings ?? []) {
    const cites =
      (reading.relies_on ?? []).map((r) => citeRef(library, r, asOf)).find((c) => c !== null) ?? null;
    views.push({ view: reading.label, held_by: reading.held_by ?? [], cites });
  }
  return views;
}
