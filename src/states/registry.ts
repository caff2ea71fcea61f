import type { ActorRef } from "../model/common.js";
import type { Actor } from "../model/place.js";
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

  constructor(
    readonly states: readonly StateRecord[],
    readonly actors: readonly Actor[] = [],
  ) {
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

  name(code: string): string {
    const resolved = this.byCode.get(code);
    if (!resolved) return code;
    return resolved.kind === "state" ? resolved.state.name : resolved.actor.name;
  }

  /** The output form of an actor: `{iso3, cow, name}` for states, `{id, name}` otherwise. */
  ref(code: string): ActorRef {
    const resolved = this.byCode.get(code);
    if (!resolved) return { id: code, name: code };
    if (resolved.kind === "state") {
      return { iso3: resolved.state.iso3, cow: resolved.state.cow, name: resolved.state.name };
    }
    return { id: resolved.actor.id, name: resolved.actor.name };
  }
}
