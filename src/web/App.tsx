import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Builder } from "./components/Builder.js";
import { DateSlider, longDate, todayIso } from "./components/DateSlider.js";
import { Explanation, type ReadingChoice } from "./components/Explanation.js";
import { NetworkView } from "./components/Network.js";
import { ReadingSwitch } from "./components/ReadingSwitch.js";
import { ReadPanel } from "./components/ReadPanel.js";
import { StateList } from "./components/StateList.js";
import { Summary } from "./components/Summary.js";
import { WorldMap } from "./components/WorldMap.js";
import { ApiError, type Asked, api } from "./lib/api.js";
import { DEFAULT_SCENARIO, formatHash, parseHash, type Route, sourceKey } from "./lib/hash.js";
import { rolesOf, TIE_LABEL, tiesOf } from "./lib/roles.js";
import type {
  Contested,
  Network,
  Problem,
  ReadingInfo,
  Result,
  SavedScenario,
  SavedSummary,
  Scenario,
  ShippedScenario,
  StateInfo,
} from "./lib/types.js";

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
};

function shortTitle(id: string, title: string): string {
  const known = SHORT[id];
  if (known) return known;
  const text = title.replace(/^(hypothetical|counterfactual),\s*/i, "");
  return text.length > 32 ? `${text.slice(0, 31).trimEnd()}…` : text;
}

interface Loaded {
  key: string;
  scenario: Scenario | null;
  error: string | null;
  /** A saved scenario's version, for If-Match. */
  version?: number;
}

/** A save refused because someone else saved first: what they saved, and what this page tried to save. */
interface Conflict {
  id: string;
  mine: Scenario | null;
  current: SavedScenario;
}

interface Answer {
  /** The route (without the explained state) this answers. */
  key: string;
  result: Result | null;
  error: string | null;
  problems: Problem[];
  ms: number;
}

function useRoute(): [Route, (next: Route, replace?: boolean) => void, string | null] {
  const initial = useMemo(() => parseHash(window.location.hash), []);
  const [route, setRoute] = useState<Route>(initial.route);
  const [error, setError] = useState<string | null>(initial.error);
  useEffect(() => {
    if (window.location.hash !== formatHash(initial.route))
      window.history.replaceState(null, "", formatHash(initial.route));
    const onChange = () => {
      const parsed = parseHash(window.location.hash);
      setRoute((r) => (formatHash(r) === formatHash(parsed.route) ? r : parsed.route));
      setError(parsed.error);
    };
    window.addEventListener("hashchange", onChange);
    window.addEventListener("popstate", onChange);
    return () => {
      window.removeEventListener("hashchange", onChange);
      window.removeEventListener("popstate", onChange);
    };
  }, [initial]);
  const navigate = useCallback((next: Route, replace = false) => {
    const hash = formatHash(next);
    if (hash !== window.location.hash) {
      if (replace) window.history.replaceState(null, "", hash);
      else window.history.pushState(null, "", hash);
    }
    setError(null);
    setRoute(next);
  }, []);
  return [route, navigate, error];
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

export function App() {
  const [route, navigate, linkError] = useRoute();
  const [states, setStates] = useState<StateInfo[]>([]);
  const [shipped, setShipped] = useState<ShippedScenario[] | null>(null);
  const [saved, setSaved] = useState<SavedSummary[]>([]);
  const [bootError, setBootError] = useState<string | null>(null);
  const [builderOpen, setBuilderOpen] = useState(false);
  const [readOpen, setReadOpen] = useState(false);
  const [builderMessage, setBuilderMessage] = useState<{ message: string; problems: Problem[] } | null>(null);
  const [focusToken, setFocusToken] = useState(0);
  const [reload, setReload] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  const refreshSaved = useCallback(
    () =>
      api
        .saved()
        .then((r) => setSaved(r.items))
        .catch(() => undefined),
    [],
  );
  useEffect(() => {
    Promise.all([api.states(), api.shipped()])
      .then(([s, sh]) => {
        setStates(s);
        setShipped(sh);
      })
      .catch((e: Error) => setBootError(e.message));
    refreshSaved();
  }, [refreshSaved]);

  // The scenario the route names.
  const key = sourceKey({ ...route, readings: [] });
  const sourceRef = useRef(route.source);
  sourceRef.current = route.source;
  // Shipped and custom scenarios are at hand (no round trip, so the answer is asked for at once);
  // saved ones are fetched.
  const [fetched, setFetched] = useState<Loaded | null>(null);
  const loaded: Loaded | null = useMemo(() => {
    const source = sourceRef.current;
    if (source.kind === "custom") return { key, scenario: source.scenario, error: null };
    if (source.kind === "shipped") {
      if (!shipped) return null;
      const hit = shipped.find((s) => s.id === source.id);
      return {
        key,
        scenario: hit?.scenario ?? null,
        error: hit ? null : `There is no shipped scenario "${source.id}".`,
      };
    }
    return fetched?.key === key ? fetched : null;
  }, [key, shipped, fetched]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload asks for the saved scenario again after an edit.
  useEffect(() => {
    const source = sourceRef.current;
    let live = true;
    if (source.kind === "saved") {
      api
        .getSaved(source.id)
        .then((s) => live && setFetched({ key, scenario: s.scenario, error: null, version: s.version }))
        .catch(
          (e: Error) =>
            live &&
            setFetched({
              key,
              scenario: null,
              error:
                e instanceof ApiError && e.status === 404
                  ? "This saved scenario no longer exists."
                  : e.message,
            }),
        );
    }
    return () => {
      live = false;
    };
  }, [key, reload]);
  const scenario = loaded?.key === key ? loaded.scenario : null;
  useEffect(() => {
    document.title = scenario ? `${scenario.title} — casus` : "casus — who is bound to do what";
  }, [scenario]);

  // Its answer under the chosen readings.
  const answerKey = sourceKey(route);
  const readingsRef = useRef(route.readings);
  readingsRef.current = route.readings;
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [busy, setBusy] = useState(false);
  const asked: Asked | null = useMemo(() => {
    if (!scenario) return null;
    const source = sourceRef.current;
    return source.kind === "saved" ? { saved: source.id } : { scenario };
  }, [scenario]);
  useEffect(() => {
    if (!asked) return;
    let live = true;
    const started = performance.now();
    setBusy(true);
    api
      .whatIf(asked, readingsRef.current)
      .then((result) => {
        if (live)
          setAnswer({
            key: answerKey,
            result,
            error: null,
            problems: [],
            ms: Math.round(performance.now() - started),
          });
      })
      .catch((e: Error) => {
        if (live)
          setAnswer({
            key: answerKey,
            result: null,
            error: e.message,
            problems: e instanceof ApiError ? e.problems : [],
            ms: 0,
          });
      })
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [asked, answerKey]);
  const result = answer?.result ?? null;
  const current = answer?.key === answerKey && !busy;

  // Readings seen in this scenario's answers, kept while the scenario is on screen (an adopted reading
  // stays offered after the answer changes).
  const [seen, setSeen] = useState<{ key: string; readings: Map<string, ReadingInfo> }>({
    key,
    readings: new Map(),
  });
  useEffect(() => {
    if (!result || answer?.key !== answerKey) return;
    setSeen((old) => {
      const next = new Map(old.key === key ? old.readings : []);
      for (const r of result.readings) if (!next.has(r.key)) next.set(r.key, r);
      return old.key === key && next.size === old.readings.size ? old : { key, readings: next };
    });
  }, [result, answer, answerKey, key]);
  const known = seen.key === key ? seen.readings : new Map<string, ReadingInfo>();
  const generalReadings = [...known.values()].filter((r) => r.kind === "general");
  const instrumentReadings = [...known.values()].filter((r) => r.kind === "instrument");
  const axisOf = (id: string) => known.get(id)?.axis ?? null;
  // On each axis, the reading the route asks for, else the one the answer used.
  const askedAxes = new Set(route.readings.map(axisOf).filter((a) => a !== null));
  const inEffect = new Set([
    ...route.readings.filter((r) => axisOf(r) !== null),
    ...(result?.general ?? []).filter((g) => !askedAxes.has(axisOf(g) ?? "")),
  ]);
  const askedInstrument = route.readings.filter((r) => axisOf(r) === null);
  const adopted = new Set([...(result?.adopted ?? []), ...askedInstrument]);
  const onGeneral = (id: string) => {
    const axis = axisOf(id);
    navigate({
      ...route,
      readings: [...route.readings.filter((r) => axis === null || axisOf(r) !== axis), id],
    });
  };
  const onToggle = (id: string) =>
    navigate({
      ...route,
      readings: adopted.has(id) ? route.readings.filter((r) => r !== id) : [...route.readings, id],
    });
  const readingOf = (point: Contested["point"]): ReadingChoice | null => {
    const id = point.ref ?? point.id;
    if (point.kind === "general-reading") return { id, adopted: inEffect.has(id) };
    if (point.kind === "instrument-reading") return { id, adopted: adopted.has(id) };
    return null;
  };
  const onReading = (choice: ReadingChoice) =>
    known.get(choice.id)?.kind === "general" ? onGeneral(choice.id) : onToggle(choice.id);

  // The date: the scenario's own, until the slider moves it.
  const [picked, setPicked] = useState<{ key: string; date: string } | null>(null);
  const setDate = (date: string) => setPicked({ key, date });
  const asOf = scenario?.as_of ?? null;
  // Until the scenario is known there is no date to draw (today's network would be drawn for nothing).
  const wantedDate = (picked?.key === key ? picked.date : null) ?? asOf ?? (loaded ? todayIso() : null);
  const networkDate = wantedDate ?? todayIso();
  const [network, setNetwork] = useState<Network | null>(null);
  const [networkBusy, setNetworkBusy] = useState(false);
  const networkCache = useRef(new Map<string, Network>());
  useEffect(() => {
    if (!wantedDate) return;
    const date = wantedDate;
    const cached = networkCache.current.get(date);
    if (cached) {
      setNetwork(cached);
      return;
    }
    let live = true;
    setNetworkBusy(true);
    const timer = setTimeout(
      () => {
        api
          .network(date)
          .then((n) => {
            networkCache.current.set(date, n);
            if (live) setNetwork(n);
          })
          .catch(() => undefined)
          .finally(() => live && setNetworkBusy(false));
      },
      networkCache.current.size > 0 ? 120 : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [wantedDate]);

  const answerRoles = useMemo(() => (result ? rolesOf(result, scenario) : new Map()), [result, scenario]);
  const networkRoles = useMemo(() => (network ? tiesOf(network) : new Map()), [network]);
  const showsAnswer = result !== null && asOf !== null && networkDate === asOf;
  const mapRoles = showsAnswer ? answerRoles : networkRoles;
  const mapLabels = showsAnswer ? undefined : TIE_LABEL;

  const selected = route.explain;
  const select = (code: string) => {
    navigate({ ...route, explain: code }, true);
    setFocusToken((t) => t + 1);
  };
  const unselect = () => navigate({ ...route, explain: null }, true);
  const selectedName =
    selected &&
    (answerRoles.get(selected)?.name ??
      networkRoles.get(selected)?.name ??
      states.find((s) => s.code === selected)?.name ??
      selected);

  const pickShipped = (id: string) =>
    navigate({ source: { kind: "shipped", id }, readings: [], explain: null });

  const briefName = () => {
    const source = route.source;
    const base = source.kind === "custom" ? "scenario" : source.id;
    return `casus-${base}${route.readings.length ? `-${route.readings.map((r) => r.split("/").pop()).join("-")}` : ""}.md`;
  };
  const onBrief = async () => {
    if (!asked) return;
    try {
      const { markdown } = await api.brief(asked, route.readings);
      download(briefName(), markdown);
      setNotice("Brief downloaded.");
    } catch (e) {
      setNotice(`The brief could not be made: ${(e as Error).message}`);
    }
  };
  const [copied, setCopied] = useState(false);
  const link = `${window.location.origin}${window.location.pathname}${formatHash({ ...route })}`;
  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setNotice("Copy the link from the field beside the button.");
    }
  };

  const onRun = (s: Scenario) => {
    setBuilderMessage(null);
    navigate({ source: { kind: "custom", scenario: s }, readings: route.readings, explain: null });
  };
  const fail = (e: unknown) =>
    setBuilderMessage({
      message: (e as Error).message,
      problems: e instanceof ApiError ? e.problems : [],
    });
  const onSave = async (s: Scenario) => {
    try {
      const savedScenario = await api.save(s);
      setBuilderMessage(null);
      await refreshSaved();
      navigate({ source: { kind: "saved", id: savedScenario.id }, readings: route.readings, explain: null });
      setNotice(
        `Saved. Its link: ${window.location.origin}${window.location.pathname}#saved=${savedScenario.id}`,
      );
    } catch (e) {
      fail(e);
    }
  };
  /** A 412 becomes a conflict to resolve; anything else is shown as before. */
  const failOrConflict = (e: unknown, id: string, mine: Scenario | null) => {
    if (e instanceof ApiError && e.status === 412 && e.current) setConflict({ id, mine, current: e.current });
    else fail(e);
  };
  const onUpdate = async (id: string, s: Scenario, version = loaded?.version ?? 0) => {
    try {
      await api.update(id, s, version);
      setBuilderMessage(null);
      setConflict(null);
      await refreshSaved();
      setReload((r) => r + 1);
      setNotice("Changes saved.");
    } catch (e) {
      failOrConflict(e, id, s);
    }
  };
  const onDelete = async (id: string) => {
    try {
      await api.remove(id, loaded?.version ?? 0);
      await refreshSaved();
      setNotice("Scenario deleted.");
      pickShipped(DEFAULT_SCENARIO);
    } catch (e) {
      failOrConflict(e, id, null);
    }
  };
  const reloadTheirs = () => {
    setConflict(null);
    setReload((r) => r + 1);
  };

  const answerProblems = answer?.key === answerKey && answer.problems.length > 0 ? answer.problems : [];
  const error = bootError ?? loaded?.error ?? (answer?.key === answerKey ? answer.error : null);
  const source = route.source;

  return (
    <div className="app">
      <button
        type="button"
        className="skip"
        onClick={() =>
          (
            document.querySelector<HTMLElement>(".state-list .state-button") ??
            document.getElementById("state-list-h")
          )?.focus()
        }
      >
        Skip to the list of states
      </button>
      <header className="top">
        <div className="brand">
          <h1>casus</h1>
          <p>If this happens, who is bound to do what, under which treaty article?</p>
        </div>
        <nav aria-label="Scenarios" className="scenarios">
          <ul className="shipped">
            {(shipped ?? []).map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  aria-pressed={source.kind === "shipped" && source.id === s.id}
                  data-scenario={s.id}
                  title={s.scenario.title}
                  onClick={() => pickShipped(s.id)}
                >
                  {shortTitle(s.id, s.scenario.title)}
                </button>
              </li>
            ))}
          </ul>
          <label className="saved-picker">
            Saved
            <select
              value={source.kind === "saved" ? source.id : ""}
              onChange={(e) =>
                e.target.value &&
                navigate({ source: { kind: "saved", id: e.target.value }, readings: [], explain: null })
              }
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
            onClick={() => setBuilderOpen((o) => !o)}
          >
            {builderOpen ? "Close the builder" : "Build or edit a scenario"}
          </button>
          <button
            type="button"
            aria-expanded={readOpen}
            aria-controls="read"
            onClick={() => setReadOpen((o) => !o)}
          >
            {readOpen ? "Close the article" : "Paste an article"}
          </button>
        </nav>
      </header>

      {linkError && (
        <p className="error banner" role="alert">
          {linkError}
        </p>
      )}
      {error && (
        <p className="error banner" role="alert">
          {error}
        </p>
      )}

      <section className="scenario-bar" aria-labelledby="scenario-title">
        <div className="scenario-text">
          <h2 id="scenario-title" data-ready={current ? "true" : "false"}>
            {scenario?.title ?? (loaded?.error ? "No scenario" : "Loading…")}
          </h2>
          {scenario && (
            <p className="as-of">
              As of {longDate(scenario.as_of)} · {scenario.events.length} event
              {scenario.events.length === 1 ? "" : "s"}:{" "}
              {scenario.events
                .map(
                  (e) =>
                    `${e.by} ${e.kind.replace(/-/g, " ")}${e.against ? ` on ${e.against}` : e.to ? ` to ${e.to}` : ""}`,
                )
                .join("; ")}
              {source.kind === "saved" && " · saved"}
              {source.kind === "custom" && " · built here"}
            </p>
          )}
        </div>
        <ReadingSwitch
          general={generalReadings}
          inEffect={inEffect}
          known={instrumentReadings}
          adopted={adopted}
          busy={busy}
          onGeneral={onGeneral}
          onToggle={onToggle}
        />
        <div className="share">
          <button type="button" onClick={onBrief} disabled={!asked}>
            Download brief (Markdown)
          </button>
          <button type="button" onClick={copyLink}>
            {copied ? "Link copied" : "Copy link"}
          </button>
          <input className="link" readOnly value={link} aria-label="Link to this scenario and reading" />
        </div>
      </section>

      <div id="read">{readOpen && <ReadPanel onSave={onSave} />}</div>

      <div id="builder">
        {builderOpen && scenario && (
          <Builder
            key={`${key}-${reload}`}
            scenario={scenario}
            savedId={source.kind === "saved" ? source.id : null}
            states={states}
            problems={builderMessage?.problems ?? answerProblems}
            message={builderMessage?.message ?? (answerProblems.length ? (answer?.error ?? null) : null)}
            onRun={onRun}
            onSave={onSave}
            onUpdate={onUpdate}
            onDelete={onDelete}
          />
        )}
      </div>

      <p className="visually-hidden" role="status" aria-live="polite">
        {busy
          ? "Working out the answer…"
          : current && result
            ? `Answer ready: ${result.obligations.length} obligations.`
            : ""}
        {notice ? ` ${notice}` : ""}
      </p>
      {conflict && (
        <div className="notice conflict" role="alert">
          <p>
            Someone else changed this scenario since you opened it: it is now version{" "}
            {conflict.current.version}, “{conflict.current.title}”, saved{" "}
            {new Date(conflict.current.updated_at).toLocaleString()}.{" "}
            {conflict.mine ? "Your changes were not saved." : "It was not deleted."}
          </p>
          <button type="button" onClick={reloadTheirs}>
            Reload their version
          </button>{" "}
          {conflict.mine && (
            <button
              type="button"
              onClick={() => void onUpdate(conflict.id, conflict.mine as Scenario, conflict.current.version)}
            >
              Overwrite with mine
            </button>
          )}
        </div>
      )}
      {notice && (
        <p className="notice">
          {notice}{" "}
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            dismiss
          </button>
        </p>
      )}

      <main
        className="grid"
        data-answer={current ? "ready" : "busy"}
        data-answer-for={answer?.key ?? ""}
        data-answer-ms={answer?.ms ?? ""}
        aria-busy={busy}
      >
        <section className="map-area" aria-labelledby="map-h">
          <div className="map-head">
            <h2 id="map-h">
              {showsAnswer
                ? `Who is bound on ${longDate(networkDate)}${busy ? " (updating…)" : ""}`
                : `Alliances in force on ${longDate(networkDate)}`}
            </h2>
            <DateSlider date={networkDate} asOf={asOf} onChange={(d) => setDate(d)} />
          </div>
          {!showsAnswer && asOf && (
            <p className="mode-note">
              The map shows the alliances in force on this date; the answer applies on the scenario's date,{" "}
              {longDate(asOf)}.
            </p>
          )}
          <WorldMap
            states={states}
            roles={mapRoles}
            labels={mapLabels}
            selected={selected}
            onSelect={select}
            labelledBy="map-h"
          />
        </section>

        <aside className="side" aria-label="States and explanation">
          <StateList
            roles={showsAnswer ? answerRoles : networkRoles}
            labels={mapLabels}
            states={states}
            selected={selected}
            onSelect={select}
          />
          {result && selected && selectedName ? (
            <Explanation
              result={result}
              code={selected}
              name={selectedName}
              role={answerRoles.get(selected)}
              focusToken={focusToken}
              note={showsAnswer ? null : `In the scenario's answer, on ${longDate(asOf ?? networkDate)}.`}
              readingOf={readingOf}
              onReading={onReading}
              onSelect={select}
              onClose={unselect}
            />
          ) : result ? (
            <Summary
              result={result}
              roles={answerRoles}
              readingOf={readingOf}
              onReading={onReading}
              onSelect={select}
            />
          ) : (
            <p className="hint">{error ? "No answer." : "Working out the answer…"}</p>
          )}
        </aside>

        <section className="network-area" aria-labelledby="network-h">
          <h2 id="network-h">Alliance network on {longDate(networkDate)}</h2>
          <NetworkView
            network={network}
            loading={networkBusy}
            roles={mapRoles}
            states={states}
            selected={selected}
            onSelect={select}
          />
        </section>
      </main>
      <footer>
        <p>
          Map: Natural Earth 1:50m via world-atlas, on today's borders (states without an ISO code are drawn
          on their successors' territory). Off the scenario's date the map shows the alliances in force
          instead of the answer. The data and the engine are the casus library's;{" "}
          <a href="/openapi.json">API</a>.
        </p>
      </footer>
    </div>
  );
}
