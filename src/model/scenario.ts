import { z } from "zod";
import { DateField, Slug } from "./common.js";
import { EVENT_KIND_IDS } from "./events.js";
import { LatLon } from "./place.js";

export const EventKind = z.enum(EVENT_KIND_IDS);
export type EventKind = z.infer<typeof EventKind>;

/**
 * A state or organisation as a person writes it: `KOR`, `cow:730`, `GMY`, `North Korea`, `UK`, `NATO`.
 * The normaliser turns it into one canonical code before the engine runs.
 */
export const StateInput = z.string().min(1).max(120);

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
  by: StateInput,
  /** The state attacked, threatened, blockaded. */
  against: StateInput.optional(),
  /** The recipient of a transfer, deployment or request (a state, or an organisation such as `org:nato`). */
  to: StateInput.optional(),
  /** Where: a territory or sea code, or coordinates (defaults to the target's own territory). */
  at: z.union([z.string(), LatLon]).optional(),
  /** Where coordinates were resolved to the place in `at` (filled in by casus, shown as an assumption). */
  at_from: z
    .strictObject({
      lat: z.number(),
      lon: z.number(),
      via: z.enum(["shape", "near", "sea"]),
      distance_km: z.number().optional(),
    })
    .optional(),
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
  supported_by: z.array(StateInput).optional(),
  /** Is this use of force self-defence under UN Charter Art. 51? (default: no) */
  self_defence: Characterisation.optional(),
  /** Was it authorised by the Security Council? (default: no) */
  authorised: Characterisation.optional(),
  description: z.string().optional(),
  source: z.string().optional(),
});
export type Event = z.infer<typeof Event>;

const Who = z.strictObject({
  obligor: StateInput.optional(),
  beneficiary: StateInput.optional(),
  instrument: Slug.optional(),
  article: z.union([z.string(), z.number()]).transform(String).optional(),
});

/** What a scenario's answer must contain, and must not; see docs/scenarios.md. */
export const Expectation = z.strictObject({
  /** How and when the expectation was written ("from the texts, before running the engine"). */
  written: z.string().min(1),
  bound: z
    .array(
      Who.extend({
        strength: z.enum(["automatic", "discretionary", "consultative", "binding"]).optional(),
        kind: z.string().optional(),
        against: z.array(StateInput).optional(),
        why: z.string().optional(),
      }),
    )
    .optional(),
  /** Not bound: no obligation matching these fields; `unmet` lists condition codes that must be among the reasons. */
  not_bound: z
    .array(Who.extend({ unmet: z.array(z.string()).optional(), why: z.string().optional() }))
    .optional(),
  committed: z.array(Who.extend({ legal_force: z.enum(["political", "domestic"]).optional() })).optional(),
  available: z.array(Who).optional(),
  joins: z.array(StateInput).optional(),
  not_joins: z.array(StateInput).optional(),
  violations: z
    .array(z.strictObject({ by: StateInput, instrument: Slug, article: z.string().optional() }))
    .optional(),
  no_violations: z
    .array(z.strictObject({ by: StateInput.optional(), instrument: Slug.optional() }))
    .optional(),
  contested: z
    .array(
      z.strictObject({
        /** A substring of the contested point's id (`territorial`, `invasion-rendering`, `strike.state_of_war`). */
        point: z.string(),
        under: z.string().optional(),
        obligor: StateInput.optional(),
        instrument: Slug.optional(),
        bound: z.boolean().optional(),
        why: z.string().optional(),
      }),
    )
    .optional(),
  /** Instruments under which nothing binds anyone in the main answer (no obligation, commitment or availability). */
  silent: z.array(Slug).optional(),
});
export type Expectation = z.infer<typeof Expectation>;

export const ScenarioOptions = z.strictObject({
  /** A general reading for the main answer (`victim`, `territorial`, `forces-abroad`); the others are shown where they differ. */
  reading: z.string().optional(),
  /** Readings to adopt for the main answer: general ones, or instrument readings (`instrument/provision/reading` or a unique reading id). */
  readings: z.array(z.string()).optional(),
  /** Only automatic obligations bring a state into a war; discretionary ones still bind. Default false. */
  only_automatic: z.boolean().optional(),
  /** Political commitments and domestic acts may bring a state into a war, like binding obligations. Default false. */
  include_political: z.boolean().optional(),
  /** States that join a war whatever the pledges: a state (joins the side it is bound to) or `{state, with}`. */
  joins: z.array(z.union([StateInput, z.strictObject({ state: StateInput, with: StateInput })])).optional(),
  /** States that decline to join any war. */
  declines: z.array(StateInput).optional(),
});
export type ScenarioOptions = z.infer<typeof ScenarioOptions>;

export const Scenario = z.strictObject({
  id: Slug.optional(),
  title: z.string().min(1),
  description: z.string().optional(),
  as_of: DateField,
  events: z.array(Event).min(1).max(500),
  /**
   * Places the war is fought in besides those attacked and where forces are stationed, or `homelands`:
   * the war spreads to every belligerent's own territory. A scenario choice, cited by what depends on it.
   */
  theatre: z.array(z.string()).optional(),
  /** Armed forces stationed abroad, where they stand (US forces in Korea and Japan). */
  forces: z.array(z.strictObject({ state: StateInput, at: z.array(z.string()).min(1) })).optional(),
  options: ScenarioOptions.optional(),
  sources: z.array(z.strictObject({ id: Slug, title: z.string(), url: z.string().optional() })).optional(),
  /** The expected answer, written from the treaty texts before the engine was run (see docs/scenarios.md). */
  expect: Expectation.optional(),
});
export type Scenario = z.infer<typeof Scenario>;
