import type { EventKind } from "../model/events.js";
import type { Scenario } from "../model/scenario.js";

/** The version of the reader's JSON answer; bump on any incompatible change. */
export const READ_SCHEMA = "casus.read/1";

/** A stretch of the original text, by UTF-16 offsets (JavaScript string indices), end exclusive. */
export interface Span {
  start: number;
  end: number;
}

export type RemovedReason =
  | "duplicate-paragraph"
  | "repeated-headline"
  | "comment-prompt"
  | "share-or-navigation"
  | "author-bio"
  | "byline"
  | "separator"
  | "related-headline";

/** Text left out as boilerplate: where and why, never what it said. */
export interface Removed extends Span {
  reason: RemovedReason;
}

export interface Sentence extends Span {
  id: string;
  paragraph: number;
  text: string;
}

/** A date as the text gives it, resolved only as far as the text allows, with the rule that resolved it. */
export interface ReadDate {
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as precise as the text; null when it cannot be resolved. */
  value: string | null;
  precision: "day" | "month" | "year" | null;
  /** The words that give it, if any. */
  text: string | null;
  sentence: string | null;
  rule: string;
}

export interface Dateline {
  date: string | null;
  from: "article" | "user" | "none";
  text: string | null;
  rule: string;
  /**
   * Without a dateline: the dates the article must fall within, from offices it names with their holders
   * ("President Yoon Suk Yeol": 2022-05-10 to 2025-04-04).
   */
  window: { from: string | null; to: string | null; because: string[] } | null;
}

export interface ActorMention extends Span {
  sentence: string;
  text: string;
  /** The state (ISO3 or cow:N) or organisation (org:…) it stands for; null for anonymous sources of no stated country. */
  code: string | null;
  name: string | null;
  kind:
    | "state"
    | "person"
    | "office"
    | "ministry"
    | "military"
    | "state-media"
    | "news-agency"
    | "capital"
    | "demonym"
    | "organisation"
    | "anonymous";
  /** The person named, for people. */
  person?: string;
  /** The office held on the article's date (or the offices, where the date is unknown). */
  role?: string;
  role_dates?: { from: string | null; to: string | null };
  /** Whether the person held that office on the article's date (null: no date to tell). */
  role_holds: boolean | null;
  source?: { title: string; url: string };
}

export type MatchHow = "title" | "alias" | "description" | "year-and-parties" | "article-of-organisation";

export interface InstrumentMention extends Span {
  sentence: string;
  text: string;
  how: MatchHow;
  /** What decided between instruments sharing a name or description. */
  because: string | null;
}

export interface MatchedInstrument {
  id: string;
  title: string;
  /** Its status on the article's date (`signed`, `in-force`, …), or null without a date. */
  status: string | null;
  note: string | null;
  mentions: InstrumentMention[];
}

export interface UnknownInstrument {
  text: string;
  note: string;
  mentions: { sentence: string; start: number; end: number }[];
}

export interface Alignment {
  /** Which text of the article it is closest to: the article's main text, or one of its renderings. */
  which: "text" | "rendering";
  rendering_index: number | null;
  lang: string;
  reading: string | null;
  quote_confidence: string | null;
  source: { id: string; title: string; url: string | null; date: string | null };
  /** 0–1: the share of the article's own words (and word pairs) found in that text. */
  closeness: number;
  /** For words the article puts in quotation marks: the share of them found in that text. */
  quoted_words_found: number | null;
}

export interface ArticleClaim {
  sentence: string;
  /** The words that carry it: the quoted words where there are any, else the sentence. */
  spans: Span[];
  text: string;
  kind: "quote" | "paraphrase" | "reference";
  instrument: string | null;
  article: string | null;
  /** How the article was named: "Article 4", "the third article". */
  article_text: string | null;
  /** Who the text attributes the wording to (KCNA, Putin), if it says. */
  attributed_to: string | null;
  match: "same-words" | "close" | "no-rendering" | null;
  best: Alignment | null;
  /** Wording that matches no rendering in the library: offered as a new one, with this article as its source. */
  candidate_rendering: {
    text: string;
    source: { title: string; date: string | null; sentence: string };
  } | null;
}

export interface EventParty {
  code: string;
  name: string;
  text: string;
  sentence: string;
}

export interface ReadEvent {
  id: string;
  kind: EventKind;
  plover: string | null;
  /** Every coded event is a suggestion until a person confirms it. */
  suggested: true;
  by: EventParty;
  against: EventParty | null;
  to: EventParty | null;
  place: { code: string | null; text: string | null; rule: string };
  date: ReadDate;
  evidence: string[];
  /** reported: the text states it; attributed: it reports someone's claim; denied: someone denies it. */
  status: "reported" | "attributed" | "denied";
  disputed: boolean;
  claimed_by: string[];
  denied_by: string[];
  /** The sentences on each side, where the claim is attributed or denied. */
  sides: { claim: string[]; denial: string[] } | null;
  /** Why it is coded as it is (a demolition on one's own side is not an attack on anyone). */
  notes: string[];
}

/** A sentence that looks like an event but is not coded as one, and why. */
export interface SetAside {
  sentence: string;
  text: string;
  reason: "hypothetical" | "negated" | "treaty-text" | "no-actor" | "no-target";
}

export interface ObligationBeside {
  obligor: string;
  beneficiary: string;
  instrument: string;
  article: string;
  kind: string;
  strength: string;
  /** The treaty's words beside the article's. */
  treaty_text: string | null;
  treaty_source: string | null;
  evidence: string[];
}

export interface Suggestion {
  scenario: Scenario | null;
  /** Events that could not go into the scenario, and why (no full date, no target). */
  left_out: { event: string; reason: string }[];
  rule: string;
  what_if: {
    /** Obligations under the scenario as suggested. */
    obligations: ObligationBeside[];
    /** Obligations that arise only if the incidents marked disputed are read as threats of attack. */
    if_threats: ObligationBeside[] | null;
  } | null;
}

export interface ReadResult {
  schema: typeof READ_SCHEMA;
  source: { name: string; chars: number };
  title: string | null;
  dateline: Dateline;
  removed: Removed[];
  sentences: Sentence[];
  instruments: MatchedInstrument[];
  unknown_instruments: UnknownInstrument[];
  articles: ArticleClaim[];
  actors: ActorMention[];
  events: ReadEvent[];
  set_aside: SetAside[];
  suggestion: Suggestion;
}
