/**
 * The one table of event kinds: what each kind is, whom it needs, and which legal judgements it carries
 * by default. The scenario schema, the checker, the engine, the builder and the news reader read it here.
 */
export const EVENT_KINDS = {
  "armed-attack": {
    label: "armed attack",
    role: "hostile",
    needs: "against",
    defaults: { armed_attack: true },
    force: true,
  },
  invasion: {
    label: "invasion",
    role: "hostile",
    needs: "against",
    defaults: { armed_attack: true, invasion: true, state_of_war: true },
    force: true,
  },
  "declaration-of-war": {
    label: "declaration of war",
    role: "hostile",
    needs: "against",
    defaults: { state_of_war: true },
    force: false,
  },
  "threat-of-attack": {
    label: "threat of attack",
    role: "hostile",
    needs: "against",
    defaults: { threat: true },
    force: false,
  },
  "border-incident": {
    label: "border incident",
    role: "hostile",
    needs: "against",
    defaults: {},
    force: false,
  },
  mobilisation: {
    label: "mobilisation",
    role: "hostile",
    needs: "none",
    defaults: { threat: true },
    force: false,
  },
  blockade: {
    label: "blockade",
    role: "hostile",
    needs: "against",
    defaults: {},
    force: true,
  },
  "nuclear-use": {
    label: "use of nuclear weapons",
    role: "hostile",
    needs: "against",
    defaults: { armed_attack: true, nuclear: true },
    force: true,
  },
  "request-for-assistance": {
    label: "request for assistance",
    role: "request",
    needs: "none",
    defaults: {},
    force: false,
  },
  "request-for-consultations": {
    label: "request for consultations",
    role: "request",
    needs: "none",
    defaults: {},
    force: false,
  },
  "arms-transfer": {
    label: "arms transfer",
    role: "transfer",
    needs: "to",
    defaults: {},
    force: false,
  },
  "troop-deployment": {
    label: "troop deployment",
    role: "transfer",
    needs: "to",
    defaults: {},
    force: false,
  },
  "technology-transfer": {
    label: "technology transfer",
    role: "transfer",
    needs: "to",
    defaults: {},
    force: false,
  },
} as const satisfies Record<string, EventKindInfo>;

export interface EventKindInfo {
  /** How the kind is named in prose. */
  label: string;
  /** hostile: aimed at a state; request: asks for help or talks; transfer: sends something to a state. */
  role: "hostile" | "request" | "transfer";
  /** The field the kind needs besides `by`: `against` (the target) or `to` (the recipient). */
  needs: "against" | "to" | "none";
  /** The legal judgements the kind carries when the scenario says nothing. */
  defaults: Partial<Record<Judged, boolean>>;
  /** Whether it is a use of force against the target (UN Charter Art. 2(4)). */
  force: boolean;
}

/** The legal judgements an event can carry. */
export type Judged = "armed_attack" | "invasion" | "state_of_war" | "threat" | "nuclear";

export type EventKind = keyof typeof EVENT_KINDS;
export const EVENT_KIND_IDS = Object.keys(EVENT_KINDS) as [EventKind, ...EventKind[]];

export function eventKind(kind: EventKind): EventKindInfo {
  return EVENT_KINDS[kind];
}

/**
 * Each event kind's nearest PLOVER category (Open Event Data Alliance, PLOVER manual draft 0.7b1), so that
 * coded events can be compared with POLECAT. `null`: PLOVER does not code it (requests and appeals).
 * The reasons are in docs/event-kinds.md.
 */
export const PLOVER: Record<EventKind, { category: PloverCategory | null; mode: string | null }> = {
  "armed-attack": { category: "ASSAULT", mode: null },
  invasion: { category: "ASSAULT", mode: null },
  "declaration-of-war": { category: "THREATEN", mode: null },
  "threat-of-attack": { category: "THREATEN", mode: "violence" },
  "border-incident": { category: "MOBILIZE", mode: null },
  mobilisation: { category: "MOBILIZE", mode: "troops" },
  blockade: { category: "COERCE", mode: "restrict" },
  "nuclear-use": { category: "ASSAULT", mode: null },
  "request-for-assistance": { category: null, mode: null },
  "request-for-consultations": { category: null, mode: null },
  "arms-transfer": { category: "AID", mode: "military" },
  "troop-deployment": { category: "AID", mode: "military" },
  "technology-transfer": { category: "AID", mode: "military" },
};

export type PloverCategory =
  | "AGREE"
  | "CONSULT"
  | "SUPPORT"
  | "CONCEDE"
  | "COOPERATE"
  | "AID"
  | "RETREAT"
  | "DEMAND"
  | "ACCUSE"
  | "REJECT"
  | "THREATEN"
  | "PROTEST"
  | "SANCTION"
  | "MOBILIZE"
  | "COERCE"
  | "ASSAULT";
