import { useEffect, useMemo, useRef, useState } from "react";
import { compare, dateLabel, readingLabels, standText } from "../../report/compare.js";
import { answerSentence } from "../../report/digest.js";
import { codeOf, conditionText, instrumentTitle, longDate } from "../../report/words.js";
import { useAnswer } from "../lib/answer.js";
import type { Asked } from "../lib/api.js";
import type { CompareSpec } from "../lib/hash.js";
import type { ReadingInfo, Result, Scenario, ShippedScenario } from "../lib/types.js";

interface Props {
  /** The answer on screen (A). */
  result: Result;
  scenario: Scenario;
  asked: Asked;
  readings: readonly string[];
  spec: CompareSpec;
  known: readonly ReadingInfo[];
  shipped: readonly ShippedScenario[];
  onSpec: (spec: CompareSpec) => void;
  onSelect: (code: string) => void;
  onClose: () => void;
}

/** The question B asks: the same scenario with one more reading, on another date, or another scenario. */
function secondQuestion(props: Props): { asked: Asked; readings: string[] } | null {
  const { spec, asked, scenario, readings, known, shipped } = props;
  if (spec.kind === "reading") {
    const axis = known.find((r) => r.key === spec.id)?.axis ?? null;
    const same = (r: string) => axis !== null && known.find((k) => k.key === r)?.axis === axis;
    return { asked, readings: [...readings.filter((r) => !same(r) && r !== spec.id), spec.id] };
  }
  if (spec.kind === "on")
    return { asked: { scenario: { ...scenario, as_of: spec.date } }, readings: [...readings] };
  const other = shipped.find((s) => s.id === spec.id);
  return other ? { asked: { scenario: other.scenario }, readings: [...readings] } : null;
}

/** Two answers side by side, the differences first: who changes, and why. */
export function CompareView(props: Props) {
  const { result, spec, known, shipped, onSpec, onSelect, onClose } = props;
  const second = secondQuestion(props);
  const key = JSON.stringify([
    spec,
    props.readings,
    "saved" in props.asked ? props.asked.saved : props.scenario.title,
  ]);
  const [answer, busy] = useAnswer(second?.asked ?? null, second?.readings ?? [], key);
  const other = answer?.key === key ? answer.result : null;
  const comparison = useMemo(() => {
    if (!other) return null;
    if (spec.kind === "reading") {
      const [a, b] = readingLabels(result, other);
      return compare({ label: a, result }, { label: b, result: other });
    }
    if (spec.kind === "on")
      return compare(
        { label: dateLabel(result.as_of), result },
        { label: dateLabel(other.as_of), result: other },
      );
    return compare({ label: result.title, result }, { label: other.title, result: other });
  }, [result, other, spec]);
  const [date, setDate] = useState(spec.kind === "on" ? spec.date : result.as_of);
  // Opened from a button lower on the page: bring the comparison into view.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);

  return (
    <section
      className="compare"
      aria-labelledby="compare-h"
      data-ready={comparison && !busy ? "true" : "false"}
    >
      <div className="reader-head">
        <h2 id="compare-h" ref={heading} tabIndex={-1}>
          Compare
        </h2>
        <button type="button" onClick={onClose}>
          Back to the answer
        </button>
      </div>
      <div className="compare-controls">
        <label>
          With the reading
          <select
            value={spec.kind === "reading" ? spec.id : ""}
            onChange={(e) => e.target.value && onSpec({ kind: "reading", id: e.target.value })}
          >
            <option value="">— choose —</option>
            {known
              .filter((r) => !r.adopted)
              .map((r) => (
                <option key={r.key} value={r.key}>
                  {r.kind === "general" ? r.label : `${instrumentTitle(result, r.instrument)}: ${r.label}`}
                </option>
              ))}
          </select>
        </label>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onSpec({ kind: "on", date });
          }}
        >
          <label>
            On another date
            <input type="date" min="1815-01-01" value={date} onChange={(e) => setDate(e.target.value)} />
          </label>
          <button type="submit" className="small">
            Compare
          </button>
        </form>
        <label>
          With another scenario
          <select
            value={spec.kind === "scenario" ? spec.id : ""}
            onChange={(e) => e.target.value && onSpec({ kind: "scenario", id: e.target.value })}
          >
            <option value="">— choose —</option>
            {shipped.map((s) => (
              <option key={s.id} value={s.id}>
                {s.scenario.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      {answer?.error && <p className="error">{answer.error}</p>}
      {!comparison ? (
        <p className="hint">{second ? "Working out the second answer…" : "Choose what to compare with."}</p>
      ) : (
        <>
          <div className="compare-columns">
            <div>
              <h3>A — {comparison.left.label}</h3>
              <p className="hint">As of {longDate(comparison.left.result.as_of)}</p>
              <p>{answerSentence(comparison.left.result)}</p>
            </div>
            <div>
              <h3>B — {comparison.right.label}</h3>
              <p className="hint">As of {longDate(comparison.right.result.as_of)}</p>
              <p>{answerSentence(comparison.right.result)}</p>
            </div>
          </div>
          <h3>What changes from A to B</h3>
          {comparison.changes.length === 0 && comparison.joins.length === 0 && (
            <p>Nothing: the same states are bound, as strongly, toward the same states.</p>
          )}
          <ul className="changes">
            {comparison.changes.map((c) => (
              <li
                key={`${codeOf(c.obligor)}-${codeOf(c.beneficiary)}-${c.instrument}-${c.article}`}
                className="change"
                data-obligor={codeOf(c.obligor)}
              >
                <button type="button" className="link-button" onClick={() => onSelect(codeOf(c.obligor))}>
                  {c.obligor.name}
                </button>{" "}
                → {c.beneficiary.name}, {c.cite}: <span className="was">{standText(c.left)}</span> →{" "}
                <strong className="now">{standText(c.right)}</strong>
                {c.why.length > 0 && (
                  <ul className="why">
                    {c.why.slice(0, 3).map((w) => (
                      <li key={`${w.code}-${w.detail ?? ""}`} className={w.met ? "met" : "unmet"}>
                        {w.met ? "✓" : "✗"} {conditionText(w, comparison.right.result, { quote: false })}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
            {comparison.joins.map((j) => (
              <li key={codeOf(j.state)} className="change joins" data-obligor={codeOf(j.state)}>
                {j.state.name} joins the war only in {j.right ? "B" : "A"}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
