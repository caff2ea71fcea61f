import { groupedObligations } from "../../report/digest.js";
import { citation, codeOf, eventName, longDate, names, strengthText, warName } from "../../report/words.js";
import type { Result } from "../lib/types.js";

/**
 * The cascade in waves: wave 0 is the scenario's events; in each later wave the obligations that arise
 * and the states they bring into the war.
 */
export function Timeline({ result, onSelect }: { result: Result; onSelect: (code: string) => void }) {
  const waves = [
    ...new Set([...result.obligations.map((o) => o.wave), ...result.belligerents.map((b) => b.wave)]),
  ]
    .filter((w) => w > 0)
    .sort((a, b) => a - b);
  if (result.events.length === 0) return null;
  return (
    <section className="timeline-area" aria-labelledby="timeline-h">
      <h2 id="timeline-h">The cascade, wave by wave</h2>
      <ol className="timeline">
        <li data-wave={0}>
          <h3>The events</h3>
          <ul>
            {result.events.map((e) => (
              <li key={e.id}>
                {longDate(e.start)}: {eventName(result, e.id)}
                {e.against ? ` against ${e.against.name}` : e.to ? ` to ${e.to.name}` : ""}
                {e.description ? <span className="hint"> — {e.description}</span> : null}
              </li>
            ))}
            {result.wars.map((w) => (
              <li key={w.id} className="war-start">
                {warName(result, w.id)} begins ({longDate(w.start)})
              </li>
            ))}
          </ul>
        </li>
        {waves.map((wave) => {
          const joins = result.belligerents.filter((b) => b.wave === wave);
          const arise = groupedObligations(result.obligations.filter((o) => o.wave === wave));
          return (
            <li key={wave} data-wave={wave}>
              <h3>Wave {wave}</h3>
              {joins.length > 0 && (
                <p className="joins">
                  <strong>{names(joins.map((b) => b.state))}</strong> join{joins.length > 1 ? "" : "s"} the
                  war.
                </p>
              )}
              <ul>
                {arise.map((g) => (
                  <li
                    key={`${g.head.instrument}-${g.head.provision}-${codeOf(g.head.beneficiary)}-${g.obligors.map(codeOf).join()}`}
                  >
                    {g.obligors.map((s, i) => (
                      <span key={codeOf(s)}>
                        {i > 0 && ", "}
                        <button type="button" className="link-button" onClick={() => onSelect(codeOf(s))}>
                          {s.name}
                        </button>
                      </span>
                    ))}{" "}
                    → {g.head.beneficiary.name}: {strengthText(g.head.strength)} ({g.head.kind})
                    {g.head.joins_war ? ", joins the war" : ""}{" "}
                    <span className="hint">— {citation(result, g.head)}</span>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
      {waves.length === 0 && (
        <p className="hint">No obligation arises, so the cascade stops at the events.</p>
      )}
    </section>
  );
}
