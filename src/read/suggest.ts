import { whatIf } from "../engine/index.js";
import type { Event, Scenario } from "../model/scenario.js";
import type { Library } from "../treaties/library.js";
import { resolvePoints } from "../treaties/scenario-file.js";
import { wordingsOf } from "./quotes.js";
import type { ObligationBeside, ReadEvent, Suggestion } from "./result.js";

/**
 * The scenario the article suggests: every event with a full date and the parties the engine needs,
 * each marked with the article's words. Incidents carry the judgement "is it a threat of attack?" as
 * disputed, because an article reporting them does not settle it.
 */
export function suggestScenario(
  library: Library,
  events: readonly ReadEvent[],
  title: string | null,
): Suggestion {
  const left_out: Suggestion["left_out"] = [];
  const scenarioEvents: Event[] = [];
  for (const e of events) {
    const why = missing(e);
    if (why) {
      left_out.push({ event: e.id, reason: why });
      continue;
    }
    const event: Event = {
      id: e.id,
      kind: e.kind,
      by: e.by.code,
      ...(e.against ? { against: e.against.code } : {}),
      ...(e.to ? { to: e.to.code } : {}),
      ...(e.place.code ? { at: e.place.code } : {}),
      start: e.date.value as string,
      description: `suggested from the article (${e.evidence.join(", ")})${e.place.code ? "" : `; place: ${e.place.rule}`}`,
    };
    if (e.kind === "border-incident") {
      event.threat = {
        value: false,
        disputed: true,
        note: "whether the incident is a threat of attack is a judgement the article does not settle",
      };
    }
    if ((e.kind === "armed-attack" || e.kind === "invasion") && e.disputed) {
      event.armed_attack = {
        value: true,
        disputed: true,
        note: `${e.status === "denied" ? `denied by ${e.denied_by.join(", ")}` : `a claim of ${e.claimed_by.join(", ") || "unnamed sources"}`}`,
      };
    }
    scenarioEvents.push(event);
  }
  if (scenarioEvents.length === 0) {
    return {
      scenario: null,
      left_out,
      rule: events.length
        ? "no event has a full date and the states the engine needs"
        : "no event found: no what-if",
      what_if: null,
    };
  }
  const as_of = scenarioEvents
    .map((e) => e.start)
    .sort()
    .at(-1) as string;
  const scenario: Scenario = {
    title: `Suggested from an article${title ? `: ${title}` : ""}`.slice(0, 200),
    description:
      "Every event is a suggestion read from the article; confirm or edit each before relying on it.",
    as_of,
    events: scenarioEvents,
  };
  const resolved = resolvePoints(scenario, library);
  const main = obligationsOf(library, resolved, events);
  const threatened = resolved.events.some((e) => typeof e.threat === "object" && e.threat.disputed);
  let if_threats: ObligationBeside[] | null = null;
  if (threatened) {
    const asThreats: Scenario = {
      ...resolved,
      events: resolved.events.map((e) =>
        typeof e.threat === "object" && e.threat.disputed
          ? { ...e, threat: { ...e.threat, value: true } }
          : e,
      ),
    };
    const key = (o: ObligationBeside) => `${o.obligor}|${o.beneficiary}|${o.instrument}|${o.article}`;
    const already = new Set(main.map(key));
    if_threats = obligationsOf(library, asThreats, events).filter((o) => !already.has(key(o)));
  }
  return {
    scenario: resolved,
    left_out,
    rule: `as of ${as_of}, the latest date of the events put in`,
    what_if: { obligations: main, if_threats },
  };
}

function missing(e: ReadEvent): string | null {
  if (e.date.precision !== "day" || !e.date.value)
    return e.date.value ? `the text dates it only to ${e.date.value}` : `no date: ${e.date.rule}`;
  if (
    e.kind === "border-incident" ||
    e.kind === "armed-attack" ||
    e.kind === "invasion" ||
    e.kind === "blockade" ||
    e.kind === "declaration-of-war" ||
    e.kind === "threat-of-attack" ||
    e.kind === "nuclear-use"
  ) {
    if (!e.against) return "the text names no state it was aimed at";
  }
  if (
    (e.kind === "arms-transfer" || e.kind === "troop-deployment" || e.kind === "technology-transfer") &&
    !e.to
  )
    return "the text names no recipient";
  return null;
}

/**
 * The one place the reader reads the engine's answer: who is bound, toward whom, under which article,
 * how strongly — beside the article's evidence and the treaty's own words.
 */
function obligationsOf(
  library: Library,
  scenario: Scenario,
  events: readonly ReadEvent[],
): ObligationBeside[] {
  const result = whatIf(library, scenario);
  const code = (a: { iso3?: string | null; id?: string; name: string }) =>
    ("iso3" in a && a.iso3) || ("id" in a && a.id) || a.name;
  return result.obligations.map((o) => {
    const instrument = library.byId.get(o.instrument);
    const article = instrument?.articles.find((a) => a.number === o.article);
    const wording = article ? wordingsOf(article)[0] : undefined;
    const source = wording && instrument ? library.source(instrument, wording.source) : undefined;
    const obligor = code(o.obligor as never);
    const beneficiary = code(o.beneficiary as never);
    // The article's sentences about the events that concern the beneficiary.
    const concerned = events.filter((e) =>
      [e.by.code, e.against?.code, e.to?.code].some((c) => c === beneficiary || c === obligor),
    );
    const evidence = [...new Set((concerned.length ? concerned : events).flatMap((e) => e.evidence))];
    return {
      obligor,
      beneficiary,
      instrument: o.instrument,
      article: o.article,
      kind: o.kind,
      strength: o.strength,
      treaty_text: wording?.text ?? null,
      treaty_source: source ? `${source.title}${source.url ? ` (${source.url})` : ""}` : null,
      evidence,
    };
  });
}
