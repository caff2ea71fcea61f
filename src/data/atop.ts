import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv } from "./csv.js";

/**
 * A reader for the Alliance Treaty Obligations and Provisions data, version 5.1 (Leeds et al. 2002;
 * codebook of 9 Aug 2022). The user points it at their own copy: casus ships none of the data.
 */

export const ATOP_OBLIGATIONS = ["defense", "offense", "neutral", "nonagg", "consul"] as const;
export type AtopObligation = (typeof ATOP_OBLIGATIONS)[number];

/** The member-level condition flags, by obligation (codebook §2.2). */
export const ATOP_CONDITIONS = {
  defense: ["defcoadv", "defcoloc", "defcocon", "defconum", "defcodem", "defconpr"],
  offense: ["offcoadv", "offcoloc", "offcocon", "offconum", "offcodem"],
  neutral: ["neucoadv", "neucoloc", "neucocon", "neuconum", "neucodem", "neuconpr", "neucoatt"],
  nonagg: [],
  consul: ["concoadv", "concoloc", "concocon", "concoreq"],
} as const satisfies Record<AtopObligation, readonly string[]>;

/** One member of one alliance in one phase. Dates are ISO; a missing day or month is left out (`1879-10`). */
export interface AtopMembership {
  atopid: number;
  member: number;
  phase: number;
  entered: string;
  /** null: still a member at the end of ATOP's coverage (31 Dec 2018). */
  exited: string | null;
  obligations: Record<AtopObligation, boolean>;
  conditions: Record<string, boolean>;
}

export interface AtopAlliance {
  atopid: number;
  begin: string;
  end: string | null;
  bilateral: boolean;
  members: AtopMembership[];
}

export interface AtopDataset {
  dir: string;
  alliances: Map<number, AtopAlliance>;
}

export const ATOP_FILES = { alliances: "atop5_1a.csv", members: "atop5_1m.csv" } as const;

export class AtopError extends Error {}

function date(year: string | undefined, month: string | undefined, day: string | undefined): string | null {
  const y = Number(year);
  if (!y) return null;
  const m = Number(month);
  const d = Number(day);
  const pad = (n: number) => String(n).padStart(2, "0");
  return m ? (d ? `${y}-${pad(m)}-${pad(d)}` : `${y}-${pad(m)}`) : `${y}`;
}

/** Reads ATOP 5.1 from a directory holding `atop5_1a.csv` and `atop5_1m.csv`. */
export function loadAtop(dir: string): AtopDataset {
  for (const file of Object.values(ATOP_FILES)) {
    if (!existsSync(join(dir, file)))
      throw new AtopError(
        `${join(dir, file)}: not found (ATOP 5.1 files are needed: ${Object.values(ATOP_FILES).join(", ")})`,
      );
  }
  const alliances = new Map<number, AtopAlliance>();
  for (const row of parseCsv(readFileSync(join(dir, ATOP_FILES.alliances), "utf8"))) {
    const atopid = Number(row.atopid);
    const begin = date(row.begyr, row.begmo, row.begday);
    if (!atopid || !begin)
      throw new AtopError(`${ATOP_FILES.alliances}: row with atopid "${row.atopid}" has no begin date`);
    alliances.set(atopid, {
      atopid,
      begin,
      end: date(row.endyr, row.endmo, row.endday),
      bilateral: row.bilat === "1",
      members: [],
    });
  }
  for (const row of parseCsv(readFileSync(join(dir, ATOP_FILES.members), "utf8"))) {
    const alliance = alliances.get(Number(row.atopid));
    if (!alliance)
      throw new AtopError(`${ATOP_FILES.members}: atopid ${row.atopid} is not in ${ATOP_FILES.alliances}`);
    const flag = (name: string) => row[name] === "1";
    const conditions: Record<string, boolean> = {};
    for (const list of Object.values(ATOP_CONDITIONS)) for (const name of list) conditions[name] = flag(name);
    alliance.members.push({
      atopid: alliance.atopid,
      member: Number(row.member),
      phase: Number(row.phase) || 0,
      entered: date(row.yrent, row.moent, row.dayent) ?? alliance.begin,
      exited: date(row.yrexit, row.moexit, row.dayexit),
      obligations: Object.fromEntries(ATOP_OBLIGATIONS.map((o) => [o, flag(o)])) as Record<
        AtopObligation,
        boolean
      >,
      conditions,
    });
  }
  return { dir, alliances };
}

/** A member's whole spell in an alliance, over its phases: first entry, last exit, every obligation it ever had. */
export function memberSpells(
  alliance: AtopAlliance,
): Map<number, { entered: string; exited: string | null; obligations: Set<AtopObligation> }> {
  const out = new Map<number, { entered: string; exited: string | null; obligations: Set<AtopObligation> }>();
  for (const m of alliance.members) {
    const spell = out.get(m.member) ?? {
      entered: m.entered,
      exited: m.exited,
      obligations: new Set<AtopObligation>(),
    };
    if (m.entered < spell.entered) spell.entered = m.entered;
    spell.exited =
      spell.exited === null || m.exited === null ? null : m.exited > spell.exited ? m.exited : spell.exited;
    for (const o of ATOP_OBLIGATIONS) if (m.obligations[o]) spell.obligations.add(o);
    out.set(m.member, spell);
  }
  return out;
}
