import { type FormEvent, useId, useState } from "react";
import type { ReadEvent, ReadResult } from "../../read/result.js";
import { ApiError } from "../lib/api.js";
import type { Event, EventKind, Scenario } from "../lib/types.js";

const KINDS: EventKind[] = [
  "armed-attack",
  "invasion",
  "declaration-of-war",
  "threat-of-attack",
  "border-incident",
  "mobilisation",
  "blockade",
  "nuclear-use",
  "request-for-assistance",
  "request-for-consultations",
  "arms-transfer",
  "troop-deployment",
  "technology-transfer",
];

/** One suggested event as the person edits it before saving. */
interface Draft {
  include: boolean;
  event: Event;
  read: ReadEvent | null;
}

async function readArticle(text: string, dateline: string): Promise<ReadResult> {
  let response: Response;
  try {
    response = await fetch("/api/read", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text, ...(dateline ? { dateline } : {}) }),
    });
  } catch {
    throw new ApiError("the casus server does not answer (is `casus serve` running?)", 0);
  }
  const body = (await response.json().catch(() => null)) as
    | (ReadResult & { message?: string; problems?: { field: string; message: string }[] })
    | null;
  if (!response.ok)
    throw new ApiError(body?.message ?? `${response.status}`, response.status, body?.problems ?? []);
  return body as ReadResult;
}

function draftsOf(result: ReadResult): Draft[] {
  const inScenario = new Map((result.suggestion.scenario?.events ?? []).map((e) => [e.id, e]));
  return result.events.map((e) => ({
    include: inScenario.has(e.id),
    read: e,
    event: inScenario.get(e.id) ?? {
      id: e.id,
      kind: e.kind,
      by: e.by.code,
      ...(e.against ? { against: e.against.code } : {}),
      ...(e.to ? { to: e.to.code } : {}),
      start: e.date.precision === "day" && e.date.value ? e.date.value : "",
    },
  }));
}

/**
 * "Paste an article": the server reads it (POST /api/read); the panel shows each claim beside the
 * sentence that makes it, and the suggested events, which the person edits and confirms before saving.
 */
export function ReadPanel({ onSave }: { onSave: (scenario: Scenario) => Promise<void> }) {
  const id = useId();
  const [text, setText] = useState("");
  const [dateline, setDateline] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ReadResult | null>(null);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [title, setTitle] = useState("");

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await readArticle(text, dateline);
      setResult(r);
      setDrafts(draftsOf(r));
      setTitle(
        r.suggestion.scenario?.title ??
          `Suggested from an article${r.title ? `: ${r.title}` : ""}`.slice(0, 200),
      );
    } catch (err) {
      setError((err as Error).message);
      setResult(null);
    } finally {
      setBusy(false);
    }
  };

  const sentence = (sid: string) => result?.sentences.find((s) => s.id === sid)?.text ?? "";
  const update = (i: number, change: Partial<Event> | { include: boolean }) =>
    setDrafts((ds) =>
      ds.map((d, j) =>
        j !== i
          ? d
          : "include" in change
            ? { ...d, include: change.include }
            : { ...d, event: { ...d.event, ...change } },
      ),
    );
  const chosen = drafts.filter((d) => d.include);
  const ready =
    chosen.length > 0 && chosen.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.event.start) && d.event.by);
  const confirm = async () => {
    const events = chosen.map((d) => d.event);
    const asOf = events
      .map((e) => e.start)
      .sort()
      .at(-1) as string;
    await onSave({
      title: title || "Suggested from an article",
      description: "Read from a pasted article; every event was confirmed by a person before saving.",
      as_of: asOf,
      events,
    });
  };

  return (
    <section className="read-panel builder" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Read an article</h2>
      <form onSubmit={submit}>
        <label htmlFor={`${id}-text`}>Article text (pasted; nothing is fetched)</label>
        <textarea id={`${id}-text`} rows={8} value={text} onChange={(e) => setText(e.target.value)} />
        <div className="row">
          <label className="field">
            Article date, if the text gives none
            <input type="date" value={dateline} onChange={(e) => setDateline(e.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={busy || text.trim() === ""}>
            {busy ? "Reading…" : "Read"}
          </button>
        </div>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div className="read-result" data-ready="true">
          <p>
            Date: {result.dateline.date ?? "unknown"} — {result.dateline.rule}.{" "}
            {result.removed.length > 0 &&
              `Left out as boilerplate: ${result.removed.map((r) => r.reason).join(", ")}.`}
          </p>
          <h3>Instruments named</h3>
          {result.instruments.length === 0 ? (
            <p>None in the library.</p>
          ) : (
            <ul className="read-instruments">
              {result.instruments.map((i) => (
                <li key={i.id} data-instrument={i.id}>
                  <strong>{i.title}</strong> ({i.id}
                  {i.status ? `, ${i.status} on the article's date` : ""}):{" "}
                  {i.mentions.map((m) => `“${m.text}” (${m.how})`).join("; ")}
                </li>
              ))}
            </ul>
          )}
          {result.unknown_instruments.map((u) => (
            <p key={u.text}>
              Not in the library: “{u.text}” — {u.note}
            </p>
          ))}
          {result.articles.some((a) => a.kind !== "reference") && (
            <>
              <h3>Articles quoted or paraphrased</h3>
              <ul>
                {result.articles
                  .filter((a) => a.kind !== "reference")
                  .map((a) => (
                    <li key={`${a.sentence}-${a.article}`}>
                      <q>{a.text}</q> — {a.instrument ?? "an instrument not in the library"} Art. {a.article}:{" "}
                      {a.match === "same-words"
                        ? "same words as"
                        : a.match === "close"
                          ? "closest to"
                          : "matches no rendering; nearest is"}{" "}
                      {a.best
                        ? `${a.best.source.title || a.best.source.id} (closeness ${a.best.closeness})`
                        : "—"}
                      {a.candidate_rendering &&
                        " — offered as a new rendering, with this article as its source"}
                    </li>
                  ))}
              </ul>
            </>
          )}
          <h3>Suggested events — confirm or edit each</h3>
          {drafts.length === 0 && <p>No event found: nothing to run.</p>}
          <ol className="read-events">
            {drafts.map((d, i) => (
              <li key={d.event.id} data-event={d.event.id}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={d.include}
                    onChange={(e) => update(i, { include: e.target.checked })}
                  />
                  include
                </label>
                <select
                  aria-label="kind"
                  value={d.event.kind}
                  onChange={(e) => update(i, { kind: e.target.value as EventKind })}
                >
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {k}
                    </option>
                  ))}
                </select>
                <input
                  aria-label="by"
                  size={6}
                  value={d.event.by}
                  onChange={(e) => update(i, { by: e.target.value })}
                />
                <input
                  aria-label={d.event.to !== undefined ? "to" : "against"}
                  size={6}
                  value={(d.event.to ?? d.event.against) || ""}
                  onChange={(e) =>
                    update(i, d.event.to !== undefined ? { to: e.target.value } : { against: e.target.value })
                  }
                />
                <input
                  aria-label="date"
                  type="date"
                  value={d.event.start}
                  onChange={(e) => update(i, { start: e.target.value })}
                />
                {d.read && (
                  <div className="evidence">
                    {d.read.disputed && (
                      <strong>
                        Disputed
                        {d.read.claimed_by.length ? ` — claimed by ${d.read.claimed_by.join(", ")}` : ""}
                        {d.read.denied_by.length ? `; denied by ${d.read.denied_by.join(", ")}` : ""}.{" "}
                      </strong>
                    )}
                    {d.read.evidence.map((sid) => (
                      <blockquote key={sid}>
                        <mark>{sentence(sid)}</mark>
                      </blockquote>
                    ))}
                    <small>
                      Where: {d.read.place.rule}. When: {d.read.date.rule}.{d.read.notes.map((n) => ` ${n}.`)}
                    </small>
                  </div>
                )}
              </li>
            ))}
          </ol>
          {result.suggestion.what_if && (
            <div className="read-what-if">
              <h3>The suggested what-if, beside the treaties' words</h3>
              {result.suggestion.what_if.obligations.length === 0 ? (
                <p>No obligation arises from the events as suggested.</p>
              ) : (
                <ObligationList list={result.suggestion.what_if.obligations} sentence={sentence} />
              )}
              {result.suggestion.what_if.if_threats && result.suggestion.what_if.if_threats.length > 0 && (
                <>
                  <p>Only if the incidents are read as threats of attack:</p>
                  <ObligationList list={result.suggestion.what_if.if_threats} sentence={sentence} />
                </>
              )}
            </div>
          )}
          <div className="row">
            <label className="field">
              Title
              <input value={title} onChange={(e) => setTitle(e.target.value)} />
            </label>
            <button type="button" className="primary" disabled={!ready} onClick={confirm}>
              Confirm and save as a scenario
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function ObligationList({
  list,
  sentence,
}: {
  list: NonNullable<ReadResult["suggestion"]["what_if"]>["obligations"];
  sentence: (id: string) => string;
}) {
  return (
    <ul className="read-obligations">
      {list.map((o) => (
        <li key={`${o.obligor}-${o.beneficiary}-${o.instrument}-${o.article}`}>
          <strong>
            {o.obligor} → {o.beneficiary}
          </strong>
          : {o.instrument} Art. {o.article} ({o.kind}, {o.strength})
          <div className="beside">
            <blockquote>{o.treaty_text ?? "(no text in the library)"}</blockquote>
            <blockquote>
              {o.evidence.map((id) => (
                <mark key={id}>{sentence(id)} </mark>
              ))}
            </blockquote>
          </div>
        </li>
      ))}
    </ul>
  );
}
