import { useEffect, useMemo, useRef } from "react";
import {
  belligerentText,
  citation,
  codedText,
  conditionText,
  confidenceText,
  conflictText,
  conflictViewText,
  counterfactual,
  pointKindText,
  pointLabel,
  readingLabel,
  standingText,
  strengthText,
  violationText,
} from "../../report/words.js";
import { codeOf, ROLE, rankOf, roleOfObligation, type StateRole } from "../lib/roles.js";
import type {
  ActorRef,
  Assumption,
  Contested,
  ContestedFlip,
  NotTriggered,
  Obligation,
  Result,
} from "../lib/types.js";

export interface ReadingChoice {
  /** The id to pass as `reading=` (victim, territorial or an instrument reading id). */
  id: string;
  adopted: boolean;
}

interface Props {
  result: Result;
  code: string;
  name: string;
  role: StateRole | undefined;
  /** Bumped when the user picks a state: the panel then takes focus. */
  focusToken: number;
  /** Said under the heading when the map shows something else than the answer. */
  note: string | null;
  readingOf: (point: Contested["point"]) => ReadingChoice | null;
  onReading: (choice: ReadingChoice) => void;
  onSelect: (code: string) => void;
  onClose: () => void;
}

/** An article's words, once, from the result's `texts`, with its source and how sure the wording is. */
export function Quote({ id, result }: { id: string; result: Result }) {
  const text = result.texts.find((t) => t.id === id);
  if (!text) return null;
  if (text.coded) return <p className="source coded">{codedText(text.coded)}</p>;
  const source = text.source ? result.sources.find((s) => s.id === text.source) : undefined;
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
            {source.title}
          </a>
        ) : (
          (source?.title ?? "no source recorded")
        )}
        {source?.date ? ` (${source.date})` : ""}
      </p>
    </>
  );
}

function Flips({
  flips,
  result,
  readingOf,
  onReading,
}: {
  flips: PointFlip[];
  result: Result;
  readingOf: Props["readingOf"];
  onReading: Props["onReading"];
}) {
  if (flips.length === 0) return null;
  return (
    <div className="flips">
      <h5>Contested readings that change it</h5>
      <ul>
        {flips.map(({ contested, flip }) => {
          const point = contested.point;
          const choice = readingOf(point);
          return (
            <li key={`${point.id}-${flip.beneficiary.name}-${flip.instrument}-${flip.article}`}>
              <span className="flip-change">
                {standingText(flip.main)} → <strong>{standingText(flip.alternative)}</strong>
              </span>{" "}
              — <PointLabel contested={contested} result={result} />
              <HeldBy point={point} />
              <ReadingButton choice={choice} onReading={onReading} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function ObligationCard({
  o,
  result,
  assumptions,
  flips,
  readingOf,
  onReading,
  onSelect,
}: {
  o: Obligation;
  result: Result;
  assumptions: ReadonlyMap<string, Assumption>;
  flips: PointFlip[];
  readingOf: Props["readingOf"];
  onReading: Props["onReading"];
  onSelect: (code: string) => void;
}) {
  const role = ROLE[roleOfObligation(o)];
  return (
    <article className="obligation" data-instrument={o.instrument} data-article={o.article}>
      <h4>
        <span className="swatch" style={{ background: role.color }} aria-hidden="true" />
        {o.kind} ({strengthText(o.strength)}) toward{" "}
        <button type="button" className="link-button" onClick={() => onSelect(codeOf(o.beneficiary))}>
          {o.beneficiary.name}
        </button>
      </h4>
      <p className="cite">
        <strong>{citation(result, o)}</strong>
        {o.against.length > 0 && <> · against {o.against.map((a) => a.name).join(", ")}</>}
        {o.joins_war && <span className="badge war">joins the war</span>}
        {o.wave > 0 && <span className="badge">wave {o.wave}</span>}
      </p>
      <Quote id={o.text} result={result} />
      <h5>Conditions</h5>
      <ul className="conditions">
        {o.conditions.map((c, i) => {
          const a = c.assumption ? assumptions.get(c.assumption) : undefined;
          return (
            // Conditions have no id of their own; their order is the engine's and stable.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={i} className={c.met ? "met" : "unmet"}>
              <span className="tick" role="img" aria-label={c.met ? "met" : "not met"}>
                {c.met ? "✓" : "✗"}
              </span>{" "}
              {conditionText(c, result)}
              {a && (
                <span className="assumption">
                  {" "}
                  — assumption{a.disputed ? ", disputed" : ""} ({a.origin})
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {o.pivotal && (
        <p className="pivotal">
          <strong>Pivotal condition:</strong> {counterfactual(o.pivotal, o.conditions, result)}
        </p>
      )}
      {o.qualifiers.length > 0 && <p className="qualifiers">Qualified by: {o.qualifiers.join(", ")}</p>}
      {o.readings.length > 0 && (
        <p className="qualifiers">
          Under the reading(s): {o.readings.map((k) => readingLabel(result, k)).join(", ")}
        </p>
      )}
      <Flips flips={flips} result={result} readingOf={readingOf} onReading={onReading} />
    </article>
  );
}

/** A flip with the contested point it belongs to and the general reading both answers share. */
interface PointFlip {
  contested: Contested;
  flip: ContestedFlip;
}

interface FlipRow {
  instrument: string;
  article: string;
  kind: string;
  main: string;
  alternative: string;
  beneficiaries: string[];
}

/** One entry per contested point, and in it one row per provision and change, naming every beneficiary. */
function groupFlips(flips: PointFlip[]): { contested: Contested; rows: FlipRow[] }[] {
  const groups = new Map<string, { contested: Contested; rows: Map<string, FlipRow> }>();
  for (const { contested, flip } of flips) {
    const id = `${contested.point.kind}:${contested.point.id}:${contested.under}`;
    const group = groups.get(id) ?? { contested, rows: new Map() };
    groups.set(id, group);
    const main = standingText(flip.main);
    const alternative = standingText(flip.alternative);
    const key = `${flip.instrument}|${flip.article}|${flip.kind}|${main}|${alternative}`;
    const row = group.rows.get(key) ?? {
      instrument: flip.instrument,
      article: flip.article,
      kind: flip.kind,
      main,
      alternative,
      beneficiaries: [],
    };
    if (!row.beneficiaries.includes(flip.beneficiary.name)) row.beneficiaries.push(flip.beneficiary.name);
    group.rows.set(key, row);
  }
  return [...groups.values()].map((g) => ({ contested: g.contested, rows: [...g.rows.values()] }));
}

/** Adopts or drops the instrument reading a contested point is about. */
export function ReadingButton({
  choice,
  onReading,
}: {
  choice: ReadingChoice | null;
  onReading: (choice: ReadingChoice) => void;
}) {
  if (!choice) return null;
  return (
    <button type="button" className="link-button" onClick={() => onReading(choice)}>
      {choice.adopted ? "Drop this reading" : "Read it this way"}
    </button>
  );
}

export function HeldBy({ point }: { point: Contested["point"] }) {
  return point.held_by.length > 0 ? (
    <span className="held-by"> (held by {point.held_by.join(", ")})</span>
  ) : null;
}

/** What a contested point says, after what kind of point it is. */
export function PointLabel({ contested, result }: { contested: Contested; result: Result }) {
  return (
    <>
      <span className="point-kind">{pointKindText(contested.point.kind)}:</span>{" "}
      {pointLabel(contested, result)}
    </>
  );
}

function NotTriggeredList({ items, result }: { items: NotTriggered[]; result: Result }) {
  return (
    <ul className="not-triggered">
      {items.map((n) => (
        <li key={`${n.instrument}-${n.provision}-${codeOf(n.beneficiary)}`}>
          <strong>{citation(result, n)}</strong> ({n.kind}) toward {n.beneficiary.name}
          <ul className="unmet">
            {n.unmet.map((u) => (
              <li key={`${u.code}-${u.detail ?? ""}`}>
                <span className="tick" role="img" aria-label="not met">
                  ✗
                </span>{" "}
                {conditionText(u, result)}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/** "Why is this state bound, or not?": its part of the answer, with the articles quoted. */
export function Explanation(props: Props) {
  const { result, code, name, role, focusToken, note, readingOf, onReading, onSelect, onClose } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusToken > 0) heading.current?.focus();
  }, [focusToken]);

  const view = useMemo(() => {
    const is = (a: ActorRef) => codeOf(a) === code;
    const flipsOf = result.contested.flatMap((c) =>
      c.flips.filter((f) => is(f.obligor)).map((flip) => ({ contested: c, flip })),
    );
    // The strongest obligations first (defence before consultation), then by wave.
    const bound = result.obligations
      .filter((o) => is(o.obligor))
      .sort((a, b) => rankOf(roleOfObligation(a)) - rankOf(roleOfObligation(b)) || a.wave - b.wave);
    const matches = (o: Obligation, f: ContestedFlip) =>
      f.instrument === o.instrument &&
      f.article === o.article &&
      codeOf(f.beneficiary) === codeOf(o.beneficiary);
    // A point compared under another general reading than the main answer's does not change it as it stands.
    const asItStands = ({ contested }: PointFlip) =>
      result.general.includes(contested.under) || contested.point.kind === "general-reading";
    return {
      // On an obligation's card, only what changes it as it stands (under the reading in effect).
      bound: bound.map((o) => ({ o, flips: flipsOf.filter((p) => matches(o, p.flip) && asItStands(p)) })),
      otherFlips: flipsOf.filter((p) => !bound.some((o) => matches(o, p.flip)) || !asItStands(p)),
      owed: result.obligations.filter((o) => is(o.beneficiary)),
      notTriggered: result.not_triggered.filter((n) => is(n.obligor)),
      belligerent: result.belligerents.filter((b) => is(b.state)),
      conflicts: result.conflicts.filter((c) => is(c.state)),
      violations: result.violations.filter((v) => is(v.by)),
      wouldBind: result.not_in_force.flatMap((n) =>
        n.would_bind.filter((o) => is(o.obligor)).map((o) => ({ n, o })),
      ),
    };
  }, [result, code]);
  const assumptions = useMemo(() => new Map(result.assumptions.map((a) => [a.id, a])), [result]);
  const info = role ? ROLE[role.role] : ROLE["not-bound"];

  return (
    <section className="explain" aria-labelledby="explain-h" data-code={code}>
      <div className="explain-head">
        <h2 id="explain-h" ref={heading} tabIndex={-1}>
          {name}
        </h2>
        <span className="role-badge" style={{ background: info.color }} data-role={role?.role ?? "not-bound"}>
          {info.label}
        </span>
        <button type="button" onClick={onClose} aria-label="Close the explanation and show the whole answer">
          Back to the answer
        </button>
      </div>
      {note && <p className="mode-note">{note}</p>}

      {view.belligerent.map((b) => (
        <p key={b.war} className="belligerent">
          {belligerentText(b, result)}.
        </p>
      ))}

      <h3>Bound to ({view.bound.length})</h3>
      {view.bound.length === 0 ? (
        <p>No obligation is triggered for {name} in this answer.</p>
      ) : (
        view.bound.map(({ o, flips }) => (
          <ObligationCard
            key={`${o.instrument}-${o.provision}-${codeOf(o.beneficiary)}`}
            o={o}
            result={result}
            assumptions={assumptions}
            flips={flips}
            readingOf={readingOf}
            onReading={onReading}
            onSelect={onSelect}
          />
        ))
      )}

      {view.otherFlips.length > 0 && (
        <>
          <h3>Changed by a contested reading</h3>
          {groupFlips(view.otherFlips).map(({ contested, rows }) => {
            const point = contested.point;
            const choice = readingOf(point);
            const row = (r: FlipRow) => (
              <li key={`${r.instrument}-${r.article}-${r.main}-${r.alternative}`}>
                <strong>{citation(result, r)}</strong> ({r.kind}) toward {r.beneficiaries.join(", ")}:{" "}
                {r.main} → <strong>{r.alternative}</strong>
              </li>
            );
            return (
              <div key={`${point.kind}-${point.id}-${contested.under}`} className="flip-group">
                <p>
                  <PointLabel contested={contested} result={result} />
                  {!result.general.includes(contested.under) && point.kind !== "general-reading" && (
                    <span className="held-by">
                      {" "}
                      (compared under the {readingLabel(result, contested.under)})
                    </span>
                  )}
                  <HeldBy point={point} />
                  <ReadingButton choice={choice} onReading={onReading} />
                </p>
                <ul className="other-flips">{rows.slice(0, 6).map(row)}</ul>
                {rows.length > 6 && (
                  <details>
                    <summary>{rows.length - 6} more</summary>
                    <ul className="other-flips">{rows.slice(6).map(row)}</ul>
                  </details>
                )}
              </div>
            );
          })}
        </>
      )}

      {view.conflicts.length > 0 && (
        <>
          <h3>Conflicting obligations</h3>
          {view.conflicts.map((c) => (
            <div
              key={`${c.kind}-${c.against?.text ?? ""}-${c.obligations.map((o) => o.instrument).join()}`}
              className="conflict"
            >
              <p>{conflictText(c, result)}</p>
              {c.against && <Quote id={c.against.text} result={result} />}
              <ul>
                {c.views.map((v) => (
                  <li key={v.view}>{conflictViewText(v, result)}</li>
                ))}
              </ul>
            </div>
          ))}
        </>
      )}

      {view.violations.length > 0 && (
        <>
          <h3>Its conduct breaches</h3>
          {view.violations.map((v) => (
            <div key={`${v.event}-${v.instrument}-${v.article}`} className="violation">
              <p>{violationText(v, result)}</p>
              <Quote id={v.text} result={result} />
            </div>
          ))}
        </>
      )}

      {view.owed.length > 0 && (
        <>
          <h3>Owed to {name}</h3>
          <ul className="owed">
            {view.owed.map((o) => (
              <li key={`${o.instrument}-${o.provision}-${codeOf(o.obligor)}`}>
                <button type="button" className="link-button" onClick={() => onSelect(codeOf(o.obligor))}>
                  {o.obligor.name}
                </button>
                : {o.kind} ({strengthText(o.strength)}), {citation(result, o)}
              </li>
            ))}
          </ul>
        </>
      )}

      {view.wouldBind.length > 0 && (
        <>
          <h3>Would bind if in force</h3>
          {view.wouldBind.map(({ n, o }) => (
            <div key={`${n.instrument}-${o.provision}-${codeOf(o.beneficiary)}`} className="would-bind">
              <p>
                <strong>{citation(result, o)}</strong> ({n.status} {n.signed}
                {n.in_force ? `, in force from ${n.in_force}` : ", no entry into force recorded"}): {o.kind} (
                {strengthText(o.strength)}) toward {o.beneficiary.name}
              </p>
              <Quote id={o.text} result={result} />
            </div>
          ))}
        </>
      )}

      <h3>Not triggered ({view.notTriggered.length})</h3>
      {view.notTriggered.length === 0 ? (
        <p className="hint">No other provision binding {name} was tested.</p>
      ) : (
        <NotTriggeredList items={view.notTriggered} result={result} />
      )}
    </section>
  );
}
