import { groupedConflicts, groupedViolations, relevant } from "../../report/digest.js";
import { ROLE } from "../../report/roles.js";
import {
  assumptionText,
  citation,
  codeOf,
  conditionText,
  conflictViewText,
  flipSummary,
  longDate,
  names,
  possessive,
  readingLabel,
} from "../../report/words.js";
import type { Result } from "../lib/types.js";
import { HeldBy, type PointActions, PointButtons, PointLabel } from "./explain/Points.js";

interface Props {
  result: Result;
  actions: PointActions;
  onSelect: (code: string) => void;
  onTreaty: (instrument: string, article: string) => void;
}

/** The rest of the answer, before a state is picked: every contested point, conflicts, conduct, assumptions. */
export function Summary({ result: full, actions, onSelect, onTreaty }: Props) {
  const result = relevant(full);
  const signed = result.not_in_force.filter((n) => n.status === "signed");
  return (
    <section className="summary" aria-labelledby="summary-h">
      <h2 id="summary-h">Behind the answer</h2>
      <p className="hint">
        Pick a state on the map or in the list for its articles, quoted, and each condition.
      </p>

      {signed.length > 0 && (
        <>
          <h3>Signed, not in force on {result.as_of}</h3>
          <ul className="not-in-force">
            {signed.map((n) => (
              <li key={n.instrument}>
                <button
                  type="button"
                  className="link-button cite-link"
                  onClick={() => onTreaty(n.instrument, "")}
                >
                  {n.title}
                </button>
                : signed {longDate(n.signed)}
                {n.in_force ? `, in force from ${longDate(n.in_force)}` : ", no entry into force recorded"}.{" "}
                {n.would_bind.length > 0
                  ? `Were it in force, it would bind ${names([...new Map(n.would_bind.map((o) => [codeOf(o.obligor), o.obligor])).values()])}.`
                  : n.not_triggered.length > 0
                    ? "Even in force, it would bind no one here:"
                    : ""}
                {n.would_bind.length === 0 && n.not_triggered.length > 0 && (
                  <ul>
                    {n.not_triggered.slice(0, 4).map((t) => (
                      <li key={`${t.provision}-${codeOf(t.obligor)}-${codeOf(t.beneficiary)}`}>
                        {citation(result, t)}, {t.obligor.name} toward {t.beneficiary.name}:{" "}
                        {t.unmet.map((u) => conditionText(u, result, { quote: false })).join("; ")}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </>
      )}

      {result.contested.length > 0 && (
        <>
          <h3>Contested points</h3>
          <ul className="contested">
            {result.contested.map((c) => (
              <li key={`${c.point.kind}-${c.point.id}-${c.under}`}>
                <PointLabel contested={c} result={result} />
                {!result.general.includes(c.under) && c.point.kind !== "general-reading" && (
                  <span className="held-by"> (compared under the {readingLabel(result, c.under)})</span>
                )}
                <HeldBy point={c.point} />
                <span className="effect"> — {flipSummary(c, result)}</span>{" "}
                <PointButtons point={c.point} actions={actions} />
              </li>
            ))}
          </ul>
        </>
      )}

      {result.conflicts.length > 0 && (
        <>
          <h3>Conflicting obligations</h3>
          <ul>
            {groupedConflicts(result.conflicts).map((g) => (
              <li key={`${g.kind}-${g.states.map(codeOf).join()}-${g.against.map((a) => a.text).join()}`}>
                {g.states.map((s, i) => (
                  <span key={codeOf(s)}>
                    {i > 0 && ", "}
                    <button type="button" className="link-button" onClick={() => onSelect(codeOf(s))}>
                      {s.name}
                    </button>
                  </span>
                ))}
                : {[...new Set(g.owed.map((o) => citation(result, o)))].join("; ")}
                {g.against.length > 0 && <> against {g.against.map((a) => citation(result, a)).join("; ")}</>}
                <ul>
                  {g.views.map((v) => (
                    <li key={v.view}>{conflictViewText(v, result)}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}

      {result.violations.length > 0 && (
        <>
          <h3>Conduct that acts against rules in force</h3>
          <ul>
            {groupedViolations(result.violations).map((g) => (
              <li key={`${g.head.event}-${codeOf(g.head.by)}-${g.head.conduct}`}>
                {possessive(g.head.by.name)} {g.head.conduct.replace(/-/g, " ")}
                {g.head.toward ? ` toward ${g.head.toward.name}` : ""}: against{" "}
                {g.rules.map((r) => citation(result, r)).join("; ")}
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>Assumptions</h3>
      <ul className="assumptions">
        {result.assumptions.map((a) => (
          <li key={a.id} className={a.disputed ? "disputed" : undefined}>
            {assumptionText(a, result)}
            <span className="hint">
              {" "}
              ({a.origin === "scenario" ? "the scenario's" : a.origin}
              {a.disputed ? ", disputed: the other answer is under Contested points" : ""})
            </span>
          </li>
        ))}
      </ul>
      <p className="hint">
        {ROLE.aggressor.label} and {ROLE.victim.label.toLowerCase()}: the war's first belligerents, or the
        states that act and are acted against in the events; the other colours come from the obligations
        triggered.
      </p>
    </section>
  );
}
