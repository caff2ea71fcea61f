// compromise/one: its tokenizer and sentence splitter, without the tagger the reader does not use.
import nlp from "compromise/one";
import type { Paragraph } from "./clean.js";
import type { Sentence } from "./result.js";

/**
 * Splits each kept paragraph into sentences with compromise (which knows abbreviations such as "Mr." and
 * "U.S."), keeping offsets into the original text. Paragraph 0 is the headline, when there is one.
 */
export function sentencesOf(text: string, paragraphs: readonly Paragraph[]): Sentence[] {
  const out: Sentence[] = [];
  for (const paragraph of paragraphs) {
    const found = nlp(paragraph.text).json({ offset: true }) as {
      offset: { start: number; length: number };
    }[];
    const spans = found.length
      ? found.map((s) => ({ start: s.offset.start, end: s.offset.start + s.offset.length }))
      : [{ start: 0, end: paragraph.text.length }];
    // compromise may leave a closing quotation mark or bracket to the next sentence; give it back.
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i] as { start: number; end: number };
      const next = spans[i + 1];
      const rest = paragraph.text.slice(span.end, next ? next.start : paragraph.text.length);
      const closing = /^\s*["”’)\]]+/.exec(rest);
      if (closing) {
        span.end += closing[0].length;
        if (next) next.start = Math.max(next.start, span.end);
      }
    }
    // …and an opening one back from the previous sentence (or the paragraph's start).
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i] as { start: number; end: number };
      const floor = i > 0 ? (spans[i - 1] as { end: number }).end : 0;
      const gap = paragraph.text.slice(floor, span.start);
      const opening = /["“‘«([]+\s*$/.exec(gap);
      if (opening) span.start -= opening[0].length;
    }
    for (const span of spans) {
      const raw = paragraph.text.slice(span.start, span.end);
      const lead = raw.length - raw.trimStart().length;
      const body = raw.trim();
      if (!body) continue;
      const start = paragraph.start + span.start + lead;
      out.push({
        id: `s${out.length + 1}`,
        paragraph: paragraph.index,
        start,
        end: start + body.length,
        text: text.slice(start, start + body.length),
      });
    }
  }
  return out;
}
