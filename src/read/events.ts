import { type EventKind, PLOVER } from "../model/events.js";
import type { Library } from "../treaties/library.js";
import { type DateMention, datesIn } from "./dates.js";
import type {
  ActorMention,
  ArticleClaim,
  EventParty,
  ReadDate,
  ReadEvent,
  Sentence,
  SetAside,
  Span,
} from "./result.js";

/** What a cue word says happened, before the sentence decides the event kind. */
type Cue = EventKind | "fire" | "demolition";

const CUES: [Cue, RegExp][] = [
  ["declaration-of-war", /\bdeclared? war (on|against)\b/gi],
  [
    "nuclear-use",
    /\b(detonated|used|dropped|fired) (a |an )?nuclear (weapon|bomb|device|warhead)s? (on|against|over)\b/gi,
  ],
  [
    "invasion",
    /\b(invaded|invades|invading|launched (an?|a full-scale|a ground) (invasion|offensive) (of|into|against)|(troops|forces|tanks) (crossed|poured|rolled|moved) (into|across the border into))\b/gi,
  ],
  [
    "armed-attack",
    /\b(attacked|attacking|struck|shelled|bombed|opened fire on|launched (\w+ ){0,2}(strikes|attacks?) (on|against)|(air|missile|drone) ?strikes? (on|against)|fired (\w+ ){0,3}(missiles|rockets|shells|artillery|drones) (at|on|into)|to attack)\b/gi,
  ],
  ["fire", /\b(fired|firing|counter-?fir(?:ing|e)|warning shots|warning fire)\b/gi],
  [
    "demolition",
    /\b(blew up|blown up|blowing up|blow up|demolish(?:ed|ing|es)?|destroyed|destroying|dynamited)\b/gi,
  ],
  [
    "threat-of-attack",
    /\b(threatened to (attack|strike|invade|destroy|use force)|threatens to (attack|strike|invade)|warned (that )?it (would|will|could) (strike|attack|retaliate militarily)|vowed to (strike|attack|destroy))\b/gi,
  ],
  [
    "mobilisation",
    /\b(mobili[sz]ed|ordered (a |the )?(general |partial )?mobili[sz]ation|called up (\w+ )?reservists|massed troops|massing troops|put (its |their )?(forces|troops|military|army) on (high |full )?alert)\b/gi,
  ],
  ["blockade", /\b(blockaded|blockading|imposed a (naval )?blockade)\b/gi],
  [
    "request-for-consultations",
    /\b((request(ed|s|ing)?|call(ed|s|ing)? for|ask(ed|s|ing)? for|sought|seek(s|ing)?) (urgent |emergency |formal |immediate )?consultations|invok(ed|es|ing) article (4|iv)\b|(request(ed|s)?|ask(ed|s)?|urged|called on)\b[^.;]{0,50}?\bto (hold|convene|begin|open) (urgent |emergency |formal )?consultations)/gi,
  ],
  [
    "request-for-assistance",
    /\b((request(ed|s|ing)?|ask(ed|s|ing)? for|appeal(ed|s|ing)? for|sought|call(ed|s|ing)? for) (urgent |immediate |military )*(military )?(assistance|help|aid)|invok(ed|es|ing) article (5|v)\b)/gi,
  ],
  [
    "arms-transfer",
    /\b(provid\w*|suppl\w+|deliver\w*|sen[dt]\w*|ship\w*|transferr?\w*|sold|sell\w*|gave|giv\w+)\b(?:[^.;]{0,60}?)\b(weapons|arms|munitions|ammunition|missiles|artillery shells|shells|rockets|drones|tanks|rifles)\b/gi,
  ],
  [
    "troop-deployment",
    /\b(sent|send\w*|deploy\w*|dispatch\w*)\b(?:[^.;]{0,40}?)\b(troops|soldiers|forces|personnel|units)\b\s+(to|in|into)\b/gi,
  ],
  ["technology-transfer", /\b(technology transfers?|transferr?\w* (\w+ )?technology)\b/gi],
];

const HYPOTHETICAL =
  /\b(if|whether|in the event|in case|would|could|might|possible|potential|possibility|plans? to|planning to|intends? to|risk of|fears? (of|that)|unless|should|threat of|ready to|prepared to|may)\b/i;
const NEGATED = /\b(not|never|no|without|refused to|declined to|denied|deny|denies)\b/i;
const ATTRIBUTED =
  /\b(accus\w+|alleg\w+|claim(s|ed)?|reportedly|purportedly|according to (them|officials|sources|unnamed|anonymous|western|the west|intelligence|analysts))\b/i;
const DENIAL =
  /\b(denied|deny|denies|denying|rejected|dismissed|refuted)\b[^.]*\b(allegations?|claims?|reports?|accusations?)\b|\b(baseless|groundless|fabricat\w+)\b/i;
const HIT = /\b(struck|hit|hitting|landed (in|on)|killing|killed|wounding|wounded|damag\w+)\b/i;
const INFRASTRUCTURE =
  /\b(roads?|rail\w*|links?|bridges?|tunnels?|sections?|liaison office|office|facilit\w+|infrastructure|guard posts?|posts?|buildings?|barriers?|walls?|fences?)\b/i;
const OWN_SIDE =
  /\b(on (its|their) (own )?side|its own|their own|connecting the two|inter-korean|on the northern side|on the southern side)\b/i;
const NEAR_LINE =
  /\b((near|along|close to|next to|\w+ (meters|metres|kilometers|kilometres|km|miles) from) (the |its )?(military demarcation line|mdl|border|demilitari[sz]ed zone|dmz|line|frontier|explosion( site)?)|sites? near the \w+)/i;
const PREPOSITIONS = new Set([
  "for",
  "to",
  "against",
  "with",
  "on",
  "at",
  "from",
  "of",
  "in",
  "near",
  "into",
  "toward",
  "towards",
  "between",
  "over",
  "about",
]);
const STATEISH = new Set([
  "state",
  "person",
  "office",
  "ministry",
  "military",
  "capital",
  "demonym",
  "organisation",
  "state-media",
  "anonymous",
]);

interface EventContext {
  library: Library;
  sentences: readonly Sentence[];
  actors: readonly ActorMention[];
  claims: readonly ArticleClaim[];
  dateline: string | null;
  headline: ReadonlySet<number>;
}

interface Draft extends ReadEvent {
  cue: Cue;
  /** The event had no named actor in its own sentence. */
  agentless: boolean;
  /** Where its cue words start, to tell which clause an attribution belongs to. */
  cueAt: number;
}

const wordBefore = (sentence: Sentence, at: number) =>
  /([\p{L}]+)[\s,]*$/u.exec(sentence.text.slice(0, at - sentence.start))?.[1]?.toLowerCase() ?? "";

function party(a: ActorMention): EventParty {
  return { code: a.code as string, name: a.name ?? (a.code as string), text: a.text, sentence: a.sentence };
}

/**
 * Codes what the article reports as events of the engine's kinds, each with who, against whom, where,
 * when and the sentences that say so. Hypothetical and negated statements and treaty wording are set
 * aside with the reason; claims that are attributed or denied are marked disputed with both sides.
 */
export function findEvents(ctx: EventContext): { events: ReadEvent[]; setAside: SetAside[] } {
  const drafts: Draft[] = [];
  const setAside: SetAside[] = [];
  let lastDate: ReadDate | null = null;

  ctx.sentences.forEach((sentence, index) => {
    const actors = ctx.actors.filter((a) => a.sentence === sentence.id && a.code && STATEISH.has(a.kind));
    const dates = datesIn(sentence, ctx.dateline);
    const treatyText = ctx.claims.some((c) => c.sentence === sentence.id && c.kind !== "reference");
    const seenKinds = new Set<string>();
    const cues: { cue: Cue; start: number; end: number; text: string }[] = [];
    for (const [cue, re] of CUES) {
      for (const m of sentence.text.matchAll(re)) {
        const start = sentence.start + (m.index ?? 0);
        const end = start + m[0].length;
        if (cues.some((c) => c.start < end && start < c.end)) continue;
        cues.push({ cue, start, end, text: m[0] });
      }
    }
    cues.sort((a, b) => a.start - b.start);
    for (const c of cues) {
      const aside = (reason: SetAside["reason"]) =>
        setAside.push({ sentence: sentence.id, text: c.text, reason });
      if (ctx.headline.has(sentence.paragraph)) continue;
      if (treatyText) {
        aside("treaty-text");
        continue;
      }
      const before = sentence.text.slice(
        Math.max(0, c.start - sentence.start - 80),
        c.start - sentence.start,
      );
      const clauseBefore = before.split(/[;:]|,\s(?=which|who|and)/).at(-1) ?? before;
      if (c.cue !== "threat-of-attack" && HYPOTHETICAL.test(clauseBefore.split(/[.]/).at(-1) ?? "")) {
        aside("hypothetical");
        continue;
      }
      if (
        NEGATED.test(
          sentence.text.slice(Math.max(0, c.start - sentence.start - 30), c.start - sentence.start),
        ) &&
        !DENIAL.test(sentence.text)
      ) {
        aside("negated");
        continue;
      }
      const draft = code(ctx, sentence, index, actors, c, dates, lastDate);
      if (draft === "no-actor" || draft === "no-target") {
        aside(draft);
        continue;
      }
      if (!draft) continue;
      const key = `${draft.kind}|${draft.by?.code}`;
      if (seenKinds.has(key)) continue;
      seenKinds.add(key);
      drafts.push(draft);
      if (draft.date.value) lastDate = draft.date;
    }
    if (dates.some((d) => d.date.value && d.date.precision === "day")) {
      const d = dates.find((x) => x.date.value && x.date.precision === "day");
      if (d && !cues.length) lastDate = lastDate ?? null;
    }
  });

  // Disputes: an attributed claim, and a denial in the same or one of the next two sentences.
  for (const d of drafts) {
    const claimSentence = ctx.sentences.find((s) => s.id === d.evidence[0]) as Sentence;
    const i = ctx.sentences.indexOf(claimSentence);
    if (
      attributed(ctx, claimSentence, d) ||
      ctx.actors.some((a) => a.sentence === claimSentence.id && a.kind === "anonymous")
    ) {
      d.status = "attributed";
      d.claimed_by = claimants(ctx, claimSentence, i);
    }
    for (const s of ctx.sentences.slice(i, i + 3)) {
      if (!DENIAL.test(s.text)) continue;
      const verb = DENIAL.exec(s.text)?.index ?? s.text.length;
      // The denier stands in the denial's own clause ("The Kremlin declined to comment, and Pyongyang rejected…").
      const clause = Math.max(
        0,
        ...[...s.text.slice(0, verb).matchAll(/[;,]\s+(and|but|while)\s+|;\s+/g)].map(
          (m) => (m.index ?? 0) + m[0].length,
        ),
      );
      const deniers = ctx.actors.filter(
        (a) => a.sentence === s.id && a.code && a.start - s.start < verb && a.start - s.start >= clause,
      );
      if (s === claimSentence && deniers.length === 0) continue;
      d.status = "denied";
      d.denied_by = [...new Set(deniers.map((a) => a.text))];
      d.sides = { claim: [claimSentence.id], denial: [...(d.sides?.denial ?? []), s.id] };
    }
    if (d.status !== "reported") {
      d.disputed = true;
      d.sides = d.sides ?? { claim: [claimSentence.id], denial: [] };
    }
  }

  return { events: merge(drafts), setAside };
}

/**
 * Whether the claim is reported as someone's: a marker before the event's words ("accused X of…",
 * "according to them, …"), or after them with no other state named in between ("…, officials claimed").
 */
function attributed(ctx: EventContext, sentence: Sentence, d: Draft): boolean {
  const marker = ATTRIBUTED.exec(sentence.text);
  if (!marker) return false;
  const at = sentence.start + marker.index;
  const cue = d.cueAt;
  if (at <= cue) return true;
  const parties = new Set([d.by?.code, d.against?.code, d.to?.code]);
  return !ctx.actors.some(
    (a) => a.sentence === sentence.id && a.start > cue && a.end <= at && a.code && !parties.has(a.code),
  );
}

function claimants(ctx: EventContext, sentence: Sentence, index: number): string[] {
  const anonymous = ctx.actors.filter((a) => a.sentence === sentence.id && a.kind === "anonymous");
  if (anonymous.length) return anonymous.map((a) => a.text);
  let where = sentence;
  if (/\baccording to (them|they)\b/i.test(sentence.text) && index > 0)
    where = ctx.sentences[index - 1] as Sentence;
  const verb = /\b(accus\w+|alleg\w+|claim\w*|according to)\b/i.exec(where.text);
  const cut = verb ? where.start + verb.index : where.end;
  const named = ctx.actors.filter((a) => a.sentence === where.id && a.code && a.start < cut);
  if (named.length) return [...new Set(named.map((a) => a.text))];
  const subject = /^(?:The\s+)?((?:\p{Lu}[\p{L}-]*\s?){1,4})/u.exec(where.text);
  return subject ? [(subject[0] as string).trim()] : [];
}

function code(
  ctx: EventContext,
  sentence: Sentence,
  index: number,
  actors: readonly ActorMention[],
  c: { cue: Cue; start: number; end: number; text: string },
  dates: readonly DateMention[],
  lastDate: ReadDate | null,
): Draft | "no-actor" | "no-target" | null {
  const notes: string[] = [];
  const text = sentence.text;
  const after = text.slice(c.end - sentence.start);
  let kind: EventKind;
  const agent = agentOf(sentence, actors, c);
  const others = (by: string | null) => actors.filter((a) => a.code !== by && a.kind !== "anonymous");
  let target: ActorMention | undefined;

  if (c.cue === "demolition") {
    // "the destroyed liaison roads" describes, it does not report.
    if (/\b(the|its|their|a)\s+$/i.test(text.slice(0, c.start - sentence.start))) return null;
    const object = INFRASTRUCTURE.exec(
      text.slice(Math.max(0, c.start - sentence.start - 60), c.end - sentence.start + 80),
    );
    if (!object) return null;
    const placed = placeOf(ctx, sentence, actors, c);
    const inOther = placed.code && agent?.code && placed.code !== agent.code;
    if (inOther) {
      kind = "armed-attack";
      notes.push(`it destroyed ${object[0]} in ${placed.text}, another state's territory`);
    } else {
      kind = "border-incident";
      notes.push(
        OWN_SIDE.test(text) || (placed.code && placed.code === agent?.code)
          ? "a demolition of its own road and rail links on its own side: not an attack on anyone"
          : "a demolition with no report that it touched another state's territory: not an attack on anyone",
      );
    }
  } else if (c.cue === "fire") {
    const hit = HIT.exec(after);
    target = others(agent?.code ?? null).find((a) => a.start >= c.end) ?? others(agent?.code ?? null)[0];
    const placed = placeOf(ctx, sentence, actors, c);
    if (hit && placed.code && placed.code !== agent?.code) {
      kind = "armed-attack";
      notes.push(`the text says the fire ${hit[0]} in ${placed.text}`);
    } else {
      kind = "border-incident";
      notes.push(
        "fire near the line with no report that it struck the other side: a border incident, not an armed attack",
      );
    }
  } else {
    kind = c.cue;
  }
  if (!agent) {
    if (c.cue === "demolition") {
      const placed = placeOf(ctx, sentence, actors, c);
      return draft(
        ctx,
        sentence,
        kind,
        null,
        null,
        null,
        placed,
        dateFor(dates, c, lastDate),
        c,
        notes,
        true,
      );
    }
    return "no-actor";
  }
  const by = party(agent);
  let against: EventParty | null = null;
  let to: EventParty | null = null;
  const role = kindRole(kind);
  if (role === "hostile") {
    target =
      target ??
      (c.cue === "demolition"
        ? (others(agent.code).find((a) => a.start >= c.end) ?? others(agent.code)[0])
        : (others(agent.code).find((a) => a.start >= c.end && a.start - c.end < 60) ?? undefined));
    if (!target && c.cue === "demolition") {
      // The other side of the line: the state named with it in the same paragraph.
      target = ctx.actors.find(
        (a) =>
          a.code &&
          a.code !== agent.code &&
          STATEISH.has(a.kind) &&
          a.kind !== "anonymous" &&
          ctx.sentences.find((s) => s.id === a.sentence)?.paragraph === sentence.paragraph,
      );
    }
    if (target) against = party(target);
  } else if (role === "transfer") {
    // "providing Russia with missiles" or "delivers munitions to Russia".
    const recipient =
      actors.find(
        (a) =>
          a.start > c.start &&
          a.end < c.end &&
          a.code !== agent.code &&
          /^\s+with\b/.test(text.slice(a.end - sentence.start)),
      ) ??
      actors.find(
        (a) => a.start >= c.end && /\bto\s+(the\s+)?$/i.test(text.slice(0, a.start - sentence.start)),
      );
    if (recipient && recipient.code !== agent.code) to = party(recipient);
    else return "no-target";
  } else {
    // A request goes to whom the cue names ("asked its NATO allies"), else to the next state named.
    const recipient =
      actors.find((a) => a.start > c.start && a.end <= c.end && a.code !== agent.code) ??
      actors.find((a) => a.start >= c.end && a.code !== agent.code);
    if (recipient) to = party(recipient);
  }
  if (role === "hostile" && !against && c.cue !== "demolition" && kind !== "mobilisation") return "no-target";
  const placed: ReadEvent["place"] =
    role === "hostile"
      ? placeOf(ctx, sentence, actors, c)
      : { code: null, text: null, rule: "not asked for a transfer or request" };
  void index;
  return draft(ctx, sentence, kind, by, against, to, placed, dateFor(dates, c, lastDate), c, notes, false);
}

function kindRole(kind: EventKind): "hostile" | "request" | "transfer" {
  if (kind.startsWith("request")) return "request";
  if (kind.endsWith("transfer") || kind === "troop-deployment") return "transfer";
  return "hostile";
}

function draft(
  ctx: EventContext,
  sentence: Sentence,
  kind: EventKind,
  by: EventParty | null,
  against: EventParty | null,
  to: EventParty | null,
  place: ReadEvent["place"],
  date: ReadDate,
  c: { cue: Cue; start: number },
  notes: string[],
  agentless: boolean,
): Draft {
  void ctx;
  return {
    id: "",
    kind,
    plover: PLOVER[kind].category,
    suggested: true,
    by: by as EventParty,
    against,
    to,
    place,
    date,
    evidence: [sentence.id],
    status: "reported",
    disputed: false,
    claimed_by: [],
    denied_by: [],
    sides: null,
    notes,
    cue: c.cue,
    agentless,
    cueAt: c.start,
  };
}

/** Who did it: "prompting X to", "by X" after a passive, else the nearest actor before the cue that is no preposition's object. */
function agentOf(
  sentence: Sentence,
  actors: readonly ActorMention[],
  c: { start: number; end: number; text: string },
): ActorMention | undefined {
  const text = sentence.text;
  const local = (a: ActorMention) => a.start - sentence.start;
  const prompting = actors.find((a) => {
    const before = text.slice(0, local(a));
    const between = text.slice(a.end - sentence.start, c.start - sentence.start);
    return (
      /\b(prompting|forcing|leading|causing|prompted|forced|led|caused)\s+(the\s+)?$/i.test(before) &&
      /^\s+to\b/i.test(between) &&
      between.length < 40
    );
  });
  if (prompting) return prompting;
  const accused = /\baccus\w+\s+(the\s+)?$/i;
  const accusedActor = actors.find(
    (a) =>
      a.end <= c.start &&
      accused.test(text.slice(0, local(a))) &&
      /^\s+of\b/i.test(text.slice(a.end - sentence.start)),
  );
  if (accusedActor) return accusedActor;
  const passive = /\b(was|were|been|being|is|are)\s+$/i.test(text.slice(0, c.start - sentence.start));
  if (passive) {
    const byActor = actors.find(
      (a) => a.start >= c.end && /^\s+by\s+(the\s+)?$/i.test(text.slice(c.end - sentence.start, local(a))),
    );
    return byActor;
  }
  // Reported speech: the speaker is not the actor ("KCNA said North Korea fired…").
  const lead = text.slice(0, c.start - sentence.start);
  const speech = [
    ...lead.matchAll(/\b(said|says|reported|claimed|stated|added|announced|that|according to [^,]+,)\s/gi),
  ].at(-1);
  const from = speech ? sentence.start + (speech.index ?? 0) + speech[0].length : sentence.start;
  const candidates = actors.filter((a) => a.end <= c.start && a.kind !== "anonymous");
  for (const a of [...candidates].reverse()) {
    if (a.start < from && candidates.some((b) => b.start >= from)) continue;
    const word = wordBefore(sentence, a.start);
    if (PREPOSITIONS.has(word) && word !== "by") continue;
    return a;
  }
  return undefined;
}

function placeOf(
  ctx: EventContext,
  sentence: Sentence,
  actors: readonly ActorMention[],
  c: Span,
): ReadEvent["place"] {
  const text = sentence.text;
  const near = NEAR_LINE.exec(text);
  const inPlace = actors
    .filter(
      (a) =>
        /\b(in|into|inside)\s+(the\s+)?$/i.test(text.slice(0, a.start - sentence.start)) &&
        ["state", "capital"].includes(a.kind),
    )
    .sort((a, b) => Math.abs(a.start - c.start) - Math.abs(b.start - c.start))[0];
  if (inPlace?.code) {
    const state = inPlace.code;
    return { code: state, text: inPlace.text, rule: `stated: "in ${inPlace.text}"` };
  }
  for (const territory of ctx.library.territories.values()) {
    const name = territory.name.replace(/^the /, "");
    const at = text.indexOf(name);
    if (at >= 0 && /\b(in|on|near|off|over|around)\s+(the\s+)?$/i.test(text.slice(0, at)))
      return { code: territory.code, text: name, rule: `stated: "${name}"` };
  }
  if (near)
    return { code: null, text: near[0], rule: `only "${near[0]}": the text does not say on which side` };
  return { code: null, text: null, rule: "the text does not say where" };
}

function dateFor(dates: readonly DateMention[], c: Span, lastDate: ReadDate | null): ReadDate {
  const usable = dates.filter((d) => d.date.value || d.anaphoric);
  const nearest = [...usable].sort((a, b) => Math.abs(a.start - c.start) - Math.abs(b.start - c.start))[0];
  if (nearest?.anaphoric) {
    if (lastDate)
      return {
        ...lastDate,
        text: nearest.date.text,
        sentence: nearest.date.sentence,
        rule: `"${nearest.date.text}": the date of the event told before (${lastDate.value})`,
      };
    return nearest.date;
  }
  if (nearest) return nearest.date;
  const unresolved = dates.find((d) => !d.date.value);
  if (unresolved) return unresolved.date;
  return { value: null, precision: null, text: null, sentence: null, rule: "the sentence gives no date" };
}

const PRECISION = { day: 3, month: 2, year: 1 } as const;

/** One event per happening: later sentences about the same event add evidence, place and date. */
function merge(drafts: Draft[]): ReadEvent[] {
  const out: Draft[] = [];
  for (const d of drafts) {
    const same = [...out].reverse().find((e) => {
      if (d.agentless) return e.cue === d.cue && e.kind === d.kind;
      if (e.kind !== d.kind || e.by?.code !== d.by?.code) return false;
      if (e.against && d.against && e.against.code !== d.against.code) return false;
      if (e.to && d.to && e.to.code !== d.to.code) return false;
      if (
        e.date.value &&
        d.date.value &&
        e.date.precision === "day" &&
        d.date.precision === "day" &&
        e.date.value !== d.date.value
      )
        return false;
      return true;
    });
    if (!same) {
      if (!d.agentless) out.push(d);
      continue;
    }
    same.evidence = [...new Set([...same.evidence, ...d.evidence])];
    if (!same.place.code && (d.place.code || (d.place.text && !same.place.text))) same.place = d.place;
    const better = (a: ReadDate, b: ReadDate) =>
      (b.precision ? PRECISION[b.precision] : 0) > (a.precision ? PRECISION[a.precision] : 0);
    if (better(same.date, d.date)) same.date = d.date;
    same.against = same.against ?? d.against;
    same.to = same.to ?? d.to;
    if (same.notes.length === 0) same.notes.push(...d.notes);
    if (d.status !== "reported" && same.status === "reported") {
      same.status = d.status;
      same.disputed = d.disputed;
      same.claimed_by = d.claimed_by;
      same.denied_by = d.denied_by;
      same.sides = d.sides;
    }
  }
  const counts = new Map<string, number>();
  return out.map(({ cue: _cue, agentless: _agentless, cueAt: _cueAt, ...e }) => {
    const base = `${e.by.code.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}-${e.kind}`;
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    return { ...e, id: n === 1 ? base : `${base}-${n}` };
  });
}
