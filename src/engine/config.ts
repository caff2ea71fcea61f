import type { GeneralReading } from "../model/place.js";

/** What the general readings in effect ask of every clause. */
export interface Flags {
  victimTest: boolean;
  forcesAbroad: boolean;
}

export interface JoiningOptions {
  /** Only automatic obligations lead to joining (discretionary ones bind but do not bring a state in). */
  onlyAutomatic: boolean;
  /** Political commitments and domestic acts may lead to joining, as binding obligations do. */
  includePolitical: boolean;
  /** States the scenario brings in, each on a state's side (null: the side it is bound to). */
  joins: ReadonlyMap<string, string | null>;
  declines: ReadonlySet<string>;
}

/** How one run reads the law and the facts. A contested point differs from the main run in one of these. */
export interface RunConfig {
  /** The general reading in effect on each axis (`who-is-owed` → `victim`). */
  general: ReadonlyMap<string, string>;
  flags: Flags;
  /** Adopted instrument readings, as full keys `instrument/provision/reading`. */
  readings: ReadonlySet<string>;
  /** Disputed judgements taken the other way (`strike.state_of_war`). */
  flips: ReadonlySet<string>;
  /** Instruments read as not applying to attacks that began before their entry into force. */
  nonRetroactive: ReadonlySet<string>;
  /** Disputed places read by a claimant's sovereignty instead of by who administers them. */
  sovereignty: ReadonlyMap<string, string>;
  /** The war spreads to the belligerents' homelands. */
  widen: boolean;
  /** Joiners' forces are engaged by the enemy where they go to defend. */
  engaged: boolean;
  /** A state in a conflict of pledges honours one of them: `state` → the obligation key it honours. */
  honour: ReadonlyMap<string, string>;
  joining: JoiningOptions;
}

export function flagsOf(readings: readonly GeneralReading[], general: ReadonlyMap<string, string>): Flags {
  const flags: Flags = { victimTest: false, forcesAbroad: false };
  for (const reading of readings) {
    if (general.get(reading.axis) !== reading.id) continue;
    if (reading.sets.victim_test !== undefined) flags.victimTest = reading.sets.victim_test;
    if (reading.sets.forces_abroad !== undefined) flags.forcesAbroad = reading.sets.forces_abroad;
  }
  return flags;
}

/** The default reading on each axis, overridden by those asked for. */
export function generalReadings(
  readings: readonly GeneralReading[],
  asked: readonly string[],
): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of readings) if (r.default && !out.has(r.axis)) out.set(r.axis, r.id);
  for (const id of asked) {
    const reading = readings.find((r) => r.id === id);
    if (reading) out.set(reading.axis, reading.id);
  }
  return out;
}

/** The same configuration with another general reading on its axis. */
export function withGeneral(config: RunConfig, readings: readonly GeneralReading[], id: string): RunConfig {
  const reading = readings.find((r) => r.id === id);
  if (!reading) return config;
  const general = new Map(config.general);
  general.set(reading.axis, reading.id);
  return { ...config, general, flags: flagsOf(readings, general) };
}

/** A budget for one what-if: it stops the work (by throwing) once exceeded. */
export interface Budget {
  /** Called once per provision × pair evaluated. */
  tick(): void;
}

export class BudgetExceeded extends Error {
  constructor(
    readonly what: "time" | "evaluations" | "cancelled",
    readonly limit: number,
  ) {
    super(`work budget exceeded: ${what}${what === "cancelled" ? "" : ` (limit ${limit})`}`);
  }
}

/** A budget in wall time and evaluations; `cancelled` is polled so a disconnected client's work stops. */
export function budget(limits: {
  milliseconds?: number;
  evaluations?: number;
  cancelled?: () => boolean;
}): Budget {
  const deadline = limits.milliseconds === undefined ? Infinity : Date.now() + limits.milliseconds;
  const maxEvaluations = limits.evaluations ?? Infinity;
  let count = 0;
  return {
    tick() {
      count++;
      if (count > maxEvaluations) throw new BudgetExceeded("evaluations", maxEvaluations);
      // The clock and the cancel flag are read every 256 evaluations: cheap, and still prompt.
      if ((count & 255) === 0) {
        if (Date.now() > deadline) throw new BudgetExceeded("time", limits.milliseconds ?? 0);
        if (limits.cancelled?.()) throw new BudgetExceeded("cancelled", 0);
      }
    },
  };
}

export const NO_BUDGET: Budget = { tick() {} };
