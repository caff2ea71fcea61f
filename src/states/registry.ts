import type { ActorRef } from "../model/common.js";
import type { Actor } from "../model/place.js";
import namesJson from "./names.json" with { type: "json" };
import statesJson from "./states.json" with { type: "json" };

/** A state of the COW state system, with its ISO 3166-1 code where it has one. */
export interface StateRecord {
  code: string;
  name: string;
  cow_name: string;
  cow: number;
  cow_abb: string;
  iso3: string | null;
  iso3_from?: string;
  /** ISO 3166-1 numeric, the key of the world atlas's country shapes. */
  iso_numeric: number | null;
  /** europe, asia, africa, oceania, north-america, caribbean or south-america. */
  continent: string | null;
  spells: { from: string; to: string | null }[];
}

export const STATES: readonly StateRecord[] = statesJson as StateRecord[];

/** A name a state had for a while (Prussia before 18 Jan 1871); `to` is the first day of the next name. */
export interface DatedName {
  cow: number;
  name: string;
  from?: string;
  to?: string;
  source: string;
}

export const DATED_NAMES: readonly DatedName[] = namesJson as DatedName[];

export type Resolved =
  | { kind: "state"; code: string; state: StateRecord }
  | { kind: "organisation" | "non-state-actor"; code: string; actor: Actor };

/**
 * Resolves party codes. Bare three-letter codes are ISO 3166-1 (COW's `AUS` is Austria, ISO's is
 * Australia: ISO wins); COW codes are written `cow:NNN` and resolve to the same state as its ISO code.
 */
export class Registry {
  private readonly byCode = new Map<string, Resolved>();
  private readonly byNumeric = new Map<number, string>();
  private readonly datedNames = new Map<number, DatedName[]>();

  /**
   * `namesOn`: the date `name()` and `ref()` print names for (a what-if on 1870-07-19 says Prussia);
   * without it they give today's names.
   */
  constructor(
    readonly states: readonly StateRecord[],
    readonly actors: readonly Actor[] = [],
    readonly namesOn: string | null = null,
    readonly names: readonly DatedName[] = DATED_NAMES,
  ) {
    for (const dated of names)
      this.datedNames.set(dated.cow, [...(this.datedNames.get(dated.cow) ?? []), dated]);
    for (const state of states) {
      const resolved: Resolved = { kind: "state", code: state.code, state };
      this.byCode.set(state.code, resolved);
      this.byCode.set(`cow:${state.cow}`, resolved);
      if (state.iso3) this.byCode.set(state.iso3, resolved);
      if (state.iso_numeric !== null && state.spells.some((s) => s.to === null))
        this.byNumeric.set(state.iso_numeric, state.code);
    }
    for (const actor of actors) this.byCode.set(actor.id, { kind: actor.kind, code: actor.id, actor });
  }

  /** The state whose ISO 3166-1 numeric code this is (the world atlas keys shapes by it). */
  resolveNumeric(numeric: number): string | undefined {
    return this.byNumeric.get(numeric);
  }

  resolve(code: string): Resolved | undefined {
    return this.byCode.get(code);
  }

  /** The canonical code for any accepted spelling (`cow:732` → `KOR`). */
  canonical(code: string): string | undefined {
    return this.byCode.get(code)?.code;
  }

  isState(code: string): boolean {
    return this.byCode.get(code)?.kind === "state";
  }

  /** Whether the state was a member of the state system on the date (organisations always exist). */
  existsOn(code: string, date: string): boolean {
    const resolved = this.byCode.get(code);
    if (!resolved) return false;
    if (resolved.kind !== "state") return true;
    return resolved.state.spells.some(
      (spell) => spell.from <= date && (spell.to === null || date <= spell.to),
    );
  }

  /** The same registry, printing the names states had on `date`. */
  on(date: string | null): Registry {
    return date === this.namesOn ? this : new Registry(this.states, this.actors, date, this.names);
  }

  name(code: string): string {
    return this.nameOn(code, this.namesOn);
  }

  /** The name the state had on the date (Prussia on 1870-07-19, Germany on 1871-01-18); today's without one. */
  nameOn(code: string, date: string | null): string {
    const resolved = this.byCode.get(code);
    if (!resolved) return code;
    if (resolved.kind !== "state") return resolved.actor.name;
    const dated =
      date === null
        ? undefined
        : this.datedNames
            .get(resolved.state.cow)
            ?.find((n) => (!n.from || n.from <= date) && (!n.to || date < n.to));
    return dated?.name ?? resolved.state.name;
  }

  /** The output form of an actor: `{iso3, cow, name}` for states, `{id, name}` otherwise. */
  ref(code: string): ActorRef {
    const resolved = this.byCode.get(code);
    if (!resolved) return { id: code, name: code };
    if (resolved.kind === "state") {
      return { iso3: resolved.state.iso3, cow: resolved.state.cow, name: this.name(code) };
    }
    return { id: resolved.actor.id, name: resolved.actor.name };
  }
}
