/** Words of the original text with their offsets, folded for matching. */
export interface Token {
  /** The word as written. */
  raw: string;
  /** Lower case, no accents, a few British spellings made American, so "Defence" meets "defense". */
  norm: string;
  start: number;
  end: number;
}

const SPELLING: Record<string, string> = {
  defence: "defense",
  organisation: "organization",
  neighbourliness: "neighborliness",
  programme: "program",
  armour: "armor",
  mobilisation: "mobilization",
  mobilised: "mobilized",
};

export function foldWord(word: string): string {
  const folded = word
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  return SPELLING[folded] ?? folded;
}

/** Splits text into word tokens (letters and digits; "Kim Jong-un" gives kim, jong, un). */
export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  // "Co-operation" is one word ("cooperation"), not two.
  for (const match of text.matchAll(/(?:[Cc]o-(?=\p{L}))?[\p{L}\p{N}]+/gu)) {
    const start = offset + (match.index ?? 0);
    const raw = match[0];
    tokens.push({ raw, norm: foldWord(raw.replace("-", "")), start, end: start + raw.length });
  }
  return tokens;
}

/** The folded word sequence of a name ("the Mutual Defence Treaty" → mutual defense treaty). */
export function nameWords(name: string): string[] {
  const words = tokenize(name).map((t) => t.norm);
  return words[0] === "the" ? words.slice(1) : words;
}

/** Where `words` occurs in `tokens` as consecutive tokens, as [first, last] token indices. */
export function findWords(tokens: readonly Token[], words: readonly string[]): [number, number][] {
  const hits: [number, number][] = [];
  if (words.length === 0) return hits;
  outer: for (let i = 0; i + words.length <= tokens.length; i++) {
    for (let j = 0; j < words.length; j++) {
      if ((tokens[i + j] as Token).norm !== words[j]) continue outer;
    }
    hits.push([i, i + words.length - 1]);
  }
  return hits;
}

export const isCapitalised = (word: string) => /^\p{Lu}/u.test(word);

/** Content words for comparing a quotation with an article's text: no stop words, crude stems. */
const STOP = new Set(
  "a an the of to in on at by for and or but if as is are was were be been being it its this that these those with from into under than which who whom whose will would shall should may might must can could do does did has have had not no nor so such there their them they he she his her we our you your any all each other one two either".split(
    " ",
  ),
);

export function stem(word: string): string {
  let w = word;
  for (const suffix of ["ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "ly", "s"]) {
    if (w.length > suffix.length + 3 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w;
}

export function contentWords(text: string): string[] {
  return tokenize(text)
    .map((t) => t.norm)
    .filter((w) => !STOP.has(w) && !/^\d+$/.test(w))
    .map(stem);
}

/** Which share of `part`'s content words (and of its word pairs) occur in `whole`: 1 for a verbatim quote. */
export function containment(part: readonly string[], whole: readonly string[]): number {
  if (part.length === 0) return 0;
  const words = new Set(whole);
  const pairs = new Set(whole.slice(1).map((w, i) => `${whole[i]} ${w}`));
  const single = part.filter((w) => words.has(w)).length / part.length;
  if (part.length < 2) return single;
  const partPairs = part.slice(1).map((w, i) => `${part[i]} ${w}`);
  const double = partPairs.filter((p) => pairs.has(p)).length / partPairs.length;
  return 0.6 * single + 0.4 * double;
}

/** Adds days to an ISO date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The index of the last element that passes, or -1 (Array.prototype.findLastIndex is ES2023). */
export function lastIndex<T>(items: readonly T[], test: (item: T, index: number) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T, i)) return i;
  return -1;
}
