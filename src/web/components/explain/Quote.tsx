import { codedText, confidenceText } from "../../../report/words.js";
import type { Result } from "../../lib/types.js";

/** An article's words, once, from the result's `texts`, with its source and how sure the wording is. */
export function Quote({ id, result }: { id: string; result: Result }) {
  const text = result.texts.find((t) => t.id === id);
  if (!text) return null;
  if (text.coded) return <p className="source coded">{codedText(text.coded)}</p>;
  const source = text.source ? result.sources.find((s) => s.id === text.source) : undefined;
  const title = source
    ? `${source.title}${source.publisher ? `, ${source.publisher}` : ""}`
    : "no source recorded";
  return (
    <>
      <blockquote
        cite={source?.url ?? undefined}
        className={`quote ${text.quote_confidence}`}
        lang={text.lang}
      >
        {text.quote_confidence === "paraphrase" ? text.quote : `“${text.quote}”`}
      </blockquote>
      <p className="source">
        <span className={`confidence ${text.quote_confidence}`} title={confidenceText(text.quote_confidence)}>
          {text.quote_confidence}
        </span>{" "}
        {source?.url ? (
          <a href={source.url} target="_blank" rel="noreferrer noopener">
            {title}
          </a>
        ) : (
          title
        )}
        {source?.date ? ` (${source.date})` : ""}
      </p>
    </>
  );
}
