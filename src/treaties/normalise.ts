import type { Path } from "../data/located.js";
import { EVENT_KINDS } from "../model/events.js";
import type { Scenario } from "../model/scenario.js";
import { type CodeReading, foldName, Normaliser, nearest } from "../states/normalise.js";
import { allProvisions, type Library } from "./library.js";

/**
 * The border: what a person wrote (a scenario file, the quick form, an HTTP body) becomes canonical codes,
 * places, reading keys and instrument ids, once, with a located problem and suggestions for what cannot be
 * read. The engine sees only what comes out of here.
 */

export interface BorderProblem {
  path: Path;
  message: string;
  fix?: string;
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; message: string; suggestions: string[] };

const normalisers = new WeakMap<Library, Normaliser>();

export function normaliserOf(library: Library): Normaliser {
  let n = normalisers.get(library);
  if (!n) {
    n = new Normaliser(library.registry);
    normalisers.set(library, n);
  }
  return n;
}

const didYouMean = (suggestions: string[]) =>
  suggestions.length ? `did you mean ${suggestions.join(", ")}?` : undefined;

/** Every reading a what-if can adopt: general ones by id, instrument ones by `instrument/provision/reading`. */
export function readingKeys(library: Library): Map<string, string> {
  const keys = new Map<string, string>();
  for (const g of library.generalReadings) keys.set(g.id, g.id);
  const bare = new Map<string, string[]>();
  for (const instrument of library.instruments) {
    for (const provision of allProvisions(instrument)) {
      for (const reading of provision.readings ?? []) {
        const key = `${instrument.id}/${provision.id}/${reading.id}`;
        keys.set(key, key);
        keys.set(`${instrument.id}/${reading.id}`, key);
        bare.set(reading.id, [...new Set([...(bare.get(reading.id) ?? []), key])]);
      }
    }
  }
  // A bare reading id names a reading only where exactly one instrument has it.
  for (const [id, list] of bare) if (list.length === 1 && !keys.has(id)) keys.set(id, list[0] as string);
  return keys;
}

export function resolveReading(library: Library, input: string): Resolved<string> {
  const keys = readingKeys(library);
  const key = keys.get(input.trim()) ?? keys.get(input.trim().toLowerCase());
  if (key) return { ok: true, value: key };
  const near = nearest(input, keys.keys());
  // Nothing close: name the general readings, and where to find an instrument's own.
  const suggestions = near.length
    ? near
    : [...library.generalReadings.map((g) => g.id), "an instrument's reading id (casus show INSTRUMENT)"];
  return { ok: false, message: `unknown reading "${input}"`, suggestions };
}

export function resolveInstrument(library: Library, input: string): Resolved<string> {
  const id = input.trim().toLowerCase();
  if (library.byId.has(id)) return { ok: true, value: id };
  return {
    ok: false,
    message: `unknown instrument "${input}"`,
    suggestions: nearest(id, library.byId.keys()),
  };
}

export function resolveState(
  library: Library,
  input: string,
  date: string,
): Resolved<string> & { reading?: CodeReading | null } {
  const r = normaliserOf(library).actor(input, date);
  return r.ok ? { ok: true, value: r.code, reading: r.reading } : r;
}

/** A place: a territory or sea code, or a state by code or name (its own territory). */
export function resolvePlace(library: Library, input: string, date: string): Resolved<string> {
  const text = input.trim();
  const upper = text.toUpperCase();
  if (library.territories.has(upper)) return { ok: true, value: upper };
  const sea = text.toLowerCase().startsWith("sea:")
    ? text.toLowerCase()
    : `sea:${foldName(text).replace(/ /g, "-")}`;
  if (library.seas.has(sea)) return { ok: true, value: sea };
  for (const [id, s] of library.seas) if (foldName(s.name) === foldName(text)) return { ok: true, value: id };
  for (const [code, t] of library.territories)
    if (foldName(t.name) === foldName(text)) return { ok: true, value: code };
  const state = normaliserOf(library).actor(text, date);
  if (state.ok && library.registry.isState(state.code)) return { ok: true, value: state.code };
  const candidates = [
    ...library.territories.keys(),
    ...library.seas.keys(),
    ...library.registry.states.map((s) => s.code),
  ];
  return { ok: false, message: `unknown place "${input}"`, suggestions: nearest(text, candidates) };
}

export interface Normalised {
  scenario: Scenario;
  problems: BorderProblem[];
  codeReadings: CodeReading[];
}

/** Resolves every state, place and reading of a scenario, reporting what cannot be read where it stands. */
export function normaliseScenario(scenario: Scenario, library: Library): Normalised {
  const problems: BorderProblem[] = [];
  const codeReadings: CodeReading[] = [];
  const date = scenario.as_of;
  const state = (path: Path, input: string): string => {
    const r = resolveState(library, input, date);
    if (!r.ok) {
      problems.push({
        path,
        message: r.message,
        fix: didYouMean(r.suggestions) ?? "use an ISO3 code (KOR), cow:NNN, a COW code or a name",
      });
      return input;
    }
    if (r.reading && !codeReadings.some((c) => c.input === r.reading?.input)) codeReadings.push(r.reading);
    if (library.registry.isState(r.value) && !library.registry.existsOn(r.value, date)) {
      problems.push({
        path,
        message: `${library.registry.name(r.value)} (${r.value}) is not a state on ${date}`,
        fix: "check the date, or use the state that existed then",
      });
    }
    return r.value;
  };
  const place = (path: Path, input: string): string => {
    const r = resolvePlace(library, input, date);
    if (!r.ok) {
      problems.push({
        path,
        message: r.message,
        fix:
          didYouMean(r.suggestions) ?? "use a state, a territory code from places/_territories.yaml or a sea",
      });
      return input;
    }
    return r.value;
  };
  const events = scenario.events.map((event, i) => {
    const at = (field: string) => ["events", i, field] as Path;
    const info = EVENT_KINDS[event.kind];
    const out = { ...event, by: state(at("by"), event.by) };
    if (event.against !== undefined) out.against = state(at("against"), event.against);
    if (event.to !== undefined) out.to = state(at("to"), event.to);
    if (event.supported_by)
      out.supported_by = event.supported_by.map((s, k) => state(["events", i, "supported_by", k], s));
    if (typeof event.at === "string") out.at = place(at("at"), event.at);
    if (info.needs === "against" && event.against === undefined) {
      problems.push({
        path: ["events", i],
        message: `a ${event.kind} event needs against:`,
        fix: "name the state it is aimed at",
      });
    }
    if (info.needs === "to" && event.to === undefined) {
      problems.push({
        path: ["events", i],
        message: `a ${event.kind} event needs to:`,
        fix: "name the state it goes to",
      });
    }
    if (event.end && event.end < event.start) {
      problems.push({ path: at("end"), message: `end ${event.end} before start ${event.start}` });
    }
    return out;
  });
  const ids = new Set<string>();
  scenario.events.forEach((event, i) => {
    if (ids.has(event.id))
      problems.push({ path: ["events", i, "id"], message: `event id ${event.id} appears twice` });
    ids.add(event.id);
  });
  const theatre = scenario.theatre?.map((t, i) => (t === "homelands" ? t : place(["theatre", i], t)));
  const forces = scenario.forces?.map((f, i) => ({
    state: state(["forces", i, "state"], f.state),
    at: f.at.map((p, k) => place(["forces", i, "at", k], p)),
  }));
  const o = scenario.options;
  let options = o;
  if (o) {
    const readings = (o.readings ?? []).map((r, i) => {
      const resolved = resolveReading(library, r);
      if (!resolved.ok) {
        problems.push({
          path: ["options", "readings", i],
          message: resolved.message,
          fix: didYouMean(resolved.suggestions),
        });
        return r;
      }
      return resolved.value;
    });
    let reading = o.reading;
    if (reading !== undefined) {
      const resolved = resolveReading(library, reading);
      if (!resolved.ok)
        problems.push({
          path: ["options", "reading"],
          message: resolved.message,
          fix: didYouMean(resolved.suggestions),
        });
      else reading = resolved.value;
    }
    options = {
      ...o,
      ...(reading !== undefined ? { reading } : {}),
      ...(o.readings ? { readings } : {}),
      ...(o.declines ? { declines: o.declines.map((d, i) => state(["options", "declines", i], d)) } : {}),
      ...(o.joins
        ? {
            joins: o.joins.map((j, i) =>
              typeof j === "string"
                ? state(["options", "joins", i], j)
                : {
                    state: state(["options", "joins", i, "state"], j.state),
                    with: state(["options", "joins", i, "with"], j.with),
                  },
            ),
          }
        : {}),
    };
  }
  return {
    scenario: {
      ...scenario,
      events,
      ...(theatre ? { theatre } : {}),
      ...(forces ? { forces } : {}),
      ...(options ? { options } : {}),
    },
    problems,
    codeReadings,
  };
}
