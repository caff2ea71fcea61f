import { EVENT_KINDS } from "../model/events.js";
import type { Trigger } from "../model/instrument.js";
import type {
  Assumption,
  Belligerent,
  Condition,
  ConditionCode,
  Conflict,
  Contested,
  JoiningDecision,
  ReadingInfo,
  Result,
  Standing,
  StateRef,
  Text,
  Violation,
} from "../model/result.js";

/** The one place casus's structured answers become English words. */

export const name = (s: StateRef | null | undefined): string => (s ? s.name : "someone");

export const codeOf = (s: StateRef): string => ("iso3" in s ? (s.iso3 ?? `cow:${s.cow}`) : s.id);

export const names = (list: readonly StateRef[] | undefined): string => {
  const all = (list ?? []).map(name);
  if (all.length <= 1) return all[0] ?? "no one";
  return `${all.slice(0, -1).join(", ")} and ${all.at(-1)}`;
};

type Names = Pick<Result, "wars" | "places" | "regions" | "events">;

/** A place by name; a place that is a belligerent's whole territory takes the state's own name. */
const placeName = (result: Names, code: string | undefined): string => {
  if (!code) return "the place attacked";
  for (const w of result.wars)
    for (const side of w.sides) if (codeOf(side.state) === code) return side.state.name;
  return result.places.find((p) => p.code === code)?.name ?? code;
};
const regionName = (result: Names, id: string | undefined) =>
  (id && result.regions.find((r) => r.id === id)?.name) ?? id ?? "the treaty's area";
/** "North Korea's border incident" (with its date where the same state did the same twice). */
export function eventName(result: Pick<Result, "events">, id: string | null | undefined): string {
  const e = result.events.find((x) => x.id === id);
  if (!e) return id ? `the event "${id}"` : "the event";
  const label = EVENT_KINDS[e.kind as keyof typeof EVENT_KINDS]?.label ?? e.kind.replace(/-/g, " ");
  const twin = result.events.some((x) => x !== e && x.kind === e.kind && codeOf(x.by) === codeOf(e.by));
  return `${possessive(e.by.name)} ${label}${twin ? ` of ${longDate(e.start)}` : ""}`;
}

/** "North Korea's", "the United States'". */
export const possessive = (s: string): string => (s.endsWith("s") ? `${s}'` : `${s}'s`);

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "1 June 2025" from "2025-06-01"; anything else as it is. */
export function longDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  if (!m) return iso ?? "";
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** A war's name from its sides: "the South Korea–North Korea war of 2025". */
export function warName(result: Pick<Result, "wars">, id: string | undefined): string {
  const war = result.wars.find((w) => w.id === id);
  if (!war) return id ? `the war (${id})` : "the war";
  const first = war.sides.find((s) => s.side === "initiator" && s.wave === 0);
  const second = war.sides.find((s) => s.side === "defender" && s.wave === 0);
  return `the ${name(first?.state)}–${name(second?.state)} war of ${war.start.slice(0, 4)}`;
}

/** What a condition found, as a clause of a sentence. */
export function conditionText(c: Condition, result: Names, options: { quote?: boolean } = {}): string {
  const place = (code: string | undefined) => placeName(result, code);
  const s = name(c.state);
  const by = name(c.by);
  const war = warName(result, c.war);
  const event = (id: string | undefined) => eventName(result, id);
  const text = ((): string => {
    switch (c.code) {
      case "suspended":
        return `${possessive(s)} obligations toward ${by} have been suspended since ${longDate(c.date)}`;
      case "void":
        return `the clause does not bind under the reading(s) adopted (${(c.readings ?? []).join(", ")})`;
      case "event":
        return `nothing the clause answers has happened to ${s}`;
      case "armed-attack":
        if (c.detail === "derived") return `${by} strikes ${s} in ${place(c.place)} (assumed, in ${war})`;
        return c.met
          ? `${by} made an armed attack on ${s}`
          : `${event(c.event)} is not an armed attack on ${s}`;
      case "invasion":
        if (c.detail === "strike-not-invasion") return `a blow in an ongoing war is not an invasion of ${s}`;
        return c.met ? `${by} invaded ${s}` : `${event(c.event)} is not an invasion of ${s}`;
      case "nuclear":
        return c.met
          ? `nuclear weapons were used or threatened against ${s} by ${by}`
          : `no use or threat of nuclear weapons against ${s}`;
      case "threat":
        if (c.detail === "attack-more-than-threat")
          return `${s} is under armed attack by ${by}, more than a threat`;
        if (c.detail === "none") return `no threat of attack on ${s}`;
        return c.met
          ? `${event(c.event)} is a threat of attack on ${s}`
          : `${event(c.event)} is not read as a threat of attack on ${s}`;
      case "attacker-state":
        return c.met ? `the attacker, ${by}, is a state` : `the attacker, ${by}, is not a state`;
      case "attacker-named":
        return c.met
          ? `the attacker, ${by}, is one the clause names`
          : `the clause covers attacks by ${names(c.states)} only, not by ${by}`;
      case "attacker-excluded":
        return c.met
          ? `the attacker, ${by}, is not one the clause leaves out`
          : `the clause leaves out attacks by ${by}`;
      case "supported-by":
        return c.met
          ? `${by} acts with the support of ${names(c.states)}`
          : `the clause needs an attack supported by ${names(c.states)}`;
      case "external":
        return c.met
          ? `an attack from outside: ${by} is not a party`
          : `not an attack from outside: ${by} is a party`;
      case "attackers-count":
        return `${c.count} attacker(s) of ${s}; the clause needs ${c.needed} or more`;
      case "place":
        return placeText(c, result);
      case "sovereignty":
        return `${place(c.place)} read by sovereignty as ${possessive(s)}, not by who administers it`;
      case "state-of-war":
        return c.met
          ? `${s} is in a state of war (${war}, from ${longDate(c.date)})`
          : `${s} is not in a state of war`;
      case "victim": {
        const why = c.detail === "text" ? "the text's own condition" : "the victim reading";
        if (!c.war)
          return c.met ? `${s} did not strike first: ${by} did (${why})` : `${s} struck first (${why})`;
        return c.met
          ? `${s} did not start ${war}: ${by} struck first (${why})`
          : `${possessive(s)} side started ${war}: ${by} struck first (${why})`;
      }
      case "request":
        return c.met ? `${s} asked for assistance` : `no request for assistance by ${s}`;
      case "call":
        return c.met ? `${s} called for consultations` : `no call for consultations by ${s}`;
      case "retroactivity":
        if (c.detail === "ended-before")
          return `the attack ended before the instrument entered into force (${longDate(c.date)})`;
        return c.met
          ? `the attack began before entry into force (${longDate(c.date)}) and goes on: counted from then`
          : `the attack began before entry into force (${longDate(c.date)}): not covered, as the instrument is not read as retroactive`;
      case "mobilisation":
        return c.met ? `${by} mobilised` : `no mobilisation by ${names(c.states)}`;
    }
  })();
  const quoted = c.because && options.quote !== false ? ` — "${c.because}"` : "";
  const understood = c.understanding ? " (a ratification understanding)" : "";
  return `${text}${understood}${quoted}`;
}

function placeText(c: Condition, result: Names): string {
  const s = name(c.state);
  const where = placeName(result, c.place);
  const region = regionName(result, c.region);
  switch (c.detail) {
    case "on-territory":
      // A place that is the state's whole territory needs no second name ("North Korea's territory").
      return c.state && c.place === codeOf(c.state)
        ? `the attack is on ${possessive(s)} territory`
        : `the attack is on ${possessive(s)} territory (${where})`;
    case "within-region":
      return `${where} is within ${region}`;
    case "outside-region":
      return `${where} is outside ${region}`;
    case "not-beneficiary-territory":
      return `${where} is not ${possessive(s)} territory`;
    case "not-party-territory":
      return `${where} is not a party's territory`;
    case "forces-within-region":
      return `${possessive(s)} forces in ${where}, within ${region}`;
    case "forces-outside-region":
      return `${possessive(s)} forces in ${where} are outside ${region}`;
    case "forces-not-covered":
      return `an attack on ${possessive(s)} forces in ${where} is not an attack on ${s} as the clause speaks of it (its text names no forces)`;
    case "forces-abroad-reading":
      return `${possessive(s)} forces in ${where} count as ${s} (the forces-abroad reading)`;
    default:
      return `the attack is in ${where}`;
  }
}

/** "Would not hold if …": what the held condition an answer turns on rests on. */
export function counterfactual(code: ConditionCode, conditions: readonly Condition[], result: Names): string {
  const event = (id: string | undefined) => eventName(result, id);
  const c = conditions.find((x) => x.code === code);
  if (!c) return "";
  switch (code) {
    case "victim":
      return `would not hold if ${name(c.by)} had not struck first`;
    case "request":
      return `would not hold without ${name(c.state)}'s request`;
    case "call":
      return `would not hold without ${name(c.state)}'s call for consultations`;
    case "invasion":
      return `would not hold if ${event(c.event)} were not an invasion`;
    case "state-of-war":
      return `would not hold if ${name(c.state)} were not in a state of war (${warName(result, c.war)})`;
    case "retroactivity":
      return "would not hold if the instrument did not reach attacks begun before it entered into force";
    case "armed-attack":
      return c.detail === "derived"
        ? "would not hold if that blow were not assumed"
        : `would not hold if ${event(c.event)} were not an armed attack`;
    case "threat":
      return `would not hold if ${event(c.event)} were not read as a threat`;
    case "nuclear":
      return `would not hold if no nuclear weapons were used or threatened`;
    case "place":
      return c.region
        ? `would not hold for an attack outside ${regionName(result, c.region)}`
        : "would not hold elsewhere";
    default:
      return "";
  }
}

/** An assumption as a sentence. */
export function assumptionText(a: Assumption, result: Pick<Result, "wars" | "events">): string {
  const yes = a.value === true;
  const ev = eventName(result, a.event);
  switch (a.kind) {
    case "judgement":
      switch (a.field) {
        case "armed_attack":
          return `${ev} ${yes ? "counts" : "does not count"} as an armed attack on ${name(a.target)}`;
        case "invasion":
          return `${ev} ${yes ? "is" : "is not"} an invasion of ${name(a.target)}`;
        case "state_of_war":
          return `${ev} ${yes ? "puts" : "does not put"} ${name(a.target)} in a state of war`;
        case "threat":
          return `${ev} ${yes ? "is" : "is not"} a threat of attack on ${name(a.target)}`;
        case "nuclear":
          return `nuclear weapons ${yes ? "were" : "were not"} used or threatened in ${ev}`;
        case "authorised":
          return `${ev} ${yes ? "was" : "was not"} authorised by the Security Council`;
        case "sovereignty":
          return `${a.places[0]?.name ?? "the place"} is read by sovereignty as ${possessive(name(a.state))}`;
        case "retroactive":
          return yes
            ? "an instrument reaches attacks that began before it entered into force and go on"
            : "an instrument does not reach attacks that began before it entered into force";
        default:
          return `${a.id}: ${String(a.value)}`;
      }
    case "self-defence":
      return `${ev} ${yes ? "is" : "is not"} self-defence under UN Charter Art. 51`;
    case "started-by":
      return `${name(a.state)} started ${warName(result, a.id.replace(/\.started_by$/, ""))}, striking first (${ev})`;
    case "place-default":
      return `${ev} names no place: taken to be on ${possessive(name(a.target))} own territory`;
    case "place-from-coordinates":
      return `${ev}'s coordinates ${a.note ?? ""} resolve to ${a.places[0]?.name ?? "a place"}`;
    case "theatre":
      if (a.id === "theatre") {
        return a.value === "homelands"
          ? "the war spreads to every belligerent's homeland (a scenario choice)"
          : `the war is fought where the events strike: ${a.places.map((p) => p.name).join(", ") || "nowhere named"}`;
      }
      if (a.value === "stationed")
        return `${possessive(name(a.state))} forces are stationed in ${a.places.map((p) => p.name).join(", ")} (the scenario)`;
      if (a.value === "homelands") return "the war spreads to the belligerents' homelands (the scenario)";
      return `the war reaches ${a.places.map((p) => p.name).join(", ")} (the scenario)`;
    case "engagement":
      return a.value === true
        ? "states that join a war send forces to defend where their ally was attacked, and the enemy strikes them there"
        : "joiners' forces are not engaged where they defend";
    case "joining":
      return a.value === "automatic-binding-obligations"
        ? "a state joins a war only when an automatic, legally binding obligation calls for it and nothing pulls it the other way"
        : "a state joins a war when a legally binding obligation (automatic or discretionary) calls for it and nothing pulls it the other way";
    case "general-reading":
      return `clauses are read under the "${String(a.value)}" reading`;
    case "code-reading":
      return `"${a.note}" was read as ${a.value === "iso3" ? "an ISO code" : "a Correlates of War code"}: ${name(a.state)}${a.target ? ` (not ${name(a.target)})` : ""}`;
  }
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** An instrument's title, from the texts the result quotes. */
export function instrumentTitle(result: Pick<Result, "texts">, id: string | null | undefined): string {
  return (id && result.texts.find((t) => t.instrument === id)?.instrument_title) || id || "the instrument";
}

/** The label of a contested point: what the alternative answer assumes, as the start of a sentence. */
export function pointLabel(
  c: Contested,
  result: Pick<Result, "readings" | "assumptions" | "wars" | "texts" | "places" | "regions" | "events">,
): string {
  const p = c.point;
  const reading = result.readings.find((r) => r.key === p.ref);
  const where = c.flips[0] ? citation(result, c.flips[0]) : instrumentTitle(result, p.instrument);
  switch (p.kind) {
    case "general-reading":
      if (!reading) return p.id;
      return /reading$/.test(reading.label) ? `Under the ${reading.label}` : `If ${reading.label}`;
    case "instrument-reading":
      if (!reading) return p.id;
      return `${p.adopted ? "Not reading it so: " : ""}${capitalised(reading.label)} (${where})`;
    case "characterisation": {
      const a = result.assumptions.find((x) => x.id === p.ref);
      return a ? `If instead ${assumptionText({ ...a, value: a.value !== true }, result)}` : p.id;
    }
    case "retroactivity":
      return `If ${instrumentTitle(result, p.instrument)} does not reach an attack that began before it entered into force`;
    case "sovereignty": {
      const place = p.place ? placeName(result, p.place.code) : "the place";
      return `If ${possessive(place)} territory is read by sovereignty as ${possessive(name(p.state))}, not by who administers it`;
    }
    case "theatre":
      return "If the war spreads to the belligerents' homelands";
    case "engagement":
      return "If joiners' forces are not engaged where they go to defend";
    case "honour":
      return `If ${name(p.state)} honours ${where}`;
  }
}

/** The one-line explanation behind a contested point, where the data gives one. */
export function pointDescription(
  c: Contested,
  result: Pick<Result, "readings" | "assumptions">,
): string | null {
  const reading = result.readings.find((r) => r.key === c.point.ref);
  if (reading) return reading.description;
  return result.assumptions.find((a) => a.id === c.point.ref)?.note ?? null;
}

/** How strongly: words for a strength. */
export function strengthText(strength: string | null): string {
  switch (strength) {
    case "automatic":
      return "bound";
    case "discretionary":
      return "bound, with discretion";
    case "consultative":
      return "bound to consult";
    case "binding":
      return "bound";
    default:
      return "not bound";
  }
}

export function articleLabel(text: Text | undefined, article: string): string {
  return text?.label ?? `Art. ${article}`;
}

export function readingLabel(result: Pick<Result, "readings">, key: string): string {
  const r: ReadingInfo | undefined = result.readings.find((x) => x.key === key);
  return r?.label ?? key;
}

/** "Title, Art. 4": an article cited by its instrument's title and the article's label, from `texts`. */
export function citation(
  result: Pick<Result, "texts">,
  x: { instrument: string; article: string; text?: string },
): string {
  const text = x.text
    ? result.texts.find((t) => t.id === x.text)
    : result.texts.find((t) => t.instrument === x.instrument && t.article === x.article);
  return `${text?.instrument_title ?? x.instrument}, ${articleLabel(text, x.article)}`;
}

/** What a condition needs, as a noun phrase ("an invasion", "a request for assistance"). */
export function needText(code: ConditionCode): string {
  switch (code) {
    case "suspended":
      return "obligations not suspended";
    case "void":
      return "a reading under which the clause binds";
    case "event":
      return "an event the clause answers";
    case "armed-attack":
      return "an armed attack";
    case "invasion":
      return "an invasion";
    case "nuclear":
      return "a use or threat of nuclear weapons";
    case "threat":
      return "a threat of attack";
    case "attacker-state":
      return "an attacker that is a state";
    case "attacker-named":
      return "an attacker the clause names";
    case "attacker-excluded":
      return "an attacker the clause does not leave out";
    case "supported-by":
      return "an attacker with the support the clause names";
    case "external":
      return "an attack from outside";
    case "attackers-count":
      return "more attackers";
    case "place":
      return "an attack where the clause applies";
    case "sovereignty":
      return "the territory read by sovereignty";
    case "state-of-war":
      return "a state of war";
    case "victim":
      return "a victim that did not start the war";
    case "request":
      return "a request for assistance";
    case "call":
      return "a call for consultations";
    case "retroactivity":
      return "an attack begun after entry into force";
    case "mobilisation":
      return "a mobilisation";
  }
}

/** How one obligor stands toward one beneficiary, on one side of a contested point. */
export function standingText(s: Standing): string {
  if (!s.bound)
    return s.unmet.length ? `not bound (would need ${s.unmet.map(needText).join(", ")})` : "not bound";
  return `${strengthText(s.strength)}${s.joins ? ", joins the war" : ""}`;
}

/** Each state once, in first-seen order. */
export function uniqueStates(list: readonly StateRef[]): StateRef[] {
  return [...new Map(list.map((s) => [codeOf(s), s] as const)).values()];
}

/** What a contested point changes: who becomes bound, who no longer is, who joins. */
export function flipSummary(c: Contested, result: Pick<Result, "texts">): string {
  const gained = c.flips.filter((f) => !f.main.bound && f.alternative.bound);
  const lost = c.flips.filter((f) => f.main.bound && !f.alternative.bound);
  const closer = c.flips.filter((f) => !f.main.bound && !f.alternative.bound);
  const changed = c.flips.filter((f) => f.main.bound && f.alternative.bound);
  const parts: string[] = [];
  const who = (list: typeof c.flips) => names(uniqueStates(list.map((f) => f.obligor)));
  const verb = (list: typeof c.flips, one: string, many: string) =>
    uniqueStates(list.map((f) => f.obligor)).length > 1 ? many : one;
  if (gained.length) {
    const how = [...new Set(gained.map((f) => strengthText(f.alternative.strength)))];
    parts.push(`${who(gained)} ${verb(gained, "becomes", "become")} ${how.length === 1 ? how[0] : "bound"}`);
  }
  if (lost.length) parts.push(`${who(lost)} no longer bound`);
  if (changed.length) parts.push(`${who(changed)} bound differently`);
  if (closer.length)
    parts.push(
      `${who(closer)} would still need ${[...new Set(closer.flatMap((f) => f.alternative.unmet))].map(needText).join(", ")}`,
    );
  const joins = c.joins.filter((j) => j.alternative);
  const leaves = c.joins.filter((j) => !j.alternative);
  if (joins.length) parts.push(`${names(joins.map((j) => j.state))} join${joins.length > 1 ? "" : "s"}`);
  if (leaves.length)
    parts.push(`${names(leaves.map((j) => j.state))} no longer join${leaves.length > 1 ? "" : "s"}`);
  for (const v of c.violations)
    parts.push(
      `${name(v.by)} ${v.alternative ? "would act against" : "would no longer act against"} ${citation(result, v)}`,
    );
  return parts.join("; ") || "no change";
}

/** What kind of contested point it is, as a short heading. */
export function pointKindText(kind: Contested["point"]["kind"]): string {
  switch (kind) {
    case "general-reading":
      return "Reading";
    case "instrument-reading":
      return "Reading of the text";
    case "characterisation":
      return "Judgement";
    case "retroactivity":
      return "Retroactivity";
    case "sovereignty":
      return "Sovereignty";
    case "theatre":
      return "Where the war is fought";
    case "engagement":
      return "Engagement";
    case "honour":
      return "Honouring a pledge";
  }
}

/** A belligerent's part in a war: side, and what brought it in. */
export function belligerentText(b: Belligerent, result: Pick<Result, "wars" | "texts">): string {
  const side = b.side === "initiator" ? "on the side that started" : "on the defending side of";
  const how =
    b.wave === 0
      ? "from the outset"
      : b.via
        ? `joins in wave ${b.wave}, through ${citation(result, b.via)} toward ${name(b.via.beneficiary)}`
        : b.basis === "scenario"
          ? `joins in wave ${b.wave}, by the scenario's choice`
          : `joins in wave ${b.wave}`;
  return `${name(b.state)}: ${side} ${warName(result, b.war)}, ${how}`;
}

/** Why a bound state joins, acts or stays out. */
export function joiningReasonText(reason: JoiningDecision["reason"]): string {
  switch (reason) {
    case "binding-obligation":
      return "a binding obligation calls for it";
    case "scenario-joins":
      return "the scenario says so";
    case "scenario-declines":
      return "the scenario has it decline";
    case "bound-to-both-sides":
      return "bound to both sides";
    case "against-own-ally":
      return "joining would mean fighting a state it owes a pledge";
    case "discretionary-only":
      return "the obligations leave discretion, and only automatic ones bring a state in (the option chosen)";
    case "not-binding":
      return "the commitments are not legally binding";
    case "already-at-war":
      return "already fighting on the other side";
    case "no-war":
      return "there is no war to join";
  }
}

/** A conflict between a state's obligations, as a sentence. */
export function conflictText(c: Conflict, result: Pick<Result, "texts" | "wars">): string {
  const owed = c.obligations.map((o) => `${citation(result, o)} toward ${name(o.beneficiary)}`).join("; ");
  const against = c.against ? citation(result, c.against) : "another obligation";
  const toward = c.against?.toward ? name(c.against.toward) : "";
  const s = name(c.state);
  switch (c.kind) {
    case "bound-to-both-sides":
      return `${s} is bound to both sides${c.war ? ` of ${warName(result, c.war)}` : ""}: ${owed}; and ${against}${toward ? ` toward ${toward}` : ""}`;
    case "against-own-ally":
      return `joining would set ${s} against ${toward || "a state"} it owes a pledge under ${against}; it is bound by ${owed}`;
    case "defence-vs-non-aggression":
      return `${possessive(s)} defence obligation (${owed}) pulls against its non-aggression pledge${toward ? ` toward ${toward}` : ""} (${against})`;
    case "assistance-vs-prohibition":
      return `${possessive(s)} obligation to assist (${owed}) meets the prohibition in ${against}`;
    case "assistance-vs-non-assistance":
      return `${possessive(s)} obligation to assist (${owed}) meets its pledge not to assist${toward ? ` against ${toward}` : ""} (${against})`;
  }
}

/** One view of how a conflict resolves. */
export function conflictViewText(
  v: Conflict["views"][number],
  result: Pick<Result, "texts" | "readings">,
): string {
  const view = v.view === "prohibition-prevails" ? "the prohibition prevails" : readingLabel(result, v.view);
  const cites = v.cites.map((t) => citation(result, { instrument: "", article: "", text: t }));
  return `${view}${cites.length ? ` (${cites.join("; ")})` : ""}${v.held_by.length ? `, held by ${v.held_by.join(", ")}` : ""}`;
}

/** Conduct that acts against a rule in force. */
export function violationText(v: Violation, result: Pick<Result, "texts">): string {
  return `${possessive(name(v.by))} ${v.conduct.replace(/-/g, " ")}${v.toward ? ` toward ${name(v.toward)}` : ""} acts against ${citation(result, v)}`;
}

/** Where an article was coded from a dataset instead of read: the citation in place of its words. */
export function codedText(coded: NonNullable<Text["coded"]>): string {
  return `coded, not read: ${coded.dataset}, alliance ${coded.atopid}${coded.phase !== null ? ` phase ${coded.phase}` : ""} (${coded.variables.join(", ")})`;
}

/** What a quote's confidence means. */
export function confidenceText(confidence: Text["quote_confidence"]): string {
  switch (confidence) {
    case "verbatim":
      return "verbatim: the official text as read";
    case "translation":
      return "translation: not the authentic language";
    case "paraphrase":
      return "paraphrase: the wording was not found; a summary";
  }
}

/** The heading of a choice between general readings, by axis. */
export function axisText(axis: string): string {
  switch (axis) {
    case "who-is-owed":
      return "Who is owed defence";
    case "forces-abroad":
      return "Forces abroad";
    default:
      return axis.replace(/-/g, " ");
  }
}

/** A provision's trigger as the treaty reader shows it: "an armed attack by any state on the partner, …". */
export function triggerText(t: Trigger, regionName: (id: string) => string = (id) => id): string {
  const parts = [t.event.replace(/-/g, " ")];
  if (t.by) {
    if (t.by.kind === "named") parts.push(`by ${(t.by.states ?? []).join(", ")}`);
    else if (t.by.kind === "any-state") parts.push("by any state");
    if (t.by.min_count) parts.push(`by ${t.by.min_count} or more attackers`);
    if (t.by.external) parts.push("from outside the treaty");
    if (t.by.exclude?.length) parts.push(`not by ${t.by.exclude.join(", ")}`);
    if (t.by.supported_by?.length) parts.push(`supported by ${t.by.supported_by.join(", ")}`);
  }
  if (t.partner_is_target !== false) parts.push("on the partner");
  if (t.where?.territory_of === "any-party") parts.push("on any party's territory");
  if (t.where?.region) parts.push(`within ${regionName(t.where.region)}`);
  if (t.where?.forces === true) parts.push("its forces included");
  if (t.where?.forces === false) parts.push("on its territory only");
  if (t.state_of_war) parts.push("putting it in a state of war");
  if (t.unprovoked) parts.push("unprovoked");
  if (t.request) parts.push("at its request");
  if (t.on_call)
    parts.push(t.on_call === "beneficiary" ? "once the partner calls for it" : "once any party calls for it");
  if (t.victim_test === false) parts.push("whoever started the war");
  return parts.join(", ");
}
