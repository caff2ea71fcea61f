import { useEffect, useMemo, useRef, useState } from "react";
import { confidenceText, longDate, triggerText } from "../../report/words.js";
import { api } from "../lib/api.js";
import type { Instrument, StateInfo } from "../lib/types.js";

type Article = Instrument["articles"][number];
type Provision = NonNullable<Article["provisions"]>[number];

interface Props {
  id: string;
  article: string | null;
  states: readonly StateInfo[];
  onArticle: (article: string | null) => void;
  onClose: () => void;
}

function SourceLine({
  sources,
  sid,
  confidence,
}: {
  sources: Instrument["sources"];
  sid: string | undefined;
  confidence?: string | undefined;
}) {
  const s = sources.find((x) => x.id === sid);
  return (
    <p className="source">
      {confidence && (
        <span className={`confidence ${confidence}`} title={confidenceText(confidence as "verbatim")}>
          {confidence}
        </span>
      )}{" "}
      {s ? (
        s.url ? (
          <a href={s.url} target="_blank" rel="noreferrer noopener">
            {s.title}
          </a>
        ) : (
          s.title
        )
      ) : (
        "no source recorded"
      )}
      {s?.publisher ? `, ${s.publisher}` : ""}
      {s?.date ? ` (${s.date})` : ""}
    </p>
  );
}

/**
 * A treaty for a lawyer to check article by article: each article's text and its renderings, and beside
 * it the provisions casus encodes from it, with their readings, sources, parties over time and dates.
 */
export function TreatyReader({ id, article, states, onArticle, onClose }: Props) {
  const [instrument, setInstrument] = useState<Instrument | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    let live = true;
    setInstrument(null);
    setError(null);
    api
      .instrument(id)
      .then((i) => live && setInstrument(i))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [id]);
  // Open at the article asked for, else at the title.
  useEffect(() => {
    if (!instrument) return;
    const target = article ? document.getElementById(`article-${article}`) : heading.current;
    target?.scrollIntoView({ block: "start" });
    (target?.querySelector("h3") ?? target)?.focus?.();
  }, [instrument, article]);

  const nameOf = useMemo(() => {
    const names = new Map(states.map((s) => [s.code, s.name]));
    return (code: string) => names.get(code) ?? code;
  }, [states]);

  if (error) return <p className="error banner">This treaty could not be opened: {error}</p>;
  if (!instrument) return <p className="hint">Opening the treaty…</p>;
  const articles = [
    ...instrument.articles.map((a) => ({ a, part: null as string | null })),
    ...(instrument.parts ?? []).flatMap((p) => p.articles.map((a) => ({ a, part: p.title }))),
  ];
  return (
    <section className="reader" aria-labelledby="reader-h" data-instrument={instrument.id}>
      <div className="reader-head">
        <h2 id="reader-h" ref={heading} tabIndex={-1}>
          {instrument.title}
        </h2>
        <button type="button" onClick={onClose}>
          Back to the answer
        </button>
      </div>
      {(instrument.original_titles ?? []).map((t) => (
        <p key={t.lang} className="original-title" lang={t.lang}>
          {t.title}
        </p>
      ))}
      <dl className="facts">
        <dt>Kind</dt>
        <dd>
          {instrument.kind.replace(/-/g, " ")},{" "}
          {instrument.legal_force === "binding"
            ? "legally binding"
            : instrument.legal_force === "political"
              ? "a political commitment, not legally binding"
              : "a domestic act"}
        </dd>
        <dt>Signed</dt>
        <dd>
          {longDate(instrument.dates.signed)}
          {instrument.dates.signed_at ? ` at ${instrument.dates.signed_at}` : ""}
        </dd>
        <dt>In force</dt>
        <dd>
          {instrument.dates.in_force ? longDate(instrument.dates.in_force) : "no entry into force recorded"}
        </dd>
        {instrument.dates.terminated && (
          <>
            <dt>Ended</dt>
            <dd>
              {longDate(instrument.dates.terminated)}
              {instrument.dates.termination_reason ? ` — ${instrument.dates.termination_reason}` : ""}
            </dd>
          </>
        )}
      </dl>

      <h3>Parties over time</h3>
      {instrument.parties?.length ? (
        <ul className="parties">
          {instrument.parties.map((p) => (
            <li key={`${p.party}-${p.joined ?? ""}`}>
              {nameOf(p.party)}
              {p.joined ? `, from ${longDate(p.joined)}` : ""}
              {p.left ? `, until ${longDate(p.left)}${p.left_reason ? ` (${p.left_reason})` : ""}` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">
          {instrument.parties_of ? `The parties of ${instrument.parties_of}.` : "No parties listed."}
        </p>
      )}
      {(instrument.suspensions ?? []).length > 0 && (
        <ul className="suspensions">
          {(instrument.suspensions ?? []).map((s) => (
            <li key={`${s.obligor}-${s.toward}-${s.from}`}>
              {nameOf(s.obligor)}'s obligations toward {nameOf(s.toward)} suspended from {longDate(s.from)}
              {s.to ? ` to ${longDate(s.to)}` : ""}: {s.reason}
            </li>
          ))}
        </ul>
      )}

      <nav className="reader-toc" aria-label="Articles">
        {articles.map(({ a }) => (
          <button
            type="button"
            key={a.number}
            className="small"
            aria-current={a.number === article ? "true" : undefined}
            onClick={() => onArticle(a.number)}
          >
            {a.label ?? `Art. ${a.number}`}
          </button>
        ))}
      </nav>

      {articles.map(({ a, part }) => (
        <article
          key={`${part ?? ""}-${a.number}`}
          id={`article-${a.number}`}
          className="reader-article"
          data-article={a.number}
        >
          <h3 tabIndex={-1}>
            {part ? `${part}, ` : ""}
            {a.label ?? `Art. ${a.number}`}
            {a.title ? ` — ${a.title}` : ""}
          </h3>
          <div className="reader-columns">
            <div className="reader-text">
              {(a.versions ?? []).map((v) => (
                <div key={v.from} className="version">
                  <p className="hint">
                    From {longDate(v.from)}
                    {v.to ? ` to ${longDate(v.to)}` : ""}
                    {v.amended_by ? ` (amended by ${v.amended_by})` : ""}
                  </p>
                  {v.text && <blockquote lang={v.lang}>{v.text}</blockquote>}
                  <SourceLine sources={instrument.sources} sid={v.source} confidence={v.quote_confidence} />
                </div>
              ))}
              {a.text ? (
                <>
                  <blockquote lang={a.lang} className={`quote ${a.quote_confidence ?? ""}`}>
                    {a.text}
                  </blockquote>
                  <SourceLine sources={instrument.sources} sid={a.source} confidence={a.quote_confidence} />
                </>
              ) : (
                !a.versions && (
                  <p className="hint">{a.subject ?? "The text of this article is not encoded."}</p>
                )
              )}
              {(a.renderings ?? []).length > 0 && (
                <div className="renderings">
                  <h4>Renderings</h4>
                  {(a.renderings ?? []).map((r) => (
                    <div key={`${r.source}-${r.lang ?? ""}-${r.text.slice(0, 20)}`} className="rendering">
                      <blockquote lang={r.lang}>{r.text}</blockquote>
                      <SourceLine
                        sources={instrument.sources}
                        sid={r.source}
                        confidence={r.quote_confidence}
                      />
                      {r.reading && <p className="hint">Supports the reading “{r.reading}”.</p>}
                      {r.note && <p className="hint">{r.note}</p>}
                    </div>
                  ))}
                </div>
              )}
              {a.note && <p className="note">{a.note}</p>}
            </div>
            <div className="reader-provisions">
              <h4>Encoded as</h4>
              {[...(a.provisions ?? []), ...(a.versions ?? []).flatMap((v) => v.provisions ?? [])].length ===
                0 && <p className="hint">No obligation is encoded from this article.</p>}
              {[...(a.provisions ?? []), ...(a.versions ?? []).flatMap((v) => v.provisions ?? [])].map(
                (p: Provision) => (
                  <div key={p.id} className="provision" data-provision={p.id}>
                    <p>
                      <strong>{p.kind.replace(/-/g, " ")}</strong>, {p.strength}
                      {p.paragraph ? ` (para. ${p.paragraph})` : ""}
                    </p>
                    <p className="hint">
                      {p.obligors === "parties" || !p.obligors
                        ? "every party"
                        : p.obligors.map(nameOf).join(", ")}{" "}
                      toward{" "}
                      {p.beneficiaries === "other-parties" || !p.beneficiaries
                        ? "the other parties"
                        : p.beneficiaries.map(nameOf).join(", ")}
                    </p>
                    {p.trigger && <p>When: {triggerText(p.trigger)}</p>}
                    {p.qualifiers?.length ? (
                      <p className="hint">Qualified by: {p.qualifiers.join(", ")}</p>
                    ) : null}
                    {(p.readings ?? []).length > 0 && (
                      <ul className="readings-list">
                        {(p.readings ?? []).map((r) => (
                          <li key={r.id}>
                            {r.label}
                            {r.held_by?.length ? (
                              <span className="held-by"> (held by {r.held_by.join(", ")})</span>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    )}
                    {p.note && <p className="hint">{p.note}</p>}
                  </div>
                ),
              )}
            </div>
          </div>
        </article>
      ))}

      <h3>Sources</h3>
      <ul className="sources">
        {instrument.sources.map((s) => (
          <li key={s.id}>
            {s.url ? (
              <a href={s.url} target="_blank" rel="noreferrer noopener">
                {s.title}
              </a>
            ) : (
              s.title
            )}
            {s.publisher ? `, ${s.publisher}` : ""}
            {s.date ? ` (${s.date})` : ""}
            {s.checked_on ? <span className="hint"> — checked {longDate(s.checked_on)}</span> : null}
          </li>
        ))}
      </ul>
      {(instrument.notes ?? []).map((n) => (
        <p key={n.slice(0, 40)} className="note">
          {n}
        </p>
      ))}
    </section>
  );
}
