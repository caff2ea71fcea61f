import {
  ATOP_DATASET,
  ATOP_LAST_YEAR,
  type AtopAlliance,
  type AtopDataset,
  type AtopMembership,
  type AtopObligation,
} from "../data/atop.js";
import type {
  ArticleVersion,
  Coded,
  Instrument,
  Party,
  Provision,
  ProvisionKind,
  Reading,
  Strength,
  Trigger,
} from "../model/instrument.js";
import type { Registry } from "../states/registry.js";

/**
 * ATOP alliances as ordinary instruments: one per atopid, one party per member spell, and one article whose
 * versions follow every change of membership or phase, each with the provisions its members' rows code.
 * The mapping, and how sure each part of it is, is documented in docs/atop-mapping.md.
 */

/** Bump when the derivation changes, so caches of an older one are not used. */
export const DERIVATION_VERSION = "atop-derive/1";

export const ATOP_SOURCE_ID = "atop-5-1";
export const END_OF_COVERAGE = `${ATOP_LAST_YEAR}-12-31`;

/** An ATOP member code the state registry does not know: kept as `cow:N` in the instrument, and reported. */
export interface UnknownMember {
  atopid: number;
  member: number;
  years: string;
}

export interface DerivedAtop {
  instruments: Instrument[];
  unknown: UnknownMember[];
}

const KIND: Record<AtopObligation, ProvisionKind> = {
  defense: "defence",
  offense: "offence",
  neutral: "neutrality",
  nonagg: "non-aggression",
  consul: "consultation",
};

const STRENGTH: Record<AtopObligation, Strength> = {
  defense: "automatic",
  offense: "automatic",
  neutral: "binding",
  nonagg: "binding",
  consul: "consultative",
};

/** The condition flags of each obligation, by what they limit: the same letters for every obligation. */
const PREFIX: Record<AtopObligation, string> = {
  defense: "def",
  offense: "off",
  neutral: "neu",
  nonagg: "",
  consul: "con",
};

/** Conditions ATOP flags without saying which adversary, place, conflict or demand: each a contested reading. */
const UNNAMED: Record<string, { id: string; label: (what: string, row: AtopMembership) => string }> = {
  coadv: {
    id: "atop-adversary-unnamed",
    label: (what) =>
      `ATOP codes this ${what} as limited to an adversary (or kind of adversary) it does not name: under this reading the attacker is not that adversary, and it does not bind`,
  },
  coloc: {
    id: "atop-place-unnamed",
    label: (what) =>
      `ATOP codes this ${what} as limited to a place (home territory or a region) it does not name: under this reading the event is outside it, and it does not bind`,
  },
  cocon: {
    id: "atop-conflict-named",
    label: (what, row) =>
      `ATOP codes this ${what} as limited to a named ongoing conflict${row.cowWar ? ` (COW war ${row.cowWar})` : ""}: under this reading the event is not part of it, and it does not bind`,
  },
  conum: {
    id: "atop-number-of-adversaries",
    label: (what) =>
      `ATOP codes this ${what} as depending on the number of adversaries (only a bilateral war, or only several attackers) without saying which: under this reading the count does not fit, and it does not bind`,
  },
  codem: {
    id: "atop-demands",
    label: (what) =>
      `ATOP codes this ${what} as conditional on demands set out in the treaty being met: under this reading they are not, and it does not bind`,
  },
};

const WHAT: Record<AtopObligation, string> = {
  defense: "defence pledge",
  offense: "offensive pledge",
  neutral: "neutrality pledge",
  nonagg: "non-aggression pledge",
  consul: "consultation pledge",
};

/** Full dates for the engine: a missing day or month is read as the first (documented; the party says so). */
function fullDate(partial: string): string {
  return partial.length === 4 ? `${partial}-01-01` : partial.length === 7 ? `${partial}-01` : partial;
}

interface Spec {
  kind: ProvisionKind;
  trigger?: Trigger;
  strength: Strength;
  readings: Reading[];
  variables: string[];
  phase: number;
}

/** What one member's row codes for one obligation, as a provision body (without obligors and id). */
export function provisionSpec(
  obligation: AtopObligation,
  row: AtopMembership,
  code: (cow: number) => string | null,
): Spec {
  const variables = [`${obligation}=1`];
  const flag = (suffix: string) => {
    const name = `${PREFIX[obligation]}${suffix}`;
    const on = row.conditions[name] === true;
    if (on) variables.push(`${name}=1`);
    return on;
  };
  const readings: Reading[] = [];
  const contested = (suffix: keyof typeof UNNAMED) => {
    const { id, label } = UNNAMED[suffix] as (typeof UNNAMED)[string];
    readings.push({ id, label: label(WHAT[obligation], row), changes: { void: true } });
  };
  let trigger: Trigger | undefined;
  if (obligation === "defense")
    trigger = { event: "armed-attack", by: { kind: "any-state", external: true } };
  if (obligation === "offense")
    trigger = { event: "state-of-war", by: { kind: "any-state", external: true } };
  if (obligation === "neutral")
    trigger = { event: "state-of-war", by: { kind: "any-state", external: true } };
  if (obligation === "consul") trigger = { event: "threat-of-attack", by: { kind: "any-state" } };
  if (trigger) {
    if (flag("coadv")) {
      const named = row.threats.map(code).filter((c): c is string => c !== null);
      if (named.length > 0) {
        trigger.by = { kind: "named", states: named };
        variables.push(...row.threats.map((t, i) => `statthr${i + 1}=${t}`));
      } else contested("coadv");
    }
    if (flag("coloc")) contested("coloc");
    if (flag("cocon")) contested("cocon");
    if (obligation !== "consul" && flag("conum")) contested("conum");
    if (obligation !== "consul" && flag("codem")) contested("codem");
    if ((obligation === "defense" || obligation === "neutral") && flag("conpr")) trigger.unprovoked = true;
    if (obligation === "neutral" && flag("coatt")) trigger.event = "armed-attack";
    if (obligation === "consul" && flag("coreq")) trigger.request = true;
  }
  if (row.otherLimit && obligation !== "nonagg") {
    variables.push("olimob=1");
    readings.push({
      id: "atop-other-limit",
      label: `ATOP codes a limit on this member's obligations that none of its condition flags describes (olimob=1): under this reading the event falls outside it, and the ${WHAT[obligation]} does not bind`,
      changes: { void: true },
    });
  }
  return {
    kind: KIND[obligation],
    ...(trigger ? { trigger } : {}),
    strength: STRENGTH[obligation],
    readings,
    variables,
    phase: row.phase,
  };
}

/** Member names for titles, as they were called when the alliance began. */
function title(alliance: AtopAlliance, registry: Registry): string {
  const first = alliance.members.filter((m) => m.entered === alliance.begin);
  const codes = [...new Set((first.length ? first : alliance.members).map((m) => m.member))];
  const names = codes
    .map((c) => registry.nameOn(`cow:${c}`, fullDate(alliance.begin)))
    .sort((a, b) => a.localeCompare(b));
  const listed =
    names.length <= 4 ? names.join(", ") : `${names.slice(0, 3).join(", ")} and ${names.length - 3} others`;
  return `ATOP alliance ${alliance.atopid}: ${listed} (${alliance.begin.slice(0, 4)})`;
}

function duration(alliance: AtopAlliance): Instrument["duration"] {
  const note = "ATOP's coding (speclgth, length), not read from the text.";
  if (alliance.lengthKind === 3) return { kind: "indefinite", note };
  if (alliance.lengthKind === 1)
    return {
      kind: "fixed-term",
      note: `${note} Initial term ${alliance.lengthMonths ?? "?"} months; the end date is ATOP's, not computed.`,
    };
  return { kind: "unspecified", note };
}

/** One party per unbroken spell of a member (phases that follow each other on the same day join up). */
function parties(alliance: AtopAlliance, code: (cow: number) => string): Party[] {
  const rows = [...alliance.members].sort(
    (a, b) => a.member - b.member || a.entered.localeCompare(b.entered),
  );
  const out: (Party & { cow: number })[] = [];
  for (const row of rows) {
    const joined = fullDate(row.entered);
    const left = row.exited ? fullDate(row.exited) : undefined;
    const last = out.at(-1);
    if (last && last.cow === row.member && last.left === joined) {
      if (left) last.left = left;
      else delete last.left;
      continue;
    }
    const partial = [row.entered, row.exited].some((d) => d !== null && d.length < 10);
    out.push({
      cow: row.member,
      party: code(row.member),
      joined,
      ...(left ? { left } : {}),
      source: ATOP_SOURCE_ID,
      ...(partial
        ? { note: "ATOP gives no day (or month) for a date here; the first of the month is used." }
        : {}),
    });
  }
  return out.map(({ cow: _cow, ...party }) => party);
}

/** The article's versions: one per stretch of time in which the same member rows are in force. */
function versions(alliance: AtopAlliance, code: (cow: number) => string | null): ArticleVersion[] {
  const rows = alliance.members.map((row) => ({
    row,
    from: fullDate(row.entered),
    to: row.exited ? fullDate(row.exited) : null,
  }));
  const cuts = [...new Set(rows.flatMap((r) => (r.to ? [r.from, r.to] : [r.from])))].sort();
  const out: ArticleVersion[] = [];
  cuts.forEach((from, i) => {
    const to = cuts[i + 1];
    const active = rows.filter((r) => r.from <= from && (r.to === null || r.to > from)).map((r) => r.row);
    const allMembers = new Set(active.map((r) => r.member));
    const groups = new Map<string, { spec: Spec; members: number[] }>();
    for (const row of active) {
      for (const obligation of Object.keys(KIND) as AtopObligation[]) {
        if (!row.obligations[obligation]) continue;
        const spec = provisionSpec(obligation, row, code);
        const key = JSON.stringify(spec);
        const group = groups.get(key) ?? { spec, members: [] };
        if (!group.members.includes(row.member)) group.members.push(row.member);
        groups.set(key, group);
      }
    }
    const perKind = new Map<ProvisionKind, number>();
    const sorted = [...groups.values()].sort(
      (a, b) => a.spec.kind.localeCompare(b.spec.kind) || (a.members[0] ?? 0) - (b.members[0] ?? 0),
    );
    for (const g of sorted) perKind.set(g.spec.kind, (perKind.get(g.spec.kind) ?? 0) + 1);
    const seen = new Map<ProvisionKind, number>();
    const provisions: Provision[] = sorted.map(({ spec, members }) => {
      const n = (seen.get(spec.kind) ?? 0) + 1;
      seen.set(spec.kind, n);
      const everyone = members.length === allMembers.size;
      const coded: Coded = {
        dataset: ATOP_DATASET,
        atopid: alliance.atopid,
        phase: spec.phase,
        members: [...members].sort((a, b) => a - b),
        variables: spec.variables,
      };
      return {
        id: (perKind.get(spec.kind) ?? 0) > 1 ? `${spec.kind}-${n}` : spec.kind,
        kind: spec.kind,
        obligors: everyone ? "parties" : members.map((m) => code(m) ?? `cow:${m}`),
        beneficiaries: "other-parties",
        ...(spec.trigger ? { trigger: spec.trigger } : {}),
        strength: spec.strength,
        paragraph: `phase ${spec.phase}`,
        coded,
        ...(spec.readings.length ? { readings: spec.readings } : {}),
      };
    });
    const phases = [...new Set(active.map((r) => r.phase))];
    out.push({
      from,
      ...(to ? { to } : {}),
      source: ATOP_SOURCE_ID,
      provisions,
      ...(phases.length ? { note: `ATOP phase ${phases.join(", ")}` } : { note: "no member in force" }),
    });
  });
  return out;
}

/** Derives one instrument per ATOP alliance. Member codes the registry does not know are kept and reported. */
export function deriveAtop(atop: AtopDataset, registry: Registry): DerivedAtop {
  const unknown: UnknownMember[] = [];
  const instruments: Instrument[] = [];
  const known = (cow: number) => registry.canonical(`cow:${cow}`) ?? null;
  for (const alliance of atop.alliances.values()) {
    for (const row of alliance.members) {
      if (!known(row.member))
        unknown.push({
          atopid: alliance.atopid,
          member: row.member,
          years: `${row.enteredYear}–${row.exitedYear ?? ATOP_LAST_YEAR}`,
        });
    }
    const code = (cow: number) => known(cow) ?? `cow:${cow}`;
    const begin = fullDate(alliance.begin);
    const end = alliance.end ? fullDate(alliance.end) : undefined;
    const symmetric = !alliance.members.some((m) => m.asymmetric || m.variesByPartner);
    instruments.push({
      id: `atop-${alliance.atopid}`,
      title: title(alliance, registry),
      kind: "agreement",
      legal_force: "binding",
      atopid: alliance.atopid,
      coded: {
        dataset: ATOP_DATASET,
        atopid: alliance.atopid,
        variables: ["begyr", "begmo", "begday", "endyr", "endmo", "endday", "speclgth", "length"],
        note: "Derived from ATOP's member-level coding, not read from the treaty text.",
      },
      dates: {
        signed: begin,
        in_force: begin,
        ...(end
          ? { terminated: end, termination_reason: "ATOP 5.1 codes the alliance as ended on this date" }
          : {}),
        source: ATOP_SOURCE_ID,
        note: `ATOP dates alliances by signature, not entry into force.${alliance.end ? "" : ` In force at the end of ATOP's coverage (${END_OF_COVERAGE}); later dates carry it forward, not re-verified.`}`,
      },
      duration: duration(alliance),
      parties: parties(alliance, code),
      sources: [
        {
          id: ATOP_SOURCE_ID,
          title: `ATOP 5.1 (Alliance Treaty Obligations and Provisions), alliance ${alliance.atopid}, member-level file atop5_1m.csv`,
          publisher: "Leeds et al., Alliance Treaty Obligations and Provisions project",
          date: "2022-08-09",
          url: "http://www.atopdata.org",
          note: `Codebook of 9 Aug 2022. Coded, not a quote: each provision lists the variables it was derived from.${symmetric ? "" : " The members' obligations differ (asymm) or vary by partner (obvary): who owes what to whom cannot be fully known from the member file."}`,
        },
      ],
      articles: [
        {
          number: "coding",
          label: "ATOP coding",
          subject: `What ATOP 5.1 codes each member as owing, by phase (atopid ${alliance.atopid}); no treaty text is encoded.`,
          versions: versions(alliance, known),
        },
      ],
    });
  }
  return { instruments, unknown };
}

/** Whether an instrument was derived from ATOP (then it cites ATOP, not a text). */
export function isAtopDerived(instrument: Instrument): boolean {
  return instrument.coded?.dataset === ATOP_DATASET;
}

/**
 * Where what casus says about an instrument on a date comes from: the library's text, ATOP's coding, or ATOP's
 * coding carried past the end of its coverage without re-verification.
 */
export type Provenance = "library" | "atop" | "carried_forward";

export function provenance(instrument: Instrument, date: string): Provenance {
  if (!isAtopDerived(instrument)) return "library";
  return date > END_OF_COVERAGE ? "carried_forward" : "atop";
}
