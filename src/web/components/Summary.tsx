import { useMemo } from "react";
import { answerSentence } from "../../report/print.js";
import {
  assumptionText,
  belligerentText,
  conditionText,
  conflictText,
  flipSummary,
  names,
  readingLabel,
  violationText,
  warName,
} from "../../report/words.js";
import { codeOf, ROLE, ROLES, type StateRole } from "../lib/roles.js";
import type { Contested, Result } from "../lib/types.js";
import { PointLabel, Quote, ReadingButton, type ReadingChoice } from "./Explanation.js";

interface Props {
  result: Result;
  roles: ReadonlyMap<string, StateRole>;
  readingOf: (point: Contested["point"]) => ReadingChoice | null;
  onReading: (choice: ReadingChoice) => void;
  onSelect: (code: string) => void;
}

/** The answer as a whole, before a state is picked. */
export function Summary({ result, roles, readingOf, onReading, onSelect }: Props) {
  const byRole = useMemo(() => {
    const out = new Map<string, StateRole[]>();
    for (const r of roles.values()) out.set(r.role, [...(out.get(r.role) ?? []), r]);
    return out;
  }, [roles]);
  const wars = useMemo(() => {
    const out = new Map<string, Result["belligerents"]>();
    for (const b of result.belligerents) out.set(b.war, [...(out.get(b.war) ?? []), b]);
    return out;
  }, [result]);

  return (
    <section className="summary" aria-labelledby="summary-h">
      <h2 id="summary-h">The answer</h2>
      <p className="headline">{answerSentence(result)}</p>
      <ul className="role-counts">
        {ROLES.filter((r) => r.id !== "not-bound" && byRole.has(r.id)).map((r) => (
          <li key={r.id}>
            <span className="swatch" style={{ background: r.color }} aria-hidden="true" /> {r.label}:{" "}
            {names((byRole.get(r.id) ?? []).map((s) => ({ id: s.code, name: s.name })))}
          </li>
        ))}
      </ul>

      {[...wars].map(([war, members]) => (
        <div key={war} className="war">
          <h3>{warName(result, war)}</h3>
          <ul>
            {members.map((b) => (
              <li key={codeOf(b.state)}>
                <button type="button" className="link-button" onClick={() => onSelect(codeOf(b.state))}>
                  {b.state.name}
                </button>
                <span className="hint"> — {belligerentText(b, result)}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}

      {result.not_in_force.some((n) => n.status === "signed") && (
        <>
          <h3>Signed, not in force on {result.as_of}</h3>
          <ul className="not-in-force">
            {result.not_in_force
              .filter((n) => n.status === "signed")
              .map((n) => (
                <li key={n.instrument}>
                  <strong>{n.title}</strong>: signed {n.signed}
                  {n.in_force ? `, in force from ${n.in_force}` : ", no entry into force recorded"}.{" "}
                  {n.would_bind.length > 0
                    ? `Were it in force, it would bind ${[...new Set(n.would_bind.map((o) => o.obligor.name))].join(", ")}.`
                    : n.not_triggered.length > 0
                      ? "Even in force, it would bind no one here:"
                      : ""}
                  {n.would_bind.length === 0 && n.not_triggered.length > 0 && (
                    <ul>
                      {n.not_triggered.map((t) => (
                        <li key={`${t.provision}-${codeOf(t.obligor)}-${codeOf(t.beneficiary)}`}>
                          Art. {t.article} ({t.kind}), {t.obligor.name} toward {t.beneficiary.name}:{" "}
                          {t.unmet.map((u) => conditionText(u, result)).join("; ")}
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
            {result.contested.map((c) => {
              const choice = readingOf(c.point);
              return (
                <li key={`${c.point.kind}-${c.point.id}-${c.under}`}>
                  <PointLabel contested={c} result={result} />
                  {!result.general.includes(c.under) && c.point.kind !== "general-reading" && (
                    <span className="held-by"> (compared under the {readingLabel(result, c.under)})</span>
                  )}
                  {c.point.held_by.length > 0 && (
                    <span className="held-by"> (held by {c.point.held_by.join(", ")})</span>
                  )}
                  <span className="hint"> — {flipSummary(c, result)}</span>
                  <ReadingButton choice={choice} onReading={onReading} />
                </li>
              );
            })}
          </ul>
        </>
      )}

      {result.conflicts.length > 0 && (
        <>
          <h3>Conflicting obligations</h3>
          <ul>
            {result.conflicts.map((c) => (
              <li
                key={`${codeOf(c.state)}-${c.kind}-${c.against?.text ?? ""}-${c.obligations.map((o) => o.instrument).join()}`}
              >
                <button type="button" className="link-button" onClick={() => onSelect(codeOf(c.state))}>
                  {c.state.name}
                </button>
                : {conflictText(c, result)}
              </li>
            ))}
          </ul>
        </>
      )}

      {result.violations.length > 0 && (
        <>
          <h3>Conduct that breaches an instrument</h3>
          {result.violations.map((v) => (
            <div key={`${v.event}-${v.instrument}-${v.article}`} className="violation">
              <p>{violationText(v, result)}</p>
              <Quote id={v.text} result={result} />
            </div>
          ))}
        </>
      )}

      <h3>Assumptions</h3>
      <ul className="assumptions">
        {result.assumptions.map((a) => (
          <li key={a.id} className={a.disputed ? "disputed" : undefined}>
            {assumptionText(a, result)}
            <span className="hint">
              {" "}
              ({a.origin}
              {a.disputed ? ", disputed: both answers are shown" : ""})
            </span>
          </li>
        ))}
      </ul>
      <p className="hint">
        Roles: {ROLE.aggressor.label.toLowerCase()} and {ROLE.victim.label.toLowerCase()} are the war's first
        belligerents; the others come from the obligations triggered. Pick a state for the articles.
      </p>
    </section>
  );
}
