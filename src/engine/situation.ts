import type { Assumption } from "../model/result.js";
import type { Characterisation, Event, EventKind, Scenario } from "../model/scenario.js";
import type { Library } from "../treaties/library.js";

/** A legal judgement about an event, as the engine uses it in one run. */
export interface Judgement {
  id: string;
  value: boolean;
  disputed: boolean;
  origin: "scenario" | "default";
  text: string;
  /** The same judgement taken the other way, for the contested answers. */
  opposite: string;
  /** The state the judged event was aimed at. */
  target?: string;
}

/** An armed attack, as given or as derived from a war (counter-strikes, attacks on joiners' forces). */
export interface AttackFact {
  id: string;
  by: string;
  target: string;
  place: string;
  object: "territory" | "forces";
  start: string;
  /** When it ended, if it has; an attack that has ended still happened. */
  end: string | null;
  war: string | null;
  armedAttack: Judgement | null;
  invasion: Judgement | null;
  derived: boolean;
  description: string;
}

export interface ThreatFact {
  id: string;
  by: string;
  target: string;
  judgement: Judgement;
  description: string;
}

export interface War {
  id: string;
  initiator: string;
  start: string;
  /** state → side label ("A" is the initiator's side). */
  sides: Map<string, "A" | "B">;
  wave: Map<string, number>;
  startedBy: Judgement;
  /** The judgement that the first event put its target in a state of war. */
  stateOfWar: string;
}

export interface Situation {
  asOf: string;
  events: Event[];
  wars: War[];
  attacks: AttackFact[];
  threats: ThreatFact[];
  requests: { by: string; to: string | undefined; event: string }[];
  transfers: Event[];
  theatre: Set<string>;
  /** Where each state's forces are stationed abroad (from the scenario). */
  stationed: Map<string, string[]>;
  judgements: Map<string, Judgement>;
}

/** Characterisations the engine assumes when the scenario says nothing. */
const DEFAULTS: Record<"armed_attack" | "invasion" | "state_of_war" | "threat", ReadonlySet<EventKind>> = {
  armed_attack: new Set(["armed-attack", "invasion"]),
  invasion: new Set(["invasion"]),
  state_of_war: new Set(["invasion", "declaration-of-war"]),
  threat: new Set(["threat-of-attack", "mobilisation"]),
};

const HOSTILE_KINDS: ReadonlySet<EventKind> = new Set([
  "armed-attack",
  "invasion",
  "declaration-of-war",
  "border-incident",
  "blockade",
  "threat-of-attack",
  "mobilisation",
]);
const TRANSFER_KINDS: ReadonlySet<EventKind> = new Set([
  "arms-transfer",
  "troop-deployment",
  "technology-transfer",
]);

/** Flips applied to a run: a disputed judgement taken the other way. */
export type Flips = ReadonlySet<string>;

function judge(
  event: Event,
  key: keyof typeof DEFAULTS,
  flips: Flips,
  describe: (value: boolean) => string,
): Judgement {
  const given: Characterisation | undefined = event[key];
  const id = `${event.id}.${key}`;
  const base =
    given === undefined ? DEFAULTS[key].has(event.kind) : typeof given === "boolean" ? given : given.value;
  const disputed = typeof given === "object" && given.disputed === true;
  const value = flips.has(id) ? !base : base;
  const origin = given === undefined ? "default" : "scenario";
  return { id, value, disputed, origin, text: describe(value), opposite: describe(!value) };
}

/** Turns a scenario into the facts of one run: wars, attacks, threats, requests. */
export function buildSituation(scenario: Scenario, library: Library, flips: Flips): Situation {
  const reg = library.registry;
  const name = (code: string) => reg.name(code);
  const code = (c: string) => reg.canonical(c) ?? c;
  const asOf = scenario.as_of;
  const events = scenario.events
    .filter((e) => e.start <= asOf)
    .map((e) => ({ ...e, by: code(e.by), against: e.against && code(e.against), to: e.to && code(e.to) }))
    .sort((a, b) => a.start.localeCompare(b.start));
  const situation: Situation = {
    asOf,
    events,
    wars: [],
    attacks: [],
    threats: [],
    requests: [],
    transfers: [],
    theatre: new Set(),
    stationed: new Map((scenario.forces ?? []).map((f) => [code(f.state), f.at])),
    judgements: new Map(),
  };
  const record = (j: Judgement) => {
    situation.judgements.set(j.id, j);
    return j;
  };

  for (const event of events) {
    if (event.at_note) {
      record({
        id: `${event.id}.at`,
        value: true,
        disputed: false,
        origin: "default",
        text: event.at_note,
        opposite: event.at_note,
      });
    }
    const ongoing = !event.end || event.end >= asOf;
    if (event.kind === "request-for-assistance") {
      situation.requests.push({ by: event.by, to: event.to, event: event.id });
      continue;
    }
    if (TRANSFER_KINDS.has(event.kind)) {
      if (ongoing) situation.transfers.push(event);
      continue;
    }
    if (!HOSTILE_KINDS.has(event.kind) || !event.against) continue;
    const target = event.against;
    const what = `${event.id} (${event.kind} by ${name(event.by)} on ${name(target)}, ${event.start})`;
    const war = record(
      judge(
        event,
        "state_of_war",
        flips,
        (v) => `${what} ${v ? "puts" : "does not put"} ${name(target)} in a state of war`,
      ),
    );
    const armed = record(
      judge(event, "armed_attack", flips, (v) => `${what} ${v ? "is" : "is not"} an armed attack`),
    );
    const invasion = record(
      judge(event, "invasion", flips, (v) => `${what} ${v ? "is" : "is not"} an invasion`),
    );
    const threat = record(
      judge(
        event,
        "threat",
        flips,
        (v) => `${what} ${v ? "is" : "is not"} a threat of attack on ${name(target)}`,
      ),
    );
    threat.target = target;
    if (war.value) joinOrStartWar(situation, event, war.id, record);
    if (armed.value || invasion.value) {
      // Coordinates are resolved to a place before the engine runs; an unresolved point counts as the target's land.
      const place = typeof event.at === "string" ? event.at : target;
      situation.attacks.push({
        id: event.id,
        by: event.by,
        target,
        place,
        object: event.target ?? "territory",
        start: event.start,
        end: event.end && event.end <= asOf ? event.end : null,
        war: warOf(situation, event.by, target)?.id ?? null,
        armedAttack: armed,
        invasion,
        derived: false,
        description: event.description ?? what,
      });
    }
    if (threat.value) {
      situation.threats.push({
        id: event.id,
        by: event.by,
        target,
        judgement: threat,
        description: event.description ?? what,
      });
    }
  }

  const theatre = scenario.theatre?.map((t) => code(t)) ?? situation.wars.flatMap((w) => [...w.sides.keys()]);
  for (const t of theatre) situation.theatre.add(t);
  return situation;
}

export function warOf(situation: Situation, a: string, b: string): War | undefined {
  return situation.wars.find((w) => w.sides.has(a) && w.sides.has(b) && w.sides.get(a) !== w.sides.get(b));
}

function joinOrStartWar(
  situation: Situation,
  event: Event & { against?: string },
  stateOfWar: string,
  record: (j: Judgement) => Judgement,
): void {
  const by = event.by;
  const target = event.against as string;
  if (warOf(situation, by, target)) return;
  // A state already at war that strikes a new enemy widens its war; otherwise a new war begins.
  const existing = situation.wars.find((w) => w.sides.has(by) && !w.sides.has(target));
  if (existing) {
    existing.sides.set(target, existing.sides.get(by) === "A" ? "B" : "A");
    existing.wave.set(target, 0);
    return;
  }
  const joinedTarget = situation.wars.find((w) => w.sides.has(target) && !w.sides.has(by));
  if (joinedTarget) {
    joinedTarget.sides.set(by, joinedTarget.sides.get(target) === "A" ? "B" : "A");
    joinedTarget.wave.set(by, 0);
    return;
  }
  const id = `war-${situation.wars.length + 1}`;
  const startedBy = record({
    id: `${id}.started_by`,
    value: true,
    disputed: false,
    origin: "default",
    text: `${by} started ${id} (first to attack, event ${event.id} on ${event.start})`,
    opposite: `${by} did not start ${id}`,
  });
  situation.wars.push({
    id,
    initiator: by,
    start: event.start,
    sides: new Map([
      [by, "A"],
      [target, "B"],
    ]),
    wave: new Map([
      [by, 0],
      [target, 0],
    ]),
    startedBy,
    stateOfWar,
  });
}

/**
 * The attacks a war implies from its start: each side's territory in the theatre and its forces there
 * are under attack by the other side. Joiners' homelands are hit only when the theatre includes them.
 */
export function deriveWarAttacks(situation: Situation, library: Library): AttackFact[] {
  const out: AttackFact[] = [];
  const given = new Set(situation.attacks.map((a) => `${a.by}>${a.target}>${a.object}`));
  for (const war of situation.wars) {
    for (const [a, sideA] of war.sides) {
      for (const [b, sideB] of war.sides) {
        if (sideA === sideB) continue;
        const joinedLate = (war.wave.get(b) ?? 0) > 0;
        if (situation.theatre.has(b) && !given.has(`${a}>${b}>territory`)) {
          out.push(derived(war, a, b, b, "territory", library));
        }
        for (const station of situation.stationed.get(b) ?? []) {
          if (situation.theatre.has(station) && station !== b)
            out.push(derived(war, a, b, station, "forces", library));
        }
        if (joinedLate && !given.has(`${a}>${b}>forces`) && !situation.stationed.has(b)) {
          // Joiners fight where their partners are: their forces stand in the partners' theatre territory.
          const host = [...war.sides].find(
            ([s, side]) => side === sideB && situation.theatre.has(s) && s !== b,
          )?.[0];
          if (host) out.push(derived(war, a, b, host, "forces", library));
        }
      }
    }
  }
  return out;
}

function derived(
  war: War,
  by: string,
  target: string,
  place: string,
  object: "territory" | "forces",
  library: Library,
): AttackFact {
  const name = (c: string) => library.registry.name(c);
  const what =
    object === "territory" ? `${name(target)}'s territory` : `${name(target)}'s forces in ${name(place)}`;
  return {
    id: `${war.id}:${by}>${target}${object === "forces" ? ":forces" : ""}`,
    by,
    target,
    place,
    object,
    start: war.start,
    end: null,
    war: war.id,
    armedAttack: null,
    invasion: null,
    derived: true,
    description: `${name(by)} strikes ${what} in ${war.id} (derived: belligerents in the theatre are under attack by the other side)`,
  };
}

export function assumptionsOf(situation: Situation): Assumption[] {
  return [...situation.judgements.values()].map((j) => ({
    id: j.id,
    text: j.text,
    value: j.value,
    disputed: j.disputed,
    origin: j.id.includes(".started_by") ? "derived" : j.origin,
  }));
}
