import { EVENT_KINDS, type Judged } from "../model/events.js";
import type { Characterisation, Event, Scenario } from "../model/scenario.js";
import type { RunConfig } from "./config.js";

/** The judgements an event carries, and the Charter questions asked of a use of force. */
export type JudgedField = Judged | "self_defence" | "authorised";

/**
 * A legal judgement about an event. Its value in a run is `value`, unless the run flips it: facts keep
 * every judgement, true or not, so a contested point can re-read verdicts without rebuilding the world.
 */
export interface Judgement {
  id: string;
  field: JudgedField;
  value: boolean;
  disputed: boolean;
  origin: "scenario" | "default";
  event: string;
  by: string;
  target: string | null;
  note: string | null;
  heldBy: string[];
}

export function holds(j: Judgement | null | undefined, config: RunConfig): boolean {
  if (!j) return false;
  return config.flips.has(j.id) ? !j.value : j.value;
}

/** An attack on a state: given by an event, or derived from a war and stated as an assumption. */
export interface AttackFact {
  id: string;
  /** The event it comes from (for derived attacks, the war's first event). */
  event: string;
  by: string;
  target: string;
  place: string;
  object: "territory" | "forces";
  start: string;
  end: string | null;
  war: string | null;
  armed: Judgement | null;
  invasion: Judgement | null;
  nuclear: Judgement | null;
  supporters: readonly string[];
  /** How it was derived, where it was not given: the assumption it rests on. */
  derived: "engaged" | "stationed" | "theatre" | null;
  /** The assumption it rests on: a derivation, or the default place of an event with none. */
  assumption: string | null;
}

export interface ThreatFact {
  id: string;
  by: string;
  target: string;
  threat: Judgement;
  nuclear: Judgement | null;
}

export interface WarFact {
  id: string;
  initiator: string;
  start: string;
  event: string;
  /** state → side ("A" is the initiator's). */
  sides: Map<string, "A" | "B">;
  wave: Map<string, number>;
  basis: Map<string, "event" | "obligation" | "scenario">;
  stateOfWar: string;
}

export interface RequestFact {
  kind: "assistance" | "consultations";
  by: string;
  to: string | null;
  event: string;
}

export interface PlaceAssumption {
  id: string;
  kind: "place-default" | "place-from-coordinates";
  event: string;
  place: string;
  target: string | null;
  note: string | null;
}

/** The facts of one run: what the events say, under the run's judgements. */
export interface Situation {
  asOf: string;
  events: readonly Event[];
  wars: WarFact[];
  given: AttackFact[];
  threats: ThreatFact[];
  requests: RequestFact[];
  transfers: Event[];
  /** Who struck first between two states (`A|B` sorted), for the victim test outside a war. */
  firstStrike: Map<string, { by: string; event: string }>;
  /** Uses of force, each with its Charter judgements. */
  force: { event: Event; selfDefence: Judgement; authorised: Judgement }[];
  judgements: Map<string, Judgement>;
  places: PlaceAssumption[];
  /** Where each state's forces are stationed (from the scenario). */
  stationed: Map<string, string[]>;
  /** Places the scenario adds to the theatre. */
  theatre: string[];
}

export const dyad = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

function judge(event: Event, field: JudgedField, fallback: boolean): Judgement {
  const given: Characterisation | undefined = event[field];
  const object = typeof given === "object" ? given : undefined;
  return {
    id: `${event.id}.${field}`,
    field,
    value: given === undefined ? fallback : typeof given === "boolean" ? given : given.value,
    disputed: object?.disputed === true,
    origin: given === undefined ? "default" : "scenario",
    event: event.id,
    by: event.by,
    target: event.against ?? event.to ?? null,
    note: object?.note ?? null,
    heldBy: object?.held_by ?? [],
  };
}

/** Turns a scenario (already normalised: canonical codes and places) into the facts of one run. */
export function buildSituation(scenario: Scenario, config: RunConfig): Situation {
  const asOf = scenario.as_of;
  const events = scenario.events
    .filter((e) => e.start <= asOf)
    .sort((a, b) => a.start.localeCompare(b.start));
  const situation: Situation = {
    asOf,
    events,
    wars: [],
    given: [],
    threats: [],
    requests: [],
    transfers: [],
    firstStrike: new Map(),
    force: [],
    judgements: new Map(),
    places: [],
    stationed: new Map((scenario.forces ?? []).map((f) => [f.state, f.at])),
    theatre: (scenario.theatre ?? []).filter((t) => t !== "homelands"),
  };
  const record = (j: Judgement) => {
    situation.judgements.set(j.id, j);
    return j;
  };

  for (const event of events) {
    const info = EVENT_KINDS[event.kind];
    const ongoing = !event.end || event.end >= asOf;
    if (info.role === "request") {
      situation.requests.push({
        kind: event.kind === "request-for-consultations" ? "consultations" : "assistance",
        by: event.by,
        to: event.to ?? null,
        event: event.id,
      });
      continue;
    }
    if (info.role === "transfer") {
      if (ongoing) situation.transfers.push(event);
      continue;
    }
    const target = event.against;
    if (!target) continue;
    const fallback = (field: Judged) => (info.defaults as Partial<Record<Judged, boolean>>)[field] ?? false;
    const stateOfWar = record(judge(event, "state_of_war", fallback("state_of_war")));
    const armed = record(judge(event, "armed_attack", fallback("armed_attack")));
    const invasion = record(judge(event, "invasion", fallback("invasion")));
    const threat = record(judge(event, "threat", fallback("threat")));
    const nuclear = record(judge(event, "nuclear", fallback("nuclear")));
    const isForce = info.force || holds(armed, config) || holds(invasion, config);
    if (isForce) {
      const key = dyad(event.by, target);
      const first = situation.firstStrike.get(key);
      if (!first) situation.firstStrike.set(key, { by: event.by, event: event.id });
      // Answering a blow is self-defence by default (Charter Art. 51); a first strike is not.
      const answering = first !== undefined && first.by === target;
      situation.force.push({
        event,
        selfDefence: record(judge(event, "self_defence", answering)),
        authorised: record(judge(event, "authorised", false)),
      });
    }
    if (holds(stateOfWar, config)) joinOrStartWar(situation, event, stateOfWar.id);

    let place = typeof event.at === "string" ? event.at : null;
    let placeAssumption: string | null = null;
    if (!place) {
      place = target;
      placeAssumption = `${event.id}.place`;
      situation.places.push({
        id: placeAssumption,
        kind: "place-default",
        event: event.id,
        place,
        target,
        note: null,
      });
    } else if (event.at_from) {
      situation.places.push({
        id: `${event.id}.at`,
        kind: "place-from-coordinates",
        event: event.id,
        place,
        target,
        note: `(${event.at_from.lat}, ${event.at_from.lon}) ${event.at_from.via}${event.at_from.distance_km !== undefined ? ` ${event.at_from.distance_km} km` : ""}`,
      });
    }
    const candidate =
      armed.value ||
      invasion.value ||
      nuclear.value ||
      armed.disputed ||
      invasion.disputed ||
      event.armed_attack !== undefined;
    if (candidate) {
      situation.given.push({
        id: event.id,
        event: event.id,
        by: event.by,
        target,
        place,
        object: event.target ?? "territory",
        start: event.start,
        end: event.end && event.end <= asOf ? event.end : null,
        war: warOf(situation, event.by, target)?.id ?? null,
        armed,
        invasion,
        nuclear,
        supporters: event.supported_by ?? [],
        derived: null,
        assumption: placeAssumption,
      });
    }
    situation.threats.push({ id: event.id, by: event.by, target, threat, nuclear });
  }
  return situation;
}

export function warOf(situation: Situation, a: string, b: string): WarFact | undefined {
  return situation.wars.find((w) => w.sides.has(a) && w.sides.has(b) && w.sides.get(a) !== w.sides.get(b));
}

function joinOrStartWar(situation: Situation, event: Event, stateOfWar: string): void {
  const by = event.by;
  const target = event.against as string;
  if (warOf(situation, by, target)) return;
  // A state already at war that strikes a new enemy widens its war; otherwise a new war begins.
  const existing = situation.wars.find((w) => w.sides.has(by) && !w.sides.has(target));
  if (existing) {
    existing.sides.set(target, existing.sides.get(by) === "A" ? "B" : "A");
    existing.wave.set(target, 0);
    existing.basis.set(target, "event");
    return;
  }
  const joinedTarget = situation.wars.find((w) => w.sides.has(target) && !w.sides.has(by));
  if (joinedTarget) {
    joinedTarget.sides.set(by, joinedTarget.sides.get(target) === "A" ? "B" : "A");
    joinedTarget.wave.set(by, 0);
    joinedTarget.basis.set(by, "event");
    return;
  }
  situation.wars.push({
    id: `war-${situation.wars.length + 1}`,
    initiator: by,
    start: event.start,
    event: event.id,
    sides: new Map([
      [by, "A"],
      [target, "B"],
    ]),
    wave: new Map([
      [by, 0],
      [target, 0],
    ]),
    basis: new Map([
      [by, "event"],
      [target, "event"],
    ]),
    stateOfWar,
  });
}

/** Whether the beneficiary's side struck first: in its war, or (outside a war) between the two states. */
export function startedBy(
  situation: Situation,
  beneficiary: string,
  other: string,
  war: WarFact | null,
): { started: boolean; initiator: string; event: string } | null {
  if (war) {
    const started = war.sides.get(beneficiary) === war.sides.get(war.initiator);
    return { started, initiator: war.initiator, event: war.event };
  }
  const first = situation.firstStrike.get(dyad(beneficiary, other));
  if (!first) return null;
  return { started: first.by === beneficiary, initiator: first.by, event: first.event };
}
