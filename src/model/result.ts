import type { ActorRef } from "./common.js";
import type { ProvisionKind, Strength } from "./instrument.js";
import type { GeneralReading } from "./scenario.js";

/** The version of the JSON contract below; bump on any incompatible change. */
export const RESULT_SCHEMA = "casus.result/1";

export interface Citation {
  instrument: string;
  instrument_title: string;
  article: string;
  part: string | null;
  paragraph: string | null;
  quote: string;
  quote_confidence: "verbatim" | "translation" | "paraphrase";
  source: { id: string; title: string; url: string | null; date: string | null };
}

/** One test the engine made, and whether it held. */
export interface Condition {
  id: string;
  text: string;
  met: boolean;
  /** The assumption (legal judgement) the verdict rests on, if any. */
  assumption: string | null;
  /** What would make it fail ("would not hold if KOR had not started the war"). */
  counterfactual: string | null;
}

export interface Obligation extends Citation {
  obligor: ActorRef;
  beneficiary: ActorRef;
  against: ActorRef[];
  kind: ProvisionKind;
  strength: Strength;
  provision: string;
  wave: number;
  /** The readings in effect: the general reading and any instrument readings adopted. */
  reading: string[];
  qualifiers: string[];
  conditions: Condition[];
  pivotal: string | null;
  /** The event (given or derived) that triggered it. */
  event: string;
  /** Whether it makes the obligor join the war on the beneficiary's side. */
  joins_war: boolean;
}

export interface Belligerent {
  state: ActorRef;
  war: string;
  side: string;
  wave: number;
  via: { instrument: string; article: string; beneficiary: ActorRef } | null;
}

export interface NotTriggered {
  obligor: ActorRef;
  beneficiary: ActorRef;
  instrument: string;
  article: string;
  provision: string;
  kind: ProvisionKind;
  unmet: string[];
}

export interface NotInForce {
  instrument: string;
  title: string;
  status: "signed" | "terminated";
  signed: string;
  in_force: string | null;
  terminated: string | null;
  /** Evaluated as if in force (signed instruments only). */
  would_bind: Obligation[];
  not_triggered: NotTriggered[];
}

export interface ConflictView {
  view: string;
  held_by: string[];
  cites: Citation | null;
}

export interface Conflict {
  kind:
    | "bound-to-both-sides"
    | "defence-vs-neutrality"
    | "defence-vs-non-aggression"
    | "assistance-vs-prohibition"
    | "assistance-vs-non-assistance";
  state: ActorRef;
  description: string;
  obligations: { instrument: string; article: string; beneficiary: ActorRef }[];
  prohibition: Citation | null;
  views: ConflictView[];
}

export interface Violation extends Citation {
  event: string;
  by: ActorRef;
  conduct: string;
  description: string;
}

export interface ContestedFlip {
  obligor: ActorRef;
  beneficiary: ActorRef;
  instrument: string;
  article: string;
  kind: ProvisionKind;
  main: string;
  alternative: string;
}

export interface Contested {
  point: {
    kind: "general-reading" | "instrument-reading" | "characterisation" | "retroactivity" | "sovereignty";
    id: string;
    label: string;
    held_by: string[];
  };
  /** The general reading both answers share. */
  under: GeneralReading;
  flips: ContestedFlip[];
}

export interface Assumption {
  id: string;
  text: string;
  value: boolean | string;
  disputed: boolean;
  origin: "scenario" | "default" | "derived";
}

export interface Result {
  schema: typeof RESULT_SCHEMA;
  title: string;
  as_of: string;
  reading: GeneralReading;
  readings: string[];
  assumptions: Assumption[];
  obligations: Obligation[];
  belligerents: Belligerent[];
  not_triggered: NotTriggered[];
  not_in_force: NotInForce[];
  conflicts: Conflict[];
  violations: Violation[];
  contested: Contested[];
  /** Every document cited above, once. */
  bibliography: Citation["source"][];
}
