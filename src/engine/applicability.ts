import type { Instrument, Provision, ProvisionKind } from "../model/instrument.js";
import type { ArticleText, Library } from "../treaties/library.js";

/** A provision with a trigger, and who it can bind toward whom on a date. */
export interface Applicable {
  instrument: Instrument;
  article: ArticleText;
  provision: Provision;
  obligors: readonly string[];
  beneficiaries: readonly string[];
}

/** An instrument as it stands on a date: its members, its organisation, its triggered provisions. */
export interface Standing {
  instrument: Instrument;
  members: ReadonlySet<string>;
  organisation: string | null;
  provisions: readonly Applicable[];
  /** Rules that bind without a trigger: non-aggression pledges and prohibitions. */
  rules: readonly Applicable[];
  /** States it protects without their being parties (the ROK in the declaration of the sixteen). */
  outsiders: readonly string[];
}

/** A pledge a state owes another whether or not it is triggered: what makes them allies. */
export interface Pledge {
  instrument: Instrument;
  article: ArticleText;
  kind: ProvisionKind;
}

export interface DateView {
  inForce: readonly Standing[];
  /** The in-force instruments whose provisions can owe something to a state, in library order. */
  owing: ReadonlyMap<string, readonly Standing[]>;
  signed: readonly Standing[];
  terminated: readonly Instrument[];
  /** Binding non-aggression pledges and prohibitions in force. */
  nonAggression: readonly Applicable[];
  prohibitions: readonly Applicable[];
  /** Every such rule in force, whatever its instrument's legal force: a reading may make one binding. */
  rules: readonly Applicable[];
  /** obligor → ally → the first pledge it owes it (defence, offence or neutrality, binding, in force). */
  allies: ReadonlyMap<string, ReadonlyMap<string, Pledge>>;
}

const RULE_KINDS: ReadonlySet<ProvisionKind> = new Set(["non-aggression", "prohibition"]);
const ALLY_KINDS: ReadonlySet<ProvisionKind> = new Set(["defence", "offence", "neutrality"]);
const views = new WeakMap<Library, Map<string, DateView>>();

/**
 * What the library says on a date, cached: in-force and signed instruments, their members and triggered
 * provisions, and who owes whom a pledge. None of it changes between readings of one scenario.
 */
export function dateView(library: Library, asOf: string): DateView {
  let byDate = views.get(library);
  if (!byDate) {
    byDate = new Map();
    views.set(library, byDate);
  }
  let view = byDate.get(asOf);
  if (!view) {
    view = build(library, asOf);
    byDate.set(asOf, view);
  }
  return view;
}

function standing(library: Library, instrument: Instrument, asOf: string, asIf: boolean): Standing {
  const canon = (c: string) => library.registry.canonical(c) ?? c;
  const memberList = library.membersOn(instrument, asOf, asIf);
  const provisions: Applicable[] = [];
  const rules: Applicable[] = [];
  const outsiders = new Set<string>();
  for (const article of library.articlesOn(instrument, asOf)) {
    for (const provision of article.provisions) {
      const obligors = Array.isArray(provision.obligors) ? provision.obligors.map(canon) : memberList;
      const beneficiaries = Array.isArray(provision.beneficiaries)
        ? provision.beneficiaries.map(canon)
        : memberList;
      const applicable = { instrument, article, provision, obligors, beneficiaries };
      if (RULE_KINDS.has(provision.kind)) rules.push(applicable);
      if (!provision.trigger) continue;
      for (const b of beneficiaries) if (!memberList.includes(b)) outsiders.add(b);
      provisions.push(applicable);
    }
  }
  return {
    instrument,
    members: new Set(memberList),
    organisation: instrument.organisation ? canon(instrument.organisation) : null,
    provisions,
    rules,
    outsiders: [...outsiders],
  };
}

function build(library: Library, asOf: string): DateView {
  const inForce: Standing[] = [];
  const signed: Standing[] = [];
  const terminated: Instrument[] = [];
  const allies = new Map<string, Map<string, Pledge>>();
  const canon = (c: string) => library.registry.canonical(c) ?? c;
  for (const instrument of library.instruments) {
    const status = library.status(instrument, asOf);
    if (status === "terminated") terminated.push(instrument);
    if (status === "signed") signed.push(standing(library, instrument, asOf, true));
    if (status !== "in-force") continue;
    const s = standing(library, instrument, asOf, false);
    inForce.push(s);
    if (instrument.legal_force !== "binding") continue;
    const members = [...s.members];
    for (const article of library.articlesOn(instrument, asOf)) {
      for (const provision of article.provisions) {
        if (!ALLY_KINDS.has(provision.kind)) continue;
        const obligors = Array.isArray(provision.obligors) ? provision.obligors.map(canon) : members;
        const beneficiaries = Array.isArray(provision.beneficiaries)
          ? provision.beneficiaries.map(canon)
          : members;
        for (const o of obligors) {
          const mine = allies.get(o) ?? new Map<string, Pledge>();
          for (const b of beneficiaries) {
            if (b === o || mine.has(b) || suspended(instrument, o, b, asOf, canon)) continue;
            mine.set(b, { instrument, article, kind: provision.kind });
          }
          allies.set(o, mine);
        }
      }
    }
  }
  const binding = inForce.filter((s) => s.instrument.legal_force === "binding").flatMap((s) => s.rules);
  const owing = new Map<string, Standing[]>();
  for (const s of inForce) {
    const beneficiaries = new Set(s.provisions.flatMap((p) => p.beneficiaries));
    for (const b of beneficiaries) owing.set(b, [...(owing.get(b) ?? []), s]);
  }
  return {
    inForce,
    owing,
    signed,
    terminated,
    allies,
    nonAggression: binding.filter((r) => r.provision.kind === "non-aggression"),
    prohibitions: binding.filter((r) => r.provision.kind === "prohibition"),
    rules: inForce.flatMap((s) => s.rules),
  };
}

function suspended(
  instrument: Instrument,
  obligor: string,
  toward: string,
  asOf: string,
  canon: (c: string) => string,
): boolean {
  return (instrument.suspensions ?? []).some(
    (s) =>
      canon(s.obligor) === obligor && canon(s.toward) === toward && s.from <= asOf && (!s.to || asOf < s.to),
  );
}
