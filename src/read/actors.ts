import type { Normaliser } from "../states/normalise.js";
import type { Lexicon, Person, Role } from "./lexicon.js";
import type { ActorMention, Sentence, Span } from "./result.js";
import { isCapitalised, nameWords, type Token, tokenize } from "./text.js";

type Kind = ActorMention["kind"];

interface Entry {
  words: string[];
  code: string;
  kind: Kind;
  person?: Person;
  /** A short name ("Peskov") matched on its own. */
  short?: boolean;
}

/** The dictionary as word sequences, longest first for each first word. */
function entriesOf(lexicon: Lexicon): Map<string, Entry[]> {
  const entries: Entry[] = [];
  for (const person of lexicon.people) {
    for (const name of [person.name, ...(person.also ?? [])])
      entries.push({ words: nameWords(name), code: person.state, kind: "person", person });
    for (const name of person.short ?? [])
      entries.push({ words: nameWords(name), code: person.state, kind: "person", person, short: true });
  }
  for (const inst of lexicon.institutions) {
    const kind: Kind =
      inst.kind === "state-media"
        ? "state-media"
        : inst.kind === "news-agency"
          ? "news-agency"
          : inst.kind === "military"
            ? "military"
            : inst.kind === "ministry"
              ? "ministry"
              : "office";
    for (const name of inst.names) entries.push({ words: nameWords(name), code: inst.state, kind });
  }
  for (const [code, names] of Object.entries(lexicon.capitals))
    for (const name of names) entries.push({ words: nameWords(name), code, kind: "capital" });
  for (const [code, names] of Object.entries(lexicon.demonyms))
    for (const name of names) entries.push({ words: nameWords(name), code, kind: "demonym" });
  const byFirst = new Map<string, Entry[]>();
  for (const e of entries) {
    const list = byFirst.get(e.words[0] as string) ?? [];
    list.push(e);
    byFirst.set(e.words[0] as string, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  return byFirst;
}

const cache = new WeakMap<Lexicon, Map<string, Entry[]>>();

/** Words that, after a state, make it an office of that state ("South Korea's Foreign Ministry"). */
const OFFICES: [RegExp, Kind][] = [
  [/^(foreign|defense|unification|interior|war) (ministry|office|department)$/, "ministry"],
  [/^ministry of (foreign affairs|defense|national defense|unification)$/, "ministry"],
  [
    /^(joint chiefs of staff|military|army|navy|air force|armed forces|forces|troops|soldiers|border guards|coast guard)$/,
    "military",
  ],
  [
    /^((foreign|defense|deputy foreign|deputy defense|prime) minister|president|presidential office|government|leader|spokesperson|spokesman|spokeswoman|ambassador|envoy|embassy|officials?|diplomats?|authorities|cabinet|national security council)$/,
    "office",
  ],
];

const ANONYMOUS =
  /\b(on condition of anonymity|not authori[sz]ed to (speak|talk|comment)|declined to be (named|identified)|asked not to be (named|identified)|requested anonymity|unnamed|anonymous)\b/i;
const SOURCE_NOUN = /\b(officials?|sources?|diplomats?|officers?|people familiar)\b/gi;

/** Titles that, just before a name, say which office the person holds at the time of writing. */
const TITLE =
  /^(president|prime minister|premier|chancellor|foreign minister|defen[cs]e minister|minister|spokes(person|man|woman)|press secretary|leader|secretary|deputy|secretary general|secretary-general)$/;
const NOT_CURRENT = new Set(["former", "ex", "late", "then", "past", "previous"]);

export interface ActorContext {
  lexicon: Lexicon;
  normaliser: Normaliser;
  /** The article's date, if known: offices are resolved on it. */
  date: string | null;
  /** Spans already taken by instrument names ("Washington Treaty" is not Washington). */
  taken: readonly Span[];
}

export interface FoundActors {
  mentions: ActorMention[];
  /** Offices held "now" by titled people ("President Yoon"): each constrains the article's date. */
  titled: { person: Person; role: Role; text: string }[][];
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

function roleOn(
  person: Person,
  date: string | null,
): Pick<ActorMention, "role" | "role_dates" | "role_holds"> {
  if (!date) {
    const role = person.roles.at(-1) as Role;
    return {
      role: [...new Set(person.roles.map((r) => r.office))].join("; "),
      role_dates: { from: role.from, to: role.to },
      role_holds: null,
    };
  }
  const holds = person.roles.find((r) => (!r.from || r.from <= date) && (!r.to || date < r.to));
  if (holds) return { role: holds.office, role_dates: { from: holds.from, to: holds.to }, role_holds: true };
  const before = [...person.roles].reverse().find((r) => r.to && r.to <= date) ?? person.roles[0];
  const role = before as Role;
  return { role: role.office, role_dates: { from: role.from, to: role.to }, role_holds: false };
}

/** Finds who is named in each sentence, and for which state they speak or act. */
export function findActors(sentences: readonly Sentence[], ctx: ActorContext): FoundActors {
  let byFirst = cache.get(ctx.lexicon);
  if (!byFirst) {
    byFirst = entriesOf(ctx.lexicon);
    cache.set(ctx.lexicon, byFirst);
  }
  const sourceOf = new Map(ctx.lexicon.sources.map((s) => [s.id, s]));
  const mentions: ActorMention[] = [];
  const titled: FoundActors["titled"] = [];
  // Surnames of people already named in full ("Kim" after "Kim Jong Un").
  const surnames = new Map<string, Person>();
  const dateForCodes = ctx.date ?? "2000-01-01";

  for (const sentence of sentences) {
    const tokens = tokenize(sentence.text, sentence.start);
    const found: ActorMention[] = [];
    const free = (span: Span) =>
      !found.some((f) => overlaps(f, span)) && !ctx.taken.some((t) => overlaps(t, span));
    const add = (
      first: number,
      last: number,
      m: Omit<ActorMention, "start" | "end" | "sentence" | "text">,
    ) => {
      const span = { start: (tokens[first] as Token).start, end: (tokens[last] as Token).end };
      if (!free(span)) return;
      found.push({ ...span, sentence: sentence.id, text: sentenceSlice(sentence, span), ...m });
    };

    // 1. The dictionary: people, institutions, capitals, demonyms (longest name first).
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      if (!isCapitalised(token.raw)) continue;
      for (const entry of byFirst.get(token.norm) ?? []) {
        const n = entry.words.length;
        if (i + n > tokens.length) continue;
        if (!entry.words.every((w, j) => (tokens[i + j] as Token).norm === w)) continue;
        // Short abbreviations (RT, PLA) only in capitals, so that a word is never read as one.
        if (
          n === 1 &&
          token.raw.length <= 4 &&
          entry.kind !== "person" &&
          token.raw !== token.raw.toUpperCase()
        )
          continue;
        if (entry.person) {
          const source = sourceOf.get(entry.person.source);
          add(i, i + n - 1, {
            code: entry.code,
            name: ctx.normaliser.registry.name(entry.code),
            kind: "person",
            person: entry.person.name,
            ...roleOn(entry.person, ctx.date),
            ...(source ? { source: { title: source.title, url: source.url } } : {}),
          });
          if (!entry.short) {
            const words = nameWords(entry.person.name);
            for (const w of [words[0], words.at(-1)]) if (w) surnames.set(w, entry.person);
            const before = tokens.slice(Math.max(0, i - 4), i).map((t) => t.norm);
            const title = titleBefore(before);
            if (title && !before.some((w) => NOT_CURRENT.has(w))) {
              const roles = entry.person.roles.filter(
                (r) =>
                  r.office.toLowerCase().includes(title.split(" ").at(-1) as string) ||
                  (title === "leader" && r.kind === "leader"),
              );
              if (roles.length)
                titled.push(
                  roles.map((role) => ({
                    person: entry.person as Person,
                    role,
                    text: `${title} ${entry.person?.name}`,
                  })),
                );
            }
          }
        } else {
          add(i, i + n - 1, {
            code: entry.code,
            name: ctx.normaliser.registry.name(entry.code),
            kind: entry.kind,
            role_holds: null,
          });
        }
        i += n - 1;
        break;
      }
    }

    // 2. States and organisations by name or code, through the one normaliser.
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      if (!isCapitalised(token.raw)) continue;
      for (let n = Math.min(6, tokens.length - i); n >= 1; n--) {
        const last = tokens[i + n - 1] as Token;
        if (!isCapitalised(last.raw)) continue;
        const span = { start: token.start, end: last.end };
        if (!free(span)) continue;
        const text = sentenceSlice(sentence, span);
        if (text.length <= 3 && text !== text.toUpperCase()) continue;
        const resolved = ctx.normaliser.known(text, dateForCodes);
        if (!resolved) continue;
        const kind: Kind = resolved.code.startsWith("org:") ? "organisation" : "state";
        add(i, i + n - 1, {
          code: resolved.code,
          name: ctx.normaliser.registry.name(resolved.code),
          kind,
          role_holds: null,
        });
        i += n - 1;
        break;
      }
    }

    // 3. Surnames of people named in full earlier in the article.
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      const person = isCapitalised(token.raw) ? surnames.get(token.norm) : undefined;
      if (!person || !free(token)) continue;
      // "Kim Ju-ae" is someone else: a surname joined to more of a name is not the person named before.
      const next = tokens[i + 1];
      const previous = tokens[i - 1];
      if (next && isCapitalised(next.raw) && next.start - token.end <= 1) continue;
      if (previous && isCapitalised(previous.raw) && token.start - previous.end <= 1 && i > 0) continue;
      const source = sourceOf.get(person.source);
      add(i, i, {
        code: person.state,
        name: ctx.normaliser.registry.name(person.state),
        kind: "person",
        person: person.name,
        ...roleOn(person, ctx.date),
        ...(source ? { source: { title: source.title, url: source.url } } : {}),
      });
    }

    // 4. A state followed by an office makes one actor ("South Korea's Foreign Ministry").
    found.sort((a, b) => a.start - b.start);
    for (const m of found) {
      if (!["state", "demonym", "capital"].includes(m.kind)) continue;
      const after = tokens.filter((t) => t.start >= m.end && t.start < m.end + 40);
      let skip = 0;
      if (after[0]?.norm === "s" && /['’]/.test(sentence.text[after[0].start - sentence.start - 1] ?? ""))
        skip = 1;
      for (let n = Math.min(4, after.length - skip); n >= 1; n--) {
        const words = after.slice(skip, skip + n);
        const phrase = words.map((w) => w.norm).join(" ");
        const office = OFFICES.find(([re]) => re.test(phrase));
        const lastWord = words.at(-1) as Token;
        if (!office || found.some((f) => f !== m && overlaps(f, { start: m.end, end: lastWord.end })))
          continue;
        m.end = lastWord.end;
        m.text = sentenceSlice(sentence, m);
        m.kind = office[1];
        m.role = phrase;
        break;
      }
    }

    // 5. Sources that are not named ("an official who spoke on condition of anonymity").
    if (ANONYMOUS.test(sentence.text)) {
      for (const match of sentence.text.matchAll(SOURCE_NOUN)) {
        const start = sentence.start + (match.index ?? 0);
        const span = { start, end: start + match[0].length };
        const owner = found.find(
          (f) =>
            (f.end <= start && start - f.end <= 2 && ["demonym", "state"].includes(f.kind)) ||
            overlaps(f, span),
        );
        if (owner) {
          owner.end = span.end;
          owner.text = sentenceSlice(sentence, owner);
          owner.kind = "anonymous";
          owner.role = "unnamed source";
        } else if (free(span)) {
          found.push({
            ...span,
            sentence: sentence.id,
            text: match[0],
            code: null,
            name: null,
            kind: "anonymous",
            role: "unnamed source",
            role_holds: null,
          });
        }
        break;
      }
    }
    mentions.push(...found.sort((a, b) => a.start - b.start));
  }
  return { mentions, titled };
}

function titleBefore(words: readonly string[]): string | null {
  for (let n = Math.min(3, words.length); n >= 1; n--) {
    const phrase = words.slice(words.length - n).join(" ");
    if (TITLE.test(phrase)) return phrase;
  }
  // "Deputy Defense Minister": the title word may sit two words before the name.
  const last = words.at(-1);
  return last && TITLE.test(last) ? last : null;
}

function sentenceSlice(sentence: Sentence, span: Span): string {
  return sentence.text.slice(span.start - sentence.start, span.end - sentence.start);
}

/**
 * The dates the article must fall within, from the offices its titled people hold ("President Yoon
 * Suk Yeol" only between 2022-05-10 and 2025-04-04). Null when nobody titled is named or they disagree.
 */
export function windowFrom(titled: FoundActors["titled"]): {
  from: string | null;
  to: string | null;
  because: string[];
} | null {
  if (titled.length === 0) return null;
  let intervals: [string, string][] = [["0000-01-01", "9999-12-31"]];
  const because: string[] = [];
  for (const options of titled) {
    const next: [string, string][] = [];
    for (const [a, b] of intervals) {
      for (const { role } of options) {
        const from = role.from && role.from > a ? role.from : a;
        const to = role.to && role.to < b ? role.to : b;
        if (from <= to) next.push([from, to]);
      }
    }
    if (next.length === 0) return null;
    intervals = next;
    const first = options[0] as (typeof options)[number];
    const spans = options.map((o) => `${o.role.from ?? "?"} to ${o.role.to ?? "open"}`).join(" or ");
    because.push(`"${first.text}": ${first.role.office}, ${spans}`);
  }
  const from = intervals.map((i) => i[0]).sort()[0] as string;
  const to = intervals
    .map((i) => i[1])
    .sort()
    .at(-1) as string;
  return {
    from: from === "0000-01-01" ? null : from,
    to: to === "9999-12-31" ? null : to,
    because: [...new Set(because)],
  };
}
