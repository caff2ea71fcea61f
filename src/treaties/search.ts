import type { Library } from "./library.js";

/**
 * Full-text search over the library: titles and aliases, every article's text, renderings, titles and
 * labels, the readings of each provision and the notes. Case and accents do not matter; every word of the
 * query must occur in a hit. Built once per library.
 */

export interface SearchHit {
  instrument: string;
  instrument_title: string;
  /** The article, or null for a hit on the instrument itself. */
  article: string | null;
  label: string | null;
  /** What matched: the title, an article's text or a rendering, a reading, a note. */
  field: "title" | "text" | "rendering" | "reading" | "note";
  /** The words around the first match. */
  snippet: string;
  score: number;
}

interface Doc {
  instrument: string;
  instrument_title: string;
  article: string | null;
  label: string | null;
  field: SearchHit["field"];
  text: string;
  folded: string;
}

/** Case and accents folded, punctuation to spaces; letters of every script kept (무력침공, вооружённое). */
const fold = (s: string) =>
  ` ${s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()} `;

export class LibrarySearch {
  private readonly docs: Doc[] = [];

  constructor(library: Library) {
    for (const i of library.instruments) {
      const title = i.short_title ?? i.title;
      const add = (
        article: string | null,
        label: string | null,
        field: Doc["field"],
        text: string | undefined,
      ) => {
        if (text)
          this.docs.push({
            instrument: i.id,
            instrument_title: title,
            article,
            label,
            field,
            text,
            folded: fold(text),
          });
      };
      add(
        null,
        null,
        "title",
        [i.title, i.short_title, ...(i.aliases ?? []), ...(i.original_titles ?? []).map((t) => t.title)]
          .filter(Boolean)
          .join(" · "),
      );
      for (const n of i.notes ?? []) add(null, null, "note", n);
      const articles = [...i.articles, ...(i.parts ?? []).flatMap((p) => p.articles)];
      for (const a of articles) {
        const label = a.label ?? `Art. ${a.number}`;
        add(a.number, label, "text", [a.title, a.subject, a.text].filter(Boolean).join(" — "));
        for (const r of a.renderings ?? []) add(a.number, label, "rendering", r.text);
        for (const v of a.versions ?? []) add(a.number, label, "text", v.text);
        for (const p of [...(a.provisions ?? []), ...(a.versions ?? []).flatMap((v) => v.provisions ?? [])])
          for (const r of p.readings ?? [])
            add(a.number, label, "reading", [r.label, r.because, r.note].filter(Boolean).join(" — "));
        add(a.number, label, "note", a.note);
      }
    }
  }

  search(query: string, limit = 30): SearchHit[] {
    const terms = fold(query)
      .split(/\s+/)
      .filter((t) => t.length > 0);
    if (terms.length === 0) return [];
    const hits: SearchHit[] = [];
    for (const d of this.docs) {
      if (!terms.every((t) => d.folded.includes(t))) continue;
      const count = terms.reduce((n, t) => n + d.folded.split(t).length - 1, 0);
      const weight = d.field === "title" ? 5 : d.field === "text" ? 2 : 1;
      hits.push({
        instrument: d.instrument,
        instrument_title: d.instrument_title,
        article: d.article,
        label: d.label,
        field: d.field,
        snippet: snippet(d.text, d.folded, terms[0] as string),
        score: count * weight,
      });
    }
    return hits
      .sort((a, b) => b.score - a.score || a.instrument_title.localeCompare(b.instrument_title))
      .slice(0, limit);
  }
}

/** About 160 characters around the first match (folding keeps the length of most texts; else the start). */
function snippet(text: string, folded: string, term: string): string {
  // The folded text has a space added at each end.
  const at = folded.length - 2 === text.length ? Math.max(0, folded.indexOf(term) - 1) : 0;
  const from = Math.max(0, at - 60);
  const to = Math.min(text.length, at + 100);
  return `${from > 0 ? "…" : ""}${text.slice(from, to).trim()}${to < text.length ? "…" : ""}`;
}
