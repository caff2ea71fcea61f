import { ROLE, roleOfObligation } from "../../../report/roles.js";
import {
  citation,
  codeOf,
  conditionText,
  counterfactual,
  readingLabel,
  standingText,
  strengthText,
} from "../../../report/words.js";
import type { Assumption, Contested, ContestedFlip, Obligation, Result } from "../../lib/types.js";
import { HeldBy, type PointActions, PointButtons, PointLabel } from "./Points.js";
import { Quote } from "./Quote.js";

/** A flip with the contested point it belongs to. */
export interface PointFlip {
  contested: Contested;
  flip: ContestedFlip;
}

function Flips({ flips, result, actions }: { flips: PointFlip[]; result: Result; actions: PointActions }) {
  if (flips.length === 0) return null;
  return (
    <div className="flips">
      <h5>Contested points that change it</h5>
      <ul>
        {flips.map(({ contested, flip }) => (
          <li key={`${contested.point.id}-${contested.under}-${codeOf(flip.beneficiary)}-${flip.provision}`}>
            <span className="flip-change">
              {standingText(flip.main)} → <strong>{standingText(flip.alternative)}</strong>
            </span>{" "}
            — <PointLabel contested={contested} result={result} />
            <HeldBy point={contested.point} />
            <PointButtons point={contested.point} actions={actions} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One obligation: the article quoted, each condition met or not, what it turns on, what would change it. */
export function ObligationCard({
  o,
  result,
  assumptions,
  flips,
  actions,
  onSelect,
  onTreaty,
}: {
  o: Obligation;
  result: Result;
  assumptions: ReadonlyMap<string, Assumption>;
  flips: PointFlip[];
  actions: PointActions;
  onSelect: (code: string) => void;
  onTreaty: (instrument: string, article: string) => void;
}) {
  const role = ROLE[roleOfObligation(o)];
  return (
    <article className="obligation" data-instrument={o.instrument} data-article={o.article}>
      <h4>
        <span className="swatch" style={{ background: role.color }} aria-hidden="true" />
        {strengthText(o.strength)} ({o.kind}) toward{" "}
        <button type="button" className="link-button" onClick={() => onSelect(codeOf(o.beneficiary))}>
          {o.beneficiary.name}
        </button>
      </h4>
      <p className="cite">
        <button
          type="button"
          className="link-button cite-link"
          onClick={() => onTreaty(o.instrument, o.article)}
        >
          {citation(result, o)}
        </button>
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
                  — an assumption{a.disputed ? ", disputed" : ""} (
                  {a.origin === "scenario" ? "the scenario's" : a.origin})
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {o.pivotal && (
        <p className="pivotal">
          <strong>Pivotal condition:</strong> it {counterfactual(o.pivotal, o.conditions, result)}
        </p>
      )}
      {o.readings.length > 0 && (
        <p className="qualifiers">Read under: {o.readings.map((k) => readingLabel(result, k)).join("; ")}</p>
      )}
      <Flips flips={flips} result={result} actions={actions} />
    </article>
  );
}
