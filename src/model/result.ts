import { z } from "zod";
import { LegalForce, ProvisionKind, Strength } from "./instrument.js";

/**
 * The result contract, `casus.result/2`: the single source of truth for what a what-if answers. Its JSON
 * Schema and the OpenAPI document are generated from it and the routes (`src/server/api-schemas.ts`,
 * `src/server/response-schemas.ts`). The engine fills it
 * with structured values only (codes, states, places, article references, dates); the printer in
 * `src/report/` turns them into English. Changes from `/1` are listed in `docs/result.md`.
 */
export const RESULT_SCHEMA = "casus.result/2";

/** A state as `{iso3, cow, name}` (`iso3` null where there is none); an organisation or group as `{id, name}`. */
export const StateRef = z.union([
  z.strictObject({ iso3: z.string().nullable(), cow: z.number().int().nullable(), name: z.string() }),
  z.strictObject({ id: z.string(), name: z.string() }),
]);
export type StateRef = z.infer<typeof StateRef>;

export const PlaceRef = z.strictObject({ code: z.string(), name: z.string() });
export type PlaceRef = z.infer<typeof PlaceRef>;

/** What a condition tests. The printer has one sentence per code and detail. */
export const ConditionCode = z.enum([
  "suspended",
  "void",
  "event",
  "armed-attack",
  "invasion",
  "nuclear",
  "threat",
  "attacker-state",
  "attacker-named",
  "attacker-excluded",
  "supported-by",
  "external",
  "attackers-count",
  "place",
  "sovereignty",
  "state-of-war",
  "victim",
  "request",
  "call",
  "retroactivity",
  "mobilisation",
]);
export type ConditionCode = z.infer<typeof ConditionCode>;

/** Which way a condition came out, where the code alone does not say it. */
export const ConditionDetail = z.enum([
  // place
  "on-territory",
  "within-region",
  "outside-region",
  "not-beneficiary-territory",
  "not-party-territory",
  "forces-within-region",
  "forces-outside-region",
  "forces-not-covered",
  "forces-abroad-reading",
  // armed-attack, invasion, threat, nuclear
  "judged",
  "derived",
  "none",
  "attack-more-than-threat",
  "strike-not-invasion",
  // victim
  "text",
  "reading",
  // retroactivity
  "ended-before",
  "counted",
  "not-counted",
]);
export type ConditionDetail = z.infer<typeof ConditionDetail>;

export const Condition = z.strictObject({
  code: ConditionCode,
  met: z.boolean(),
  detail: ConditionDetail.optional(),
  /** The event or derived fact the test was made on. */
  event: z.string().optional(),
  /** The state the condition is about (the attacked party, the one who must ask). */
  state: StateRef.optional(),
  /** Who struck, threatened or asked. */
  by: StateRef.optional(),
  /** The states a clause names, excludes or needs as supporters; the enemies in a war. */
  states: z.array(StateRef).optional(),
  /** A place code; its name is in `places`. */
  place: z.string().optional(),
  /** A region id; its name is in `regions`. */
  region: z.string().optional(),
  war: z.string().optional(),
  /** A date the test turned on (entry into force, a suspension's start, the attack's start). */
  date: z.string().optional(),
  count: z.number().int().optional(),
  needed: z.number().int().optional(),
  /** The assumption (see `assumptions`) the verdict rests on, if any. */
  assumption: z.string().optional(),
  /** The words of the article that justify the condition, as the treaty file quotes them. */
  because: z.string().optional(),
  /** The ratification understanding that added the condition. */
  understanding: z.string().optional(),
  /** The readings that made the provision void. */
  readings: z.array(z.string()).optional(),
});
export type Condition = z.infer<typeof Condition>;

const ObligationCore = {
  obligor: StateRef,
  beneficiary: StateRef,
  /** The states it is owed against (the attackers, or the enemies in the war). */
  against: z.array(StateRef),
  instrument: z.string(),
  article: z.string(),
  part: z.string().nullable(),
  paragraph: z.string().nullable(),
  provision: z.string(),
  kind: ProvisionKind,
  strength: Strength,
  conditions: z.array(Condition),
  /** The held condition the answer turns on most (the one whose failure would undo it). */
  pivotal: ConditionCode.nullable(),
  /** The fact (event or derived attack) it answers. */
  event: z.string(),
  /** Readings in effect for it (general and instrument reading keys). */
  readings: z.array(z.string()),
  qualifiers: z.array(z.string()),
  /** The id of its article's text in `texts`. */
  text: z.string(),
};

/** A legal obligation: one per obligor, beneficiary and provision. */
export const Obligation = z.strictObject({
  ...ObligationCore,
  /** The wave of the cascade in which it first arose. */
  wave: z.number().int(),
  /** Whether it is what brings the obligor into the war (see `joining`). */
  joins_war: z.boolean(),
});
export type Obligation = z.infer<typeof Obligation>;

/** A political commitment or a domestic act: shown apart, never as "bound". */
export const Commitment = z.strictObject({
  ...ObligationCore,
  legal_force: LegalForce.exclude(["binding"]),
  wave: z.number().int(),
});
export type Commitment = z.infer<typeof Commitment>;

/** A clause that would bind once a party calls for it (consultation "in the opinion of any of them"). */
export const Available = z.strictObject({
  ...ObligationCore,
  /** Who may call: the threatened or attacked party. */
  caller: StateRef,
});
export type Available = z.infer<typeof Available>;

export const NotTriggered = z.strictObject({
  obligor: StateRef,
  beneficiary: StateRef,
  instrument: z.string(),
  article: z.string(),
  provision: z.string(),
  kind: ProvisionKind,
  /** Every condition tested; the unmet ones are why. */
  unmet: z.array(Condition),
  text: z.string(),
});
export type NotTriggered = z.infer<typeof NotTriggered>;

export const NotInForce = z.strictObject({
  instrument: z.string(),
  title: z.string(),
  status: z.enum(["signed", "terminated"]),
  signed: z.string(),
  in_force: z.string().nullable(),
  terminated: z.string().nullable(),
  termination_reason: z.string().nullable(),
  /** Evaluated as if in force (signed instruments only). */
  would_bind: z.array(Obligation),
  not_triggered: z.array(NotTriggered),
});
export type NotInForce = z.infer<typeof NotInForce>;

export const War = z.strictObject({
  id: z.string(),
  initiator: StateRef,
  start: z.string(),
  /** The event that started it. */
  event: z.string(),
  sides: z.array(
    z.strictObject({ state: StateRef, side: z.enum(["initiator", "defender"]), wave: z.number().int() }),
  ),
  /** The places fought over: attacked, stationed, or added by the scenario. */
  theatre: z.array(PlaceRef),
});
export type War = z.infer<typeof War>;

export const Belligerent = z.strictObject({
  state: StateRef,
  war: z.string(),
  side: z.enum(["initiator", "defender"]),
  wave: z.number().int(),
  /** What brought it in: an event, an obligation, or the scenario's own choice. */
  basis: z.enum(["event", "obligation", "scenario"]),
  via: z.strictObject({ instrument: z.string(), article: z.string(), beneficiary: StateRef }).nullable(),
});
export type Belligerent = z.infer<typeof Belligerent>;

/** Whether a state with a military obligation joins: a stated assumption, never implied by being bound. */
export const JoiningDecision = z.strictObject({
  state: StateRef,
  war: z.string().nullable(),
  decision: z.enum(["joins", "would-act", "stays-out"]),
  reason: z.enum([
    "binding-obligation",
    "scenario-joins",
    "scenario-declines",
    "bound-to-both-sides",
    "against-own-ally",
    "discretionary-only",
    "not-binding",
    "already-at-war",
    "no-war",
  ]),
  /** The obligations that call for it (and, in a conflict, those that pull the other way). */
  obligations: z.array(
    z.strictObject({
      instrument: z.string(),
      article: z.string(),
      beneficiary: StateRef,
      strength: Strength,
    }),
  ),
  /** In a conflict with an ally: the pledge it owes the state it would fight. */
  pledges: z.array(
    z.strictObject({
      instrument: z.string(),
      article: z.string(),
      toward: StateRef,
      kind: ProvisionKind,
    }),
  ),
});
export type JoiningDecision = z.infer<typeof JoiningDecision>;

export const Conflict = z.strictObject({
  kind: z.enum([
    "bound-to-both-sides",
    "against-own-ally",
    "defence-vs-non-aggression",
    "assistance-vs-prohibition",
    "assistance-vs-non-assistance",
  ]),
  state: StateRef,
  war: z.string().nullable(),
  obligations: z.array(
    z.strictObject({ instrument: z.string(), article: z.string(), beneficiary: StateRef }),
  ),
  /** The pledge or prohibition on the other side, with its text. */
  against: z
    .strictObject({
      instrument: z.string(),
      article: z.string(),
      toward: StateRef.nullable(),
      kind: ProvisionKind,
      text: z.string(),
    })
    .nullable(),
  views: z.array(
    z.strictObject({
      /** `prohibition-prevails`, or a reading key of the prohibition. */
      view: z.string(),
      held_by: z.array(z.string()),
      /** Texts the view relies on (ids in `texts`). */
      cites: z.array(z.string()),
    }),
  ),
});
export type Conflict = z.infer<typeof Conflict>;

export const Violation = z.strictObject({
  by: StateRef,
  instrument: z.string(),
  article: z.string(),
  paragraph: z.string().nullable(),
  event: z.string(),
  conduct: z.enum(["use-of-force", "arms-transfer", "troop-deployment", "technology-transfer"]),
  /** The state the conduct was aimed at, or the recipient of a transfer. */
  toward: StateRef.nullable(),
  /** The judgement it rests on (not self-defence, not authorised). */
  assumption: z.string().nullable(),
  text: z.string(),
});
export type Violation = z.infer<typeof Violation>;

/** One side of a contested flip: how one obligor stands toward one beneficiary under one provision. */
export const Standing = z.strictObject({
  bound: z.boolean(),
  strength: Strength.nullable(),
  against: z.array(StateRef),
  joins: z.boolean(),
  /** Conditions still unmet (for a clause the point brings closer without binding). */
  unmet: z.array(ConditionCode),
});
export type Standing = z.infer<typeof Standing>;

export const ContestedFlip = z.strictObject({
  obligor: StateRef,
  beneficiary: StateRef,
  instrument: z.string(),
  article: z.string(),
  provision: z.string(),
  kind: ProvisionKind,
  main: Standing,
  alternative: Standing,
});
export type ContestedFlip = z.infer<typeof ContestedFlip>;

export const PointKind = z.enum([
  "general-reading",
  "instrument-reading",
  "characterisation",
  "retroactivity",
  "sovereignty",
  "theatre",
  "engagement",
  "honour",
]);

export const Contested = z.strictObject({
  point: z.strictObject({
    kind: PointKind,
    id: z.string(),
    /** For readings: the key in `readings`; for judgements: the assumption id; for honour: the obligation. */
    ref: z.string().nullable(),
    /** Whether the point is adopted in the main answer (then the alternative is not adopting it). */
    adopted: z.boolean(),
    state: StateRef.nullable(),
    place: PlaceRef.nullable(),
    instrument: z.string().nullable(),
    held_by: z.array(z.string()),
  }),
  /** The general reading both answers share. */
  under: z.string(),
  flips: z.array(ContestedFlip),
  /** States that join (or stop joining) a war under the alternative. */
  joins: z.array(
    z.strictObject({ state: StateRef, war: z.string(), main: z.boolean(), alternative: z.boolean() }),
  ),
  violations: z.array(
    z.strictObject({
      by: StateRef,
      instrument: z.string(),
      article: z.string(),
      event: z.string(),
      main: z.boolean(),
      alternative: z.boolean(),
    }),
  ),
});
export type Contested = z.infer<typeof Contested>;

export const AssumptionKind = z.enum([
  "judgement",
  "place-default",
  "place-from-coordinates",
  "started-by",
  "self-defence",
  "theatre",
  "engagement",
  "joining",
  "general-reading",
  "code-reading",
]);

export const Assumption = z.strictObject({
  id: z.string(),
  kind: AssumptionKind,
  /** For judgements: which one (`armed_attack`, `state_of_war`, `self_defence`, ...). */
  field: z.string().nullable(),
  value: z.union([z.boolean(), z.string()]),
  disputed: z.boolean(),
  origin: z.enum(["scenario", "default", "derived"]),
  event: z.string().nullable(),
  state: StateRef.nullable(),
  target: StateRef.nullable(),
  places: z.array(PlaceRef),
  /** The user's own note from the scenario, or how coordinates were resolved. */
  note: z.string().nullable(),
  held_by: z.array(z.string()),
});
export type Assumption = z.infer<typeof Assumption>;

export const ReadingInfo = z.strictObject({
  key: z.string(),
  kind: z.enum(["general", "instrument"]),
  /** For general readings: the axis they are alternatives on (`who-is-owed`, `forces-abroad`); one per axis is in effect. */
  axis: z.string().nullable(),
  label: z.string(),
  description: z.string().nullable(),
  instrument: z.string().nullable(),
  provision: z.string().nullable(),
  held_by: z.array(z.string()),
  source: z.string().nullable(),
  because: z.string().nullable(),
  adopted: z.boolean(),
});
export type ReadingInfo = z.infer<typeof ReadingInfo>;

/** A quoted article, once; obligations refer to it by `id`. */
export const Text = z.strictObject({
  id: z.string(),
  instrument: z.string(),
  instrument_title: z.string(),
  legal_force: LegalForce,
  article: z.string(),
  label: z.string(),
  part: z.string().nullable(),
  quote: z.string(),
  quote_confidence: z.enum(["verbatim", "translation", "paraphrase"]),
  lang: z.string(),
  /** The id of its source in `sources`, if any. */
  source: z.string().nullable(),
  /** Where the article was coded from a dataset (ATOP) instead of read: the citation in place of a quote. */
  coded: z
    .strictObject({
      dataset: z.string(),
      atopid: z.number().int(),
      phase: z.number().int().nullable(),
      variables: z.array(z.string()),
    })
    .nullable(),
});
export type Text = z.infer<typeof Text>;

export const Source = z.strictObject({
  id: z.string(),
  title: z.string(),
  publisher: z.string().nullable(),
  url: z.string().nullable(),
  date: z.string().nullable(),
});
export type Source = z.infer<typeof Source>;

/** A scenario's event as the faces name it: who did what to whom, and when. */
export const EventRef = z.strictObject({
  id: z.string(),
  /** An event kind (`src/model/events.ts`). */
  kind: z.string(),
  by: StateRef,
  against: StateRef.nullable(),
  to: StateRef.nullable(),
  start: z.string(),
  description: z.string().nullable(),
});
export type EventRef = z.infer<typeof EventRef>;

export const Result = z.strictObject({
  schema: z.literal(RESULT_SCHEMA),
  title: z.string(),
  as_of: z.string(),
  /** The scenario's events, so that a face can name them instead of printing their ids. */
  events: z.array(EventRef),
  /** The general readings of the main answer (`victim`, ...), and the instrument readings adopted. */
  general: z.array(z.string()),
  adopted: z.array(z.string()),
  options: z.strictObject({
    only_automatic: z.boolean(),
    include_political: z.boolean(),
    joins: z.array(StateRef),
    declines: z.array(StateRef),
  }),
  assumptions: z.array(Assumption),
  wars: z.array(War),
  obligations: z.array(Obligation),
  commitments: z.array(Commitment),
  available: z.array(Available),
  belligerents: z.array(Belligerent),
  joining: z.array(JoiningDecision),
  not_triggered: z.array(NotTriggered),
  not_in_force: z.array(NotInForce),
  conflicts: z.array(Conflict),
  violations: z.array(Violation),
  contested: z.array(Contested),
  readings: z.array(ReadingInfo),
  texts: z.array(Text),
  sources: z.array(Source),
  /** Every place and region the answer names, once. */
  places: z.array(PlaceRef),
  regions: z.array(z.strictObject({ id: z.string(), name: z.string() })),
});
export type Result = z.infer<typeof Result>;
