import { type FormEvent, type KeyboardEvent, useEffect, useState } from "react";
import type { Source } from "../lib/hash.js";
import type { SavedSummary, ShippedScenario } from "../lib/types.js";

/** Short names for the shipped scenarios' buttons (the full title is shown once one is picked). */
const SHORT: Record<string, string> = {
  "korea-2024-10-15-incident": "Korea, 15 Oct 2024 incident",
  "korea-2024-10-15-strike": "ROK strike, 15 Oct 2024",
  "korea-2025-dprk-invades": "DPRK invades the ROK (2025)",
  "korea-2025-rok-strike": "ROK strikes DPRK (2025)",
  "kursk-2024-08-07": "Kursk, 7 Aug 2024",
  "kursk-2024-12-05": "Kursk, 5 Dec 2024",
  "senkaku-2025": "Senkaku attack (2025)",
  "september-11-2001": "11 September 2001",
  "germany-invades-poland-1939": "1 September 1939",
};

function shortTitle(id: string, title: string): string {
  const known = SHORT[id];
  if (known) return known;
  const text = title.replace(/^(hypothetical|counterfactual),\s*/i, "");
  return text.length > 32 ? `${text.slice(0, 31).trimEnd()}…` : text;
}

interface Props {
  shipped: readonly ShippedScenario[] | null;
  saved: readonly SavedSummary[];
  source: Source;
  builderOpen: boolean;
  readOpen: boolean;
  search: string | null;
  onShipped: (id: string) => void;
  onSaved: (id: string) => void;
  onBuilder: () => void;
  onRead: () => void;
  onSearch: (q: string) => void;
}

/** The brand, the scenarios (shipped and saved), the builder and the library search. */
export function Header({
  shipped,
  saved,
  source,
  builderOpen,
  readOpen,
  search,
  onShipped,
  onSaved,
  onBuilder,
  onRead,
  onSearch,
}: Props) {
  const [q, setQ] = useState(search ?? "");
  // On a phone the scenarios scroll sideways: keep the one on screen in view.
  const pressed = source.kind === "shipped" ? source.id : null;
  useEffect(() => {
    if (!pressed || !shipped) return;
    // By the row's own scroll position: scrollIntoView would move the page and where Tab starts from.
    const button = document.querySelector<HTMLElement>(
      `.scenarios button[data-scenario="${CSS.escape(pressed)}"]`,
    );
    const row = button?.closest("ul");
    if (button && row && row.scrollWidth > row.clientWidth)
      row.scrollLeft = button.offsetLeft - row.offsetLeft - (row.clientWidth - button.offsetWidth) / 2;
  }, [pressed, shipped]);
  // The row is one Tab stop (the scenario on screen, or the first): arrow keys, Home and End move along it,
  // so a keyboard user does not tab through every shipped scenario to reach the answer.
  const tabStop = shipped?.some((s) => s.id === pressed) ? pressed : (shipped?.[0]?.id ?? null);
  const moveAlong = (e: KeyboardEvent<HTMLUListElement>) => {
    const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>("button[data-scenario]")];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const to =
      { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0 }[e.key] ??
      (e.key === "End" ? buttons.length - 1 : undefined);
    if (to === undefined) return;
    e.preventDefault();
    buttons[(to + buttons.length) % buttons.length]?.focus();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (q.trim()) onSearch(q.trim());
  };
  return (
    <header className="top">
      <div className="brand">
        <h1>casus</h1>
        <p>If this happens, who is bound to do what, under which treaty article?</p>
      </div>
      <nav aria-label="Scenarios" className="scenarios">
        <ul className="shipped" onKeyDown={moveAlong}>
          {(shipped ?? []).map((s) => (
            <li key={s.id}>
              <button
                type="button"
                aria-pressed={source.kind === "shipped" && source.id === s.id}
                tabIndex={s.id === tabStop ? 0 : -1}
                data-scenario={s.id}
                title={s.scenario.title}
                onClick={() => onShipped(s.id)}
              >
                {shortTitle(s.id, s.scenario.title)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="header-tools">
        <label className="saved-picker">
          Saved
          <select
            value={source.kind === "saved" ? source.id : ""}
            onChange={(e) => e.target.value && onSaved(e.target.value)}
          >
            <option value="">{saved.length ? `— ${saved.length} saved —` : "— none saved yet —"}</option>
            {saved.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title} ({s.as_of})
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="primary"
          aria-expanded={builderOpen}
          aria-controls="builder"
          onClick={onBuilder}
        >
          {builderOpen ? "Close the builder" : "Build or edit a scenario"}
        </button>
        <button type="button" aria-expanded={readOpen} aria-controls="read" onClick={onRead}>
          {readOpen ? "Close the article" : "Paste an article"}
        </button>
        <search className="library-search">
          <form onSubmit={submit}>
            <label htmlFor="library-q" className="visually-hidden">
              Search the treaties
            </label>
            <input
              id="library-q"
              type="search"
              placeholder="Search the treaties"
              value={q}
              onChange={(e) => setQ(e.target.value)}
            />
            <button type="submit">Search</button>
          </form>
        </search>
      </div>
    </header>
  );
}
