// What the engine tests share: the real library, loaded once per file, and a way to ask it about a crafted
// scenario written as people write them (names, ISO3 or COW codes), normalised at the border as the CLI does.
import { afterEach, beforeEach, expect, inject } from "vitest";
import { type WhatIfOptions, whatIf } from "../../src/engine/index.js";
import type { Result, StateRef } from "../../src/model/result.js";
import type { Event, Scenario } from "../../src/model/scenario.js";
import { Registry } from "../../src/states/registry.js";
import { Library } from "../../src/treaties/library.js";
import { loadLibrary } from "../../src/treaties/load.js";
import { normaliseScenario } from "../../src/treaties/normalise.js";

/** The built-in library: handed over by the engine config's setup (see library-setup.ts), or read here. */
export const library: Library = provided() ?? loadLibrary().library;

function provided(): Library | undefined {
  const json = inject("engineLibrary");
  if (!json) return undefined;
  const data = JSON.parse(json);
  return new Library(data.instruments, data.places, new Registry(data.states, data.actors));
}

// Each answer gets a library of its own, as a new process would: the engine caches what a date says per
// library, and a cache warmed by an earlier test would hide a broken rule from the tests after it.
const fresh = () => library.withInstruments(library.instruments);

/** A state as the answer writes it, by its ISO3 code (or `cow:N` where it has none). */
export const code = (s: StateRef | null | undefined): string =>
  !s ? "-" : "id" in s ? s.id : (s.iso3 ?? `cow:${s.cow}`);

/** A scenario with its border inputs normalised, failing the test on any problem. */
export function scenario(s: Omit<Scenario, "title"> & { title?: string }): Scenario {
  const n = normaliseScenario({ title: "engine test", ...s } as Scenario, library);
  expect(n.problems, "the crafted scenario is valid").toEqual([]);
  return n.scenario;
}

/**
 * The answer to a crafted scenario, worked out afresh for every call. Mutation testing runs, for each
 * mutant, only the tests that executed its code: a test that read an answer another test had worked out
 * would execute nothing, and the mutants it would catch would be reported as surviving.
 */
export function ask(s: Omit<Scenario, "title"> & { title?: string }, options: WhatIfOptions = {}): Result {
  return whatIf(fresh(), scenario(s), options);
}

/**
 * An answer a block of tests shares, worked out again in each test that reads it, so that each test
 * executes the engine code it checks (mutation testing runs, per mutant, only the tests that executed its
 * code). Read outside a test, it would count as no test's: reading it there is an error.
 */
export function perTest<T extends object>(make: () => T): T {
  const slot: { value?: T } = {};
  slots.push(slot);
  const current = (): T => {
    if (!inTest) throw new Error("a shared answer is read outside a test: read it inside one");
    slot.value ??= make();
    return slot.value;
  };
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(current(), key),
    has: (_, key) => Reflect.has(current(), key),
    ownKeys: () => Reflect.ownKeys(current()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(current(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(current()),
  });
}

const slots: { value?: unknown }[] = [];
let inTest = false;

/** Called around every test: by the hooks below, and by reset.ts where files share this module. */
export function startTest(): void {
  inTest = true;
}
export function endTest(): void {
  inTest = false;
  for (const slot of slots) slot.value = undefined;
}
beforeEach(startTest);
afterEach(endTest);

/** An event, with the fields each test does not care about filled in. */
export function event(
  id: string,
  kind: Event["kind"],
  by: string,
  against: string | undefined,
  start: string,
  more: Partial<Event> = {},
): Event {
  return { id, kind, by, ...(against ? { against } : {}), start, ...more } as Event;
}

/** France invades Italy in 1900: the Triple Alliance's casus foederis, and the war many blocks build on. */
export const franceInvadesItaly: Event[] = [event("inv", "invasion", "FRA", "ITA", "1900-02-01")];

/** New Zealand and Australia invade each other (1980, counterfactual): allies of both caught between them. */
export const australiaAndNewZealandAtWar: Event[] = [
  event("a", "invasion", "NZL", "AUS", "1980-01-01"),
  event("b", "invasion", "AUS", "NZL", "1980-01-02"),
];

/**
 * Iraq invades Kuwait and Kuwait strikes back (1990); the scenario brings Saudi Arabia in on Kuwait's side,
 * read by territory: a belligerent bound toward the other side.
 */
export const saudiArabiaJoinsKuwait = (): Result =>
  ask(
    {
      as_of: "1990-08-05",
      events: [
        event("inv", "invasion", "IRQ", "KWT", "1990-08-02"),
        event("back", "invasion", "KWT", "IRQ", "1990-08-03"),
      ],
      options: { joins: [{ state: "SAU", with: "KWT" }] },
    },
    { general: ["territorial"] },
  );

type Row = {
  obligor: StateRef;
  beneficiary: StateRef;
  instrument: string;
  article: string;
};

/** Rows of an answer's list as `OBLIGOR>BENEFICIARY article`, for one instrument, sorted. */
export function rows(list: readonly Row[], instrument: string, article?: string): string[] {
  return list
    .filter((r) => r.instrument === instrument && (article === undefined || r.article === article))
    .map((r) => `${code(r.obligor)}>${code(r.beneficiary)} ${r.article}`)
    .sort();
}

/** The obligors bound toward one beneficiary under one article, sorted. */
export function obligors(list: readonly Row[], instrument: string, article: string, beneficiary: string) {
  return list
    .filter(
      (r) => r.instrument === instrument && r.article === article && code(r.beneficiary) === beneficiary,
    )
    .map((r) => code(r.obligor))
    .sort();
}

/**
 * The one row of a list for an obligor, a beneficiary and an article (and provision, where an article has
 * several), failing the test if there is not exactly one.
 */
export function one<T extends Row & { provision?: string }>(
  list: readonly T[],
  obligor: string,
  beneficiary: string,
  instrument: string,
  article: string,
  provision?: string,
): T {
  const found = list.filter(
    (r) =>
      code(r.obligor) === obligor &&
      code(r.beneficiary) === beneficiary &&
      r.instrument === instrument &&
      r.article === article &&
      (provision === undefined || r.provision === provision),
  );
  expect(found, `one row ${obligor}>${beneficiary} ${instrument} ${article} ${provision ?? ""}`).toHaveLength(
    1,
  );
  return found[0] as T;
}

/** The conditions of a row as `code+` (met) or `code-` (unmet), with the detail where there is one. */
export function conditions(row: {
  conditions?: { code: string; met: boolean; detail?: string }[];
  unmet?: { code: string; met: boolean; detail?: string }[];
}): string[] {
  return (row.conditions ?? row.unmet ?? []).map(
    (c) => `${c.code}${c.met ? "+" : "-"}${c.detail ? `:${c.detail}` : ""}`,
  );
}

export const joiners = (r: Result) =>
  r.belligerents
    .filter((b) => b.basis !== "event")
    .map((b) => code(b.state))
    .sort();

export const decisionOf = (r: Result, state: string) => r.joining.filter((d) => code(d.state) === state);
