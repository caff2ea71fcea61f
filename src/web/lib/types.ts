// The JSON the web app reads. The Result and Scenario shapes are the project's own (type-only imports:
// nothing from src/model is bundled); the listing and network shapes come from src/treaties.
import type { ActorRef } from "../../model/common.js";
import type { Instrument, ProvisionKind, Strength } from "../../model/instrument.js";
import type { Result } from "../../model/result.js";
import type { Characterisation, Event, EventKind, Scenario } from "../../model/scenario.js";

export type {
  Assumption,
  Belligerent,
  Condition,
  Conflict,
  Contested,
  ContestedFlip,
  NotInForce,
  NotTriggered,
  Obligation,
  ReadingInfo,
  Source,
  Standing,
  StateRef,
  Text,
  Violation,
} from "../../model/result.js";
export type {
  ActorRef,
  Characterisation,
  Event,
  EventKind,
  Instrument,
  ProvisionKind,
  Result,
  Scenario,
  Strength,
};

/** GET /api/states */
export interface StateInfo {
  code: string;
  iso3: string | null;
  cow: number | null;
  name: string;
  iso_numeric: number | null;
  current: boolean;
}

/** GET /api/shipped-scenarios */
export interface ShippedScenario {
  id: string;
  scenario: Scenario;
}

/** GET /api/scenarios (items) */
export interface SavedSummary {
  id: string;
  title: string;
  as_of: string;
  created_at: string;
  updated_at: string;
}

/** GET /api/scenarios/:id, POST /api/scenarios */
export interface SavedScenario {
  id: string;
  title: string;
  as_of: string;
  scenario: Scenario;
  created_at: string;
  updated_at: string;
  /** Sent back as If-Match when saving changes, so another editor's save is never overwritten unseen. */
  version: number;
}

/** GET /api/instruments and GET /api/network?on= */
export type { TreatyRow as InstrumentRow } from "../../treaties/listing.js";
export type { Network, NetworkEdge } from "../../treaties/network.js";

/** A 400 answer: one message, and a problem per field. */
export interface Problem {
  field: string;
  message: string;
}
