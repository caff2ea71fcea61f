import {
  ATOP_LAST_YEAR,
  ATOP_OBLIGATIONS,
  type AtopDataset,
  type AtopObligation,
  lastObligationYear,
} from "../data/atop.js";
import type { Instrument } from "../model/instrument.js";
import type { Registry } from "../states/registry.js";
import type { Library } from "../treaties/library.js";
import { END_OF_COVERAGE, isAtopDerived } from "./derive.js";
import { edgesOn, NETWORK_KINDS, type NetworkKind } from "./network.js";

/**
 * Dyad-years built from columns: typed arrays per column, one year's states at a time, never one object
 * per row. The ATOP columns follow peacesciencer's names and ATOP's own member-file coding; the casus columns
 * give casus's reading (the library where it has the alliance, ATOP's derived instruments otherwise).
 */

/** The first year of the COW state system, and of ATOP's dyadic coverage. */
export const FIRST_YEAR = 1816;
/** A missing value in a 0/1 column (ATOP's columns outside 1816–2018). */
export const MISSING = 255;

/** ATOP's five obligations as bits of one byte, in peacesciencer's column order. */
export const ATOP_COLUMNS = [
  "atop_defense",
  "atop_offense",
  "atop_neutral",
  "atop_nonagg",
  "atop_consul",
] as const;
const BIT: Record<AtopObligation, number> = { defense: 1, offense: 2, neutral: 4, nonagg: 8, consul: 16 };

/** The states of the COW system in each year: members at any time in the year, as sorted COW codes. */
export interface SystemYears {
  from: number;
  to: number;
  states: Int16Array[];
}

export function systemYears(registry: Registry, from: number, to: number): SystemYears {
  const lists: number[][] = Array.from({ length: to - from + 1 }, () => []);
  for (const state of registry.states) {
    for (const spell of state.spells) {
      const first = Math.max(from, Number(spell.from.slice(0, 4)));
      const last = Math.min(to, spell.to ? Number(spell.to.slice(0, 4)) : to);
      for (let y = first; y <= last; y++) {
        const list = lists[y - from] as number[];
        if (!list.includes(state.cow)) list.push(state.cow);
      }
    }
  }
  return { from, to, states: lists.map((l) => Int16Array.from(l.sort((a, b) => a - b))) };
}

/** ATOP's member rows as columns: the input of the dyad build (derived once from the parsed files). */
export interface AtopRows {
  count: number;
  atopid: Int32Array;
  member: Int16Array;
  /** First year of membership. */
  first: Int16Array;
  /** Last year the row's obligations count in (the phase hand-over rule of `lastObligationYear`). */
  lastFlag: Int16Array;
  /** Last year of membership (2018 while in force). */
  lastMember: Int16Array;
  flags: Uint8Array;
  /** 1: the member's obligations vary by partner (obvary); 2: the alliance is asymmetric (asymm). */
  direction: Uint8Array;
}

export function atopRows(atop: AtopDataset): AtopRows {
  const rows = [...atop.alliances.values()].flatMap((a) => a.members.map((m) => ({ a, m })));
  const out: AtopRows = {
    count: rows.length,
    atopid: new Int32Array(rows.length),
    member: new Int16Array(rows.length),
    first: new Int16Array(rows.length),
    lastFlag: new Int16Array(rows.length),
    lastMember: new Int16Array(rows.length),
    flags: new Uint8Array(rows.length),
    direction: new Uint8Array(rows.length),
  };
  rows.forEach(({ a, m }, i) => {
    out.atopid[i] = a.atopid;
    out.member[i] = m.member;
    out.first[i] = m.enteredYear;
    out.lastFlag[i] = lastObligationYear(a, m);
    out.lastMember[i] = m.exitedYear ?? ATOP_LAST_YEAR;
    let flags = 0;
    for (const o of ATOP_OBLIGATIONS) if (m.obligations[o]) flags |= BIT[o];
    out.flags[i] = flags;
    out.direction[i] = (m.variesByPartner ? 1 : 0) | (m.asymmetric ? 2 : 0);
  });
  return out;
}

export interface DyadColumns {
  length: number;
  directed: boolean;
  ccode1: Int16Array;
  ccode2: Int16Array;
  year: Int16Array;
  /** atop_defense … atop_consul: 0, 1, or MISSING outside ATOP's years. */
  atop: Uint8Array[];
  /** 1 where a flag of the row comes from an alliance whose direction the member file cannot give. */
  atopDirectionUnknown: Uint8Array;
  /** Where each year's rows start (and the states of that year): the casus columns follow the same layout. */
  years: { year: number; start: number; states: Int16Array }[];
}

/** Rows of a year: every ordered pair (directed) or every pair once, lower code first (non-directed). */
function rowsIn(n: number, directed: boolean): number {
  return directed ? n * (n - 1) : (n * (n - 1)) / 2;
}

/**
 * ATOP's columns for every dyad-year of the system. A directed dyad-year (A, B, y) carries A's flags where both
 * are members of the same alliance (any phase) at any time in y, entry and exit years included, with A's
 * flags taken from its rows in force that year. Non-directed rows carry either direction.
 */
export function buildAtopDyads(
  system: SystemYears,
  rows: AtopRows,
  options: { directed: boolean; onYear?: (year: number) => void },
): DyadColumns {
  const { directed } = options;
  const { from, to } = system;
  // Every (year, alliance, member) in ATOP's years, packed into one sortable number with its flags.
  const lastAtop = Math.min(to, ATOP_LAST_YEAR);
  let entries = 0;
  for (let r = 0; r < rows.count; r++) {
    const first = Math.max(from, rows.first[r] as number);
    const last = Math.min(lastAtop, rows.lastMember[r] as number);
    if (last >= first) entries += last - first + 1;
  }
  const keys = new Float64Array(entries);
  let e = 0;
  for (let r = 0; r < rows.count; r++) {
    const first = Math.max(from, rows.first[r] as number);
    const last = Math.min(lastAtop, rows.lastMember[r] as number);
    const lastFlag = rows.lastFlag[r] as number;
    const base = (rows.atopid[r] as number) * 16384 + (rows.member[r] as number);
    for (let y = first; y <= last; y++) {
      const flags = y <= lastFlag ? (rows.flags[r] as number) : 0;
      keys[e++] = (((y - from) * 8192 * 16384 + base) * 32 + flags) * 4 + (rows.direction[r] as number);
    }
  }
  keys.sort();

  let total = 0;
  for (const states of system.states) total += rowsIn(states.length, directed);
  const out: DyadColumns = {
    length: total,
    directed,
    ccode1: new Int16Array(total),
    ccode2: new Int16Array(total),
    year: new Int16Array(total),
    atop: ATOP_COLUMNS.map(() => new Uint8Array(total)),
    atopDirectionUnknown: new Uint8Array(total),
    years: [],
  };
  const [def, off, neu, non, con] = out.atop as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  const index = new Int16Array(16384).fill(-1);
  const groupMembers = new Int32Array(256);
  const groupFlags = new Uint8Array(256);
  const groupDirection = new Uint8Array(256);
  let k = 0;
  let cursor = 0;
  for (let y = from; y <= to; y++) {
    const states = system.states[y - from] as Int16Array;
    const n = states.length;
    out.years.push({ year: y, start: k, states });
    for (let i = 0; i < n; i++) index[states[i] as number] = i;
    const covered = y >= FIRST_YEAR && y <= ATOP_LAST_YEAR;
    const flags = new Uint8Array(n * n);
    const unknown = new Uint8Array(n * n);
    // This year's entries, one alliance at a time.
    const yearKey = (y - from) * 8192 * 16384;
    const nextYearKey = yearKey + 8192 * 16384;
    while (cursor < entries && (keys[cursor] as number) / 128 < nextYearKey) {
      const alliance = Math.floor(((keys[cursor] as number) / 128 - yearKey) / 16384);
      let size = 0;
      while (cursor < entries) {
        const key = keys[cursor] as number;
        const packed = Math.floor(key / 128) - yearKey;
        if (Math.floor(packed / 16384) !== alliance) break;
        const member = packed % 16384;
        const rest = key % 128;
        if (size > 0 && groupMembers[size - 1] === member) {
          groupFlags[size - 1] = (groupFlags[size - 1] as number) | (rest >> 2);
          groupDirection[size - 1] = (groupDirection[size - 1] as number) | (rest & 3);
        } else {
          groupMembers[size] = member;
          groupFlags[size] = rest >> 2;
          groupDirection[size] = rest & 3;
          size++;
        }
        cursor++;
      }
      for (let a = 0; a < size; a++) {
        const fa = groupFlags[a] as number;
        const ia = index[groupMembers[a] as number] as number;
        if (fa === 0 || ia < 0) continue;
        const da = groupDirection[a] as number;
        const uncertain = (da & 1) !== 0 || ((da & 2) !== 0 && size > 2) ? 1 : 0;
        for (let b = 0; b < size; b++) {
          const ib = index[groupMembers[b] as number] as number;
          if (b === a || ib < 0) continue;
          const cell = ia * n + ib;
          flags[cell] = (flags[cell] as number) | fa;
          unknown[cell] = (unknown[cell] as number) | uncertain;
        }
      }
    }
    for (let i = 0; i < n; i++) {
      for (let j = directed ? 0 : i + 1; j < n; j++) {
        if (i === j) continue;
        out.ccode1[k] = states[i] as number;
        out.ccode2[k] = states[j] as number;
        out.year[k] = y;
        if (!covered) {
          def[k] = off[k] = neu[k] = non[k] = con[k] = MISSING;
          out.atopDirectionUnknown[k] = MISSING;
        } else {
          const v = directed
            ? (flags[i * n + j] as number)
            : (flags[i * n + j] as number) | (flags[j * n + i] as number);
          def[k] = v & 1;
          off[k] = (v >> 1) & 1;
          neu[k] = (v >> 2) & 1;
          non[k] = (v >> 3) & 1;
          con[k] = (v >> 4) & 1;
          out.atopDirectionUnknown[k] =
            v === 0
              ? 0
              : directed
                ? (unknown[i * n + j] as number)
                : (unknown[i * n + j] as number) | (unknown[j * n + i] as number);
        }
        k++;
      }
    }
    for (let i = 0; i < n; i++) index[states[i] as number] = -1;
    options.onYear?.(y);
  }
  return out;
}

/** The naive build the benchmark compares with: one object per dyad-year, flags looked up by a string key. */
export function buildAtopDyadsNaive(system: SystemYears, atop: AtopDataset): Record<string, number>[] {
  const flags = new Map<string, number>();
  for (const alliance of atop.alliances.values()) {
    for (const a of alliance.members) {
      const lastFlag = lastObligationYear(alliance, a);
      for (const b of alliance.members) {
        if (a.member === b.member) continue;
        const first = Math.max(a.enteredYear, b.enteredYear);
        const last = Math.min(a.exitedYear ?? ATOP_LAST_YEAR, b.exitedYear ?? ATOP_LAST_YEAR, lastFlag);
        for (let y = first; y <= last; y++) {
          const key = `${a.member}-${b.member}-${y}`;
          let v = flags.get(key) ?? 0;
          for (const o of ATOP_OBLIGATIONS) if (a.obligations[o]) v |= BIT[o];
          flags.set(key, v);
        }
      }
    }
  }
  const out: Record<string, number>[] = [];
  for (let y = system.from; y <= system.to; y++) {
    for (const c1 of system.states[y - system.from] as Int16Array) {
      for (const c2 of system.states[y - system.from] as Int16Array) {
        if (c1 === c2) continue;
        const v = flags.get(`${c1}-${c2}-${y}`) ?? 0;
        out.push({
          ccode1: c1,
          ccode2: c2,
          year: y,
          atop_defense: v & 1,
          atop_offense: (v >> 1) & 1,
          atop_neutral: (v >> 2) & 1,
          atop_nonagg: (v >> 3) & 1,
          atop_consul: (v >> 4) & 1,
        });
      }
    }
  }
  return out;
}

/** casus's columns, parallel to the ATOP ones; the only ones that continue after 2018. */
export const CASUS_KINDS: readonly [NetworkKind, string][] = [
  ["defence", "casus_defense"],
  ["offence", "casus_offense"],
  ["neutrality", "casus_neutral"],
  ["non-aggression", "casus_nonagg"],
  ["consultation", "casus_consul"],
];
/** Obligations that can be conditional (non-aggression has no conditions in ATOP's coding). */
export const CONDITIONAL_KINDS = ["casus_defense", "casus_offense", "casus_neutral", "casus_consul"] as const;

export type CasusSource = "library" | "atop" | "carried_forward";
const SOURCE_BIT = { library: 1, atop: 2, carried_forward: 4 } as const;

export interface CasusColumns {
  /** casus_defense … casus_consul: 0 or 1. */
  obligations: Uint8Array[];
  /** casus_defense_conditional …: 1 where every such obligation is conditional, 0 where one is not, MISSING where none. */
  conditional: Uint8Array[];
  /** Bits of SOURCE_BIT; 0 where there is no obligation. */
  sources: Uint8Array;
  /** The instruments behind each row with an obligation (ids, space-separated), by row. */
  instruments: Map<number, string>;
}

/** The weakest source of a row, for `casus_source`: carried forward over ATOP over the library. */
export function sourceName(bits: number): CasusSource | null {
  if (bits & SOURCE_BIT.carried_forward) return "carried_forward";
  if (bits & SOURCE_BIT.atop) return "atop";
  if (bits & SOURCE_BIT.library) return "library";
  return null;
}

interface Span {
  first: number;
  last: number;
  a: number;
  b: number;
  kind: number;
  conditional: boolean;
  instrument: number;
  coded: boolean;
}

function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Every change of an instrument's obligations: its dates, its parties' joins, leaves and system spells. */
function changeDates(library: Library, instrument: Instrument): string[] {
  const dates = new Set<string>([instrument.dates.signed]);
  const add = (d: string | undefined) => d && dates.add(d);
  add(instrument.dates.in_force);
  add(library.endOf(instrument));
  for (const p of library.parties(instrument)) {
    add(p.joined);
    add(p.left);
    const resolved = library.registry.resolve(p.party);
    if (resolved?.kind === "state")
      for (const spell of resolved.state.spells) {
        add(spell.from);
        if (spell.to) add(dayAfter(spell.to));
      }
  }
  for (const article of instrument.articles)
    for (const v of article.versions ?? []) {
      add(v.from);
      add(v.to);
    }
  for (const s of instrument.suspensions ?? []) {
    add(s.from);
    add(s.to);
  }
  return [...dates].sort();
}

/** Each obligation of each instrument over the years it holds, as COW-coded spans. */
export function casusSpans(library: Library): { spans: Span[]; instruments: string[] } {
  const spans: Span[] = [];
  const ids: string[] = [];
  const cowOf = (code: string): number | null => {
    const resolved = library.registry.resolve(code);
    if (resolved?.kind === "state") return resolved.state.cow;
    const m = /^cow:(\d+)$/.exec(code);
    return m ? Number(m[1]) : null;
  };
  for (const instrument of library.instruments) {
    const index = ids.length;
    ids.push(instrument.id);
    const dates = changeDates(library, instrument);
    dates.forEach((date, i) => {
      const next = dates[i + 1];
      const first = Number(date.slice(0, 4));
      const last = next ? Number(next.slice(0, 4)) - (next.slice(5) === "01-01" ? 1 : 0) : 9999;
      if (last < first) return;
      for (const edge of edgesOn(library, instrument, date)) {
        const a = cowOf(edge.obligor);
        const b = cowOf(edge.beneficiary);
        if (a === null || b === null) continue;
        spans.push({
          first,
          last,
          a,
          b,
          kind: NETWORK_KINDS.indexOf(edge.kind),
          conditional: edge.conditions.length + edge.contested.length > 0,
          instrument: index,
          coded: isAtopDerived(instrument),
        });
      }
    });
  }
  return { spans, instruments: ids };
}

/**
 * casus's columns for the same rows. ATOP-derived obligations still in force at the end of 2018 are carried
 * forward (source `carried_forward`) unless `carryForward` is false; the library's instruments, which record
 * later changes (NATO's accessions, the 2024 Russia–DPRK treaty), apply on their own dates.
 */
export function casusColumns(
  dyads: DyadColumns,
  library: Library,
  options: { carryForward: boolean; onYear?: (year: number) => void },
): CasusColumns {
  const { spans, instruments } = casusSpans(library);
  const out: CasusColumns = {
    obligations: CASUS_KINDS.map(() => new Uint8Array(dyads.length)),
    conditional: CONDITIONAL_KINDS.map(() => new Uint8Array(dyads.length).fill(MISSING)),
    sources: new Uint8Array(dyads.length),
    instruments: new Map(),
  };
  const lastCoded = Number(END_OF_COVERAGE.slice(0, 4));
  const index = new Int16Array(16384).fill(-1);
  // The spans of each year, found once (a span lasts many years; testing every span every year is slow).
  const first = dyads.years[0]?.year ?? 0;
  const byYear: number[][] = dyads.years.map(() => []);
  spans.forEach((span, i) => {
    const last = Math.min(span.last, first + byYear.length - 1);
    for (let y = Math.max(span.first, first); y <= last; y++) (byYear[y - first] as number[]).push(i);
  });
  for (const { year, start, states } of dyads.years) {
    const n = states.length;
    for (let i = 0; i < n; i++) index[states[i] as number] = i;
    const present = new Uint8Array(n * n);
    const unconditional = new Uint8Array(n * n);
    const source = new Uint8Array(n * n);
    const cellInstruments = new Map<number, Set<number>>();
    for (const i of byYear[year - first] as number[]) {
      const span = spans[i] as Span;
      if (span.coded && year > lastCoded && !options.carryForward) continue;
      const ia = index[span.a] ?? -1;
      const ib = index[span.b] ?? -1;
      if (ia < 0 || ib < 0) continue;
      const cell = ia * n + ib;
      const bit = 1 << span.kind;
      present[cell] = (present[cell] as number) | bit;
      if (!span.conditional) unconditional[cell] = (unconditional[cell] as number) | bit;
      source[cell] =
        (source[cell] as number) |
        (span.coded ? (year > lastCoded ? SOURCE_BIT.carried_forward : SOURCE_BIT.atop) : SOURCE_BIT.library);
      const set = cellInstruments.get(cell) ?? new Set<number>();
      set.add(span.instrument);
      cellInstruments.set(cell, set);
    }
    let k = start;
    for (let i = 0; i < n; i++) {
      for (let j = dyads.directed ? 0 : i + 1; j < n; j++) {
        if (i === j) continue;
        const c1 = i * n + j;
        const c2 = dyads.directed ? c1 : j * n + i;
        const p = (present[c1] as number) | (present[c2] as number);
        if (p === 0) {
          k++;
          continue;
        }
        const u = (unconditional[c1] as number) | (unconditional[c2] as number);
        const s = (source[c1] as number) | (source[c2] as number);
        const ids = new Set<number>([...(cellInstruments.get(c1) ?? []), ...(cellInstruments.get(c2) ?? [])]);
        CASUS_KINDS.forEach((_, kind) => {
          (out.obligations[kind] as Uint8Array)[k] = (p >> kind) & 1;
        });
        CONDITIONAL_KINDS.forEach((_, c) => {
          // Non-aggression (bit 3) has no conditional column: defence, offence, neutrality, consultation.
          const kind = c < 3 ? c : 4;
          if ((p >> kind) & 1) (out.conditional[c] as Uint8Array)[k] = (u >> kind) & 1 ? 0 : 1;
        });
        out.sources[k] = s;
        out.instruments.set(
          k,
          [...ids]
            .map((id) => instruments[id])
            .sort()
            .join(" "),
        );
        k++;
      }
    }
    for (let i = 0; i < n; i++) index[states[i] as number] = -1;
    options.onYear?.(year);
  }
  return out;
}
