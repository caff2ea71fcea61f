import { digest, relevant } from "../../report/digest.js";
import { someNames } from "../../report/print.js";
import { codeOf, longDate } from "../../report/words.js";
import type { Result, StateRef } from "../lib/types.js";
import { type PointActions, PointButtons } from "./explain/Points.js";

interface Props {
  result: Result;
  actions: PointActions;
  onSelect: (code: string) => void;
  onReadings: () => void;
}

/** Names as buttons that explain each state. */
function States({
  list,
  onSelect,
  max = 8,
}: {
  list: readonly StateRef[];
  onSelect: (code: string) => void;
  max?: number;
}) {
  const shown = list.slice(0, max);
  return (
    <>
      {shown.map((s, i) => (
        <span key={codeOf(s)}>
          {i > 0 && (i === shown.length - 1 && list.length <= max ? " and " : ", ")}
          <button type="button" className="link-button state-link" onClick={() => onSelect(codeOf(s))}>
            {s.name}
          </button>
        </span>
      ))}
      {list.length > max && ` and ${list.length - max} more`}
    </>
  );
}

/**
 * The first screen: the answer in a sentence or two, who is bound (strongest first), who is notably not,
 * the points that would change it most, and the date and reading it is given under.
 */
export function AnswerCard({ result, actions, onSelect, onReadings }: Props) {
  const d = digest(relevant(result), 3);
  return (
    <section className="answer-card" aria-labelledby="answer-h" data-testid="answer">
      <h2 id="answer-h" className="visually-hidden">
        The answer
      </h2>
      <p className="headline">{d.answer}</p>
      <div className="answer-columns">
        {d.bound.length > 0 && (
          <div>
            <h3>Who is bound</h3>
            <ul className="bound-list">
              {d.bound.slice(0, 6).map((r) => (
                <li
                  key={`${r.head.instrument}-${r.head.provision}-${codeOf(r.beneficiary)}-${r.obligors.map(codeOf).join()}`}
                  data-strength={r.strength}
                >
                  <States list={r.obligors} onSelect={onSelect} /> → {r.beneficiary.name}:{" "}
                  <strong>{r.how}</strong>
                  {r.joins ? ", joins the war" : ""} <span className="hint">— {r.cite}</span>
                </li>
              ))}
              {d.bound.length > 6 && (
                <li className="hint">
                  and {d.bound.length - 6} more (pick a state for all of its obligations)
                </li>
              )}
              {d.committed.length > 0 && (
                <li className="hint">
                  Not legal obligations:{" "}
                  {d.committed.map((c) => `${someNames(c.obligors, 3)} (${c.cite})`).join("; ")}
                </li>
              )}
            </ul>
          </div>
        )}
        {d.notBound.length > 0 && (
          <div>
            <h3>Notably not bound</h3>
            <ul className="not-bound-list">
              {d.notBound.map((r) => (
                <li key={`${r.head.instrument}-${r.head.provision}-${codeOf(r.beneficiary)}`}>
                  <States list={r.obligors} onSelect={onSelect} max={4} /> → {r.beneficiary.name}{" "}
                  <span className="hint">({r.cite})</span>: {r.why}
                </li>
              ))}
            </ul>
          </div>
        )}
        {d.changes.length > 0 && (
          <div>
            <h3>What would change it most</h3>
            <ul className="changes-list">
              {d.changes.map((c) => (
                <li key={`${c.contested.point.kind}-${c.contested.point.id}`}>
                  {c.label}: <strong>{c.effect}</strong>{" "}
                  <PointButtons point={c.contested.point} actions={actions} />
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <p className="answer-basis">
        As of {longDate(d.asOf)}, read under: {d.readings.join("; ")}.{" "}
        <button type="button" className="link-button" onClick={onReadings}>
          Change the reading
        </button>
      </p>
    </section>
  );
}
