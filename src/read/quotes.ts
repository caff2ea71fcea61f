import type { Article, Instrument } from "../model/instrument.js";
import type { Library } from "../treaties/library.js";
import type { InstrumentFinding } from "./instruments.js";
import type { ActorMention, Alignment, ArticleClaim, InstrumentMention, Sentence, Span } from "./result.js";
import { containment, contentWords, tokenize } from "./text.js";

const ORDINALS = [
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
  "eleventh",
  "twelfth",
];
const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

function fromRoman(text: string): number | null {
  if (!/^[IVXLC]+$/.test(text)) return null;
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const value = ROMAN[text[i] as string] as number;
    const next = ROMAN[text[i + 1] as string] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

/** "IV", "4" and "Art. 42(7)" compared alike: arabic numbers, paragraphs after a dot. */
export function articleKey(number: string): string {
  const compact = number
    .replace(/\s+/g, "")
    .replace(/\((\d+)\)/g, ".$1")
    .replace(/\.$/, "");
  const [base, ...rest] = compact.split(".");
  const roman = fromRoman(base as string);
  return [roman ?? (base as string).toLowerCase(), ...rest].join(".");
}

interface Ref extends Span {
  number: string;
  text: string;
}

/** Article references in a sentence: "Article 4", "Art. 42(7)", "Article IV", "the third article". */
function refsIn(sentence: Sentence): Ref[] {
  const out: Ref[] = [];
  const at = (index: number, text: string, number: string) => {
    const start = sentence.start + index;
    out.push({ start, end: start + text.length, number, text });
  };
  for (const m of sentence.text.matchAll(
    /\b(?:Articles?|Art\.)\s*(\d+[a-z]?(?:\s*\(\d+\))?(?:\.\d+)?|[IVXLC]+\b)(?:\s*(?:and|&|,)\s*(\d+[a-z]?|[IVXLC]+\b))?/g,
  )) {
    at(m.index ?? 0, m[0], m[1] as string);
    if (m[2]) at(m.index ?? 0, m[0], m[2]);
  }
  for (const m of sentence.text.matchAll(
    /\b(?:the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d+(?:st|nd|rd|th))\s+article\b/gi,
  )) {
    const word = (m[1] as string).toLowerCase();
    const number = ORDINALS.includes(word) ? String(ORDINALS.indexOf(word) + 1) : word.replace(/\D/g, "");
    at(m.index ?? 0, m[0], number);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Spans inside quotation marks (“…”, "…", «…»), in original offsets. */
export function quotedSpans(sentence: Sentence): Span[] {
  const out: Span[] = [];
  const pairs: [string, string][] = [
    ["“", "”"],
    ["«", "»"],
    ["„", "“"],
  ];
  const text = sentence.text;
  for (const [open, close] of pairs) {
    let from = 0;
    for (;;) {
      const a = text.indexOf(open, from);
      if (a < 0) break;
      const b = text.indexOf(close, a + 1);
      if (b < 0) break;
      if (b - a > 1) out.push({ start: sentence.start + a + 1, end: sentence.start + b });
      from = b + 1;
    }
  }
  const straight = [...text.matchAll(/"/g)].map((m) => m.index ?? 0);
  for (let i = 0; i + 1 < straight.length; i += 2) {
    const a = straight[i] as number;
    const b = straight[i + 1] as number;
    if (b - a > 1) out.push({ start: sentence.start + a + 1, end: sentence.start + b });
  }
  return out
    .filter((s) => /\p{L}/u.test(text.slice(s.start - sentence.start, s.end - sentence.start)))
    .sort((a, b) => a.start - b.start);
}

const CONTENT =
  /\b(reads?|states?|stated|says?|said|stipulates?|stipulated|provides?|provided|obliges?|obliged|requires?|required|commits?|committed|according to|under which|calls? for|pledges?|specifies|specified|declares?)\b/i;
const ATTRIBUTION = /\b(said|says|according to|reported|cited|quoted|published|indicated)\b/i;

export interface TextChoice {
  which: "text" | "rendering";
  index: number | null;
  text: string;
  lang: string;
  reading: string | null;
  quote_confidence: string | null;
  source: string | undefined;
}

/** Every wording of an article the library holds: its text (and its versions' texts) and renderings. */
export function wordingsOf(article: Article): TextChoice[] {
  const out: TextChoice[] = [];
  const push = (t: {
    text?: string | undefined;
    lang?: string | undefined;
    quote_confidence?: string | undefined;
    source?: string | undefined;
    renderings?: Article["renderings"];
  }) => {
    if (t.text) {
      out.push({
        which: "text",
        index: null,
        text: t.text,
        lang: t.lang ?? "en",
        reading: null,
        quote_confidence: t.quote_confidence ?? null,
        source: t.source,
      });
    }
    (t.renderings ?? []).forEach((r, index) =>
      out.push({
        which: "rendering",
        index,
        text: r.text,
        lang: r.lang ?? "en",
        reading: r.reading ?? null,
        quote_confidence: r.quote_confidence,
        source: r.source,
      }),
    );
  };
  push(article);
  for (const v of article.versions ?? []) push(v);
  return out;
}

function align(
  library: Library,
  instrument: Instrument,
  article: Article,
  passage: string,
  quoted: string,
): Alignment | null {
  const words = contentWords(passage);
  const quotedWords = contentWords(quoted);
  let best: Alignment | null = null;
  let bestKey = -1;
  for (const w of wordingsOf(article)) {
    const target = contentWords(w.text);
    const closeness = containment(words, target);
    const found = quotedWords.length
      ? quotedWords.filter((q) => target.includes(q)).length / quotedWords.length
      : null;
    const key = (found ?? closeness) * 10 + closeness;
    if (key <= bestKey) continue;
    bestKey = key;
    const source = library.source(instrument, w.source);
    best = {
      which: w.which,
      rendering_index: w.index,
      lang: w.lang,
      reading: w.reading,
      quote_confidence: w.quote_confidence,
      source: {
        id: w.source ?? "",
        title: source?.title ?? "",
        url: source?.url ?? null,
        date: source?.date ?? null,
      },
      closeness: Math.round(closeness * 100) / 100,
      quoted_words_found: found === null ? null : Math.round(found * 100) / 100,
    };
  }
  return best;
}

function level(a: Alignment | null, quotedCount: number): ArticleClaim["match"] {
  if (!a) return "no-rendering";
  const found = a.quoted_words_found;
  if (found !== null && quotedCount >= 4) {
    if (found >= 0.9 && a.closeness >= 0.5) return "same-words";
    if (found >= 0.6) return "close";
    return "no-rendering";
  }
  if (a.closeness >= 0.85) return "same-words";
  if (a.closeness >= 0.45) return "close";
  return "no-rendering";
}

const inside = (span: Span, outer: Span) => outer.start <= span.start && span.end <= outer.end;

export interface ClaimContext {
  library: Library;
  sentences: readonly Sentence[];
  actors: readonly ActorMention[];
  found: InstrumentFinding;
  /** The article's own title and date, cited as the source of a candidate rendering. */
  title: string | null;
  date: string | null;
  /** Adds an instrument named only by an organisation and article number ("NATO's Article 5"). */
  addMention: (id: string, mention: InstrumentMention) => void;
}

/**
 * What the article says about instruments' articles: references ("in accordance with Article 51"),
 * paraphrases ("the third article states that…") and quotations, each aligned to the library's wordings
 * of that article — which one it follows and how closely. Wording that matches none is offered as a
 * new rendering, with the article as its source.
 */
export function findArticleClaims(ctx: ClaimContext): ArticleClaim[] {
  const { library, sentences, found } = ctx;
  const claims: ArticleClaim[] = [];
  const orgInstruments = new Map<string, Instrument[]>();
  for (const i of library.instruments) {
    if (!i.organisation) continue;
    orgInstruments.set(i.organisation, [...(orgInstruments.get(i.organisation) ?? []), i]);
  }

  const allQuotes = sentences.flatMap(quotedSpans);
  sentences.forEach((sentence, index) => {
    const quotes = quotedSpans(sentence);
    const refs = refsIn(sentence);
    const slice = (s: Span) => sentence.text.slice(s.start - sentence.start, s.end - sentence.start);
    const mentionsHere = found.timeline.filter((t) => t.sentence === sentence.id);
    const around = new Set(sentences.slice(Math.max(0, index - 1), index + 1).map((s) => s.id));
    const speaker =
      ATTRIBUTION.test(sentence.text) || ATTRIBUTION.test(sentences[index - 1]?.text ?? "")
        ? ["state-media", "news-agency", "person", "ministry", "office"]
            .map((kind) => ctx.actors.find((a) => around.has(a.sentence) && a.kind === kind))
            .find((a) => a)
        : undefined;

    for (const ref of refs) {
      if (claims.some((c) => c.sentence === sentence.id && c.article === ref.number)) continue;
      const inQuote = quotes.some((q) => inside(ref, q));
      // Which instrument: "Article 51 of the UN Charter", "NATO's Article 5", else the one in focus.
      let instrumentId: string | null = null;
      const after = mentionsHere.find(
        (m) =>
          m.start >= ref.end &&
          /^\s*(of|in|under)\s+(the\s+)?/i.test(
            sentence.text.slice(ref.end - sentence.start, m.start - sentence.start),
          ) &&
          m.start - ref.end < 30,
      );
      const before = mentionsHere.find(
        (m) =>
          m.end <= ref.start &&
          ref.start - m.end <= 4 &&
          /['’]s?\s*$/.test(sentence.text.slice(m.end - sentence.start, ref.start - sentence.start)),
      );
      if (after) instrumentId = after.id;
      else if (before) instrumentId = before.id;
      if (!instrumentId) {
        const org = ctx.actors.find(
          (a) =>
            a.sentence === sentence.id &&
            a.kind === "organisation" &&
            a.code &&
            orgInstruments.get(a.code)?.length === 1 &&
            Math.abs(a.start - ref.start) < 40,
        );
        if (org?.code) {
          const instrument = (orgInstruments.get(org.code) as Instrument[])[0] as Instrument;
          instrumentId = instrument.id;
          ctx.addMention(instrument.id, {
            sentence: sentence.id,
            start: Math.min(org.start, ref.start),
            end: Math.max(org.end, ref.end),
            text: sentence.text.slice(
              Math.min(org.start, ref.start) - sentence.start,
              Math.max(org.end, ref.end) - sentence.start,
            ),
            how: "article-of-organisation",
            because: `${org.text} is the organisation of the parties to ${instrument.short_title ?? instrument.title}`,
          });
        }
      }
      if (!instrumentId && !inQuote) {
        // "Article 4 of the treaty": the instrument in focus, not one named inside a quotation.
        const quotedHere = (m: { start: number; end: number }) => allQuotes.some((q) => inside(m, q));
        const earlier = found.timeline.filter((m) => m.start < ref.start && !quotedHere(m)).at(-1);
        const later = found.timeline.find((m) => m.start >= ref.start);
        instrumentId = earlier?.id ?? (later && later.sentence === sentence.id ? later.id : null);
      }
      if (inQuote) {
        claims.push(baseClaim(sentence, [ref], slice(ref), "reference", instrumentId, ref, speaker));
        continue;
      }
      const outsideQuotes = quotes.filter((q) => !inside(ref, q));
      // The article's own words are reported only where the reference governs them: "Article 4 reads",
      // "the third article states", "under Article 4, the treaty obliged", or a quotation beside it.
      const lead = sentence.text.slice(0, ref.start - sentence.start);
      const tail = sentence.text.slice(ref.end - sentence.start, ref.end - sentence.start + 110);
      const content =
        outsideQuotes.length > 0 ||
        /(^|[,;:]\s*|\bthat\s+)(according to|under|in line with|pursuant to)\s+(the\s+)?$/i.test(lead) ||
        (CONTENT.test(tail) && !/\b(of|in|with|and)\s+(the\s+)?$/i.test(lead));
      if (!content) {
        claims.push(baseClaim(sentence, [ref], slice(ref), "reference", instrumentId, ref, speaker));
        continue;
      }
      const quotedText = outsideQuotes.map(slice).join(" … ");
      const passage = removeSpans(sentence, [ref, ...mentionsHere]);
      const claim = baseClaim(
        sentence,
        outsideQuotes.length ? outsideQuotes : [{ start: sentence.start, end: sentence.end }],
        outsideQuotes.length ? quotedText : sentence.text,
        // Words in quotation marks are the article quoting; without them it paraphrases.
        outsideQuotes.length ? "quote" : "paraphrase",
        instrumentId,
        ref,
        speaker,
      );
      alignClaim(ctx, claim, passage, quotedText);
      claims.push(claim);
    }

    // Quotations of an instrument in focus that give no article number: aligned by their words alone.
    if (refs.length === 0 && quotes.length) {
      const focus = [
        ...new Set(
          [
            ...mentionsHere.map((m) => m.id),
            found.timeline.filter((m) => m.start < sentence.start).at(-1)?.id,
          ].filter((x): x is string => !!x),
        ),
      ];
      for (const q of quotes) {
        const quoted = slice(q);
        if (contentWords(quoted).length < 8) continue;
        let best: { claim: ArticleClaim; score: number } | null = null;
        for (const id of focus) {
          const instrument = library.byId.get(id) as Instrument;
          for (const article of [
            ...instrument.articles,
            ...(instrument.parts ?? []).flatMap((p) => p.articles),
          ]) {
            const a = align(library, instrument, article, quoted, quoted);
            const score = a?.quoted_words_found ?? 0;
            if (a && score >= 0.8 && (!best || score > best.score)) {
              const claim = baseClaim(sentence, [q], quoted, "quote", id, null, speaker);
              claim.article = article.number;
              claim.best = a;
              claim.match = level(a, contentWords(quoted).length);
              best = { claim, score };
            }
          }
        }
        if (best) claims.push(best.claim);
      }
    }
  });
  return claims;
}

function baseClaim(
  sentence: Sentence,
  spans: Span[],
  text: string,
  kind: ArticleClaim["kind"],
  instrument: string | null,
  ref: Ref | null,
  speaker: ActorMention | undefined,
): ArticleClaim {
  return {
    sentence: sentence.id,
    // Where only: a reference passed as its own span carries its number and text too.
    spans: spans.map(({ start, end }) => ({ start, end })),
    text,
    kind,
    instrument,
    article: ref?.number ?? null,
    article_text: ref?.text ?? null,
    attributed_to: speaker?.text ?? null,
    match: null,
    best: null,
    candidate_rendering: null,
  };
}

function alignClaim(ctx: ClaimContext, claim: ArticleClaim, passage: string, quoted: string): void {
  const instrument = claim.instrument ? ctx.library.byId.get(claim.instrument) : undefined;
  const article = instrument
    ? [...instrument.articles, ...(instrument.parts ?? []).flatMap((p) => p.articles)].find(
        (a) => articleKey(a.number) === articleKey(claim.article ?? ""),
      )
    : undefined;
  const quotedCount = contentWords(quoted).length;
  if (instrument && article) {
    claim.best = align(ctx.library, instrument, article, passage, quoted);
    claim.match = level(claim.best, quotedCount);
    if (claim.article) claim.article = article.number;
  }
  const wordy = contentWords(claim.text).length >= 6;
  if (instrument && wordy && (claim.match === "no-rendering" || !article)) {
    claim.match = "no-rendering";
    claim.candidate_rendering = {
      text: claim.text,
      source: { title: ctx.title ?? "(untitled article)", date: ctx.date, sentence: claim.sentence },
    };
  }
}

/** The sentence without the given spans (the article reference and instrument names are not its wording). */
function removeSpans(sentence: Sentence, spans: readonly Span[]): string {
  let text = sentence.text;
  for (const s of [...spans].sort((a, b) => b.start - a.start)) {
    if (s.start < sentence.start || s.end > sentence.end) continue;
    text = `${text.slice(0, s.start - sentence.start)} ${text.slice(s.end - sentence.start)}`;
  }
  return tokenize(text)
    .map((t) => t.raw)
    .join(" ");
}
