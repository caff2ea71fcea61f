import type { ConditionCode, ConditionDetail } from "../../model/result.js";
import type { Library } from "../../treaties/library.js";
import type { RunConfig } from "../config.js";
import type { AttackFact, Situation, WarFact } from "../facts.js";
import type { EffectiveProvision } from "../provision.js";

/**
 * One condition as the engine tests it: codes and state codes only. `explain` turns the codes into
 * `{iso3, cow, name}`; the printer turns it into English.
 */
export interface Verdict {
  code: ConditionCode;
  met: boolean;
  detail?: ConditionDetail;
  event?: string;
  state?: string;
  by?: string;
  states?: string[];
  place?: string;
  region?: string;
  war?: string;
  date?: string;
  count?: number;
  needed?: number;
  assumption?: string;
  because?: string;
  understanding?: string;
  readings?: string[];
}

export interface Evaluation {
  met: boolean;
  conditions: Verdict[];
  /** The fact (event or derived attack) the verdict rests on; "" where none was found. */
  factId: string;
  against: string[];
  war: WarFact | null;
  /** Where the beneficiary was attacked, for the places a joiner goes to defend. */
  places: string[];
  /** The assumptions the verdict could change under (`judgement:…`, `general:victim_test`, …). */
  deps: Set<string>;
  /** Every condition holds but the call for consultations: the clause is available, not binding. */
  awaitingCall: boolean;
}

/** Lookups shared by every evaluation of one run, built once per wave. */
export interface TriggerContext {
  library: Library;
  situation: Situation;
  config: RunConfig;
  attacksOn: ReadonlyMap<string, readonly AttackFact[]>;
  /** Attacks on each target grouped by everything but the attacker. */
  attackGroups: ReadonlyMap<string, readonly (readonly AttackFact[])[]>;
  wars: ReadonlyMap<string, WarFact>;
  regions: RegionCache;
}

/** What one provision is tested against: the instrument's members that day and its organisation. */
export interface InstrumentScope {
  members: ReadonlySet<string>;
  organisation: string | null;
}

export type Evaluator = (
  ctx: TriggerContext,
  scope: InstrumentScope,
  ep: EffectiveProvision,
  obligor: string,
  beneficiary: string,
  deps: Set<string>,
) => Omit<Evaluation, "deps" | "awaitingCall">;

/** Whether a place lies in a region, memoised: areas do not change between readings. */
export class RegionCache {
  private readonly memo = new Map<string, boolean>();

  constructor(private readonly library: Library) {}

  has(place: string, region: string, owner: string): boolean {
    const key = `${place}|${region}|${owner}`;
    let hit = this.memo.get(key);
    if (hit === undefined) {
      hit = this.library.inRegion(place, region, (p) =>
        p === place ? owner : this.library.administrator(p),
      );
      this.memo.set(key, hit);
    }
    return hit;
  }
}

export function verdict(
  code: ConditionCode,
  met: boolean,
  fields: Omit<Verdict, "code" | "met"> = {},
): Verdict {
  return { code, met, ...fields };
}

type Found = Omit<Evaluation, "met" | "conditions" | "deps" | "awaitingCall">;

export function finish(conditions: Verdict[], rest: Found): Omit<Evaluation, "deps" | "awaitingCall"> {
  return {
    met: conditions.length > 0 && conditions.every((c) => c.met),
    conditions,
    factId: rest.factId,
    against: rest.against,
    war: rest.war,
    places: rest.places,
  };
}

/** Every evaluation is built here, with one shape: the code that reads thousands of them stays fast. */
export function evaluation(
  met: boolean,
  conditions: Verdict[],
  found: Found,
  deps: Set<string>,
  awaitingCall: boolean,
): Evaluation {
  return {
    met,
    conditions,
    factId: found.factId,
    against: found.against,
    war: found.war,
    places: found.places,
    deps,
    awaitingCall,
  };
}
