import { z } from "zod";
import { DateField, PartyCode, QuoteConfidence, Slug } from "./common.js";

/** A document a fact or quote was read in. Articles, parties and dates cite it by `id`. */
export const Source = z.strictObject({
  id: Slug,
  title: z.string().min(1),
  publisher: z.string().optional(),
  date: DateField.optional(),
  url: z.string().url().optional(),
  unts: z.string().optional(),
  /** When the source was last read to verify what is cited from it. */
  checked_on: DateField.optional(),
  note: z.string().optional(),
});
export type Source = z.infer<typeof Source>;

export const InstrumentKind = z.enum([
  "treaty",
  "charter",
  "security-council-resolution",
  "armistice",
  "joint-declaration",
  "agreement",
  "memorandum",
  "national-law",
  "national-policy",
  "military-convention",
  "exchange-of-notes",
]);

/**
 * What kind of commitment an instrument is: a treaty or other legally binding instrument, a political
 * commitment (declaration, memorandum, joint statement), or a domestic act that binds only its own government.
 */
export const LegalForce = z.enum(["binding", "political", "domestic"]);
export type LegalForce = z.infer<typeof LegalForce>;

/** A language tag (BCP 47): `en`, `ru`, `ko`, `zh-Hant`. Texts without one are English. */
export const Lang = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "expected a language tag (en, ru, zh-Hant)");

export const Party = z.strictObject({
  party: PartyCode,
  /** When its obligations began; defaults to the instrument's entry into force. */
  joined: DateField.optional(),
  left: DateField.optional(),
  left_reason: z.string().optional(),
  signed: DateField.optional(),
  /** Signed in what capacity (the armistice was signed by commanders). */
  capacity: z.string().optional(),
  source: Slug.optional(),
  checked_on: DateField.optional(),
  /**
   * Why the entry starts before the state system counts the party as a state (the Ukrainian SSR, an original
   * UN Member inside the USSR). It binds from the day the state system counts it.
   */
  outside_state_system: z.string().min(1).optional(),
  note: z.string().optional(),
});
export type Party = z.infer<typeof Party>;

/** One party stops owing its obligations to another, for a while (US toward NZ under ANZUS from 1986). */
export const Suspension = z.strictObject({
  obligor: PartyCode,
  toward: PartyCode,
  from: DateField,
  to: DateField.optional(),
  reason: z.string().min(1),
  source: Slug,
});
export type Suspension = z.infer<typeof Suspension>;

export const Duration = z.strictObject({
  kind: z.enum(["indefinite", "fixed-term", "automatic-renewal", "until-agreed", "unspecified"]),
  years: z.number().positive().optional(),
  renewal_years: z.number().positive().optional(),
  notice_months: z.number().nonnegative().optional(),
  article: z.string().optional(),
  note: z.string().optional(),
});

export const Dates = z.strictObject({
  signed: DateField,
  signed_at: z.string().optional(),
  in_force: DateField.optional(),
  terminated: DateField.optional(),
  termination_reason: z.string().optional(),
  source: Slug.optional(),
  checked_on: DateField.optional(),
  note: z.string().optional(),
});

export const ProvisionKind = z.enum([
  "defence",
  "offence",
  "neutrality",
  "non-aggression",
  "consultation",
  "no-hostile-third-party-commitments",
  "non-assistance-to-aggressor",
  "prohibition",
  "mobilisation",
]);
export type ProvisionKind = z.infer<typeof ProvisionKind>;

export const TriggerEvent = z.enum([
  "armed-attack",
  "invasion",
  "aggression",
  "threat-of-attack",
  "state-of-war",
  "mobilisation",
  "hostilities",
  /** Aggression or a threat of aggression in which nuclear weapons are used (Budapest Memorandum para 4). */
  "nuclear-use",
]);
export type TriggerEvent = z.infer<typeof TriggerEvent>;

export const Attacker = z.strictObject({
  /** `any-state` excludes non-state actors; `any` includes them; `named` lists states. */
  kind: z.enum(["any-state", "any", "named"]),
  states: z.array(PartyCode).optional(),
  /** At least this many attackers (the Triple Alliance's "two or more Great Powers"). */
  min_count: z.number().int().positive().optional(),
  /** The attacker must not be a party (an "external" attack). */
  external: z.boolean().optional(),
  /** Attackers the clause does not cover ("another Power": any but the one named in Art. I). */
  exclude: z.array(PartyCode).optional(),
  /** The attack must be supported by one of these ("attacked by Italy supported by Germany"). */
  supported_by: z.array(PartyCode).optional(),
});
export type Attacker = z.infer<typeof Attacker>;

export const Scope = z.strictObject({
  /** Whose territory must be hit: the partner's (default) or any party's. */
  territory_of: z.enum(["beneficiary", "any-party"]).optional(),
  /** A named region (see the library's regions) the attack must happen in. */
  region: Slug.optional(),
  /**
   * Whether attacks on the partner's armed forces, vessels or aircraft (in `forces_region`) count: `true`
   * where the text names them, `false` where it confines the clause to territory ("on its territory"), unset
   * where it speaks only of the party (then the forces-abroad reading decides).
   */
  forces: z.boolean().optional(),
  forces_region: Slug.optional(),
  /** The article that defines the area (NATO Art. 6 for Art. 5). */
  defined_in: z.string().optional(),
});
export type Scope = z.infer<typeof Scope>;

/** The words of the article that justify a trigger field, checked against the article's text by `casus check`. */
export const Because = z.strictObject({
  event: z.string().min(1).optional(),
  by: z.string().min(1).optional(),
  partner_is_target: z.string().min(1).optional(),
  state_of_war: z.string().min(1).optional(),
  unprovoked: z.string().min(1).optional(),
  request: z.string().min(1).optional(),
  on_call: z.string().min(1).optional(),
  victim_test: z.string().min(1).optional(),
  where: z.string().min(1).optional(),
});
export type Because = z.infer<typeof Because>;

export const Trigger = z.strictObject({
  event: TriggerEvent,
  by: Attacker.optional(),
  /** The partner must be the one attacked (not, say, a third state). Defaults to true. */
  partner_is_target: z.boolean().optional(),
  /** The partner must, as a result, be in a state of war ("and thus finds itself in a state of war"). */
  state_of_war: z.boolean().optional(),
  /** The partner must not have provoked or started the war ("without direct provocation"). */
  unprovoked: z.boolean().optional(),
  /** The partner must ask for help ("at the request of"). */
  request: z.boolean().optional(),
  /**
   * Consultation that turns on a party's own opinion or call ("whenever, in the opinion of any of them"):
   * it binds only once that party (any party, or the beneficiary) asks for consultations.
   */
  on_call: z.enum(["any-party", "beneficiary"]).optional(),
  /**
   * `false` where the text binds whichever side started the war (no escape clause); say why in `because`.
   * By default the victim reading asks it of every clause but offensive ones.
   */
  victim_test: z.boolean().optional(),
  where: Scope.optional(),
  because: Because.optional(),
});
export type Trigger = z.infer<typeof Trigger>;

export const Strength = z.enum(["automatic", "discretionary", "consultative", "binding"]);
export type Strength = z.infer<typeof Strength>;

export const Qualifier = z.enum([
  "un-charter-art-51",
  "laws-of-the-parties",
  "constitutional-processes",
  "security-council-primacy",
  "deems-necessary",
]);

export const Prohibits = z.strictObject({
  conduct: z.enum(["arms-transfer", "troop-deployment", "technology-transfer", "use-of-force"]),
  /** Transfers from these (empty: from anyone). */
  from: z.array(PartyCode).optional(),
  /** Transfers to these (empty: to anyone). */
  to: z.array(PartyCode).optional(),
  items: z.string().optional(),
});
export type Prohibits = z.infer<typeof Prohibits>;

/** Articles of other instruments a provision or reading rests on (a Council measure on Charter Arts. 25 and 103). */
const ReliesOn = z.array(
  z.strictObject({ instrument: Slug, article: z.string(), why: z.string().optional() }),
);

/**
 * Where a provision or instrument was coded from a dataset instead of read from a text (an ATOP alliance):
 * it cites the dataset's variables in place of a quote.
 */
export const Coded = z.strictObject({
  dataset: z.string().min(1),
  atopid: z.number().int().positive(),
  /** The alliance phase the coding is from (ATOP's `phase`; 0 for a single-phase alliance). */
  phase: z.number().int().nonnegative().optional(),
  /** The COW codes of the members whose rows were read. */
  members: z.array(z.number().int().positive()).optional(),
  /** The variables used, with their values where they matter (`defense=1`, `defcoloc=1`, `statthr1=365`). */
  variables: z.array(z.string().min(1)).min(1),
  note: z.string().optional(),
});
export type Coded = z.infer<typeof Coded>;

const ProvisionCore = {
  kind: ProvisionKind,
  /** Who is bound: `parties` (each party) or a list. */
  obligors: z.union([z.literal("parties"), z.array(PartyCode).min(1)]).optional(),
  /** Toward whom: `other-parties` (each other party) or a list. */
  beneficiaries: z.union([z.literal("other-parties"), z.array(PartyCode).min(1)]).optional(),
  trigger: Trigger.optional(),
  strength: Strength,
  qualifiers: z.array(Qualifier).optional(),
  prohibits: Prohibits.optional(),
  paragraph: z.string().optional(),
  relies_on: ReliesOn.optional(),
  coded: Coded.optional(),
  note: z.string().optional(),
};

/** A named way to read a provision: only the fields it changes. */
export const Reading = z.strictObject({
  id: Slug,
  label: z.string().min(1),
  held_by: z.array(z.string()).optional(),
  source: Slug.optional(),
  /** The text of the rendering this reading follows, where it is a translation. */
  rendering: z.string().optional(),
  changes: z.strictObject({
    trigger: Trigger.partial().optional(),
    strength: Strength.optional(),
    qualifiers: z.array(Qualifier).optional(),
    /** The provision does not bind at all under this reading. */
    void: z.boolean().optional(),
    /** The instrument is read as another kind of commitment (the Budapest Memorandum: binding or political). */
    legal_force: LegalForce.optional(),
  }),
  /** The words of the text this reading rests on, checked against the article's text and renderings. */
  because: z.string().min(1).optional(),
  relies_on: ReliesOn.optional(),
  note: z.string().optional(),
});
export type Reading = z.infer<typeof Reading>;

export const Provision = z.strictObject({
  id: Slug,
  ...ProvisionCore,
  readings: z.array(Reading).optional(),
});
export type Provision = z.infer<typeof Provision>;

/** Another rendering of the same article (a second translation), kept as a source of the text. */
export const Rendering = z.strictObject({
  text: z.string().min(1),
  lang: Lang.optional(),
  source: Slug,
  quote_confidence: QuoteConfidence,
  reading: Slug.optional(),
  note: z.string().optional(),
});

const TextFields = {
  text: z.string().min(1).optional(),
  lang: Lang.optional(),
  quote_confidence: QuoteConfidence.optional(),
  source: Slug.optional(),
  renderings: z.array(Rendering).optional(),
};

export const ArticleVersion = z.strictObject({
  from: DateField,
  to: DateField.optional(),
  amended_by: z.string().optional(),
  ...TextFields,
  provisions: z.array(Provision).optional(),
  note: z.string().optional(),
});
export type ArticleVersion = z.infer<typeof ArticleVersion>;

export const Article = z.strictObject({
  number: z.union([z.string(), z.number()]).transform(String),
  /** How a reader names it ("Art. 4", "Preamble", "Declaration, para. 2"); defaults to "Art. N". */
  label: z.string().min(1).optional(),
  title: z.string().optional(),
  /** What the article is about, where its text is not encoded. */
  subject: z.string().optional(),
  ...TextFields,
  provisions: z.array(Provision).optional(),
  /** Texts over time, where the article was amended; replaces `text` and `provisions`. */
  versions: z.array(ArticleVersion).optional(),
  note: z.string().optional(),
});
export type Article = z.infer<typeof Article>;

export const Part = z.strictObject({
  id: Slug,
  kind: z.enum(["protocol", "annex", "secret-protocol", "exchange-of-notes", "understanding"]),
  title: z.string().min(1),
  signed: DateField.optional(),
  in_force: DateField.optional(),
  secret: z.boolean().optional(),
  source: Slug.optional(),
  articles: z.array(Article),
});

/** A reservation or understanding attached on ratification; it narrows the articles it names. */
export const Understanding = z.strictObject({
  id: Slug,
  by: PartyCode,
  text: z.string().min(1),
  quote_confidence: QuoteConfidence,
  source: Slug,
  applies_to: z.array(z.string()).min(1),
  adds: Trigger.partial(),
  note: z.string().optional(),
});
export type Understanding = z.infer<typeof Understanding>;

export const Instrument = z.strictObject({
  id: Slug,
  title: z.string().min(1),
  short_title: z.string().optional(),
  original_titles: z.array(z.strictObject({ lang: z.string(), title: z.string() })).optional(),
  /** Other names it goes by in the news and in the literature ("the mutual defence pact"). */
  aliases: z.array(z.string().min(1)).optional(),
  kind: InstrumentKind,
  legal_force: LegalForce,
  /** The source that settles its legal force, where that is not plain from its kind. */
  legal_force_source: Slug.optional(),
  /** The organisation requests under it may be addressed to (`org:nato`). */
  organisation: PartyCode.optional(),
  atopid: z.number().int().positive().optional(),
  /** Set on instruments derived from a dataset (ATOP) rather than read: then no article carries a quote. */
  coded: Coded.optional(),
  dates: Dates,
  duration: Duration.optional(),
  /** Parties listed here, or the parties of another instrument (all UN members: `un-charter-1945`). */
  parties: z.array(Party).optional(),
  parties_of: Slug.optional(),
  suspensions: z.array(Suspension).optional(),
  supersedes: z
    .array(z.strictObject({ instrument: Slug, on: DateField, article: z.string().optional(), source: Slug }))
    .optional(),
  sources: z.array(Source).min(1),
  articles: z.array(Article),
  parts: z.array(Part).optional(),
  understandings: z.array(Understanding).optional(),
  notes: z.array(z.string()).optional(),
});
export type Instrument = z.infer<typeof Instrument>;
