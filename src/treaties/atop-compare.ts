import { ATOP_OBLIGATIONS, type AtopDataset, type AtopObligation, memberSpells } from "../data/atop.js";
import type { Instrument, ProvisionKind } from "../model/instrument.js";
import type { Library } from "./library.js";

/** How a library provision kind shows in ATOP's obligation flags. */
const FLAG_OF: Partial<Record<ProvisionKind, AtopObligation>> = {
  defence: "defense",
  offence: "offense",
  neutrality: "neutral",
  "non-aggression": "nonagg",
  consultation: "consul",
};

export type DifferenceRule =
  /** ATOP dates membership by signature; the library by entry into force. */
  | "signature-dating"
  /** ATOP knows only the year or month; the library's day falls inside it. */
  | "partial-date";

export interface AtopDifference {
  instrument: string;
  atopid: number;
  /** A stable key for docs/atop-differences.md: `instrument: what member-or-flag`. */
  key: string;
  detail: string;
  /** Set when a general rule, documented once, explains the difference. */
  rule: DifferenceRule | null;
}

const END_OF_COVERAGE = "2018-12-31";

function sameUpToPrecision(atop: string, ours: string): boolean {
  return ours.startsWith(atop);
}

/** Every way an instrument with an `atopid` differs from its ATOP coding: members, dates, obligations. */
export function compareWithAtop(library: Library, atop: AtopDataset): AtopDifference[] {
  const out: AtopDifference[] = [];
  for (const instrument of library.instruments) {
    if (!instrument.atopid) continue;
    const alliance = atop.alliances.get(instrument.atopid);
    const add = (what: string, detail: string, rule: DifferenceRule | null = null) =>
      out.push({
        instrument: instrument.id,
        atopid: instrument.atopid as number,
        key: `${instrument.id}: ${what}`,
        detail,
        rule,
      });
    if (!alliance) {
      add("not in ATOP", `atopid ${instrument.atopid} is not in the ATOP files`);
      continue;
    }
    if (!sameUpToPrecision(alliance.begin, instrument.dates.signed)) {
      add("begin", `signed ${instrument.dates.signed}; ATOP begins ${alliance.begin}`);
    }
    const ended =
      instrument.dates.terminated && instrument.dates.terminated <= END_OF_COVERAGE
        ? instrument.dates.terminated
        : null;
    if ((alliance.end ?? null) !== null && ended === null)
      add("end", `ATOP ends it ${alliance.end}; the library has it in force after that`);
    if (alliance.end === null && ended !== null)
      add("end", `terminated ${ended}; ATOP has it in force at the end of 2018`);
    if (alliance.end && ended && !sameUpToPrecision(alliance.end, ended))
      add("end", `terminated ${ended}; ATOP ends it ${alliance.end}`);

    const spells = memberSpells(alliance);
    const ours = partyCows(library, instrument);
    for (const [cow, spell] of spells) {
      const mine = ours.get(cow);
      const code = library.registry.resolve(`cow:${cow}`)?.code ?? `cow:${cow}`;
      if (!mine) {
        add(`member ${code}`, `ATOP lists COW ${cow} (${library.registry.name(code)}); the library does not`);
        continue;
      }
      if (!sameUpToPrecision(spell.entered, mine.joined)) {
        const bySignature = spell.entered === instrument.dates.signed || spell.entered === mine.signed;
        add(
          `join ${code}`,
          `joined ${mine.joined}; ATOP ${spell.entered}`,
          bySignature ? "signature-dating" : null,
        );
      }
      // A member leaves when it withdraws or when the instrument ends; ATOP stops at the end of 2018.
      const exit = mine.left ?? ended ?? null;
      const myExit = exit && exit <= END_OF_COVERAGE ? exit : null;
      const sameExit =
        spell.exited === null ? myExit === null : myExit !== null && sameUpToPrecision(spell.exited, myExit);
      const explainedByEnd = !mine.left && spell.exited === alliance.end;
      if (!sameExit && !explainedByEnd) {
        add(
          `exit ${code}`,
          `left ${myExit ?? "(still a party at the end of 2018)"}; ATOP ${spell.exited ?? "(still a member at the end of 2018)"}`,
        );
      }
      for (const flag of ATOP_OBLIGATIONS) {
        const atopHas = spell.obligations.has(flag);
        const weHave = mine.flags.has(flag);
        if (atopHas !== weHave)
          add(
            `${flag} ${code}`,
            `ATOP ${flag}=${atopHas ? 1 : 0}; the library ${weHave ? "encodes" : "does not encode"} it for ${code}`,
          );
      }
    }
    for (const [cow] of ours) {
      if (!spells.has(cow)) {
        const code = library.registry.resolve(`cow:${cow}`)?.code ?? `cow:${cow}`;
        add(`member ${code}`, `the library lists ${code}; ATOP does not`);
      }
    }
  }
  return mergeFlagRows(out);
}

/** One row per instrument and flag, rather than one per member, when every member differs the same way. */
function mergeFlagRows(rows: AtopDifference[]): AtopDifference[] {
  const out: AtopDifference[] = [];
  const flagRows = new Map<string, AtopDifference[]>();
  for (const row of rows) {
    const match = new RegExp(`^(.*): (${ATOP_OBLIGATIONS.join("|")}) (\\S+)$`).exec(row.key);
    if (!match) {
      out.push(row);
      continue;
    }
    const key = `${match[1]}: ${match[2]}`;
    flagRows.set(key, [...(flagRows.get(key) ?? []), row]);
  }
  for (const [key, list] of flagRows) {
    const first = list[0] as AtopDifference;
    const who = list.map((r) => r.key.split(" ").at(-1)).join(", ");
    out.push({ ...first, key, detail: `${first.detail.replace(/ for \S+$/, "")} for ${who}` });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

function partyCows(library: Library, instrument: Instrument) {
  const out = new Map<
    number,
    { joined: string; left: string | undefined; signed: string | undefined; flags: Set<AtopObligation> }
  >();
  const kindsFor = (code: string) => {
    const flags = new Set<AtopObligation>();
    const visit = (provisions: Instrument["articles"][number]["provisions"]) => {
      for (const p of provisions ?? []) {
        const flag = FLAG_OF[p.kind];
        if (!flag) continue;
        const obligors = Array.isArray(p.obligors)
          ? p.obligors.map((o) => library.registry.canonical(o))
          : null;
        if (!obligors || obligors.includes(code)) flags.add(flag);
      }
    };
    for (const article of [...instrument.articles, ...(instrument.parts ?? []).flatMap((p) => p.articles)]) {
      visit(article.provisions);
      for (const v of article.versions ?? []) visit(v.provisions);
    }
    return flags;
  };
  for (const party of library.parties(instrument)) {
    const resolved = library.registry.resolve(party.party);
    if (resolved?.kind !== "state") continue;
    const joined = party.joined ?? instrument.dates.in_force ?? instrument.dates.signed;
    const existing = out.get(resolved.state.cow);
    // A state with two spells (left and rejoined) keeps its first entry and its last exit.
    out.set(resolved.state.cow, {
      joined: existing && existing.joined < joined ? existing.joined : joined,
      left: existing
        ? existing.left === undefined || party.left === undefined
          ? undefined
          : [party.left, existing.left].sort().at(-1)
        : party.left,
      signed: party.signed ?? existing?.signed,
      flags: kindsFor(resolved.code),
    });
  }
  return out;
}
