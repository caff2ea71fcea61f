import { type FormEvent, useId, useMemo, useState } from "react";
import { ROLE, ROLES, type Role, type StateRole } from "../../report/roles.js";
import { api } from "../lib/api.js";
import type { StateInfo } from "../lib/types.js";

interface Props {
  roles: ReadonlyMap<string, StateRole>;
  labels?: Partial<Record<Role, string>>;
  states: readonly StateInfo[];
  selected: string | null;
  /** The date names are read on (a code can mean another state in another year). */
  date: string;
  onSelect: (code: string) => void;
}

/** The states the answer names, as buttons grouped by role: the keyboard's way to the explanation. */
export function StateList({ roles, labels, states, selected, date, onSelect }: Props) {
  const [query, setQuery] = useState("");
  const [notFound, setNotFound] = useState<string | null>(null);
  const listId = useId();
  const groups = useMemo(() => {
    const byRole = new Map<Role, StateRole[]>();
    for (const r of roles.values()) byRole.set(r.role, [...(byRole.get(r.role) ?? []), r]);
    for (const list of byRole.values()) list.sort((a, b) => a.name.localeCompare(b.name));
    return ROLES.filter((r) => byRole.has(r.id)).map((r) => ({ role: r, members: byRole.get(r.id) ?? [] }));
  }, [roles]);

  // Names, aliases and codes ("UK", "Britain", "DPRK", "cow:300") go through the CLI's normaliser.
  const find = async (event: FormEvent) => {
    event.preventDefault();
    const q = query.trim();
    if (!q) return;
    try {
      const { state, suggestions } = await api.resolve(q, date);
      setNotFound(
        state
          ? null
          : `no state "${q}"${suggestions.length ? `; did you mean ${suggestions.join(", ")}?` : ""}`,
      );
      if (state) onSelect(state.code);
    } catch (e) {
      setNotFound((e as Error).message);
    }
  };

  return (
    <section className="state-list" aria-labelledby="state-list-h">
      <h2 id="state-list-h" tabIndex={-1}>
        States
      </h2>
      {groups.length === 0 && <p className="hint">No state is named in this answer.</p>}
      <div className="state-groups">
        {groups.map(({ role, members }) => (
          <div key={role.id} className="role-group">
            <h3>
              <span
                className={`swatch${role.id === "contested" ? " hatched" : ""}`}
                style={role.id === "contested" ? undefined : { background: role.color }}
                aria-hidden="true"
              />
              {labels?.[role.id] ?? role.label} <span className="count">({members.length})</span>
            </h3>
            <ul>
              {members.map((m) => (
                <li key={m.code}>
                  <button
                    type="button"
                    className={`state-button${m.code === selected ? " current" : ""}`}
                    data-code={m.code}
                    data-role={m.role}
                    data-contested={m.contested || undefined}
                    aria-pressed={m.code === selected}
                    aria-label={`${m.name}: ${(labels?.[m.role] ?? ROLE[m.role].label).toLowerCase()}${m.contested && m.role !== "contested" ? ", contested" : ""}`}
                    onClick={() => onSelect(m.code)}
                  >
                    {m.name}
                    {m.contested && m.role !== "contested" && (
                      <span
                        className="badge"
                        title="a contested point would bind it, free it, or bring it into the war or out"
                      >
                        contested
                      </span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      <form className="find" onSubmit={find}>
        <label htmlFor={`${listId}-q`}>Find a state</label>
        <input
          id={`${listId}-q`}
          list={`${listId}-states`}
          value={query}
          placeholder="name, alias or code (UK, DPRK)"
          onChange={(e) => setQuery(e.target.value)}
          aria-invalid={notFound !== null}
          aria-describedby={notFound ? `${listId}-nf` : undefined}
        />
        <datalist id={`${listId}-states`}>
          {states.map((s) => (
            <option key={s.code} value={s.name} />
          ))}
        </datalist>
        <button type="submit">Explain</button>
        {notFound && (
          <span id={`${listId}-nf`} className="error" role="alert">
            {notFound}
          </span>
        )}
      </form>
    </section>
  );
}
