import type { FastifySchema } from "fastify";
import { z } from "zod";
import { DateField } from "../model/common.js";
import { Instrument, LegalForce, ProvisionKind, Strength } from "../model/instrument.js";
import * as result from "../model/result.js";
import { Scenario } from "../model/scenario.js";
import { MAX_ARTICLE_CHARS } from "../read/index.js";
import { WhatIfQuery } from "./requests.js";
import * as answers from "./response-schemas.js";
import { UUID } from "./store.js";

/**
 * The schema of every route, for the OpenAPI document (`GET /openapi.json`, `GET /docs`): generated from
 * the zod schemas the handlers validate with and the model's own schemas. Fastify compiles none of it (see
 * app.ts): the handlers validate with zod, so errors name fields the same way everywhere.
 */

// Request schemas the handlers validate with.
export const InstrumentsQuery = z.strictObject({
  on: z.string().optional().meta({ description: "YYYY-MM-DD; today if left out" }),
  party: z
    .string()
    .optional()
    .meta({ description: "only instruments it is party to: ISO3, cow:N or a name" }),
});
export const NetworkQuery = z.strictObject({ on: z.string().meta({ description: "YYYY-MM-DD" }) });
export const ResolveQuery = z.strictObject({
  q: z
    .string()
    .min(1)
    .max(120)
    .meta({ description: "a state's name, alias or code: UK, Britain, DPRK, cow:300" }),
  on: z
    .string()
    .optional()
    .meta({ description: "YYYY-MM-DD, for codes whose meaning depends on the date; today if left out" }),
});
export const SearchQuery = z.strictObject({
  q: z
    .string()
    .min(1)
    .max(200)
    .meta({ description: "words to find in titles, articles, renderings, readings and notes" }),
  limit: z.coerce.number().int().min(1).max(100).optional().meta({ description: "30 if left out" }),
});
export const ListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).optional().meta({ description: "100 if left out" }),
  offset: z.coerce.number().int().min(0).optional(),
});
export const ImportQuery = z.strictObject({
  overwrite: z.enum(["true", "false"]).optional().meta({
    description: "replace scenarios already saved under the same ids (their version goes up)",
  }),
});
export const ImportBody = z.strictObject({
  format: z.literal("casus.scenarios/1"),
  scenarios: z
    .array(z.strictObject({ id: z.string().regex(UUID, "not a UUID").optional(), scenario: z.unknown() }))
    .max(10_000),
});
/** The body of `POST /api/read`: the article's text, and its date where the text gives none. */
export const ReadRequest = z.strictObject({
  text: z
    .string()
    .min(1, "the article is empty")
    .max(MAX_ARTICLE_CHARS, `longer than ${MAX_ARTICLE_CHARS} characters`),
  dateline: DateField.optional(),
  /** What to call the text in the answer (a file name or a URL the user pasted from). */
  name: z.string().max(300).optional(),
});

const IdParams = z.strictObject({
  id: z.string().regex(UUID).meta({ description: "a saved scenario's id (compared without regard to case)" }),
});
const IfMatch = z.strictObject({
  "If-Match": z.string().meta({
    description:
      'the ETag from GET (e.g. "3"); * replaces whatever is saved. Missing: 428. Stale: 412 with the current version.',
  }),
});

/** Schemas that become `components.schemas`, by these names. */
const NAMED: Record<string, z.ZodType> = {
  Scenario,
  Instrument,
  ReadRequest,
  ImportRequest: ImportBody,
  Result: result.Result,
  StateRef: result.StateRef,
  PlaceRef: result.PlaceRef,
  ConditionCode: result.ConditionCode,
  ConditionDetail: result.ConditionDetail,
  Condition: result.Condition,
  ProvisionKind,
  Strength,
  LegalForce,
  Obligation: result.Obligation,
  Commitment: result.Commitment,
  Available: result.Available,
  NotTriggered: result.NotTriggered,
  NotInForce: result.NotInForce,
  War: result.War,
  Belligerent: result.Belligerent,
  JoiningDecision: result.JoiningDecision,
  Conflict: result.Conflict,
  Violation: result.Violation,
  Standing: result.Standing,
  ContestedFlip: result.ContestedFlip,
  Contested: result.Contested,
  Assumption: result.Assumption,
  ReadingInfo: result.ReadingInfo,
  Text: result.Text,
  Source: result.Source,
  Brief: answers.Brief,
  Error: answers.ApiError,
  Problem: answers.Problem,
  StorageError: answers.StorageError,
  BudgetExceeded: answers.BudgetExceeded,
  ImportConflict: answers.ImportConflict,
  EditConflict: answers.EditConflict,
  Health: answers.Health,
  InstrumentRow: answers.InstrumentRow,
  StateEntry: answers.StateEntry,
  Network: answers.Network,
  ShippedScenario: answers.ShippedScenario,
  SavedScenario: answers.SavedScenario,
  SavedSummary: answers.SavedSummary,
  ScenarioList: answers.ScenarioList,
  ScenarioExport: answers.ScenarioExport,
  Imported: answers.Imported,
  ReadAnswer: answers.ReadAnswer,
  ResolvedState: answers.ResolvedState,
  NotFoundWithSuggestions: answers.NotFoundWithSuggestions,
  SearchResults: answers.SearchResults,
};

const DESCRIBED: Record<string, string> = {
  Result: `A what-if's answer, ${result.RESULT_SCHEMA}. What each list and field means: docs/result.md.`,
  Scenario: "A scenario, as in a scenario file (scenarios/*.yaml): a date, events, judgements and options.",
  Instrument: "A treaty or other instrument, as in its file under treaties/ (docs/treaty-format.md).",
  ReadAnswer: "What the reader found in a news article (casus.read/1): every claim cited to its sentence.",
};

/**
 * The named schemas as JSON Schema (draft 2020-12, as OpenAPI 3.1 has it), each with `$id` its name and
 * referring to the others by name, for `app.addSchema`. Inputs are described as accepted (`io: "input"`):
 * a scenario's article may be a number, read back as a string.
 */
export function sharedSchemas(): { $id: string }[] {
  const registry = z.registry<{ id: string; description?: string }>();
  for (const [id, schema] of Object.entries(NAMED))
    registry.add(schema, { id, ...(DESCRIBED[id] ? { description: DESCRIBED[id] } : {}) });
  const { schemas } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
    uri: (id) => id,
  });
  return Object.entries(schemas).map(([id, { $schema: _dialect, ...schema }]) => ({ ...schema, $id: id }));
}

const inline = (schema: z.ZodType): object => {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
  });
  return json;
};
const ref = (name: keyof typeof NAMED & string) => ({ $ref: `${name}#` });

interface Response {
  description: string;
  headers?: Record<string, { type: "string"; description: string }>;
  content?: { "application/json": { schema: object } };
}
const json = (description: string, schema: object, headers?: Response["headers"]): Response => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema } },
});
const error = (description: string, name = "Error") => json(description, ref(name));

const etag = {
  ETag: { type: "string", description: 'the saved scenario\'s version, for If-Match ("3")' },
} as const;
const retryAfter = { "Retry-After": { type: "string", description: "seconds" } } as const;

const bad = { 400: error("invalid input: `message` says what, `problems` names each field") };
const notFound = { 404: error("there is no such thing (`error`: not-found)") };
const tooLarge = {
  413: error("the body is larger than 256 KiB (`error`: too-large)"),
  415: error("the body is not JSON"),
};
const storage = {
  503: json(
    "the data directory cannot be written or read now (`cause` says why); retry after Retry-After",
    ref("StorageError"),
    retryAfter,
  ),
};
const precondition = {
  412: json(
    "someone else changed it first: `current` is the scenario as now saved; its ETag is in the header",
    ref("EditConflict"),
    etag,
  ),
  428: error("If-Match is missing (`error`: precondition-required)"),
};
const work = {
  422: json(
    "the work budget ran out (`exceeded`: time or evaluations), or the client went away",
    ref("BudgetExceeded"),
  ),
  429: json(
    "this client already has its maximum of what-ifs running; retry after Retry-After",
    ref("Error"),
    retryAfter,
  ),
};
/** Every route: the Host check, and a bug. Every /api route but the health check: the token, if one is set. */
const always = {
  421: error("the Host header is not a name this server answers to (`error`: misdirected)"),
  500: error("a bug: the server logged it (`error`: internal)"),
};
const token = {
  401: error(
    "the server was started with a token and the request did not carry it (Authorization: Bearer, or the cookie set by /?token=)",
  ),
};
const guarded = { ...token, ...always };
/** Without a token set, none is needed; with one, the bearer token (or its cookie). */
const security: Record<string, string[]>[] = [{}, { bearer: [] }];

const whatIfAnswer = {
  ...json(
    `the answer: ${result.RESULT_SCHEMA} (docs/result.md); with ?explain= only what concerns that state; with ?format=markdown or text, the brief; other formats are files`,
    { oneOf: [ref("Result"), ref("Brief")] },
  ),
};
// The formats that are files, each under its own media type.
const files = {
  "text/csv": { schema: { type: "string", description: "one row per obligation" } },
  "image/svg+xml": { schema: { type: "string", description: "the map, coloured by role" } },
  "image/png": { schema: { type: "string", contentEncoding: "binary", description: "the map, as PNG" } },
  "text/vnd.graphviz": { schema: { type: "string", description: "the cascade, as DOT" } },
  "application/graphml+xml": { schema: { type: "string", description: "the cascade, as GraphML" } },
  "application/x-bibtex": { schema: { type: "string", description: "the sources, as BibTeX" } },
};
(whatIfAnswer as { content: Record<string, unknown> }).content = {
  ...(whatIfAnswer as { content: Record<string, unknown> }).content,
  ...files,
};

/** The `schema` option of each route, keyed by what app.ts registers. */
export const ROUTES = {
  health: {
    summary: "liveness, versions, and whether the database takes a write (never needs the token)",
    response: {
      200: json("up, and the database takes a write", ref("Health")),
      503: json("up, but the database cannot be written: `storage` says why", ref("Health")),
      ...always,
    },
  },
  instruments: {
    summary: "instruments signed by a date, with their status on it",
    querystring: inline(InstrumentsQuery),
    security,
    response: {
      200: json("one row per instrument", { type: "array", items: ref("InstrumentRow") }),
      ...bad,
      ...guarded,
    },
  },
  instrument: {
    summary: "one instrument, as its treaty file has it",
    params: inline(z.strictObject({ id: z.string().meta({ description: "the instrument's id" }) })),
    security,
    response: { 200: json("the instrument", ref("Instrument")), ...notFound, ...guarded },
  },
  states: {
    summary: "the state registry: ISO3, COW and ISO numeric codes",
    security,
    response: {
      200: json("every state casus knows", { type: "array", items: ref("StateEntry") }),
      ...guarded,
    },
  },
  resolveState: {
    summary: "a state's name, alias or code to its code, through the normaliser the CLI uses",
    querystring: inline(ResolveQuery),
    security,
    response: {
      200: json("the state", ref("ResolvedState")),
      404: json("no state by that name; `suggestions` names the nearest", ref("NotFoundWithSuggestions")),
      ...bad,
      ...guarded,
    },
  },
  search: {
    summary: "full-text search over the library: titles, articles, renderings, readings, notes",
    querystring: inline(SearchQuery),
    security,
    response: { 200: json("the hits, best first", ref("SearchResults")), ...bad, ...guarded },
  },
  network: {
    summary: "the alliance network in force on a date (nodes: states; edges: provisions)",
    querystring: inline(NetworkQuery),
    security,
    response: { 200: json("the network", ref("Network")), ...bad, ...guarded },
  },
  shippedScenarios: {
    summary: "the scenarios shipped with casus (without their expected answers)",
    security,
    response: { 200: json("one per file", { type: "array", items: ref("ShippedScenario") }), ...guarded },
  },
  whatIf: {
    summary: "run a what-if: who is bound to do what, toward whom, under which article",
    querystring: inline(WhatIfQuery),
    body: ref("Scenario"),
    security,
    response: { 200: whatIfAnswer, ...bad, ...tooLarge, ...work, ...guarded },
  },
  read: {
    summary: "read a news article: instruments, quoted articles, actors, events and a suggested what-if",
    body: ref("ReadRequest"),
    security,
    response: {
      200: json("what the article says, cited", ref("ReadAnswer")),
      ...bad,
      ...tooLarge,
      ...guarded,
    },
  },
  listScenarios: {
    summary: "saved scenarios, the last changed first, without their bodies",
    querystring: inline(ListQuery),
    security,
    response: { 200: json("a page of saved scenarios", ref("ScenarioList")), ...bad, ...storage, ...guarded },
  },
  createScenario: {
    summary: "save a scenario (it gets an id and version 1)",
    body: ref("Scenario"),
    security,
    response: {
      201: json("saved", ref("SavedScenario"), {
        ...etag,
        Location: { type: "string", description: "/api/scenarios/{id}" },
      }),
      ...bad,
      ...tooLarge,
      ...storage,
      ...guarded,
    },
  },
  getScenario: {
    summary: "one saved scenario, with its version as the ETag",
    params: inline(IdParams),
    security,
    response: {
      200: json("the saved scenario", ref("SavedScenario"), etag),
      ...bad,
      ...notFound,
      ...storage,
      ...guarded,
    },
  },
  replaceScenario: {
    summary: "replace a saved scenario, if it is still at the version in If-Match",
    params: inline(IdParams),
    headers: inline(IfMatch),
    body: ref("Scenario"),
    security,
    response: {
      200: json("replaced: the version went up by one", ref("SavedScenario"), etag),
      ...bad,
      ...notFound,
      ...precondition,
      ...tooLarge,
      ...storage,
      ...guarded,
    },
  },
  deleteScenario: {
    summary: "delete a saved scenario, if it is still at the version in If-Match",
    params: inline(IdParams),
    headers: inline(IfMatch),
    security,
    response: {
      204: { description: "deleted", type: "null" },
      ...bad,
      ...notFound,
      ...precondition,
      ...storage,
      ...guarded,
    },
  },
  savedWhatIf: {
    summary: "run the what-if of a saved scenario",
    params: inline(IdParams),
    querystring: inline(WhatIfQuery),
    security,
    response: { 200: whatIfAnswer, ...bad, ...notFound, ...work, ...storage, ...guarded },
  },
  exportScenarios: {
    summary: "every saved scenario, as one document to import elsewhere",
    security,
    response: { 200: json("every saved scenario", ref("ScenarioExport")), ...storage, ...guarded },
  },
  importScenarios: {
    summary: "import an export, all or nothing: ids are kept; an id already saved needs overwrite=true",
    querystring: inline(ImportQuery),
    body: ref("ImportRequest"),
    security,
    response: {
      200: json("imported", ref("Imported")),
      ...bad,
      409: json(
        "ids already saved (without overwrite=true) or repeated in the import; nothing was imported",
        ref("ImportConflict"),
      ),
      ...tooLarge,
      ...storage,
      ...guarded,
    },
  },
  hidden: { hide: true },
} satisfies Record<string, FastifySchema>;

/** What the document says of itself; the paths come from the routes. */
export const OPENAPI_BASE = {
  openapi: "3.1.0",
  info: {
    title: "casus",
    version: "1",
    description: `Treaties as code. What-if answers follow the ${result.RESULT_SCHEMA} contract (docs/result.md). This document is generated from the server's zod schemas and routes; /docs shows it.`,
  },
  components: {
    securitySchemes: {
      bearer: {
        type: "http" as const,
        scheme: "bearer",
        description:
          "needed when the server was started with --token or CASUS_TOKEN (always beyond loopback)",
      },
    },
  },
};
