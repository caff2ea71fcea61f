import { createHash } from "node:crypto";
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

/** The last year ATOP 5.1 covers: an exit year of 0 means still in force on 31 Dec of this year. */
export const ATOP_LAST_YEAR = 2018;
export const ATOP_DATASET = "ATOP 5.1";

/** One member of one alliance in one phase. Dates are ISO; a missing day or month is left out (`1879-10`). */
export interface AtopMembership {
  atopid: number;
  member: number;
  phase: number;
  entered: string;
  /** null: still a member at the end of ATOP's coverage (31 Dec 2018). */
  exited: string | null;
  enteredYear: number;
  /** null: still a member at the end of 2018 (`yrexit` 0). */
  exitedYear: number | null;
  obligations: Record<AtopObligation, boolean>;
  conditions: Record<string, boolean>;
  /** `cowsys`: a member of the COW state system when it signed. */
  inSystem: boolean;
  /** `asymm`: the members' obligations or conditions differ. */
  asymmetric: boolean;
  /** `obvary`: this member owes different things to different partners. */
  variesByPartner: boolean;
  /** `olimob`: a limit on its obligations not covered by the condition flags. */
  otherLimit: boolean;
  /** `statthr1`, `statthr2`: COW codes of the named threatening states (none when 0 or blank). */
  threats: number[];
  /** `cowwar`: the COW war a wartime alliance belongs to, where given. */
  cowWar: number | null;
}

export interface AtopPhase {
  phase: number;
  begin: string;
  end: string | null;
}

export interface AtopAlliance {
  atopid: number;
  begin: string;
  end: string | null;
  bilateral: boolean;
  /** `speclgth`: 0 none specified, 1 fixed term, 2 until a condition, 3 indefinite; null when blank. */
  lengthKind: number | null;
  /** `length`: months of the initial term, where fixed. */
  lengthMonths: number | null;
  phases: AtopPhase[];
  members: AtopMembership[];
}

export interface AtopDataset {
  dir: string;
  alliances: Map<number, AtopAlliance>;
  /** The `version` column of the member file (5.1). */
  version: string;
  /** SHA-256 of each file read, by file name: what a cache is keyed by and the sidecar reports. */
  checksums: Record<string, string>;
}

export const ATOP_FILES = {
  alliances: "atop5_1a.csv",
  members: "atop5_1m.csv",
  phases: "atop5_1aph.csv",
} as const;

export class AtopError extends Error {}

function date(year: string | undefined, month: string | undefined, day: string | undefined): string | null {
  const y = Number(year);
  if (!y) return null;
  const m = Number(month);
  const d = Number(day);
  const pad = (n: number) => String(n).padStart(2, "0");
  return m ? (d ? `${y}-${pad(m)}-${pad(d)}` : `${y}-${pad(m)}`) : `${y}`;
}

/** The files' paths, or an error naming the first one missing. */
export function atopPaths(dir: string): Record<keyof typeof ATOP_FILES, string> {
  for (const file of Object.values(ATOP_FILES)) {
    if (!existsSync(join(dir, file)))
      throw new AtopError(
        `${join(dir, file)}: not found (ATOP 5.1 files are needed: ${Object.values(ATOP_FILES).join(", ")}; see the README, "Getting ATOP")`,
      );
  }
  return {
    alliances: join(dir, ATOP_FILES.alliances),
    members: join(dir, ATOP_FILES.members),
    phases: join(dir, ATOP_FILES.phases),
  };
}

export function sha256(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export type AtopFiles = Record<keyof typeof ATOP_FILES, Buffer>;

/** The three files' bytes, read once (a cache key is their checksum; parsing reuses them). */
export function readAtopFiles(dir: string): AtopFiles {
  const paths = atopPaths(dir);
  return {
    alliances: readFileSync(paths.alliances),
    members: readFileSync(paths.members),
    phases: readFileSync(paths.phases),
  };
}

/** Reads ATOP 5.1 from a directory holding `atop5_1a.csv`, `atop5_1m.csv` and `atop5_1aph.csv`. */
export function loadAtop(dir: string, files: AtopFiles = readAtopFiles(dir)): AtopDataset {
  const checksums: Record<string, string> = {};
  const read = (key: keyof typeof ATOP_FILES) => {
    checksums[ATOP_FILES[key]] = sha256(files[key]);
    return parseCsv(files[key].toString("utf8"));
  };
  const alliances = new Map<number, AtopAlliance>();
  for (const row of read("alliances")) {
    const atopid = Number(row.atopid);
    const begin = date(row.begyr, row.begmo, row.begday);
    if (!atopid || !begin)
      throw new AtopError(`${ATOP_FILES.alliances}: row with atopid "${row.atopid}" has no begin date`);
    alliances.set(atopid, {
      atopid,
      begin,
      end: date(row.endyr, row.endmo, row.endday),
      bilateral: row.bilat === "1",
      lengthKind: row.speclgth === "" || row.speclgth === undefined ? null : Number(row.speclgth),
      lengthMonths: Number(row.length) || null,
      phases: [],
      members: [],
    });
  }
  for (const row of read("phases")) {
    const alliance = alliances.get(Number(row.atopid));
    const begin = date(row.begyr, row.begmo, row.begday);
    if (!alliance || !begin)
      throw new AtopError(`${ATOP_FILES.phases}: phase ${row.atopidphase} has no alliance or no begin date`);
    alliance.phases.push({
      phase: Number(row.phase) || 0,
      begin,
      end: date(row.endyr, row.endmo, row.endday),
    });
  }
  let version = "";
  let line = 1;
  for (const row of read("members")) {
    line++;
    const alliance = alliances.get(Number(row.atopid));
    if (!alliance)
      throw new AtopError(
        `${ATOP_FILES.members}:${line}: atopid ${row.atopid} is not in ${ATOP_FILES.alliances}`,
      );
    const entered = date(row.yrent, row.moent, row.dayent) ?? alliance.begin;
    const member = Number(row.member);
    if (!member) throw new AtopError(`${ATOP_FILES.members}:${line}: no member code`);
    version ||= row.version ?? "";
    const flag = (name: string) => row[name] === "1";
    const conditions: Record<string, boolean> = {};
    for (const list of Object.values(ATOP_CONDITIONS)) for (const name of list) conditions[name] = flag(name);
    conditions.olimob = flag("olimob");
    const exitedYear = Number(row.yrexit) || null;
    alliance.members.push({
      atopid: alliance.atopid,
      member,
      phase: Number(row.phase) || 0,
      entered,
      exited: date(row.yrexit, row.moexit, row.dayexit),
      enteredYear: Number(entered.slice(0, 4)),
      exitedYear,
      obligations: Object.fromEntries(ATOP_OBLIGATIONS.map((o) => [o, flag(o)])) as Record<
        AtopObligation,
        boolean
      >,
      conditions,
      inSystem: flag("cowsys"),
      asymmetric: flag("asymm"),
      variesByPartner: flag("obvary"),
      otherLimit: flag("olimob"),
      threats: [Number(row.statthr1), Number(row.statthr2)].filter((c) => c > 0),
      cowWar: Number(row.cowwar) || null,
    });
  }
  return { dir, alliances, version: version || "5.1", checksums };
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
      spell.exited === null || m.exited === null ? null : ([spell.exited, m.exited].sort().at(-1) ?? null);
    for (const o of ATOP_OBLIGATIONS) if (m.obligations[o]) spell.obligations.add(o);
    out.set(m.member, spell);
  }
  return out;
}

/**
 * The last year a member row's obligations count in (ATOP's state-year rule, reproduced exactly by the
 * tests): its exit year, or 2018 while in force, except where the same member goes straight on into another
 * phase of the alliance on its exit date, when the exit year belongs to the new phase only.
 */
export function lastObligationYear(alliance: AtopAlliance, row: AtopMembership): number {
  if (row.exitedYear === null) return ATOP_LAST_YEAR;
  const handedOver = alliance.members.some(
    (other) => other !== row && other.member === row.member && other.entered === row.exited,
  );
  return handedOver ? row.exitedYear - 1 : row.exitedYear;
}
