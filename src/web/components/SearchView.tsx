import { useEffect, useState } from "react";
import { api, type SearchHit } from "../lib/api.js";

const FIELD: Record<SearchHit["field"], string> = {
  title: "title",
  text: "text",
  rendering: "rendering",
  reading: "reading",
  note: "note",
};

/** Full-text search over the library; each hit opens the treaty at its article. */
export function SearchView({
  query,
  onOpen,
  onClose,
}: {
  query: string;
  onOpen: (instrument: string, article: string | null) => void;
  onClose: () => void;
}) {
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setHits(null);
    api
      .search(query)
      .then((r) => live && setHits(r.hits))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [query]);
  return (
    <section className="search-results" aria-labelledby="search-h">
      <div className="reader-head">
        <h2 id="search-h">The library on “{query}”</h2>
        <button type="button" onClick={onClose}>
          Back to the answer
        </button>
      </div>
      {error && <p className="error">{error}</p>}
      {hits === null && !error && <p className="hint">Searching…</p>}
      {hits?.length === 0 && <p>Nothing in the library has every one of these words.</p>}
      <ol>
        {hits?.map((h) => (
          <li key={`${h.instrument}-${h.article ?? ""}-${h.field}-${h.snippet.slice(0, 30)}`}>
            <button type="button" className="link-button" onClick={() => onOpen(h.instrument, h.article)}>
              {h.instrument_title}
              {h.label ? `, ${h.label}` : ""}
            </button>{" "}
            <span className="hint">({FIELD[h.field]})</span>
            <p className="snippet">{h.snippet}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
