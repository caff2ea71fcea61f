import aliasesJson from "./aliases.json" with { type: "json" };
import type { Registry, StateRecord } from "./registry.js";

/** How an ambiguous three-letter code was read, for the answer to say. */
export interface CodeReading {
  input: string;
  code: string;
  /** `iso3`: the ISO 3166-1 code of a state that existed that day; `cow`: a Correlates of War letter code. */
  read_as: "iso3" | "cow";
  /** The state the other reading would have named, where it also existed that day (`cow:305` for AUS). */
  other: string | null;
}

export type Resolution =
  | { ok: true; code: string; reading: CodeReading | null }
  | { ok: false; message: string; suggestions: string[] };

const ALIASES: Record<string, string[]> = aliasesJson;

/** Folds case, accents, punctuation and a leading "the" so that "the U.K." and "uk" meet. */
export function foldName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[.'’]/g, "")
    .replace(/[^a-z0-9:]+/g, " ")
    .trim()
    .replace(/^the /, "");
}

/**
 * Turns what people type for a state or organisation into one canonical code: ISO3, `cow:N`, COW letter
 * codes, names and common aliases, in any case. Every face uses it before the engine runs.
 *
 * The rule for three-letter codes: an ISO3 code keeps its ISO meaning on every date its state exists; a COW
 * letter code is read as COW only where no state with that ISO3 code exists on the date (`GMY` always,
 * `KOR` in 1900). Where ISO wins but the COW state also existed that day (`AUS` in 1930), the reading names
 * the other.
 */
export class Normaliser {
  private readonly byName = new Map<string, string>();
  private readonly byCowLetters = new Map<string, StateRecord>();
  private readonly byIso = new Map<string, StateRecord>();

  constructor(readonly registry: Registry) {
    for (const state of registry.states) {
      this.byCowLetters.set(state.cow_abb, state);
      if (state.iso3) this.byIso.set(state.iso3, state);
      this.byName.set(foldName(state.name), state.code);
      this.byName.set(foldName(state.cow_name), state.code);
    }
    for (const actor of registry.actors) {
      this.byName.set(foldName(actor.name), actor.id);
      for (const alias of actor.aliases ?? []) this.byName.set(foldName(alias), actor.id);
    }
    for (const [code, aliases] of Object.entries(ALIASES)) {
      for (const alias of aliases) this.byName.set(foldName(alias), code);
    }
  }

  /** Resolves one state or organisation as written, on a date (`date` decides clashing letter codes). */
  actor(input: string, date: string): Resolution {
    const text = input.trim();
    if (text === "") return { ok: false, message: "empty state code", suggestions: [] };
    return this.known(text, date) ?? this.unknown(text, date);
  }

  /** Like `actor`, but null instead of suggestions: for scanning text, where most words name no state. */
  known(input: string, date: string): Extract<Resolution, { ok: true }> | null {
    const text = input.trim();
    if (text === "") return null;
    const prefixed = /^(cow|org|actor):(.+)$/i.exec(text);
    if (prefixed) {
      const code = `${(prefixed[1] as string).toLowerCase()}:${(prefixed[2] as string).trim().toLowerCase()}`;
      const canonical = this.registry.canonical(code);
      return canonical ? { ok: true, code: canonical, reading: null } : null;
    }
    if (/^[a-z]{3}$/i.test(text)) {
      const letters = text.toUpperCase();
      const read = this.letterCode(letters, date);
      if (read?.ok) return read;
    }
    const named = this.byName.get(foldName(text));
    const canonical = named ? this.registry.canonical(named) : undefined;
    // A name names a state on the date: "Korea" in 2025 is not the Korea of 1887–1905 (then: suggestions).
    if (canonical && this.registry.existsOn(canonical, date))
      return { ok: true, code: canonical, reading: null };
    return null;
  }

  private letterCode(letters: string, date: string): Extract<Resolution, { ok: true }> | null {
    const iso = this.byIso.get(letters);
    const cow = this.byCowLetters.get(letters);
    const isoExists = iso ? this.registry.existsOn(iso.code, date) : false;
    const cowExists = cow ? this.registry.existsOn(cow.code, date) : false;
    if (iso && (isoExists || !cow || !cowExists)) {
      const clash = cow && cow.code !== iso.code && cowExists;
      return {
        ok: true,
        code: iso.code,
        reading: clash ? { input: letters, code: iso.code, read_as: "iso3", other: cow.code } : null,
      };
    }
    if (cow) {
      const isoOther = iso && iso.code !== cow.code;
      return {
        ok: true,
        code: cow.code,
        reading: isoOther ? { input: letters, code: cow.code, read_as: "cow", other: null } : null,
      };
    }
    return null;
  }

  private unknown(input: string, date: string): Resolution {
    const named = this.byName.get(foldName(input));
    const elsewhen = named ? this.registry.canonical(named) : undefined;
    return {
      ok: false,
      message: elsewhen
        ? `no state "${input}" on ${date} (${this.registry.name(elsewhen)}, ${elsewhen}, is not a state then)`
        : `unknown state or organisation "${input}"`,
      suggestions: this.suggest(input, 3, date),
    };
  }

  /** The nearest codes and names, best first; with a date, only states that exist on it. */
  suggest(input: string, limit = 3, date?: string): string[] {
    const folded = foldName(input);
    const scored = new Map<string, number>();
    const consider = (candidate: string, label: string) => {
      const name = foldName(candidate);
      const distance = editDistance(folded, name);
      // A name that starts with, or holds as a word, what was typed ("korea" in "north korea").
      const partial = folded.length >= 2 && (name.startsWith(folded) || name.split(" ").includes(folded));
      const score = Math.min(distance, partial ? 0.5 : distance);
      const current = scored.get(label);
      if (current === undefined || score < current) scored.set(label, score);
    };
    for (const state of this.registry.states) {
      if (date && !this.registry.existsOn(state.code, date)) continue;
      const label = `${state.name} (${state.code})`;
      consider(state.name, label);
      if (state.iso3) consider(state.iso3, label);
      consider(state.cow_abb, label);
    }
    for (const [code, aliases] of Object.entries(ALIASES)) {
      if (date && this.registry.isState(code) && !this.registry.existsOn(code, date)) continue;
      const label = `${this.registry.name(code)} (${code})`;
      for (const alias of aliases) consider(alias, label);
    }
    const threshold = Math.max(1, Math.floor(folded.length / 3));
    return [...scored]
      .filter(([, score]) => score <= threshold)
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([label]) => label);
  }
}

/** Levenshtein distance, for suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min(
          (previous[j] as number) + 1,
          (current[j - 1] as number) + 1,
          (previous[j - 1] as number) + cost,
        ),
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** The nearest of `candidates` to `input`, for "did you mean" on ids (readings, instruments, places). */
export function nearest(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const folded = input.toLowerCase();
  const scored: [string, number][] = [];
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const score = c.includes(folded) && folded.length >= 3 ? 0 : editDistance(folded, c);
    scored.push([candidate, score]);
  }
  const threshold = Math.max(2, Math.floor(folded.length / 2));
  return scored
    .filter(([, s]) => s <= threshold)
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([c]) => c);
}
