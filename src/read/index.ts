import { Normaliser } from "../states/normalise.js";
import type { Library } from "../treaties/library.js";
import { findActors, windowFrom } from "./actors.js";
import { clean } from "./clean.js";
import { findDateline } from "./dates.js";
import { findEvents } from "./events.js";
import { findInstruments, namesOf } from "./instruments.js";
import { builtinLexicon, type Lexicon } from "./lexicon.js";
import { findArticleClaims } from "./quotes.js";
import { READ_SCHEMA, type ReadResult } from "./result.js";
import { sentencesOf } from "./sentences.js";
import { suggestScenario } from "./suggest.js";
import { tokenize } from "./text.js";

export { READ_SCHEMA, type ReadResult } from "./result.js";

export interface ReadOptions {
  /** The article's date (YYYY-MM-DD), where the text gives none or gives it ambiguously. */
  dateline?: string;
  /** What the text is called in the answer (a file name, "stdin"). */
  name?: string;
  lexicon?: Lexicon;
}

/** The largest article read, in characters; longer input is refused by the faces. */
export const MAX_ARTICLE_CHARS = 200_000;

/**
 * Reads a news article into cited claims: the instruments it names, what it says their articles say,
 * who acts for which state, the events it reports — each with the sentence that says it — and the
 * scenario it suggests, with the engine's answer beside the article's words.
 */
// The library is immutable: its names and normaliser are built once per library.
const prepared = new WeakMap<Library, { normaliser: Normaliser; names: ReturnType<typeof namesOf> }>();

export function readArticle(text: string, library: Library, options: ReadOptions = {}): ReadResult {
  const lexicon = options.lexicon ?? builtinLexicon();
  let ready = prepared.get(library);
  if (!ready) {
    ready = { normaliser: new Normaliser(library.registry), names: namesOf(library) };
    prepared.set(library, ready);
  }
  const { normaliser, names } = ready;
  const { paragraphs, removed } = clean(text);
  const sentences = sentencesOf(text, paragraphs);
  const headline = paragraphs.find((p) => p.headline);
  const dated = findDateline(paragraphs, options.dateline);

  // Spans of instrument names, so that "Washington Treaty" is not read as Washington.
  const nameSpans = sentences.flatMap((s) => {
    const tokens = tokenize(s.text, s.start);
    const spans: { start: number; end: number }[] = [];
    for (const n of names) {
      outer: for (let i = 0; i + n.words.length <= tokens.length; i++) {
        for (let j = 0; j < n.words.length; j++) if (tokens[i + j]?.norm !== n.words[j]) continue outer;
        if (!n.weak)
          spans.push({ start: tokens[i]?.start ?? 0, end: tokens[i + n.words.length - 1]?.end ?? 0 });
      }
    }
    return spans;
  });
  const { mentions: actors, titled } = findActors(sentences, {
    lexicon,
    normaliser,
    date: dated.date,
    taken: nameSpans,
  });
  const window = dated.date ? null : windowFrom(titled);
  const found = findInstruments(names, { library, sentences, actors, date: dated.date, window });
  const claims = findArticleClaims({
    library,
    sentences,
    actors,
    found,
    title: headline?.text ?? null,
    date: dated.date,
    addMention: (id, mention) => {
      let entry = found.matched.find((m) => m.id === id);
      if (!entry) {
        const instrument = library.byId.get(id);
        if (!instrument) return;
        entry = {
          id,
          title: instrument.short_title ?? instrument.title,
          status: dated.date ? library.status(instrument, dated.date) : null,
          note: null,
          mentions: [],
        };
        found.matched.push(entry);
      }
      entry.mentions.push(mention);
      found.timeline.push({ id, start: mention.start, end: mention.end, sentence: mention.sentence });
      found.timeline.sort((a, b) => a.start - b.start);
    },
  });
  const { events, setAside } = findEvents({
    library,
    sentences,
    actors,
    claims,
    dateline: dated.date,
    headline: new Set(paragraphs.filter((p) => p.headline).map((p) => p.index)),
  });
  // Only what the article names reaches the answer: without a library instrument and without an event,
  // there is nothing to run.
  const suggestion = suggestScenario(library, events, headline?.text ?? null);
  return {
    schema: READ_SCHEMA,
    source: { name: options.name ?? "article", chars: text.length },
    title: headline?.text ?? null,
    dateline: { ...dated, window },
    removed,
    sentences,
    instruments: found.matched,
    unknown_instruments: found.unknown,
    articles: claims,
    actors,
    events,
    set_aside: setAside,
    suggestion,
  };
}
