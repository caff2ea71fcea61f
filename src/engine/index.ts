import type { Result } from "../model/result.js";
import type { Scenario } from "../model/scenario.js";
import type { Library } from "../treaties/library.js";
import { caches, runCascade } from "./cascade.js";
import { conflictsOf, violationsOf } from "./conduct.js";
import { type Budget, flagsOf, generalReadings, NO_BUDGET, type RunConfig, withGeneral } from "./config.js";
import { Contest } from "./contest.js";
import { explain } from "./explain.js";

export type { Budget, RunConfig } from "./config.js";
export { BudgetExceeded, budget } from "./config.js";

/**
 * Options of one what-if. Every code and reading here is canonical: the normaliser (at the border) has
 * resolved what people typed before the engine runs.
 */
export interface WhatIfOptions {
  /** General readings for the main answer (`victim`, `territorial`, `forces-abroad`). */
  general?: string[];
  /** Instrument readings to adopt, as full keys `instrument/provision/reading`. */
  readings?: string[];
  onlyAutomatic?: boolean;
  includePolitical?: boolean;
  joins?: { state: string; with: string | null }[];
  declines?: string[];
  /** How ambiguous codes in the input were read, for the answer to say. */
  codeReadings?: { input: string; code: string; read_as: "iso3" | "cow"; other: string | null }[];
  budget?: Budget;
}

/** The main run's configuration: the scenario's own options, overridden by the caller's. */
export function configFor(library: Library, scenario: Scenario, options: WhatIfOptions = {}): RunConfig {
  const o = scenario.options ?? {};
  const generalIds = new Set(library.generalReadings.map((r) => r.id));
  const asked = [...(o.reading ? [o.reading] : []), ...(o.readings ?? []), ...(options.general ?? [])];
  const general = generalReadings(
    library.generalReadings,
    asked.filter((r) => generalIds.has(r)),
  );
  const instrumentReadings = [...(o.readings ?? []), ...(options.readings ?? [])].filter(
    (r) => !generalIds.has(r),
  );
  const joins = new Map<string, string | null>();
  for (const j of o.joins ?? [])
    joins.set(typeof j === "string" ? j : j.state, typeof j === "string" ? null : j.with);
  for (const j of options.joins ?? []) joins.set(j.state, j.with);
  return {
    general,
    flags: flagsOf(library.generalReadings, general),
    readings: new Set(instrumentReadings),
    flips: new Set(),
    nonRetroactive: new Set(),
    sovereignty: new Map(),
    widen: (scenario.theatre ?? []).includes("homelands"),
    engaged: true,
    honour: new Map(),
    joining: {
      onlyAutomatic: options.onlyAutomatic ?? o.only_automatic ?? false,
      includePolitical: options.includePolitical ?? o.include_political ?? false,
      joins,
      declines: new Set([...(o.declines ?? []), ...(options.declines ?? [])]),
    },
  };
}

/**
 * Answers a scenario: who is bound to do what, toward whom, under which article — with the conditions,
 * the assumptions they rest on, who joins, and what changes under each contested reading or judgement.
 */
export function whatIf(library: Library, scenario: Scenario, options: WhatIfOptions = {}): Result {
  const budget = options.budget ?? NO_BUDGET;
  const shared = caches(library);
  const config = configFor(library, scenario, options);
  // Only the main answer's conflicts become "if it honours" points, so only it keeps snapshots.
  const main = runCascade(library, scenario, config, shared, budget, { keepSnapshots: true });
  const contest = new Contest(library, scenario, shared, budget);
  const mainOwed = config.general.get("who-is-owed");
  const otherId =
    library.generalReadings.find((r) => r.axis === "who-is-owed" && r.id !== mainOwed)?.id ?? null;
  const other = otherId
    ? contest.alternative(main, withGeneral(config, library.generalReadings, otherId))
    : null;
  const contested = contest.run(main, other, otherId);
  const general = other && otherId ? contest.generalPoint(main, other, otherId) : null;
  if (general) contested.unshift(general);
  return explain({
    library,
    scenario,
    main,
    contested,
    violations: violationsOf(main),
    conflicts: conflictsOf(main),
    codeReadings: options.codeReadings ?? [],
  });
}
