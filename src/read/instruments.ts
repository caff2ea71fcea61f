import type { Instrument } from "../model/instrument.js";
import type { Library } from "../treaties/library.js";
import type {
  ActorMention,
  InstrumentMention,
  MatchedInstrument,
  MatchHow,
  Sentence,
  Span,
  UnknownInstrument,
} from "./result.js";
import { findWords, lastIndex, nameWords, type Token, tokenize } from "./text.js";

/** Words that name no instrument on their own: a name made only of them needs its parties in the text. */
const GENERIC = new Set(
  "treaty pact agreement alliance accord accords convention charter protocol declaration memorandum mutual defense security cooperation friendship partnership strategic comprehensive assistance good neighborliness neighbourliness on of between and the for in military joint defense armistice relations basic non aggression nonaggression guarantees guarantee understanding".split(
    " ",
  ),
);
const NOUN = /^(treaty|treaties|pact|agreement|alliance|accord|deal|convention)$/;
const SECURITY =
  /\b(defen[cs]e|defend|security|military|militarily|mutual|assistance|aid|attack|attacked|aggression|alliance|ally|allies|partnership|friendship|war)\b/i;
const DEFENCE_NP = /\b(defen[cs]e|defend|mutual (assistance|aid)|military assistance)\b/i;
const NOT_SECURITY = new Set(
  "trade economic gas oil grain energy nuclear peace ceasefire cease fire prisoner visa fisheries investment tax arms weapons munitions supply loan debt climate".split(
    " ",
  ),
);
const FUTURE = new Set(["upcoming", "planned", "proposed", "future", "draft", "forthcoming", "prospective"]);

export interface NameEntry {
  instrument: Instrument;
  words: string[];
  how: "title" | "alias";
  weak: boolean;
}

/** Every name an instrument goes by: title, short title and its bracketed names, original titles, aliases. */
export function namesOf(library: Library): NameEntry[] {
  const out: NameEntry[] = [];
  for (const instrument of library.instruments) {
    const names: [string, "title" | "alias"][] = [[instrument.title, "title"]];
    if (instrument.short_title) {
      const bracket = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(instrument.short_title);
      names.push([bracket ? (bracket[1] as string) : instrument.short_title, "title"]);
      for (const part of bracket?.[2]?.split(",") ?? []) {
        // "Washington Treaty" and "TIAR" are names; "Tashkent" and "1949" are not.
        const name = part.trim();
        if (
          /\b(treaty|pact|agreement|alliance|convention|charter)\b/i.test(name) ||
          /^[A-Z]{3,6}$/.test(name)
        )
          names.push([name, "title"]);
      }
    }
    for (const t of instrument.original_titles ?? []) names.push([t.title, "title"]);
    for (const a of instrument.aliases ?? []) names.push([a, "alias"]);
    const seen = new Set<string>();
    for (const [name, how] of names) {
      const words = nameWords(name);
      const key = words.join(" ");
      if (words.length === 0 || seen.has(key)) continue;
      seen.add(key);
      out.push({ instrument, words, how, weak: words.every((w) => GENERIC.has(w)) });
    }
  }
  return out;
}

export interface InstrumentFinding {
  matched: MatchedInstrument[];
  unknown: UnknownInstrument[];
  /** Every mention in text order, for resolving "the treaty" and "Article 4 of the agreement". */
  timeline: { id: string; start: number; end: number; sentence: string }[];
}

interface Context {
  library: Library;
  sentences: readonly Sentence[];
  actors: readonly ActorMention[];
  date: string | null;
  window: { from: string | null; to: string | null } | null;
}

const signedYear = (i: Instrument) => Number(i.dates.signed.slice(0, 4));

/** States (and organisations) named in a set of sentences. */
function partiesIn(actors: readonly ActorMention[], sentenceIds: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const a of actors) if (a.code && sentenceIds.has(a.sentence)) out.add(a.code);
  return out;
}

/** Whether the instrument could be meant on the article's date: signed by then and not ended before. */
function activeIn(library: Library, instrument: Instrument, ctx: Context, future: boolean): boolean {
  const to = ctx.date ?? ctx.window?.to ?? null;
  const from = ctx.date ?? ctx.window?.from ?? null;
  if (to && instrument.dates.signed > to && !future) return false;
  const end = library.endOf(instrument);
  if (from && end && end < from) return false;
  return true;
}

/**
 * Finds the library's instruments an article names: by title or alias, by description with its parties
 * ("Russia's mutual defense agreement with North Korea"), or by year and parties ("the 1961 agreement
 * between North Korea and the Soviet Union"). A name or description that fits no single instrument yields
 * no id; capitalised names of instruments the library lacks are listed as unknown.
 */
export function findInstruments(names: readonly NameEntry[], ctx: Context): InstrumentFinding {
  const { library, sentences } = ctx;
  const mentions: (InstrumentMention & { id: string })[] = [];
  const unknown = new Map<string, UnknownInstrument>();
  const contextLevels = (sentence: Sentence): Set<string>[] => {
    const same = new Set([sentence.id]);
    const index = sentences.indexOf(sentence);
    const near = new Set(sentences.slice(Math.max(0, index - 1), index + 2).map((s) => s.id));
    const paragraph = new Set(sentences.filter((s) => s.paragraph === sentence.paragraph).map((s) => s.id));
    const all = new Set(sentences.map((s) => s.id));
    return [same, near, paragraph, all];
  };
  const addUnknown = (text: string, sentence: Sentence, span: Span, note: string) => {
    const key = text.toLowerCase();
    const entry = unknown.get(key) ?? { text, note, mentions: [] };
    entry.mentions.push({ sentence: sentence.id, start: span.start, end: span.end });
    unknown.set(key, entry);
  };

  for (const sentence of sentences) {
    const tokens = tokenize(sentence.text, sentence.start);
    const taken: [number, number][] = [];
    const isTaken = (a: number, b: number) => taken.some(([x, y]) => a <= y && x <= b);
    const span = (a: number, b: number) => ({
      start: (tokens[a] as Token).start,
      end: (tokens[b] as Token).end,
    });
    const slice = (s: Span) => sentence.text.slice(s.start - sentence.start, s.end - sentence.start);
    const yearNear = (a: number, b: number, reach: number): number | null => {
      for (let k = Math.max(0, a - reach); k <= Math.min(tokens.length - 1, b + reach); k++) {
        if (k >= a && k <= b) continue;
        const raw = (tokens[k] as Token).raw;
        if (/^(1[6-9]|20)\d\d$/.test(raw)) return Number(raw);
      }
      return null;
    };

    // 1. Names, longest first.
    const hits: { entry: NameEntry; first: number; last: number }[] = [];
    for (const entry of names)
      for (const [first, last] of findWords(tokens, entry.words)) hits.push({ entry, first, last });
    hits.sort((a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first);
    const groups = new Map<string, { first: number; last: number; entries: NameEntry[] }>();
    for (const hit of hits) {
      const key = `${hit.first}-${hit.last}`;
      const group = groups.get(key);
      if (group) {
        if (!group.entries.some((e) => e.instrument === hit.entry.instrument)) group.entries.push(hit.entry);
        continue;
      }
      if (isTaken(hit.first, hit.last)) continue;
      taken.push([hit.first, hit.last]);
      groups.set(key, { first: hit.first, last: hit.last, entries: [hit.entry] });
    }
    for (const { first, last, entries } of groups.values()) {
      const where = span(first, last);
      const text = slice(where);
      const year = yearNear(first, last, 2);
      let candidates = entries.filter(
        (e) =>
          !year ||
          signedYear(e.instrument) === year ||
          Number(e.instrument.dates.in_force?.slice(0, 4)) === year,
      );
      if (candidates.length === 0) {
        addUnknown(
          `${text} (${year})`,
          sentence,
          where,
          `the library's ${entries[0]?.instrument.id} was signed in ${entries[0] ? signedYear(entries[0].instrument) : "?"}, not ${year}`,
        );
        continue;
      }
      let because: string | null = null;
      const weak = candidates.every((c) => c.weak);
      if (weak || candidates.length > 1) {
        const decided = byParties(
          candidates.map((c) => c.instrument),
          contextLevels(sentence),
          ctx,
          false,
          nearby(ctx.actors, sentence, where),
        );
        if (!decided) continue;
        candidates = candidates.filter((c) => c.instrument === decided.instrument);
        because = decided.because;
      }
      const entry = candidates[0] as NameEntry;
      mentions.push({
        id: entry.instrument.id,
        sentence: sentence.id,
        ...where,
        text,
        how: entry.how,
        because,
      });
    }

    // 2. Descriptions: "Russia's mutual defense agreement with North Korea", "the 1961 agreement".
    for (let k = 0; k < tokens.length; k++) {
      const noun = tokens[k] as Token;
      if (!NOUN.test(noun.norm) || isTaken(k, k)) continue;
      const npStart = Math.max(0, k - 6);
      let np = tokens.slice(npStart, k + 1);
      // The phrase starts after the last verb-like break: a comma or "and" ends it.
      const cut = lastIndex(
        np,
        (t, i) =>
          i < np.length - 1 &&
          /[,;:]/.test(sentence.text.slice(t.end - sentence.start, t.end - sentence.start + 1)),
      );
      if (cut >= 0) np = np.slice(cut + 1);
      // "the clarity of Russia's mutual defense agreement": the phrase starts after its last preposition.
      const prep = lastIndex(
        np,
        (t, i) => i < np.length - 1 && /^(of|for|to|in|on|by|with|about|from|that|which|and)$/.test(t.norm),
      );
      if (prep >= 0) np = np.slice(prep + 1);
      const determiner = lastIndex(
        np,
        (t, i) => i < np.length - 1 && /^(a|an|the|this|that|its|their|his|her)$/.test(t.norm),
      );
      if (determiner >= 0) np = np.slice(determiner);
      const npWords = np.map((t) => t.norm);
      if (npWords.some((w) => NOT_SECURITY.has(w))) continue;
      // A year belongs to the description when it stands in it ("the 1961 agreement") or just after it
      // ("an agreement signed in 2000"), not anywhere in the sentence.
      const inPhrase = np.find((t) => /^(1[6-9]|20)\d\d$/.test(t.raw));
      const trailing =
        /^\s*(?:(?:was|were|which was|that was)\s+)?(?:signed|established|concluded|reached|agreed|struck|made)?\s*(?:in|of)\s+((?:1[6-9]|20)\d\d)\b/.exec(
          sentence.text.slice(noun.end - sentence.start),
        );
      const year = inPhrase ? Number(inPhrase.raw) : trailing ? Number(trailing[1]) : null;
      const sentenceSecure = SECURITY.test(sentence.text);
      if (!year && !sentenceSecure) continue;
      const npText = sentence.text.slice((np[0] as Token).start - sentence.start, noun.end - sentence.start);
      const future = npWords.some((w) => FUTURE.has(w));
      // What the agreement does may follow the noun: "an agreement reached by Russia and North Korea
      // pledging to defend each other".
      const following = tokens
        .slice(k + 1, k + 13)
        .map((t) => t.raw)
        .join(" ");
      const defence = DEFENCE_NP.test(npText) || DEFENCE_NP.test(following);
      // "a new treaty" on a known date: one signed in the year before it.
      const recent = ctx.date && npWords.some((w) => w === "new" || w === "latest") ? ctx.date : null;
      const yearBefore = recent ? `${Number(recent.slice(0, 4)) - 1}${recent.slice(4)}` : "";
      let pool = library.instruments.filter((i) => {
        const parties = library.parties(i);
        if (parties.length !== 2) return false;
        if (year && signedYear(i) !== year) return false;
        if (defence && !hasDefence(i)) return false;
        if (recent && !(i.dates.signed <= recent && i.dates.signed > yearBefore)) return false;
        return year ? true : activeIn(library, i, ctx, future);
      });
      const index = sentences.indexOf(sentence);
      const close = nearby(ctx.actors, sentence, { start: (np[0] as Token).start, end: noun.end });
      const here = partiesIn(ctx.actors, new Set([sentence.id]));
      const around =
        close.size >= 2
          ? close
          : here.size >= 2
            ? here
            : partiesIn(
                ctx.actors,
                new Set(sentences.slice(Math.max(0, index - 1), index + 1).map((s) => s.id)),
              );
      pool = pool.filter((i) =>
        library.parties(i).every((p) => around.has(library.registry.canonical(p.party) ?? p.party)),
      );
      const where = { start: (np.find((t) => t.norm !== "the") ?? noun).start, end: noun.end };
      if (pool.length === 1) {
        const instrument = pool[0] as Instrument;
        const how: MatchHow = year ? "year-and-parties" : "description";
        const parties = library
          .parties(instrument)
          .map((p) => library.registry.name(p.party))
          .join(" and ");
        mentions.push({
          id: instrument.id,
          sentence: sentence.id,
          ...where,
          text: slice(where),
          how,
          because: `${year ? `signed in ${year}, ` : ""}between ${parties}, the parties named${defence ? "; a defence clause" : ""}${future ? "; described as still to come" : ""}`,
        });
        taken.push([k, k]);
      } else if (year && pool.length === 0) {
        addUnknown(
          slice(where),
          sentence,
          where,
          "no instrument in the library between the states named, signed that year",
        );
      }
    }

    // 3. Capitalised names of instruments the library does not have.
    const NAMED =
      /\b((?:[A-Z][\p{L}’'-]*\s+){1,6}(?:Treaty|Pact|Agreement|Accords?|Convention|Alliance|Protocol|Memorandum)|(?:Treaty|Pact|Convention|Protocol|Agreement) (?:of|on|for) (?:the )?(?:[A-Z][\p{L}’'-]*\b\s*){1,5})/gu;
    for (const m of sentence.text.matchAll(NAMED)) {
      const text = (m[1] as string).trim();
      const start = sentence.start + (m.index ?? 0) + (m[1] as string).indexOf(text);
      const where = { start, end: start + text.length };
      if (mentions.some((x) => x.start < where.end && where.start < x.end)) continue;
      const words = tokenize(text).map((t) => t.norm);
      if (words.every((w) => GENERIC.has(w) || ["the", "a", "this", "that", "new"].includes(w))) continue;
      if (
        /^(The|A|An|This|That|Its|Their)\s+\p{Lu}?\p{Ll}*\s*$/u.test(
          text.split(/\s+(?=Treaty|Pact|Agreement)/)[0] ?? "",
        )
      ) {
        // "The Agreement" or "This Pact": a reference, not a name.
        if (words.length <= 2) continue;
      }
      addUnknown(
        text.replace(/^(The|A|An)\s+/, ""),
        sentence,
        where,
        "not in the library: casus does not know its terms",
      );
    }
  }

  // Gather mentions per instrument.
  mentions.sort((a, b) => a.start - b.start);
  const byId = new Map<string, MatchedInstrument>();
  for (const m of mentions) {
    const instrument = library.byId.get(m.id) as Instrument;
    let entry = byId.get(m.id);
    if (!entry) {
      const status = ctx.date ? library.status(instrument, ctx.date) : null;
      entry = {
        id: m.id,
        title: instrument.short_title ?? instrument.title,
        status,
        note:
          status === "not-yet-signed" ? `signed ${instrument.dates.signed}, after the article's date` : null,
        mentions: [],
      };
      byId.set(m.id, entry);
    }
    const { id: _id, ...mention } = m;
    entry.mentions.push(mention);
  }
  return {
    matched: [...byId.values()],
    unknown: [...unknown.values()],
    timeline: mentions.map((m) => ({ id: m.id, start: m.start, end: m.end, sentence: m.sentence })),
  };
}

function hasDefence(instrument: Instrument): boolean {
  const provisions = [
    ...instrument.articles.flatMap((a) => [
      ...(a.provisions ?? []),
      ...(a.versions ?? []).flatMap((v) => v.provisions ?? []),
    ]),
  ];
  return provisions.some((p) => p.kind === "defence");
}

/** States named just before a phrase or just after it, in its sentence ("Seoul and Washington said their pact"). */
function nearby(actors: readonly ActorMention[], sentence: Sentence, span: Span): Set<string> {
  const here = actors.filter((a) => a.sentence === sentence.id && a.code);
  return new Set(
    here
      .filter(
        (a) =>
          (a.end <= span.start + 1 && span.start - a.end <= 80) ||
          (a.start >= span.end && a.start - span.end <= 30),
      )
      .map((a) => a.code as string),
  );
}

/** Of instruments sharing a name, the one whose parties the text names, nearest first. */
function byParties(
  candidates: readonly Instrument[],
  levels: readonly Set<string>[],
  ctx: Context,
  future: boolean,
  near: ReadonlySet<string> = new Set(),
): { instrument: Instrument; because: string } | null {
  const { library } = ctx;
  const pool = candidates.filter((c) => activeIn(library, c, ctx, future) || candidates.length === 1);
  const labels = [
    "the words around it",
    "the same sentence",
    "the sentences around it",
    "the same paragraph",
    "the article",
  ];
  const sets = [near, ...levels.map((l) => partiesIn(ctx.actors, l))];
  for (let level = 0; level < sets.length; level++) {
    const named = sets[level] as ReadonlySet<string>;
    const fits = pool.filter((c) => {
      // Organisations and armed groups that signed (the UN Command, the Chinese volunteers) are not named
      // as states in the news; the state parties decide.
      const states = library
        .parties(c)
        .map((p) => library.registry.canonical(p.party) ?? p.party)
        .filter((p) => library.registry.isState(p));
      const present = states.filter((p) => named.has(p)).length;
      return states.length <= 2 ? present === states.length && present > 0 : present >= 2;
    });
    if (fits.length === 1) {
      const instrument = fits[0] as Instrument;
      const parties = library
        .parties(instrument)
        .filter((p) => named.has(library.registry.canonical(p.party) ?? p.party))
        .map((p) => library.registry.name(p.party));
      return { instrument, because: `its parties (${parties.join(", ")}) are named in ${labels[level]}` };
    }
    if (fits.length > 1) return null;
  }
  return null;
}
