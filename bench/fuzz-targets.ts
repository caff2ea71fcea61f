// What the fuzzer attacks, and what counts as a failure. Shared by the long runs (`npm run fuzz`,
// bench/fuzz.ts) and the short run inside `npm test` (test/fuzz.test.ts).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { stringify } from "yaml";
import { formatProblem, LocatedYaml, type Problem } from "../src/data/located.js";
import { whatIf } from "../src/engine/index.js";
import { EVENT_KIND_IDS, eventKind } from "../src/model/events.js";
import { Instrument } from "../src/model/instrument.js";
import { Scenario } from "../src/model/scenario.js";
import { buildApp } from "../src/server/app.js";
import { SECURITY_HEADERS } from "../src/server/headers.js";
import { ScenarioStore } from "../src/server/store.js";
import { checkInstrument } from "../src/treaties/check.js";
import type { Library } from "../src/treaties/library.js";
import { BUILTIN_LIBRARY, KOREA_LIBRARY, loadLibrary } from "../src/treaties/load.js";
import { normaliseScenario } from "../src/treaties/normalise.js";
import { BUILTIN_SCENARIOS, parseScenario } from "../src/treaties/scenario-file.js";

/** One thing to fuzz: inputs, and a check that throws when the code under test misbehaves on one. */
export interface FuzzTarget<T = unknown> {
  name: string;
  arbitrary: fc.Arbitrary<T>;
  run: (input: T) => void | Promise<void>;
  /** Frees what the target holds (servers, temporary directories). */
  close?: () => Promise<void>;
}

export class FuzzFailure extends Error {}
function ensure(condition: unknown, message: string): asserts condition {
  if (!condition) throw new FuzzFailure(message);
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => readFileSync(join(dir, f), "utf8"));
}

// Values that have broken parsers before: types confused, dates impossible, codes unknown, YAML features.
const NASTY = [
  "",
  "~",
  "null",
  "42",
  "-1",
  "1e999",
  "0x1F",
  ".nan",
  "[]",
  "{}",
  "[[[[[[]]]]]]",
  "true",
  "yes",
  '"\\u0000\\u001b[31m"',
  '"\\ud800"',
  "'",
  '"',
  "|",
  ">-",
  "&anchor x",
  "*anchor",
  "!!binary aGVsbG8=",
  "!!js/function x",
  "2024-02-30",
  "9999-99-99",
  "0000-01-01",
  "XYZ",
  "cow:99999",
  "org:nope",
  "sea:nowhere",
  "__proto__",
  "constructor",
  "x".repeat(5000),
  "\u202eevil",
  "👍🏽",
  "%00",
];

/** A few line-level edits of a real file: what a careless editor or a hostile one would do. */
const textMutation = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("duplicate" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("swap" as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant("value" as const), at: fc.nat(), value: fc.constantFrom(...NASTY) }),
  fc.record({ op: fc.constant("value" as const), at: fc.nat(), value: fc.string({ maxLength: 20 }) }),
  fc.record({
    op: fc.constant("indent" as const),
    at: fc.nat(),
    by: fc.constantFrom("-2", " ", "  ", "    ", "\t"),
  }),
  fc.record({
    op: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.string({ unit: "binary", maxLength: 8 }),
  }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
);
type TextMutation = typeof textMutation extends fc.Arbitrary<infer M> ? M : never;

export function mutate(text: string, mutations: readonly TextMutation[]): string {
  let lines = text.split("\n");
  for (const m of mutations) {
    const i = m.at % Math.max(lines.length, 1);
    const line = lines[i] ?? "";
    if (m.op === "delete") lines.splice(i, 1);
    else if (m.op === "duplicate") lines.splice(i, 0, line);
    else if (m.op === "swap") {
      const j = m.with % lines.length;
      [lines[i], lines[j]] = [lines[j] ?? "", line];
    } else if (m.op === "value") {
      const colon = line.indexOf(": ");
      lines[i] = colon >= 0 ? `${line.slice(0, colon + 2)}${m.value}` : `${line} ${m.value}`;
    } else if (m.op === "indent") lines[i] = m.by === "-2" ? line.replace(/^ {1,2}/, "") : `${m.by}${line}`;
    else if (m.op === "insert") {
      const at = m.at % (line.length + 1);
      lines[i] = `${line.slice(0, at)}${m.text}${line.slice(at)}`;
    } else if (m.op === "truncate") lines = lines.slice(0, i + 1);
  }
  return lines.join("\n");
}

/** Any value at any path of a parsed document replaced: types confused in every field the schema has. */
function replaceAt(value: unknown, path: readonly number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== "object") return replacement;
  const entries = Object.entries(value);
  if (entries.length === 0) return replacement;
  const [index, ...rest] = path;
  const k = (index as number) % entries.length;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  const [key, child] = entries[k] as [string, unknown];
  (copy as Record<string, unknown>)[key] = replaceAt(child, rest, replacement);
  return copy;
}
const replacement = fc.oneof(
  fc.constantFrom<unknown>(null, 0, -1, 1e308, true, "", [], {}, "XYZ", "2024-02-30", "\ud800", {
    __proto__: null,
  }),
  fc.jsonValue({ maxDepth: 3 }),
);
const structural = fc.record({ path: fc.array(fc.nat(), { maxLength: 6 }), value: replacement });

function checkProblems(problems: readonly Problem[]): void {
  for (const p of problems) {
    ensure(typeof p.file === "string" && p.file.length > 0, `problem without a file: ${JSON.stringify(p)}`);
    ensure(Number.isInteger(p.line) && p.line >= 0, `problem with line ${p.line}`);
    ensure(Number.isInteger(p.column) && p.column >= 0, `problem with column ${p.column}`);
    ensure(typeof p.message === "string" && p.message.length > 0, "problem without a message");
    ensure(!formatProblem(p).includes("[object Object]"), `unreadable problem: ${formatProblem(p)}`);
  }
}

/** Long strings and lists cut (quotes, notes, party lists): most of a treaty's text, little of what the checker looks at. */
function clipped(value: unknown): unknown {
  if (typeof value === "string") return value.length > 160 ? value.slice(0, 160) : value;
  if (Array.isArray(value)) return value.slice(0, 6).map(clipped);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clipped(v)]));
}

/** A treaty with at most two articles in its main text and one in each of its first two parts. */
function shortened(text: string): unknown {
  const value = clipped((LocatedYaml.parse("seed.yaml", text) as LocatedYaml).value) as {
    articles?: unknown[];
    parts?: { articles?: unknown[] }[];
  };
  return {
    ...value,
    articles: value.articles?.slice(0, 2),
    ...(value.parts
      ? { parts: value.parts.slice(0, 2).map((p) => ({ ...p, articles: p.articles?.slice(0, 1) })) }
      : {}),
  };
}

/** The treaty checker on mutated real treaty files: problems, never an exception. */
export function checkerTarget(): FuzzTarget<string> {
  const { library } = loadLibrary([KOREA_LIBRARY]);
  const regionIds = new Set(library.regions.keys());
  // Large treaties cut to their first articles: the same fields in a fraction of the text, so many more
  // inputs per second reach the checks (parsing is most of the cost).
  const seeds = yamlFiles(BUILTIN_LIBRARY).map((text) =>
    text.length < 3000 ? text : stringify(shortened(text)),
  );
  const parsedSeeds = seeds
    .map((text) => LocatedYaml.parse("seed.yaml", text))
    .filter((y) => y instanceof LocatedYaml);
  const arbitrary = fc.oneof(
    fc
      .tuple(fc.constantFrom(...seeds), fc.array(textMutation, { minLength: 1, maxLength: 4 }))
      .map(([text, mutations]) => mutate(text, mutations)),
    fc
      .tuple(fc.constantFrom(...parsedSeeds), fc.array(structural, { minLength: 1, maxLength: 3 }))
      .map(([yaml, edits]) =>
        stringify(edits.reduce((value, e) => replaceAt(value, e.path, e.value), (yaml as LocatedYaml).value)),
      ),
  );
  return {
    name: "treaty checker",
    arbitrary,
    run: (text) => {
      const yaml = LocatedYaml.parse("fuzz.yaml", text);
      if (!(yaml instanceof LocatedYaml)) return checkProblems([yaml]);
      const validated = yaml.validate(Instrument);
      if ("problems" in validated) return checkProblems(validated.problems);
      const problems: Problem[] = [];
      checkInstrument(validated.data, yaml, library.registry, regionIds, problems);
      checkProblems(problems);
    },
  };
}

/** The scenario reader (files and API bodies) on mutated real scenarios. */
export function scenarioReaderTarget(): FuzzTarget<string> {
  const { library } = loadLibrary();
  const seeds = yamlFiles(BUILTIN_SCENARIOS);
  const parsedSeeds = seeds
    .map((text) => LocatedYaml.parse("seed.yaml", text))
    .filter((y) => y instanceof LocatedYaml);
  const arbitrary = fc.oneof(
    fc
      .tuple(fc.constantFrom(...seeds), fc.array(textMutation, { minLength: 1, maxLength: 4 }))
      .map(([text, mutations]) => mutate(text, mutations)),
    fc
      .tuple(
        fc.constantFrom(...parsedSeeds),
        fc.array(structural, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
      )
      .map(([yaml, edits, asJson]) => {
        const value = edits.reduce((v, e) => replaceAt(v, e.path, e.value), (yaml as LocatedYaml).value);
        return asJson ? JSON.stringify(value) : stringify(value);
      }),
  );
  return {
    name: "scenario reader",
    arbitrary,
    run: (text) => {
      const read = parseScenario("fuzz.yaml", text, library);
      if ("problems" in read) return checkProblems(read.problems);
      // What the reader accepts is a scenario the schema and the checker accept as it stands.
      ensure(Scenario.safeParse(read.scenario).success, "accepted scenario fails the schema");
      ensure(
        normaliseScenario(read.scenario, library).problems.length === 0,
        "accepted scenario has problems",
      );
    },
  };
}

const DATES = [
  "1914-07-28",
  "1939-09-01",
  "1950-06-25",
  "1962-10-22",
  "1990-08-02",
  "2001-09-11",
  "2014-03-01",
  "2024-10-15",
  "2025-06-01",
];

/** A valid scenario over the library: states that exist on the date, every event kind, judgements disputed. */
export function validScenario(library: Library): fc.Arbitrary<Scenario> {
  const parties = [...new Set(library.instruments.flatMap((i) => library.parties(i).map((p) => p.party)))];
  const statesOn = new Map(
    DATES.map((d) => [
      d,
      parties.filter((p) => library.registry.isState(p) && library.registry.existsOn(p, d)),
    ]),
  );
  const places = [...library.territories.keys(), ...library.seas.keys()];
  const judgement = fc.option(
    fc.oneof(fc.boolean(), fc.record({ value: fc.boolean(), disputed: fc.boolean() })),
    { nil: undefined, freq: 2 },
  );
  return fc
    .record({
      date: fc.constantFrom(...DATES),
      events: fc.array(
        fc.record({
          kind: fc.constantFrom(...EVENT_KIND_IDS),
          by: fc.nat(),
          other: fc.nat(),
          at: fc.option(fc.constantFrom(...places), { nil: undefined, freq: 4 }),
          armed_attack: judgement,
          state_of_war: judgement,
          threat: judgement,
        }),
        { minLength: 1, maxLength: 6 },
      ),
      reading: fc.option(fc.constantFrom("victim" as const, "territorial" as const), { nil: undefined }),
      declines: fc.array(fc.nat(), { maxLength: 2 }),
    })
    .map(({ date, events, reading, declines }) => {
      const states = statesOn.get(date) as string[];
      const pick = (n: number) => states[n % states.length] as string;
      return {
        title: "fuzz",
        as_of: date,
        events: events.map((e, i) => {
          const needs = eventKind(e.kind).needs;
          const by = pick(e.by);
          let other = pick(e.other);
          if (other === by) other = pick(e.other + 1);
          const judged = Object.fromEntries(
            (["armed_attack", "state_of_war", "threat"] as const).flatMap((k) =>
              e[k] === undefined ? [] : [[k, e[k]]],
            ),
          );
          return {
            id: `e${i}`,
            kind: e.kind,
            by,
            ...(needs === "against" ? { against: other } : needs === "to" ? { to: other } : {}),
            ...(e.at && needs === "against" ? { at: e.at } : {}),
            start: date,
            ...judged,
          };
        }),
        options: { ...(reading ? { reading } : {}), declines: declines.map(pick) },
      } as Scenario;
    })
    .filter((s) => Scenario.safeParse(s).success && normaliseScenario(s, library).problems.length === 0);
}

/**
 * The engine's answer as the faces use it: the only fields read here are the ones the result contract
 * keeps (obligations[].{obligor, beneficiary, instrument, article, kind, strength}).
 */
export function checkAnswer(library: Library, scenario: Scenario): string {
  const result = whatIf(library, scenario);
  const lines = result.obligations.map((o) => {
    ensure(library.byId.has(o.instrument), `obligation under unknown instrument ${o.instrument}`);
    ensure(typeof o.article === "string" && o.article.length > 0, "obligation without an article");
    ensure(typeof o.obligor?.name === "string" && o.obligor.name.length > 0, "obligation without an obligor");
    ensure(typeof o.beneficiary?.name === "string" && o.beneficiary.name.length > 0, "no beneficiary");
    ensure(
      typeof o.kind === "string" && typeof o.strength === "string",
      "obligation without kind or strength",
    );
    return `${o.obligor.name}>${o.beneficiary.name}:${o.instrument}/${o.article}:${o.kind}:${o.strength}`;
  });
  return lines.join("\n");
}

/** The engine on random valid scenarios over the real library: an answer, the same one twice. */
export function engineTarget(): FuzzTarget<{ scenario: Scenario; twice: boolean }> {
  const { library } = loadLibrary();
  return {
    name: "engine",
    arbitrary: fc.record({ scenario: validScenario(library), twice: fc.boolean() }),
    run: ({ scenario, twice }) => {
      const first = checkAnswer(library, scenario);
      if (twice) ensure(checkAnswer(library, scenario) === first, "the same scenario answered differently");
    },
  };
}

interface Request {
  method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS";
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** Every HTTP route (through `inject`) with hostile paths, queries, headers and bodies: never a 5xx. */
export function httpTarget(): FuzzTarget<Request> {
  const { library } = loadLibrary([KOREA_LIBRARY]);
  const rokStrike = readFileSync(join(BUILTIN_SCENARIOS, "korea-2025-rok-strike.yaml"), "utf8");
  const scenario = (LocatedYaml.parse("s.yaml", rokStrike) as LocatedYaml).value;
  let server:
    | { app: FastifyInstance; store: ScenarioStore; dir: string; ids: string[]; served: number }
    | undefined;
  const fresh = async () => {
    if (server) {
      await server.app.close();
      server.store.close();
      rmSync(server.dir, { recursive: true, force: true });
    }
    const dir = mkdtempSync(join(tmpdir(), "casus-fuzz-"));
    const store = new ScenarioStore(dir);
    const ids = [store.create(scenario as Scenario).id, store.create(scenario as Scenario).id];
    server = { app: buildApp({ library, store }), store, dir, ids, served: 0 };
    return server;
  };

  const id = fc.oneof(
    fc.nat().map((n) => `@saved${n % 2}`),
    fc.uuid(),
    fc.uuid().map((u) => u.toUpperCase()),
    fc.constantFrom(
      "%zz",
      "..%2F..%2Fetc%2Fpasswd",
      "-".repeat(36),
      "",
      "%00",
      "russia-dprk-2024",
      "a".repeat(300),
    ),
    fc.string({ maxLength: 40 }).map(encodeURIComponent),
  );
  const path = fc.oneof(
    fc.constantFrom(
      "/api/health",
      "/api/instruments",
      "/api/states",
      "/api/network",
      "/api/shipped-scenarios",
      "/api/what-if",
      "/api/scenarios",
      "/api/export",
      "/api/import",
      "/openapi.json",
      "/",
      "/api",
      "/api/",
      "/%",
      "//api//scenarios",
    ),
    id.map((i) => `/api/scenarios/${i}`),
    id.map((i) => `/api/scenarios/${i}/what-if`),
    id.map((i) => `/api/instruments/${i}`),
    // A request line always has a path; inject would otherwise fail before the server sees anything.
    fc.webPath().map((p) => (p.startsWith("/") ? p : `/${p}`)),
  );
  const queryKey = fc.constantFrom(
    "on",
    "party",
    "reading",
    "declines",
    "explain",
    "format",
    "limit",
    "offset",
    "overwrite",
    "token",
    "x",
    "__proto__",
  );
  const queryValue = fc.oneof(
    fc.constantFrom(
      "2024-10-15",
      "2024-02-30",
      "PRK",
      "USA",
      "XYZ",
      "territorial",
      "victim",
      "markdown",
      "json",
      "true",
      "0",
      "-1",
      "1001",
      "1e3",
      "",
      "%zz",
    ),
    fc.string({ maxLength: 12 }).map(encodeURIComponent),
  );
  const query = fc
    .array(fc.tuple(queryKey, queryValue), { maxLength: 4 })
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}` : ""));
  const body = fc.oneof(
    fc.constant(JSON.stringify(scenario)),
    fc
      .array(structural, { minLength: 1, maxLength: 3 })
      .map((edits) => JSON.stringify(edits.reduce((v, e) => replaceAt(v, e.path, e.value), scenario))),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.constant(JSON.stringify({ format: "casus.scenarios/1", scenarios: [{ scenario }] })),
    fc.constant(JSON.stringify({ format: "casus.scenarios/1", scenarios: [{ id: "@saved0", scenario }] })),
    fc.constant(`{"__proto__":{"polluted":1},${JSON.stringify(scenario).slice(1)}`),
    fc.nat({ max: 200 }).map((n) => `${"[".repeat(n)}${"]".repeat(n)}`),
    fc.string({ maxLength: 64 }),
    fc.string({ unit: "binary", maxLength: 64 }),
  );
  const arbitrary = fc.record({
    method: fc.constantFrom(
      "GET",
      "GET",
      "POST",
      "POST",
      "PUT",
      "DELETE",
      "PATCH",
      "HEAD",
      "OPTIONS",
    ) as fc.Arbitrary<Request["method"]>,
    url: fc.tuple(path, query).map(([p, q]) => `${p}${q}`),
    headers: fc.record(
      {
        "content-type": fc.constantFrom(
          "application/json",
          "application/json; charset=utf-8",
          "text/plain",
          "application/x-www-form-urlencoded",
          "application/yaml",
        ),
        "if-match": fc.constantFrom('"1"', '"2"', "*", 'W/"1"', "garbage", '"99999999999999999999"', ""),
        host: fc.constantFrom("localhost", "127.0.0.1:4319", "[::1]", "evil.example", ""),
        authorization: fc.constantFrom("Bearer x", "Basic eA=="),
      },
      { requiredKeys: [] },
    ),
    payload: fc.option(body, { nil: undefined, freq: 3 }),
  });

  return {
    name: "http routes",
    arbitrary,
    run: async (request) => {
      const s = server && server.served < 2000 ? server : await fresh();
      s.served++;
      const saved = (text: string) =>
        text.replace(/@saved(\d)/g, (_m, n: string) => s.ids[Number(n)] as string);
      const res = await s.app.inject({
        method: request.method,
        url: saved(request.url),
        headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, saved(v)])),
        ...(request.payload !== undefined && !["GET", "HEAD"].includes(request.method)
          ? { payload: saved(request.payload) }
          : {}),
      });
      ensure(
        res.statusCode < 500,
        `${request.method} ${request.url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`,
      );
      for (const name of Object.keys(SECURITY_HEADERS))
        ensure(res.headers[name.toLowerCase()] !== undefined, `${request.method} ${request.url}: no ${name}`);
      if (res.statusCode >= 400 && request.method !== "HEAD") {
        const answer = JSON.parse(res.body) as { error?: unknown; message?: unknown };
        ensure(
          typeof answer.error === "string" && typeof answer.message === "string",
          `error shape: ${res.body.slice(0, 200)}`,
        );
      }
      ensure(({} as { polluted?: unknown }).polluted === undefined, "Object.prototype was polluted");
    },
    close: async () => {
      if (!server) return;
      await server.app.close();
      server.store.close();
      rmSync(server.dir, { recursive: true, force: true });
      server = undefined;
    },
  };
}

export const TARGETS = {
  checker: checkerTarget,
  scenarios: scenarioReaderTarget,
  engine: engineTarget,
  http: httpTarget,
} as const;
