import type { GeneralReading } from "../lib/types.js";

interface Props {
  general: GeneralReading;
  /** Instrument readings seen in this scenario's contested points: id → label. */
  known: ReadonlyMap<string, string>;
  adopted: ReadonlySet<string>;
  busy: boolean;
  onGeneral: (reading: GeneralReading) => void;
  onToggle: (id: string) => void;
}

const GENERAL: { id: GeneralReading; label: string; means: string }[] = [
  {
    id: "victim",
    label: "Victim",
    means: "a defence clause binds only toward an ally that did not start the war",
  },
  {
    id: "territorial",
    label: "Territorial",
    means: "any armed attack on an ally's territory or covered forces binds, whoever started the war",
  },
];

const shortId = (id: string) => {
  const [instrument, , reading] = id.split("/");
  return reading ? `${instrument}: ${reading}` : id;
};

/** Which reading of the law the answer follows; every change asks the server again. */
export function ReadingSwitch({ general, known, adopted, busy, onGeneral, onToggle }: Props) {
  return (
    <div className="readings" aria-busy={busy}>
      <fieldset className="general-reading">
        <legend>Reading of defence clauses</legend>
        {GENERAL.map((g) => (
          <label key={g.id} title={g.means}>
            <input
              type="radio"
              name="general-reading"
              value={g.id}
              checked={general === g.id}
              onChange={() => onGeneral(g.id)}
            />
            {g.label}
          </label>
        ))}
      </fieldset>
      {known.size > 0 && (
        <fieldset className="instrument-readings">
          <legend>Contested readings of particular articles</legend>
          <ul>
            {[...known].map(([id, label]) => (
              <li key={id}>
                <label title={label}>
                  <input
                    type="checkbox"
                    value={id}
                    checked={adopted.has(id)}
                    onChange={() => onToggle(id)}
                    aria-describedby={`reading-${id.replace(/[^a-z0-9]+/gi, "-")}`}
                  />
                  {shortId(id)}
                </label>
                <span id={`reading-${id.replace(/[^a-z0-9]+/gi, "-")}`} className="visually-hidden">
                  {label}
                </span>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
    </div>
  );
}
