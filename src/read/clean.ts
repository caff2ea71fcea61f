import type { Removed, RemovedReason, Span } from "./result.js";
import { contentWords } from "./text.js";

/** A line of the article kept for reading, with its offsets into the original. */
export interface Paragraph extends Span {
  index: number;
  text: string;
  /** The headline: kept for names and instruments, not coded for events. */
  headline: boolean;
}

// One pattern per reason; each must match the whole (trimmed) line, so a sentence that merely starts
// with "Share" or "Next" is never dropped.
const LINE_RULES: [RemovedReason, RegExp][] = [
  ["separator", /^[-–—_*•·=~.|\s]+$/u],
  [
    "comment-prompt",
    /^(post a comment|leave a (reply|comment)|add a comment|write a comment|comments?( \(\d+\))?|\d+ comments?|join the (discussion|conversation)|be the first to comment|thanks for reading\b.*|you (may|might) also like:?)$/iu,
  ],
  [
    "share-or-navigation",
    /^((previous|prev|next|older|newer)( post| article| story)?\s*)+$|^(share( this)?( article| story| post)?|tweet|pin it|share on (facebook|twitter|x|whatsapp|linkedin)|read more|click here.*|subscribe( now)?|sign up.*|advertisement|sponsored|related( articles| posts| stories)?:?|tags?:.*|follow us.*|print|email|skip to (main )?content|home|menu)$/iu,
  ],
  ["related-headline", /^(NEXT|PREVIOUS|PREV|READ ALSO|ALSO READ|SEE ALSO|RELATED|MORE)\b[: ].+$/u],
  [
    "related-headline",
    /^(related|read also|also read|see also|read more|more on this|recommended)\s*:\s*.+$/iu,
  ],
  ["byline", /^(by|written by|posted by|author:)\s+[\p{L}\p{N}.@\-_' ]{2,60}$/iu],
];

const BIO =
  /^(i'?m|i am)\s+\p{Lu}[\p{L}'-]+(\s+\p{Lu}[\p{L}'-]+)*,?\s.*\b(writ|passionat|specializ|specialis|journalist|blogger|content|editor|reporter)/iu;
const ABOUT = /^about the author\b/iu;

const squash = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/** Two paragraphs that say the same thing in nearly the same words (a rewrite pasted twice). */
function nearDuplicate(a: readonly string[], b: readonly string[]): boolean {
  if (a.length < 12 || b.length < 12) return false;
  const setA = new Set(a);
  const setB = new Set(b);
  const shared = [...setA].filter((w) => setB.has(w)).length;
  return shared / Math.min(setA.size, setB.size) >= 0.7;
}

/**
 * Splits the article into lines and removes boilerplate: repeated headlines and paragraphs, comment
 * prompts, share and navigation links, bylines and author bios. What is removed is listed by offsets
 * and reason only, so that none of its text reaches the output.
 */
export function clean(text: string): { paragraphs: Paragraph[]; removed: Removed[] } {
  const lines: Span[] = [];
  for (const match of text.matchAll(/[^\r\n]+/g)) {
    const raw = match[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const start = (match.index ?? 0) + lead;
    lines.push({ start, end: start + trimmed.length });
  }
  const removed: Removed[] = [];
  const kept: Paragraph[] = [];
  const seen: { squashed: string; words: string[]; paragraph: Paragraph }[] = [];
  lines.forEach((line, i) => {
    const body = text.slice(line.start, line.end);
    const remove = (reason: RemovedReason) => removed.push({ start: line.start, end: line.end, reason });
    const rule = LINE_RULES.find(([, pattern]) => pattern.test(body));
    if (rule) return remove(rule[0]);
    if (BIO.test(body) || ABOUT.test(body)) {
      // The author's name on the line before a bio belongs to it.
      const previous = kept.at(-1);
      if (
        previous &&
        previous.end === lines[i - 1]?.end &&
        isNameOnly(previous.text) &&
        body.includes(previous.text)
      ) {
        kept.pop();
        removed.push({ start: previous.start, end: previous.end, reason: "author-bio" });
      }
      return remove("author-bio");
    }
    const squashed = squash(body);
    const words = contentWords(body);
    const earlier = seen.find(
      (s) => kept.includes(s.paragraph) && (s.squashed === squashed || nearDuplicate(s.words, words)),
    );
    if (earlier) {
      const first = earlier.paragraph;
      // Of two copies keep the fuller one; a headline repeated in the body stays the headline.
      if (first.headline || words.length <= earlier.words.length)
        return remove(first.headline ? "repeated-headline" : "duplicate-paragraph");
      kept.splice(kept.indexOf(first), 1);
      removed.push({ start: first.start, end: first.end, reason: "duplicate-paragraph" });
    }
    const headline = !kept.some((p) => p.headline || !isDateOnly(p.text)) && looksLikeHeadline(body);
    const paragraph: Paragraph = { ...line, index: 0, text: body, headline };
    seen.push({ squashed, words, paragraph });
    kept.push(paragraph);
  });
  kept.forEach((p, i) => {
    p.index = i;
  });
  return { paragraphs: kept, removed: removed.sort((a, b) => a.start - b.start) };
}

const isNameOnly = (line: string) => /^\p{Lu}[\p{L}'-]+(\s+\p{Lu}[\p{L}'-]+){0,3}$/u.test(line);

const isDateOnly = (line: string) => /^[\d\s/.\-,:]+$/.test(line);

/** A first line that is a date alone is a dateline, not a headline; a headline has no full stop at its end. */
function looksLikeHeadline(line: string): boolean {
  if (isDateOnly(line)) return false;
  return line.length <= 250 && !/[.!?]["”’]?$/.test(line);
}
