import { useEffect, useMemo, useRef } from "react";
import { groupedNotTriggered } from "../../../report/digest.js";
import { ROLE, rankOf, roleOfObligation, type StateRole } from "../../../report/roles.js";
import {
  belligerentText,
  citation,
  codeOf,
  conditionText,
  conflictText,
  conflictViewText,
  readingLabel,
  strengthText,
  violationText,
} from "../../../report/words.js";
import type { ActorRef, Obligation, Result } from "../../lib/types.js";
import { ObligationCard, type PointFlip } from "./ObligationCard.js";
import { HeldBy, type PointActions, PointButtons, PointLabel } from "./Points.js";
import { Quote } from "./Quote.js";

interface Props {
  result: Result;
  code: string;
  name: string;
  role: StateRole | undefined;
  /** Bumped when the user picks a state: the panel then takes focus. */
  focusToken: number;
  /** Said under the heading when the map shows something else than the answer. */
  note: string | null;
  actions: PointActions;
  onSelect: (code: string) => void;
  onTreaty: (instrument: string, article: string) => void;
  onClose: () => void;
}

/** "Why is this state bound, or not?": its part of the answer, with the articles quoted. */
export function Explanation(props: Props) {
  const { result, code, name, role, focusToken, note, actions, onSelect, onTreaty, onClose } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusToken > 0) heading.current?.focus();
  }, [focusToken]);

  const view = useMemo(() => {
    const is = (a: ActorRef) => codeOf(a) === code;
    const flipsOf: PointFlip[] = result.contested.flatMap((c) =>
      c.flips.filter((f) => is(f.obligor)).map((flip) => ({ contested: c, flip })),
    );
    // The strongest obligations first (defence before consultation), then by wave.
    const bound = result.obligations
      .filter((o) => is(o.obligor))
      .sort((a, b) => rankOf(roleOfObligation(a)) - rankOf(roleOfObligation(b)) || a.wave - b.wave);
    const matches = (o: Obligation, p: PointFlip) =>
      p.flip.instrument === o.instrument &&
      p.flip.article === o.article &&
      codeOf(p.flip.beneficiary) === codeOf(o.beneficiary);
    // A point compared under another general reading than the main answer's does not change it as it stands.
    const asItStands = ({ contested }: PointFlip) =>
      result.general.includes(contested.under) || contested.point.kind === "general-reading";
    return {
      bound: bound.map((o) => ({ o, flips: flipsOf.filter((p) => matches(o, p) && asItStands(p)) })),
      otherFlips: flipsOf.filter((p) => !bound.some((o) => matches(o, p)) || !asItStands(p)),
      owed: result.obligations.filter((o) => is(o.beneficiary)),
      notTriggered: groupedNotTriggered(result.not_triggered.filter((n) => is(n.obligor))),
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
  // Contested points, each once, with the obligations they change for this state.
  const points = useMemo(() => {
    const out = new Map<string, { flips: PointFlip[] }>();
    for (const p of view.otherFlips) {
      const key = `${p.contested.point.kind}|${p.contested.point.id}|${p.contested.under}`;
      const entry = out.get(key) ?? { flips: [] };
      entry.flips.push(p);
      out.set(key, entry);
    }
    return [...out.values()];
  }, [view]);

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
            actions={actions}
            onSelect={onSelect}
            onTreaty={onTreaty}
          />
        ))
      )}

      {points.length > 0 && (
        <>
          <h3>Contested points that would change it</h3>
          {points.map(({ flips }) => {
            const contested = (flips[0] as PointFlip).contested;
            return (
              <div
                key={`${contested.point.kind}-${contested.point.id}-${contested.under}`}
                className="flip-group"
              >
                <p>
                  <PointLabel contested={contested} result={result} />
                  {!result.general.includes(contested.under) &&
                    contested.point.kind !== "general-reading" && (
                      <span className="held-by">
                        {" "}
                        (compared under the {readingLabel(result, contested.under)})
                      </span>
                    )}
                  <HeldBy point={contested.point} />
                  <PointButtons point={contested.point} actions={actions} />
                </p>
                <ul className="other-flips">
                  {flips.slice(0, 8).map(({ flip }) => (
                    <li key={`${flip.instrument}-${flip.provision}-${codeOf(flip.beneficiary)}`}>
                      {citation(result, flip)} toward {flip.beneficiary.name}:{" "}
                      {flip.main.bound ? strengthText(flip.main.strength) : "not bound"} →{" "}
                      <strong>
                        {flip.alternative.bound ? strengthText(flip.alternative.strength) : "not bound"}
                      </strong>
                    </li>
                  ))}
                </ul>
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
          <h3>Its conduct acts against</h3>
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
                : {strengthText(o.strength)} ({o.kind}), {citation(result, o)}
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
                {n.in_force ? `, in force from ${n.in_force}` : ", no entry into force recorded"}):{" "}
                {strengthText(o.strength)} ({o.kind}) toward {o.beneficiary.name}
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
        <ul className="not-triggered">
          {view.notTriggered.map((g) => (
            <li key={`${g.head.instrument}-${g.head.provision}-${codeOf(g.head.beneficiary)}`}>
              <button
                type="button"
                className="link-button cite-link"
                onClick={() => onTreaty(g.head.instrument, g.head.article)}
              >
                {citation(result, g.head)}
              </button>{" "}
              ({g.head.kind}) toward {g.head.beneficiary.name}
              <ul className="unmet">
                {g.reasons.map((u) => (
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
      )}
    </section>
  );
}
