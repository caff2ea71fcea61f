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
import { boxText, mapView, WORLD } from "../../report/map.js";
import { ROLE, type Role, rankOf, type StateRole } from "../../report/roles.js";
import { type Country, loadWorld, MAP_WIDTH, placement } from "../lib/geo.js";
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
  /** Whether the page may load the atlas now (once the answer is on screen). */
  after: boolean;
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

export function WorldMap({ states, roles, labels, selected, onSelect, labelledBy, after }: Props) {
  const [countries, setCountries] = useState<Country[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [zoomed, setZoomed] = useState(true);
  const [active, setActive] = useState<string | null>(null);
  const shapeRefs = useRef(new Map<string, SVGGElement>());

  // The atlas takes a few hundred milliseconds to project: it waits until the answer is on screen (and
  // the state registry is here), so that the answer comes first.
  const ready = states.length > 0 && after;
  useEffect(() => {
    if (!ready) return;
    // After the next paint, so that the answer shows before the projection takes the main thread.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(
        () =>
          loadWorld()
            .then(setCountries)
            .catch((e: Error) => setError(e.message)),
        0,
      );
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready]);

  const { statesOn, shapesOf } = useMemo(() => placement(states), [states]);

  // The coloured shapes, the view fitted to the states involved, and an inset where the theatre is small.
  const fitted = useMemo(
    () => (countries ? mapView(countries, statesOn, roles) : null),
    [countries, statesOn, roles],
  );
  const shapes: Shape[] = fitted?.shapes ?? [];

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

  const viewBox = boxText(zoomed && fitted ? fitted.view : WORLD);
  const inset = zoomed ? (fitted?.inset ?? null) : null;
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
      <button type="button" className="zoom" onClick={() => setZoomed((z) => !z)} aria-pressed={!zoomed}>
        {zoomed ? "Whole world" : "The states involved"}
      </button>
      {countries ? (
        <div className="map-frame">
          {/* biome-ignore lint/a11y/useKeyWithClickEvents: the involved states take Enter/Space themselves (roving focus); every state is also in the list beside the map. */}
          {/* biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a <fieldset>; role="group" names the set of state shapes. */}
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
          {/* A magnified view of the attacker and the attacked, where they are small on the main map. */}
          {inset && (
            <svg viewBox={boxText(inset)} className="map-inset" aria-hidden="true" onClick={onClick}>
              {shapes
                .filter((sh) => {
                  const [[a, b], [c, d]] = sh.country.bounds;
                  return (
                    c >= inset[0] && a <= inset[0] + inset[2] && d >= inset[1] && b <= inset[1] + inset[3]
                  );
                })
                .map((sh) => (
                  <path
                    key={sh.country.key}
                    d={sh.country.d}
                    data-key={sh.country.key}
                    fill={ROLE[sh.role].color}
                    className={`inset-shape role-${sh.role}`}
                    style={{ strokeWidth: (0.6 * inset[2]) / MAP_WIDTH }}
                  />
                ))}
            </svg>
          )}
        </div>
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
          .filter((r) =>
            labels ? labels[r] !== undefined : (legendRoles.get(r) ?? 0) > 0 || r === "not-bound",
          )
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
