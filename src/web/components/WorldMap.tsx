import {
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
  memo,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { type Country, loadWorld, MAP_HEIGHT, MAP_WIDTH, placement } from "../lib/geo.js";
import { ROLE, type Role, rankOf, type StateRole } from "../lib/roles.js";
import type { StateInfo } from "../lib/types.js";

interface Props {
  states: readonly StateInfo[];
  roles: ReadonlyMap<string, StateRole>;
  /** Legend labels to use instead of the role names (network mode). */
  labels?: Partial<Record<Role, string>>;
  selected: string | null;
  onSelect: (code: string) => void;
  /** The id of the heading that names what the map shows. */
  labelledBy: string;
}

interface Shape {
  country: Country;
  /** The states drawn on it that the answer names, strongest first. */
  entries: StateRole[];
  role: Role;
  contested: boolean;
  actor: boolean;
}

/** The countries' outlines never change: drawn once, memoised, only their classes change. */
const Outline = memo(function Outline({ countries }: { countries: Country[] }) {
  return (
    <g className="land">
      {countries.map((c) => (
        <path key={c.key} d={c.d} data-key={c.key} />
      ))}
    </g>
  );
});

export function WorldMap({ states, roles, labels, selected, onSelect, labelledBy }: Props) {
  const [countries, setCountries] = useState<Country[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [zoomed, setZoomed] = useState(false);
  const [active, setActive] = useState<string | null>(null);
  const shapeRefs = useRef(new Map<string, SVGGElement>());

  // The atlas takes a few hundred milliseconds to project: it waits for the state registry, which comes
  // with the scenarios, so that the answer is asked for first.
  const ready = states.length > 0;
  useEffect(() => {
    if (!ready) return;
    loadWorld()
      .then(setCountries)
      .catch((e: Error) => setError(e.message));
  }, [ready]);

  const { statesOn, shapesOf } = useMemo(() => placement(states), [states]);

  const shapes: Shape[] = useMemo(() => {
    if (!countries) return [];
    const out: Shape[] = [];
    for (const country of countries) {
      const entries = (statesOn.get(country.key) ?? [])
        .map((code) => roles.get(code))
        .filter((e): e is StateRole => e !== undefined)
        .sort((a, b) => rankOf(a.role) - rankOf(b.role));
      if (entries.length === 0) continue;
      out.push({
        country,
        entries,
        role: entries[0]?.role ?? "not-bound",
        contested: entries.some((e) => e.contested),
        actor: entries.some((e) => e.actor),
      });
    }
    return out;
  }, [countries, statesOn, roles]);

  // Keyboard order: the states that matter first (strongest role), then by name.
  const focusable = useMemo(
    () =>
      shapes
        .filter((s) => s.role !== "not-bound" || s.actor || s.contested)
        .sort((a, b) => rankOf(a.role) - rankOf(b.role) || a.country.name.localeCompare(b.country.name)),
    [shapes],
  );
  const activeKey =
    focusable.find((s) => s.country.key === active)?.country.key ?? focusable[0]?.country.key ?? null;

  const selectedKeys = useMemo(
    () => new Set(selected ? (shapesOf.get(selected) ?? []) : []),
    [selected, shapesOf],
  );

  const viewBox = useMemo(() => {
    if (!zoomed || focusable.length === 0) return `0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`;
    let [x0, y0, x1, y1] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 0, 0];
    for (const s of focusable) {
      const [[a, b], [c, d]] = s.country.bounds;
      // Far-flung overseas parts (France's Guiana, the US's Alaska) would zoom out again: use the centre.
      const wide = c - a > MAP_WIDTH / 3;
      const [cx, cy] = s.country.centre;
      x0 = Math.min(x0, wide ? cx - 30 : a);
      y0 = Math.min(y0, wide ? cy - 30 : b);
      x1 = Math.max(x1, wide ? cx + 30 : c);
      y1 = Math.max(y1, wide ? cy + 30 : d);
    }
    let w = Math.max(x1 - x0, 120) * 1.15;
    let h = Math.max(y1 - y0, 60) * 1.15;
    // Keep the map's proportions.
    if (w / h > MAP_WIDTH / MAP_HEIGHT) h = (w * MAP_HEIGHT) / MAP_WIDTH;
    else w = (h * MAP_WIDTH) / MAP_HEIGHT;
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    return `${(cx - w / 2).toFixed(1)} ${(cy - h / 2).toFixed(1)} ${w.toFixed(1)} ${h.toFixed(1)}`;
  }, [zoomed, focusable]);
  const scale = useMemo(() => Number(viewBox.split(" ")[2]) / MAP_WIDTH, [viewBox]);

  const describe = (s: Shape) =>
    s.entries
      .map(
        (e) =>
          `${e.name}: ${(labels?.[e.role] ?? ROLE[e.role].label).toLowerCase()}${e.contested && e.role !== "contested" ? " (contested)" : ""}${e.actor ? ", acts in the scenario" : ""}`,
      )
      .join("; ");

  const onKeyDown = (event: KeyboardEvent<SVGGElement>, shape: Shape) => {
    const index = focusable.indexOf(shape);
    const move = (to: number) => {
      const next = focusable[(to + focusable.length) % focusable.length];
      if (!next) return;
      event.preventDefault();
      setActive(next.country.key);
      shapeRefs.current.get(next.country.key)?.focus();
    };
    if (event.key === "ArrowRight" || event.key === "ArrowDown") move(index + 1);
    else if (event.key === "ArrowLeft" || event.key === "ArrowUp") move(index - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(focusable.length - 1);
    else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      const first = shape.entries[0];
      if (first) onSelect(first.code);
    }
  };

  // One handler for every shape, involved or not: any state on the map can be explained.
  const onClick = (event: MouseEvent<SVGSVGElement>) => {
    const key = (event.target as Element).closest("[data-key]")?.getAttribute("data-key");
    if (!key) return;
    const codes = statesOn.get(key) ?? [];
    const best = [...codes].sort(
      (a, b) => rankOf(roles.get(a)?.role ?? "not-bound") - rankOf(roles.get(b)?.role ?? "not-bound"),
    )[0];
    if (best) onSelect(best);
  };

  const legendRoles = useMemo(() => {
    const counts = new Map<Role, number>();
    for (const r of roles.values()) counts.set(r.role, (counts.get(r.role) ?? 0) + 1);
    return counts;
  }, [roles]);

  if (error) return <p className="error">The world map could not be loaded: {error}</p>;
  const isFocusable = new Set(focusable.map((s) => s.country.key));
  return (
    <div className="map">
      <button type="button" className="zoom" onClick={() => setZoomed((z) => !z)} aria-pressed={zoomed}>
        {zoomed ? "Whole world" : "Zoom to the states involved"}
      </button>
      {countries ? (
        // biome-ignore lint/a11y/useKeyWithClickEvents: the involved states take Enter/Space themselves (roving focus); every state is also in the list beside the map.
        // biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a <fieldset>; role="group" names the set of state shapes.
        <svg
          viewBox={viewBox}
          className="map-svg"
          role="group"
          aria-labelledby={labelledBy}
          aria-describedby="map-help"
          style={{ "--map-scale": scale } as CSSProperties}
          onClick={onClick}
        >
          <title>World map: each state coloured by its role</title>
          <defs>
            <pattern
              id="hatch"
              patternUnits="userSpaceOnUse"
              width="5"
              height="5"
              patternTransform="rotate(45)"
            >
              <rect width="5" height="5" fill="transparent" />
              <line x1="0" y1="0" x2="0" y2="5" stroke="#6b4e00" strokeWidth="1.6" />
            </pattern>
          </defs>
          <Outline countries={countries} />
          {shapes.map((s) => {
            const key = s.country.key;
            const focus = isFocusable.has(key);
            const first = s.entries[0];
            const small = s.country.area < 12;
            return (
              // biome-ignore lint/a11y/useSemanticElements: an SVG shape cannot be a <button>; it behaves as one (Enter/Space, roving focus).
              <g
                key={key}
                ref={(el) => {
                  if (el) shapeRefs.current.set(key, el);
                  else shapeRefs.current.delete(key);
                }}
                className={`shape role-${s.role}${selectedKeys.has(key) ? " selected" : ""}${s.actor ? " actor" : ""}`}
                data-code={first?.code}
                data-role={s.role}
                data-centre={`${s.country.centre[0].toFixed(1)},${s.country.centre[1].toFixed(1)}`}
                role="button"
                aria-label={describe(s)}
                tabIndex={focus ? (key === activeKey ? 0 : -1) : undefined}
                data-key={key}
                onKeyDown={focus ? (e) => onKeyDown(e, s) : undefined}
                onFocus={() => setActive(key)}
              >
                <title>{describe(s)}</title>
                <path d={s.country.d} fill={ROLE[s.role].color} />
                {s.contested && <path d={s.country.d} fill="url(#hatch)" className="hatch" />}
                {small && focus && (
                  <circle
                    cx={s.country.centre[0]}
                    cy={s.country.centre[1]}
                    r={3.5 * Math.max(scale, 0.25)}
                    fill={ROLE[s.role].color}
                    className="marker"
                  />
                )}
              </g>
            );
          })}
        </svg>
      ) : (
        <div className="map-svg loading" role="status">
          Loading the world map…
        </div>
      )}
      <p id="map-help" className="hint">
        Click a state for its obligations. Keyboard: Tab to the map, arrow keys move between the states
        involved, Enter explains; or use the list of states.
      </p>
      <ul className="legend" aria-label="Legend">
        {(Object.keys(labels ?? ROLE) as Role[])
          .filter((r) => labels?.[r] !== undefined || !labels)
          .map((r) => (
            <li key={r} title={ROLE[r].means}>
              <span
                className={`swatch${r === "contested" ? " hatched" : ""}`}
                style={r === "contested" ? undefined : { background: ROLE[r].color }}
                aria-hidden="true"
              />
              {labels?.[r] ?? ROLE[r].label}
              {r !== "not-bound" && <span className="count"> {legendRoles.get(r) ?? 0}</span>}
            </li>
          ))}
        {!labels && (
          <li title="acts in the scenario's events (attacks, is attacked, supplies)">
            <span className="swatch actor-swatch" aria-hidden="true" />
            Acts in the scenario (outlined)
          </li>
        )}
      </ul>
    </div>
  );
}
