import { ACTORS, PLACES } from "virtual:casus-places";
import { type FormEvent, useId, useState } from "react";
import type { Characterisation, Event, EventKind, Problem, Scenario, StateInfo } from "../lib/types.js";

const KINDS: { id: EventKind; label: string }[] = [
  { id: "armed-attack", label: "armed attack" },
  { id: "invasion", label: "invasion" },
  { id: "declaration-of-war", label: "declaration of war" },
  { id: "threat-of-attack", label: "threat of attack" },
  { id: "border-incident", label: "border incident" },
  { id: "mobilisation", label: "mobilisation" },
  { id: "blockade", label: "blockade" },
  { id: "request-for-assistance", label: "request for assistance" },
  { id: "arms-transfer", label: "arms transfer" },
  { id: "troop-deployment", label: "troop deployment" },
  { id: "technology-transfer", label: "technology transfer" },
];
/** Kinds whose other party is a recipient (`to`), not a target (`against`). */
const TOWARD: ReadonlySet<EventKind> = new Set([
  "arms-transfer",
  "troop-deployment",
  "technology-transfer",
  "request-for-assistance",
]);

type Judgement = "state_of_war" | "armed_attack" | "threat";
const JUDGEMENTS: {
  field: Judgement;
  label: string;
  question: string;
  defaultFor: ReadonlySet<EventKind>;
}[] = [
  {
    field: "armed_attack",
    label: "armed attack",
    question: "Is it an armed attack?",
    defaultFor: new Set(["armed-attack", "invasion"]),
  },
  {
    field: "state_of_war",
    label: "state of war",
    question: "Does it put the target in a state of war?",
    defaultFor: new Set(["invasion", "declaration-of-war"]),
  },
  {
    field: "threat",
    label: "threat",
    question: "Is it a threat of attack on the target?",
    defaultFor: new Set(["threat-of-attack", "mobilisation"]),
  },
];

const valueIn = (c: Characterisation | undefined): boolean | undefined =>
  c === undefined ? undefined : typeof c === "boolean" ? c : c.value;
const disputedOf = (c: Characterisation | undefined): boolean => typeof c === "object" && c.disputed === true;

/** Writes a judgement back: plain default, a plain yes/no, or an object when disputed or annotated. */
function judged(
  old: Characterisation | undefined,
  value: boolean | undefined,
  disputed: boolean,
  fallback: boolean,
) {
  const rest = typeof old === "object" ? { note: old.note, held_by: old.held_by } : {};
  const annotated = rest.note !== undefined || rest.held_by !== undefined;
  if (value === undefined && !disputed) return undefined;
  const v = value ?? fallback;
  if (!disputed && !annotated) return v;
  const out: Exclude<Characterisation, boolean> = { value: v };
  if (disputed) out.disputed = true;
  if (rest.note !== undefined) out.note = rest.note;
  if (rest.held_by !== undefined) out.held_by = rest.held_by;
  return out;
}

const today = () => new Date().toISOString().slice(0, 10);

export function blankScenario(): Scenario {
  const on = today();
  return {
    title: "My scenario",
    as_of: on,
    events: [{ id: "e1", kind: "armed-attack", by: "", against: "", start: on }],
  };
}

const atText = (at: Event["at"]) =>
  at === undefined ? "" : typeof at === "string" ? at : `${at.lat}, ${at.lon}`;
function atValue(text: string): Event["at"] {
  const t = text.trim();
  const m = /^(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)$/.exec(t);
  if (m) return { lat: Number(m[1]), lon: Number(m[2]) };
  return t === "" ? undefined : t;
}

/** Drops empty optional fields so the server sees only what was filled in. */
export function cleanScenario(s: Scenario): Scenario {
  const events = s.events.map((e) => {
    const out: Event = { ...e };
    for (const key of ["against", "to", "description", "at", "end"] as const) {
      if (out[key] === "" || out[key] === undefined) delete out[key];
    }
    return out;
  });
  const out: Scenario = { ...s, title: s.title.trim(), events };
  if (!out.description?.trim()) delete out.description;
  return out;
}

/** A list of states to pick from, as checkboxes in a scrolling box: the builder's declines and joins. */
function StatePicks({
  label,
  id,
  parties,
  value,
  onChange,
}: {
  label: string;
  id: string;
  parties: readonly { code: string; label: string }[];
  value: readonly string[];
  onChange: (codes: string[]) => void;
}) {
  const [filter, setFilter] = useState("");
  const shown = parties.filter(
    (p) => value.includes(p.code) || !filter || p.label.toLowerCase().includes(filter.toLowerCase()),
  );
  return (
    <fieldset className="state-picks" aria-describedby={`${id}-chosen`}>
      <legend>{label}</legend>
      <input
        aria-label={`${label}: filter`}
        placeholder="filter by name"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <p id={`${id}-chosen`} className="hint">
        {value.length ? `Chosen: ${value.join(", ")}` : "None chosen."}
      </p>
      <ul>
        {shown.slice(0, 60).map((p) => (
          <li key={p.code}>
            <label className="check">
              <input
                type="checkbox"
                checked={value.includes(p.code)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...value, p.code] : value.filter((c) => c !== p.code))
                }
              />
              {p.label}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

interface Props {
  scenario: Scenario;
  savedId: string | null;
  states: readonly StateInfo[];
  problems: Problem[];
  message: string | null;
  onRun: (scenario: Scenario) => void;
  onSave: (scenario: Scenario) => Promise<void>;
  onUpdate: (id: string, scenario: Scenario) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
}

/** Edit the current scenario or start a new one; run it, save it, share it. */
export function Builder({
  scenario,
  savedId,
  states,
  problems,
  message,
  onRun,
  onSave,
  onUpdate,
  onDelete,
}: Props) {
  const [draft, setDraft] = useState<Scenario>(scenario);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const uid = useId();
  const parties = [
    ...states
      .filter((s) => s.current || draft.as_of < "2000")
      .map((s) => ({
        code: s.code,
        label: `${s.name} (${s.iso3 ?? s.code})${s.current ? "" : " — historical"}`,
      })),
    ...ACTORS.map((a) => ({ code: a.code, label: `${a.name} (${a.kind})` })),
  ].sort((a, b) => a.label.localeCompare(b.label));
  // Codes already in the scenario stay selectable even if filtered out above.
  for (const e of draft.events)
    for (const c of [e.by, e.against, e.to])
      if (c && !parties.some((p) => p.code === c)) parties.push({ code: c, label: c });

  const setOptions = (change: Partial<NonNullable<Scenario["options"]>>) => {
    const options = { ...(draft.options ?? {}), ...change };
    for (const key of Object.keys(options) as (keyof typeof options)[])
      if (options[key] === undefined) delete options[key];
    setDraft({ ...draft, options: Object.keys(options).length ? options : undefined });
  };
  const setEvent = (index: number, change: Partial<Event>) =>
    setDraft((d) => ({ ...d, events: d.events.map((e, i) => (i === index ? { ...e, ...change } : e)) }));
  const addEvent = () =>
    setDraft((d) => {
      let n = d.events.length + 1;
      while (d.events.some((e) => e.id === `e${n}`)) n++;
      return {
        ...d,
        events: [...d.events, { id: `e${n}`, kind: "armed-attack", by: "", against: "", start: d.as_of }],
      };
    });
  const removeEvent = (index: number) =>
    setDraft((d) => ({ ...d, events: d.events.filter((_, i) => i !== index) }));

  const act = async (name: string, run: () => Promise<void>) => {
    setBusy(name);
    try {
      await run();
    } finally {
      setBusy(null);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onRun(cleanScenario(draft));
  };
  const problemFor = (field: string) =>
    problems.filter((p) => p.field === field || p.field.startsWith(`${field}.`)).map((p) => p.message);

  return (
    <form className="builder" onSubmit={submit} aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>{savedId ? "Edit this saved scenario" : "Build a scenario"}</h2>
      {(message || problems.length > 0) && (
        <div className="problems" role="alert">
          <p>{message ?? "The server did not accept this scenario."}</p>
          {problems.length > 0 && (
            <ul>
              {problems.map((p) => (
                <li key={`${p.field}-${p.message}`}>
                  <code>{p.field}</code>: {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="row">
        <label className="title">
          Title
          <input
            value={draft.title}
            required
            onChange={(e) => setDraft({ ...draft, title: e.target.value })}
            aria-invalid={problemFor("title").length > 0}
          />
        </label>
        <label>
          As of
          <input
            type="date"
            min="1815-01-01"
            value={draft.as_of}
            required
            onChange={(e) => setDraft({ ...draft, as_of: e.target.value })}
          />
        </label>
      </div>
      <label className="wide">
        Description
        <textarea
          rows={2}
          value={draft.description ?? ""}
          onChange={(e) => setDraft({ ...draft, description: e.target.value })}
        />
      </label>
      <datalist id={`${uid}-places`}>
        {states
          .filter((s) => s.current)
          .map((s) => (
            <option key={s.code} value={s.code}>
              {s.name}
            </option>
          ))}
        {PLACES.map((p) => (
          <option key={p.code} value={p.code}>
            {p.name}
          </option>
        ))}
      </datalist>
      <ol className="events">
        {draft.events.map((e, i) => {
          const toward = TOWARD.has(e.kind);
          const n = i + 1;
          return (
            <li key={e.id}>
              <fieldset>
                <legend>Event {n}</legend>
                <div className="row">
                  <div className="field">
                    <label htmlFor={`${uid}-${i}-kind`}>Kind</label>
                    <select
                      id={`${uid}-${i}-kind`}
                      value={e.kind}
                      onChange={(x) => setEvent(i, { kind: x.target.value as EventKind })}
                    >
                      {KINDS.map((k) => (
                        <option key={k.id} value={k.id}>
                          {k.label}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor={`${uid}-${i}-by`}>By</label>
                    <select
                      id={`${uid}-${i}-by`}
                      value={e.by}
                      required
                      onChange={(x) => setEvent(i, { by: x.target.value })}
                      aria-invalid={problemFor(`events[${i}].by`).length > 0}
                    >
                      <option value="">— choose —</option>
                      {parties.map((p) => (
                        <option key={p.code} value={p.code}>
                          {p.label}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor={`${uid}-${i}-other`}>{toward ? "To" : "Against"}</label>
                    <select
                      id={`${uid}-${i}-other`}
                      value={(toward ? e.to : e.against) ?? ""}
                      onChange={(x) =>
                        setEvent(i, toward ? { to: x.target.value } : { against: x.target.value })
                      }
                    >
                      <option value="">— none —</option>
                      {parties.map((p) => (
                        <option key={p.code} value={p.code}>
                          {p.label}
                        </option>
                      ))}
                    </select>
                  </div>
                  <label>
                    Place
                    <input
                      list={`${uid}-places`}
                      value={atText(e.at)}
                      placeholder="target's territory"
                      title="a state or territory code (KOR, UKR-43), a sea (sea:yellow-sea) or lat, lon"
                      onChange={(x) => setEvent(i, { at: atValue(x.target.value) })}
                    />
                  </label>
                  <label>
                    Start
                    <input
                      type="date"
                      min="1815-01-01"
                      value={e.start}
                      required
                      onChange={(x) => setEvent(i, { start: x.target.value })}
                    />
                  </label>
                </div>
                <div className="row judgements">
                  {JUDGEMENTS.map((j) => {
                    const value = valueIn(e[j.field]);
                    const disputed = disputedOf(e[j.field]);
                    const fallback = j.defaultFor.has(e.kind);
                    const set = (v: boolean | undefined, d: boolean) =>
                      setEvent(i, { [j.field]: judged(e[j.field], v, d, fallback) });
                    return (
                      <div key={j.field} className="judgement">
                        <div className="field">
                          <label htmlFor={`${uid}-${i}-${j.field}`}>{j.question}</label>
                          <select
                            id={`${uid}-${i}-${j.field}`}
                            value={value === undefined ? "default" : value ? "yes" : "no"}
                            onChange={(x) =>
                              set(
                                x.target.value === "default" ? undefined : x.target.value === "yes",
                                disputed,
                              )
                            }
                          >
                            <option value="default">default ({fallback ? "yes" : "no"})</option>
                            <option value="yes">yes</option>
                            <option value="no">no</option>
                          </select>
                        </div>
                        <label className="check">
                          <input
                            type="checkbox"
                            checked={disputed}
                            onChange={(x) => set(value, x.target.checked)}
                          />
                          disputed<span className="visually-hidden"> ({j.label})</span>
                        </label>
                      </div>
                    );
                  })}
                </div>
                <div className="row">
                  <label className="wide">
                    What happens
                    <input
                      value={e.description ?? ""}
                      onChange={(x) => setEvent(i, { description: x.target.value })}
                    />
                  </label>
                  <button
                    type="button"
                    onClick={() => removeEvent(i)}
                    disabled={draft.events.length === 1}
                    aria-label={`Remove event ${n}`}
                  >
                    Remove
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <fieldset className="options">
        <legend>What the answer assumes about joining</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.options?.only_automatic === true}
            onChange={(x) => setOptions({ only_automatic: x.target.checked || undefined })}
          />
          Only automatic obligations bring a state into a war (discretionary ones still bind)
        </label>
        <div className="row">
          <StatePicks
            label="States that decline to join any war"
            id={`${uid}-declines`}
            parties={parties}
            value={(draft.options?.declines ?? []) as string[]}
            onChange={(declines) => setOptions({ declines: declines.length ? declines : undefined })}
          />
          <StatePicks
            label="States that join the war whatever their pledges"
            id={`${uid}-joins`}
            parties={parties}
            value={(draft.options?.joins ?? []).map((j) => (typeof j === "string" ? j : j.state))}
            onChange={(joins) => setOptions({ joins: joins.length ? joins : undefined })}
          />
        </div>
      </fieldset>
      <div className="actions">
        <button type="button" onClick={addEvent}>
          Add an event
        </button>
        <button type="submit" className="primary">
          Run this scenario
        </button>
        <button
          type="button"
          disabled={busy !== null}
          onClick={() => act("save", () => onSave(cleanScenario(draft)))}
        >
          {busy === "save" ? "Saving…" : savedId ? "Save as a new scenario" : "Save"}
        </button>
        {savedId && (
          <button
            type="button"
            disabled={busy !== null}
            onClick={() => act("update", () => onUpdate(savedId, cleanScenario(draft)))}
          >
            {busy === "update" ? "Saving…" : "Save changes"}
          </button>
        )}
        {savedId &&
          (confirmDelete ? (
            <>
              <button type="button" className="danger" onClick={() => act("delete", () => onDelete(savedId))}>
                Delete it for good
              </button>
              <button type="button" onClick={() => setConfirmDelete(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setConfirmDelete(true)}>
              Delete…
            </button>
          ))}
        <button type="button" onClick={() => setDraft(blankScenario())}>
          Start from a blank scenario
        </button>
      </div>
    </form>
  );
}
