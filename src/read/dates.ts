import * as chrono from "chrono-node";
import { isRealDate } from "../model/common.js";
import type { Paragraph } from "./clean.js";
import type { Dateline, ReadDate, Sentence, Span } from "./result.js";
import { addDays, WEEKDAYS, weekdayOf } from "./text.js";

/** A date expression in a sentence, resolved as far as the text and the dateline allow. */
export interface DateMention extends Span {
  date: ReadDate;
  /** "the same day", "that day": the date of the event told just before. */
  anaphoric: boolean;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
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
export const longDate = (date: string) =>
  `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;

/** `05/06/2024` could be 5 June or May 6: a numeric date whose day and month could be swapped. */
function ambiguousNumeric(text: string): boolean {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a <= 12 && b <= 12 && a !== b;
}

/** A full date written out (year, month and day all stated), as YYYY-MM-DD. */
function fullDate(text: string): string | null {
  if (ambiguousNumeric(text)) return null;
  const [found] = chrono.parse(text, { instant: new Date(Date.UTC(2000, 0, 1)), timezone: 0 });
  if (!found) return null;
  const s = found.start;
  if (!(s.isCertain("year") && s.isCertain("month") && s.isCertain("day"))) return null;
  const date = iso(s.get("year") as number, s.get("month") as number, s.get("day") as number);
  return isRealDate(date) ? date : null;
}

/**
 * The article's own date: a line that is a date alone near the top ("24/10/2024"), a "Published …"
 * line, or a wire dateline with a year ("SEOUL, Oct. 16, 2024 —"). A date the user gives wins.
 */
export function findDateline(
  paragraphs: readonly Paragraph[],
  given: string | undefined,
): Omit<Dateline, "window"> {
  if (given) return { date: given, from: "user", text: null, rule: "given by the user" };
  for (const p of paragraphs.slice(0, 4)) {
    const line = p.text.trim();
    if (/^[\d\s/.-]+$/.test(line) && ambiguousNumeric(line)) {
      return {
        date: null,
        from: "none",
        text: line,
        rule: `"${line}" could be read day-first or month-first; give the date with --dateline`,
      };
    }
    if (/^[\d\s/.\-,:]+$/.test(line) || /^(published|updated|posted|date)\b/i.test(line)) {
      const date = fullDate(line.replace(/^(published|updated|posted|date)( on)?:?/i, ""));
      if (date) return { date, from: "article", text: line, rule: `the date line "${line}" at the top` };
    }
    const wire = /^([\p{Lu}][\p{Lu}\p{L} .'-]{1,40}),\s+([A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})\b/u.exec(line);
    if (wire) {
      const date = fullDate(wire[2] as string);
      if (date) return { date, from: "article", text: wire[0], rule: `the wire dateline "${wire[0]}"` };
    }
  }
  return { date: null, from: "none", text: null, rule: "the article gives no date of its own" };
}

const TIME_ONLY = /^(now|noon|midnight|(this |in the )?(morning|afternoon|evening|night)|tonight|today's)$/i;
const LATER = /\b(later|earlier|before|after|previous|following|next)\b/i;

function resolve(
  text: string,
  r: chrono.ParsedResult,
  dateline: string | null,
  sentence: string,
): ReadDate | null {
  const s = r.start;
  const lower = text.toLowerCase();
  const none = (rule: string): ReadDate => ({ value: null, precision: null, text, sentence, rule });
  const known = (value: string, precision: ReadDate["precision"], rule: string): ReadDate => ({
    value,
    precision,
    text,
    sentence,
    rule,
  });
  if (TIME_ONLY.test(lower.trim())) return null;
  const y = s.isCertain("year");
  const m = s.isCertain("month");
  const d = s.isCertain("day");
  const year = s.get("year") as number;
  const month = s.get("month") as number;
  const day = s.get("day") as number;
  if (
    /\b(ago|yesterday|today|tomorrow|last|this|next)\b/.test(lower) &&
    !(y && m && d && /\d{4}/.test(text))
  ) {
    if (!dateline) return none(`"${text}" is relative to the article's date, which it does not give`);
    if (/\bweek\b/.test(lower)) return none(`"${text}" names a week, not a day`);
    if (/\byear\b/.test(lower)) {
      const shift = /\blast\b/.test(lower) ? -1 : /\bnext\b/.test(lower) ? 1 : 0;
      return known(
        String(Number(dateline.slice(0, 4)) + shift),
        "year",
        `"${text}": counted from the dateline (${dateline})`,
      );
    }
    if (/\bmonth\b/.test(lower)) {
      const shift = /\blast\b/.test(lower) ? -1 : /\bnext\b/.test(lower) ? 1 : 0;
      const base = new Date(`${dateline.slice(0, 7)}-01T00:00:00Z`);
      base.setUTCMonth(base.getUTCMonth() + shift);
      return known(
        base.toISOString().slice(0, 7),
        "month",
        `"${text}": counted from the dateline (${dateline})`,
      );
    }
    return known(iso(year, month, day), "day", `"${text}": counted from the dateline (${dateline})`);
  }
  if (LATER.test(lower)) return none(`"${text}" is counted from another event, not resolved`);
  if (y && m && d) return known(iso(year, month, day), "day", "stated in full");
  if (m && d) {
    if (!dateline) return none(`"${text}" gives no year and the article gives no date of its own`);
    let candidate = iso(Number(dateline.slice(0, 4)), month, day);
    if (candidate > dateline) candidate = iso(Number(dateline.slice(0, 4)) - 1, month, day);
    return known(
      candidate,
      "day",
      `"${text}": the year from the dateline (${dateline}), the latest such date not after it`,
    );
  }
  if (y && m) return known(`${pad(year, 4)}-${pad(month)}`, "month", "stated to the month");
  if (s.isCertain("weekday")) {
    const target = WEEKDAYS.indexOf((WEEKDAYS.find((w) => lower.includes(w)) ?? "") as string);
    if (target < 0) return null;
    if (!dateline) return none(`"${text}" names a weekday and the article gives no date of its own`);
    const back = (weekdayOf(dateline) - target + 7) % 7;
    const capital = (WEEKDAYS[target] as string).replace(/^./, (c) => c.toUpperCase());
    return known(
      addDays(dateline, -back),
      "day",
      `"${text}": the latest ${capital} on or before the dateline (${dateline}, a ${(WEEKDAYS[weekdayOf(dateline)] as string).replace(/^./, (c) => c.toUpperCase())})`,
    );
  }
  if (m && !y) {
    if (!dateline) return none(`"${text}" gives no year and the article gives no date of its own`);
    let year2 = Number(dateline.slice(0, 4));
    if (`${year2}-${pad(month)}` > dateline.slice(0, 7)) year2 -= 1;
    return known(
      `${year2}-${pad(month)}`,
      "month",
      `"${text}": the year from the dateline (${dateline}), the latest such month not after it`,
    );
  }
  return null;
}

/** Every date expression in a sentence, with its resolution. */
export function datesIn(sentence: Sentence, dateline: string | null): DateMention[] {
  const out: DateMention[] = [];
  const instant = dateline ? new Date(`${dateline}T12:00:00Z`) : new Date(Date.UTC(2000, 0, 1, 12));
  for (const r of chrono.parse(sentence.text, { instant, timezone: 0 })) {
    const text = r.text
      .replace(/^(on|in|at|since|by)\s+/i, "")
      .replace(/[\s,.;:]+$/, "")
      .trim();
    const offset = r.text.indexOf(text);
    const date = resolve(text, r, dateline, sentence.id);
    if (!date) continue;
    const start = sentence.start + r.index + Math.max(offset, 0);
    out.push({ start, end: start + text.length, date, anaphoric: false });
  }
  for (const m of sentence.text.matchAll(
    /\b(?:in|since|during|of|from)\s+((?:1[6-9]|20)\d\d)\b(?![\s/-]*\d)/g,
  )) {
    const start = sentence.start + (m.index ?? 0) + m[0].length - (m[1] as string).length;
    if (out.some((o) => o.start <= start && start < o.end)) continue;
    out.push({
      start,
      end: start + 4,
      date: {
        value: m[1] as string,
        precision: "year",
        text: m[1] as string,
        sentence: sentence.id,
        rule: "stated (the year only)",
      },
      anaphoric: false,
    });
  }
  for (const m of sentence.text.matchAll(
    /\b(?:on\s+)?(the same day|that day|the same night|that night)\b/gi,
  )) {
    const start = sentence.start + (m.index ?? 0);
    out.push({
      start,
      end: start + m[0].length,
      date: {
        value: null,
        precision: null,
        text: m[1] as string,
        sentence: sentence.id,
        rule: "the date of the event told before",
      },
      anaphoric: true,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}
