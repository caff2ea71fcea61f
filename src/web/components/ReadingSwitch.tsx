import { axisText, instrumentTitle } from "../../report/words.js";
import type { ReadingInfo, Result } from "../lib/types.js";

interface Props {
  /** The general readings, each an alternative on its axis (from the result's `readings`). */
  general: readonly ReadingInfo[];
  /** The general readings in effect, one per axis. */
  inEffect: ReadonlySet<string>;
  /** Instrument readings seen in this scenario's answers. */
  known: readonly ReadingInfo[];
  adopted: ReadonlySet<string>;
  /** For the instruments' titles. */
  result: Result | null;
  busy: boolean;
  onGeneral: (id: string) => void;
  onToggle: (id: string) => void;
}

const domId = (key: string) => `reading-${key.replace(/[^a-z0-9]+/gi, "-")}`;

/** Which reading of the law the answer follows; every change asks the server again. */
export function ReadingSwitch({
  general,
  inEffect,
  known,
  adopted,
  result,
  busy,
  onGeneral,
  onToggle,
}: Props) {
  const axes = [...new Set(general.map((g) => g.axis ?? ""))];
  return (
    <div className="readings" aria-busy={busy}>
      {axes.map((axis) => (
        <fieldset key={axis} className="general-reading">
          <legend>{axisText(axis)}</legend>
          {general
            .filter((g) => (g.axis ?? "") === axis)
            .map((g) => (
              <label key={g.key} className="reading-choice">
                <input
                  type="radio"
                  name={`reading-${axis}`}
                  value={g.key}
                  checked={inEffect.has(g.key)}
                  onChange={() => onGeneral(g.key)}
                />
                <span>
                  <strong>{g.label}</strong>
                  {g.description && <span className="reading-description">{g.description}</span>}
                </span>
              </label>
            ))}
        </fieldset>
      ))}
      {known.length > 0 && (
        <fieldset className="instrument-readings">
          <legend>Contested readings of particular articles</legend>
          <ul>
            {known.map((r) => (
              <li key={r.key}>
                <label className="reading-choice">
                  <input
                    type="checkbox"
                    value={r.key}
                    checked={adopted.has(r.key)}
                    onChange={() => onToggle(r.key)}
                    aria-describedby={r.held_by.length > 0 ? domId(r.key) : undefined}
                  />
                  <span>
                    <strong>{result ? instrumentTitle(result, r.instrument) : r.instrument}:</strong>{" "}
                    {r.label}
                  </span>
                </label>
                {r.held_by.length > 0 && (
                  <span id={domId(r.key)} className="held-by">
                    {" "}
                    (held by {r.held_by.join(", ")})
                  </span>
                )}
              </li>
            ))}
          </ul>
        </fieldset>
      )}
    </div>
  );
}
