import { z } from "zod";
import { DateField, PartyCode, Slug } from "./common.js";
import { EVENT_KIND_IDS } from "./events.js";
import { LatLon } from "./place.js";

export const EventKind = z.enum(EVENT_KIND_IDS);
export type EventKind = z.infer<typeof EventKind>;

/**
 * A legal judgement the user asserts about an event. `disputed` asks the engine to show the answer
 * under the opposite judgement too.
 */
export const Characterisation = z.union([
  z.boolean(),
  z.strictObject({
    value: z.boolean(),
    disputed: z.boolean().optional(),
    note: z.string().optional(),
    held_by: z.array(z.string()).optional(),
  }),
]);
export type Characterisation = z.infer<typeof Characterisation>;

export const Event = z.strictObject({
  id: Slug,
  kind: EventKind,
  by: PartyCode,
  /** The state attacked, threatened, blockaded. */
  against: PartyCode.optional(),
  /** The recipient of a transfer, deployment or request (a state, or an organisation such as `org:nato`). */
  to: PartyCode.optional(),
  /** Where: a territory or sea code, or coordinates (defaults to the target's own territory). */
  at: z.union([z.string(), LatLon]).optional(),
  /** How coordinates were resolved to a place (filled in by casus, shown as an assumption). */
  at_note: z.string().optional(),
  /** What was hit: the target's territory or its armed forces, vessels or aircraft. */
  target: z.enum(["territory", "forces"]).optional(),
  start: DateField,
  end: DateField.optional(),
  /** Is it an armed attack? (default: yes for armed-attack and invasion). */
  armed_attack: Characterisation.optional(),
  /** Is it an invasion? (default: yes for invasion). */
  invasion: Characterisation.optional(),
  /** Does it put the target in a state of war? (default: yes for invasion and declaration-of-war). */
  state_of_war: Characterisation.optional(),
  /** Is it a threat of attack against the target? (default: yes for threat-of-attack and mobilisation). */
  threat: Characterisation.optional(),
  /** Were nuclear weapons used (or threatened) in it? (default: yes for nuclear-use). */
  nuclear: Characterisation.optional(),
  /** States that support the attacker in it ("Italy supported by Germany"). */
  supported_by: z.array(PartyCode).optional(),
  /** Is this use of force self-defence under UN Charter Art. 51? (default: no) */
  self_defence: Characterisation.optional(),
  /** Was it authorised by the Security Council? (default: no) */
  authorised: Characterisation.optional(),
  description: z.string().optional(),
  source: z.string().optional(),
});
export type Event = z.infer<typeof Event>;

export const GeneralReading = z.enum(["victim", "territorial"]);
export type GeneralReading = z.infer<typeof GeneralReading>;

export const ScenarioOptions = z.strictObject({
  /** Which general reading of defence clauses is the main answer (the other is shown where it differs). */
  reading: GeneralReading.optional(),
  /** Instrument readings to adopt for the main answer (ids as `instrument/provision/reading` or just the reading id). */
  readings: z.array(z.string()).optional(),
  /** Whether discretionary defence obligations are taken up ("what the texts ask for"). Default true. */
  honour_discretionary: z.boolean().optional(),
  /** States that decline to act on any obligation. */
  declines: z.array(PartyCode).optional(),
});
export type ScenarioOptions = z.infer<typeof ScenarioOptions>;

export const Scenario = z.strictObject({
  id: Slug.optional(),
  title: z.string().min(1),
  description: z.string().optional(),
  as_of: DateField,
  events: z.array(Event).min(1).max(500),
  /** Territories where the war is fought (default: the territories of the initial belligerents). */
  theatre: z.array(z.string()).optional(),
  /** Armed forces stationed abroad that can be attacked where they stand (US forces in Korea and Japan). */
  forces: z.array(z.strictObject({ state: PartyCode, at: z.array(z.string()).min(1) })).optional(),
  options: ScenarioOptions.optional(),
  sources: z.array(z.strictObject({ id: Slug, title: z.string(), url: z.string().optional() })).optional(),
});
export type Scenario = z.infer<typeof Scenario>;
