import { z } from "zod";
import { EVENT_KIND_IDS } from "../model/events.js";
import { ProvisionKind, Strength } from "../model/instrument.js";
import { Scenario } from "../model/scenario.js";
import { READ_SCHEMA } from "../read/result.js";
import { UUID } from "./store.js";

/**
 * What the API answers where no model schema said it already: written from what the handlers return, and
 * checked against their TypeScript types in test/openapi.test.ts, so the document cannot drift from them.
 */

const nullableDate = z.string().nullable();

export const Problem = z.strictObject({
  field: z.string().meta({ description: "the field at fault, as a path (`events[0].by`, `If-Match`)" }),
  message: z.string(),
});

export const ApiError = z
  .strictObject({
    error: z.string().meta({
      description:
        "a stable code: bad-request, not-found, unauthorized, misdirected, precondition-required, too-many, too-large, internal",
    }),
    message: z.string(),
    problems: z.array(Problem).optional().meta({ description: "for 400: each field at fault" }),
  })
  .meta({ description: "every error the API answers has this shape (some add fields)" });

export const StorageError = z.strictObject({
  error: z.literal("storage"),
  cause: z.enum(["disk-full", "read-only", "busy", "io-error", "corrupt"]),
  message: z.string(),
});

export const BudgetExceeded = z.strictObject({
  error: z.literal("budget-exceeded"),
  exceeded: z.enum(["time", "evaluations", "cancelled"]),
  limit: z.number().meta({ description: "milliseconds, or provision tests; 0 when cancelled" }),
  message: z.string(),
});

export const ImportConflict = z.strictObject({
  error: z.literal("conflict"),
  message: z.string(),
  ids: z.array(z.string()).meta({ description: "the ids already saved, or repeated in the import" }),
});

export const Health = z.strictObject({
  ok: z.boolean(),
  instruments: z.number().int().meta({ description: "instruments in the loaded library" }),
  result_schema: z.string().meta({ description: "the what-if contract, `casus.result/2`" }),
  store_schema: z.number().int().meta({ description: "the database schema version" }),
  version: z.string().meta({ description: "casus's own version" }),
  storage: z.union([
    z.strictObject({ writable: z.literal(true) }),
    z.strictObject({ writable: z.literal(false), cause: StorageError.shape.cause, message: z.string() }),
  ]),
});

export const InstrumentRow = z.strictObject({
  id: z.string(),
  title: z.string(),
  kind: z.string(),
  signed: z.string(),
  in_force: nullableDate,
  terminated: nullableDate,
  status: z.enum(["not-yet-signed", "signed", "in-force", "terminated"]),
  parties: z.array(z.string()).meta({ description: "party codes (ISO3, cow:N, org:…)" }),
});

export const StateEntry = z.strictObject({
  code: z.string().meta({ description: "the canonical code: ISO3, or cow:N where there is none" }),
  iso3: z.string().nullable(),
  cow: z.number().int(),
  name: z.string(),
  iso_numeric: z.number().int().nullable(),
  current: z.boolean().meta({ description: "whether the state exists today" }),
});

export const Network = z.strictObject({
  on: z.string(),
  nodes: z.array(
    z.union([
      z.strictObject({
        code: z.string(),
        iso3: z.string().nullable(),
        cow: z.number().int().nullable(),
        name: z.string(),
      }),
      z.strictObject({ code: z.string(), id: z.string(), name: z.string() }),
    ]),
  ),
  edges: z.array(
    z.strictObject({
      from: z.string(),
      to: z.string(),
      mutual: z.boolean().meta({ description: "a mutual provision: the pair appears once" }),
      kind: ProvisionKind,
      strength: Strength,
      instrument: z.string(),
      instrument_title: z.string(),
      article: z.string(),
      source: z.enum(["library", "atop", "carried_forward"]).meta({
        description: "the library's text, ATOP's coding, or ATOP's coding carried past 2018",
      }),
    }),
  ),
});

export const ShippedScenario = z.strictObject({
  id: z.string().meta({ description: "the file name without .yaml" }),
  scenario: Scenario,
});

const savedFields = {
  id: z.string().regex(UUID).meta({ description: "a UUID, compared without regard to case" }),
  title: z.string(),
  as_of: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  version: z.number().int().min(1).meta({ description: "goes up by one with every change; the ETag" }),
};
export const SavedScenario = z.strictObject({ ...savedFields, scenario: Scenario });
export const SavedSummary = z.strictObject(savedFields);
export const ScenarioList = z.strictObject({ total: z.number().int(), items: z.array(SavedSummary) });

export const EditConflict = z.strictObject({
  error: z.literal("conflict"),
  message: z.string(),
  current: SavedScenario.meta({ description: "the scenario as now saved, with its version" }),
});

export const ScenarioExport = z.strictObject({
  format: z.literal("casus.scenarios/1"),
  scenarios: z.array(z.strictObject({ id: z.string(), scenario: Scenario })),
});

export const Imported = z.strictObject({ imported: z.number().int() });

/** A what-if answered as the analyst's brief instead of JSON (`?format=markdown` or `text`). */
export const Brief = z.union([
  z.strictObject({ markdown: z.string() }),
  z.strictObject({ text: z.string() }),
]);

// The reader's answer (casus.read/1), from the types in src/read/result.ts.
const Span = { start: z.number().int(), end: z.number().int() };
const Removed = z.strictObject({
  ...Span,
  reason: z.enum([
    "duplicate-paragraph",
    "repeated-headline",
    "comment-prompt",
    "share-or-navigation",
    "author-bio",
    "byline",
    "separator",
    "related-headline",
  ]),
});
const Sentence = z.strictObject({ ...Span, id: z.string(), paragraph: z.number().int(), text: z.string() });
const ReadDate = z.strictObject({
  value: z.string().nullable(),
  precision: z.enum(["day", "month", "year"]).nullable(),
  text: z.string().nullable(),
  sentence: z.string().nullable(),
  rule: z.string(),
});
const Dateline = z.strictObject({
  date: z.string().nullable(),
  from: z.enum(["article", "user", "none"]),
  text: z.string().nullable(),
  rule: z.string(),
  window: z
    .strictObject({ from: z.string().nullable(), to: z.string().nullable(), because: z.array(z.string()) })
    .nullable(),
});
const ActorMention = z.strictObject({
  ...Span,
  sentence: z.string(),
  text: z.string(),
  code: z.string().nullable(),
  name: z.string().nullable(),
  kind: z.enum([
    "state",
    "person",
    "office",
    "ministry",
    "military",
    "state-media",
    "news-agency",
    "capital",
    "demonym",
    "organisation",
    "anonymous",
  ]),
  person: z.string().optional(),
  role: z.string().optional(),
  role_dates: z.strictObject({ from: z.string().nullable(), to: z.string().nullable() }).optional(),
  role_holds: z.boolean().nullable(),
  source: z.strictObject({ title: z.string(), url: z.string() }).optional(),
});
const MatchedInstrument = z.strictObject({
  id: z.string(),
  title: z.string(),
  status: z.string().nullable(),
  note: z.string().nullable(),
  mentions: z.array(
    z.strictObject({
      ...Span,
      sentence: z.string(),
      text: z.string(),
      how: z.enum(["title", "alias", "description", "year-and-parties", "article-of-organisation"]),
      because: z.string().nullable(),
    }),
  ),
});
const UnknownInstrument = z.strictObject({
  text: z.string(),
  note: z.string(),
  mentions: z.array(z.strictObject({ sentence: z.string(), ...Span })),
});
const ArticleClaim = z.strictObject({
  sentence: z.string(),
  spans: z.array(z.strictObject(Span)),
  text: z.string(),
  kind: z.enum(["quote", "paraphrase", "reference"]),
  instrument: z.string().nullable(),
  article: z.string().nullable(),
  article_text: z.string().nullable(),
  attributed_to: z.string().nullable(),
  match: z.enum(["same-words", "close", "no-rendering"]).nullable(),
  best: z
    .strictObject({
      which: z.enum(["text", "rendering"]),
      rendering_index: z.number().int().nullable(),
      lang: z.string(),
      reading: z.string().nullable(),
      quote_confidence: z.string().nullable(),
      source: z.strictObject({
        id: z.string(),
        title: z.string(),
        url: z.string().nullable(),
        date: z.string().nullable(),
      }),
      closeness: z.number(),
      quoted_words_found: z.number().nullable(),
    })
    .nullable(),
  candidate_rendering: z
    .strictObject({
      text: z.string(),
      source: z.strictObject({ title: z.string(), date: z.string().nullable(), sentence: z.string() }),
    })
    .nullable(),
});
const EventParty = z.strictObject({
  code: z.string(),
  name: z.string(),
  text: z.string(),
  sentence: z.string(),
});
const ReadEvent = z.strictObject({
  id: z.string(),
  kind: z.enum(EVENT_KIND_IDS),
  plover: z.string().nullable(),
  suggested: z.literal(true),
  by: EventParty,
  against: EventParty.nullable(),
  to: EventParty.nullable(),
  place: z.strictObject({ code: z.string().nullable(), text: z.string().nullable(), rule: z.string() }),
  date: ReadDate,
  evidence: z.array(z.string()),
  status: z.enum(["reported", "attributed", "denied"]),
  disputed: z.boolean(),
  claimed_by: z.array(z.string()),
  denied_by: z.array(z.string()),
  sides: z.strictObject({ claim: z.array(z.string()), denial: z.array(z.string()) }).nullable(),
  notes: z.array(z.string()),
});
const SetAside = z.strictObject({
  sentence: z.string(),
  text: z.string(),
  reason: z.enum(["hypothetical", "negated", "treaty-text", "no-actor", "no-target"]),
});
const ObligationBeside = z.strictObject({
  obligor: z.string(),
  beneficiary: z.string(),
  instrument: z.string(),
  article: z.string(),
  kind: z.string(),
  strength: z.string(),
  treaty_text: z.string().nullable(),
  treaty_source: z.string().nullable(),
  evidence: z.array(z.string()),
});

export const ReadAnswer = z.strictObject({
  schema: z.literal(READ_SCHEMA),
  source: z.strictObject({ name: z.string(), chars: z.number().int() }),
  title: z.string().nullable(),
  dateline: Dateline,
  removed: z.array(Removed).meta({ description: "text left out as boilerplate: where and why" }),
  sentences: z.array(Sentence),
  instruments: z.array(MatchedInstrument),
  unknown_instruments: z.array(UnknownInstrument),
  articles: z.array(ArticleClaim),
  actors: z.array(ActorMention),
  events: z
    .array(ReadEvent)
    .meta({ description: "every coded event is a suggestion until a person confirms it" }),
  set_aside: z.array(SetAside),
  suggestion: z.strictObject({
    scenario: Scenario.nullable(),
    left_out: z.array(z.strictObject({ event: z.string(), reason: z.string() })),
    rule: z.string(),
    what_if: z
      .strictObject({
        obligations: z.array(ObligationBeside),
        if_threats: z.array(ObligationBeside).nullable(),
      })
      .nullable(),
  }),
});

/** A state the normaliser resolved: its code, and how every answer writes it. */
export const ResolvedState = z.union([
  z.strictObject({
    code: z.string(),
    iso3: z.string().nullable(),
    cow: z.number().int().nullable(),
    name: z.string(),
  }),
  z.strictObject({ code: z.string(), id: z.string(), name: z.string() }),
]);

export const NotFoundWithSuggestions = z.strictObject({
  error: z.literal("not-found"),
  message: z.string(),
  suggestions: z.array(z.string()),
});

/** Full-text hits over the library (`GET /api/search`). */
export const SearchResults = z.strictObject({
  query: z.string(),
  hits: z.array(
    z.strictObject({
      instrument: z.string(),
      instrument_title: z.string(),
      article: z.string().nullable(),
      label: z.string().nullable(),
      field: z.enum(["title", "text", "rendering", "reading", "note"]),
      snippet: z.string(),
      score: z.number(),
    }),
  ),
});
