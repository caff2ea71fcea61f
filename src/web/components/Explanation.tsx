import { useEffect, useMemo, useRef } from "react";
import { codeOf, ROLE, rankOf, roleOfObligation, type StateRole } from "../lib/roles.js";
import type {
  ActorRef,
  Assumption,
  Citation,
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
  titles: ReadonlyMap<string, string>;
  /** Bumped when the user picks a state: the panel then takes focus. */
  focusToken: number;
  /** Said under the heading when the map shows something else than the answer. */
  note: string | null;
  readingOf: (point: Contested["point"]) => ReadingChoice | null;
  onReading: (choice: ReadingChoice) => void;
  onSelect: (code: string) => void;
  onClose: () => void;
}

const articleLabel = (c: { article: string; part?: string | null; paragraph?: string | null }) =>
  `${c.part ? `${c.part}, ` : ""}Art. ${c.article}${c.paragraph ? ` ¶${c.paragraph}` : ""}`;

const CONFIDENCE: Record<Citation["quote_confidence"], string> = {
  verbatim: "verbatim: the official text as read",
  translation: "translation: not the authentic language",
  paraphrase: "paraphrase: the wording was not found; a summary",
};

export function Quote({ c }: { c: Citation }) {
  return (
    <>
      <blockquote cite={c.source.url ?? undefined} className={`quote ${c.quote_confidence}`}>
        {c.quote_confidence === "paraphrase" ? c.quote : `“${c.quote}”`}
      </blockquote>
      <p className="source">
        <span className={`confidence ${c.quote_confidence}`} title={CONFIDENCE[c.quote_confidence]}>
          {c.quote_confidence}
        </span>{" "}
        {c.source.url ? (
          <a href={c.source.url} target="_blank" rel="noreferrer noopener">
            {c.source.title}
          </a>
        ) : (
          c.source.title
        )}
        {c.source.date ? ` (${c.source.date})` : ""}
      </p>
    </>
  );
}

function Flips({
  flips,
  readingOf,
  onReading,
}: {
  flips: PointFlip[];
  readingOf: Props["readingOf"];
  onReading: Props["onReading"];
}) {
  if (flips.length === 0) return null;
  return (
    <div className="flips">
      <h5>Contested readings that change it</h5>
      <ul>
        {flips.map(({ point, flip }) => {
          const choice = readingOf(point);
          return (
            <li key={`${point.id}-${flip.beneficiary.name}-${flip.instrument}-${flip.article}`}>
              <span className="flip-change">
                {flip.main} → <strong>{flip.alternative}</strong>
              </span>{" "}
              — <PointLabel point={point} />
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
  assumptions,
  flips,
  readingOf,
  onReading,
  onSelect,
}: {
  o: Obligation;
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
        {o.kind} ({o.strength}) toward{" "}
        <button type="button" className="link-button" onClick={() => onSelect(codeOf(o.beneficiary))}>
          {o.beneficiary.name}
        </button>
      </h4>
      <p className="cite">
        <strong>{o.instrument_title}</strong>, {articleLabel(o)}
        {o.against.length > 0 && <> · against {o.against.map((a) => a.name).join(", ")}</>}
        {o.joins_war && <span className="badge war">joins the war</span>}
        {o.wave > 0 && <span className="badge">wave {o.wave}</span>}
      </p>
      <Quote c={o} />
      <h5>Conditions</h5>
      <ul className="conditions">
        {o.conditions.map((c) => {
          const a = c.assumption ? assumptions.get(c.assumption) : undefined;
          return (
            <li key={c.id} className={c.met ? "met" : "unmet"}>
              <span className="tick" role="img" aria-label={c.met ? "met" : "not met"}>
                {c.met ? "✓" : "✗"}
              </span>{" "}
              {c.text}
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
          <strong>Pivotal condition:</strong> {o.pivotal}
        </p>
      )}
      {o.qualifiers.length > 0 && <p className="qualifiers">Qualified by: {o.qualifiers.join(", ")}</p>}
      {o.reading.length > 0 && <p className="qualifiers">Under the reading(s): {o.reading.join(", ")}</p>}
      <Flips flips={flips} readingOf={readingOf} onReading={onReading} />
    </article>
  );
}

/** A flip with the contested point it belongs to and the general reading both answers share. */
interface PointFlip {
  point: Contested["point"];
  under: string;
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
function groupFlips(flips: PointFlip[]): { point: Contested["point"]; under: string; rows: FlipRow[] }[] {
  const groups = new Map<string, { point: Contested["point"]; under: string; rows: Map<string, FlipRow> }>();
  for (const { point, under, flip } of flips) {
    const id = `${point.kind}:${point.id}:${under}`;
    const group = groups.get(id) ?? { point, under, rows: new Map() };
    groups.set(id, group);
    const key = `${flip.instrument}|${flip.article}|${flip.kind}|${flip.main}|${flip.alternative}`;
    const row = group.rows.get(key) ?? {
      instrument: flip.instrument,
      article: flip.article,
      kind: flip.kind,
      main: flip.main,
      alternative: flip.alternative,
      beneficiaries: [],
    };
    if (!row.beneficiaries.includes(flip.beneficiary.name)) row.beneficiaries.push(flip.beneficiary.name);
    group.rows.set(key, row);
  }
  return [...groups.values()].map((g) => ({ point: g.point, under: g.under, rows: [...g.rows.values()] }));
}

const POINT_KIND: Record<Contested["point"]["kind"], string> = {
  "general-reading": "Reading",
  "instrument-reading": "Reading of the text",
  characterisation: "Judgement",
  retroactivity: "Retroactivity",
  sovereignty: "Sovereignty",
};

/** What a contested point says, after what kind of point it is. */
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

export function PointLabel({ point }: { point: Contested["point"] }) {
  const label = point.label.replace(/^if instead: /, "").replace(/^(territorial|victim) reading: /, "");
  const kind =
    point.kind === "general-reading"
      ? `${point.id.charAt(0).toUpperCase()}${point.id.slice(1)} reading`
      : POINT_KIND[point.kind];
  return (
    <>
      <span className="point-kind">{kind}:</span> {label}
    </>
  );
}

const INACTIVE = /^not in force on /;

function NotTriggeredList({ items, titles }: { items: NotTriggered[]; titles: ReadonlyMap<string, string> }) {
  const row = (n: NotTriggered) => (
    <li key={`${n.instrument}-${n.provision}-${codeOf(n.beneficiary)}`}>
      <strong>{titles.get(n.instrument) ?? n.instrument}</strong>, Art. {n.article} ({n.kind}) toward{" "}
      {n.beneficiary.name}
      <ul className="unmet">
        {n.unmet.map((u) => (
          <li key={u}>
            <span className="tick" role="img" aria-label="not met">
              ✗
            </span>{" "}
            {u}
          </li>
        ))}
      </ul>
    </li>
  );
  const live = items.filter((n) => !n.unmet.some((u) => INACTIVE.test(u)));
  const dead = items.filter((n) => n.unmet.some((u) => INACTIVE.test(u)));
  return (
    <>
      {live.length > 0 && <ul className="not-triggered">{live.map(row)}</ul>}
      {dead.length > 0 && (
        <details>
          <summary>
            {dead.length} provision{dead.length === 1 ? "" : "s"} of treaties not in force on the date
          </summary>
          <ul className="not-triggered">{dead.map(row)}</ul>
        </details>
      )}
    </>
  );
}

/** "Why is this state bound, or not?": its part of the answer, with the articles quoted. */
export function Explanation(props: Props) {
  const { result, code, name, role, titles, focusToken, note, readingOf, onReading, onSelect, onClose } =
    props;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusToken > 0) heading.current?.focus();
  }, [focusToken]);

  const view = useMemo(() => {
    const is = (a: ActorRef) => codeOf(a) === code;
    const flipsOf = result.contested.flatMap((c) =>
      c.flips.filter((f) => is(f.obligor)).map((flip) => ({ point: c.point, under: c.under, flip })),
    );
    // The strongest obligations first (defence before consultation), then by wave.
    const bound = result.obligations
      .filter((o) => is(o.obligor))
      .sort((a, b) => rankOf(roleOfObligation(a)) - rankOf(roleOfObligation(b)) || a.wave - b.wave);
    const matches = (o: Obligation, f: ContestedFlip) =>
      f.instrument === o.instrument &&
      f.article === o.article &&
      codeOf(f.beneficiary) === codeOf(o.beneficiary);
    return {
      // On an obligation's card, only what changes it as it stands (under the reading in effect).
      bound: bound.map((o) => ({
        o,
        flips: flipsOf.filter(
          ({ flip, under, point }) =>
            matches(o, flip) && (under === result.reading || point.kind === "general-reading"),
        ),
      })),
      otherFlips: flipsOf.filter(
        ({ flip, under, point }) =>
          !bound.some((o) => matches(o, flip)) ||
          (under !== result.reading && point.kind !== "general-reading"),
      ),
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
          At war ({b.war}), {b.side}
          {b.wave === 0
            ? " — from the outset."
            : b.via
              ? ` — joins in wave ${b.wave} through ${titles.get(b.via.instrument) ?? b.via.instrument} Art. ${b.via.article}, toward ${b.via.beneficiary.name}.`
              : ` — joins in wave ${b.wave}.`}
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
          {groupFlips(view.otherFlips).map(({ point, under, rows }) => {
            const choice = readingOf(point);
            const row = (r: FlipRow) => (
              <li key={`${r.instrument}-${r.article}-${r.main}-${r.alternative}`}>
                <strong>{titles.get(r.instrument) ?? r.instrument}</strong>, Art. {r.article} ({r.kind})
                toward {r.beneficiaries.join(", ")}: {r.main} → <strong>{r.alternative}</strong>
              </li>
            );
            return (
              <div key={`${point.kind}-${point.id}`} className="flip-group">
                <p>
                  <PointLabel point={point} />
                  {under !== result.reading && point.kind !== "general-reading" && (
                    <span className="held-by"> (compared under the {under} reading)</span>
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
            <div key={`${c.kind}-${c.description}`} className="conflict">
              <p>{c.description}</p>
              {c.prohibition && <Quote c={c.prohibition} />}
              <ul>
                {c.views.map((v) => (
                  <li key={v.view}>
                    {v.view}
                    {v.cites && (
                      <span className="hint">
                        {" "}
                        ({v.cites.instrument_title}, {articleLabel(v.cites)})
                      </span>
                    )}
                  </li>
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
              <p>
                {v.description} — <strong>{v.instrument_title}</strong>, {articleLabel(v)}
              </p>
              <Quote c={v} />
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
                : {o.kind} ({o.strength}), {titles.get(o.instrument) ?? o.instrument_title} Art. {o.article}
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
                <strong>{n.title}</strong> ({n.status} {n.signed}
                {n.in_force ? `, in force from ${n.in_force}` : ", no entry into force recorded"}), Art.{" "}
                {o.article}: {o.kind} ({o.strength}) toward {o.beneficiary.name}
              </p>
              <Quote c={o} />
            </div>
          ))}
        </>
      )}

      <h3>Not triggered ({view.notTriggered.length})</h3>
      {view.notTriggered.length === 0 ? (
        <p className="hint">No other provision binding {name} was tested.</p>
      ) : (
        <NotTriggeredList items={view.notTriggered} titles={titles} />
      )}
    </section>
  );
}
