import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { AnswerView } from "./components/AnswerView.js";
import { Header } from "./components/Header.js";
import { SearchView } from "./components/SearchView.js";
import { TreatyReader } from "./components/TreatyReader.js";
import { useAnswer } from "./lib/answer.js";
import { ApiError, type Asked, api } from "./lib/api.js";
import { DEFAULT_SCENARIO, type Route, sourceKey } from "./lib/hash.js";
import { useRoute } from "./lib/route.js";
import type { SavedSummary, Scenario, ShippedScenario, StateInfo } from "./lib/types.js";

interface Loaded {
  key: string;
  scenario: Scenario | null;
  error: string | null;
  /** A saved scenario's version, for If-Match. */
  version?: number;
}

/**
 * The shell: the header, the route (scenario, readings, the view open) and the data every view shares.
 * The answer, the comparison, the treaty reader and the search each have their own component.
 */
export function App() {
  const [route, navigate, linkError] = useRoute();
  const [states, setStates] = useState<StateInfo[]>([]);
  const [shipped, setShipped] = useState<ShippedScenario[] | null>(null);
  const [saved, setSaved] = useState<SavedSummary[]>([]);
  const [bootError, setBootError] = useState<string | null>(null);
  const [builderOpen, setBuilderOpen] = useState(false);
  const [readOpen, setReadOpen] = useState(false);
  const [reload, setReload] = useState(0);
  const [version, setVersion] = useState<string | null>(null);

  const refreshSaved = useCallback(
    () =>
      api
        .saved()
        .then((r) => setSaved(r.items))
        .catch(() => undefined),
    [],
  );
  useEffect(() => {
    // The scenarios first: the answer is asked for as soon as they are here; the states follow.
    api
      .shipped()
      .then(setShipped)
      .catch((e: Error) => setBootError(e.message));
    api
      .states()
      .then(setStates)
      .catch((e: Error) => setBootError(e.message));
    refreshSaved();
    api
      .health()
      .then((h) => setVersion(`casus ${h.version}, ${h.result_schema}, ${h.instruments} instruments`))
      .catch(() => undefined);
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
  const asked: Asked | null = useMemo(() => {
    if (!scenario) return null;
    const source = sourceRef.current;
    return source.kind === "saved" ? { saved: source.id } : { scenario };
  }, [scenario]);
  const [answer, busy] = useAnswer(asked, route.readings, answerKey);

  const go = (change: Partial<Route>, replace = false) =>
    navigate({ ...route, compare: null, treaty: null, search: null, ...change }, replace);
  const pickShipped = (id: string) =>
    navigate({
      source: { kind: "shipped", id },
      readings: [],
      explain: null,
      compare: null,
      treaty: null,
      search: null,
    });

  const error = bootError ?? loaded?.error ?? (answer?.key === answerKey ? answer.error : null);
  const onTreaty = (id: string, article: string | null) => go({ treaty: { id, article: article || null } });

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
      <Header
        shipped={shipped}
        saved={saved}
        source={route.source}
        builderOpen={builderOpen}
        readOpen={readOpen}
        search={route.search}
        onShipped={pickShipped}
        onSaved={(id) =>
          navigate({
            source: { kind: "saved", id },
            readings: [],
            explain: null,
            compare: null,
            treaty: null,
            search: null,
          })
        }
        onBuilder={() => setBuilderOpen((o) => !o)}
        onRead={() => {
          setReadOpen((o) => !o);
          if (route.treaty || route.search) go({});
        }}
        onSearch={(q) => go({ search: q })}
      />
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
      {route.treaty ? (
        <TreatyReader
          id={route.treaty.id}
          article={route.treaty.article}
          states={states}
          onArticle={(article) => go({ treaty: { id: route.treaty?.id ?? "", article } }, true)}
          onClose={() => go({})}
        />
      ) : route.search ? (
        <SearchView query={route.search} onOpen={onTreaty} onClose={() => go({})} />
      ) : (
        <AnswerView
          route={route}
          navigate={navigate}
          scenario={scenario}
          loadedError={loaded?.error ?? null}
          version={loaded?.version ?? 0}
          asked={asked}
          answer={answer}
          answerKey={answerKey}
          busy={busy}
          states={states}
          shipped={shipped ?? []}
          builderOpen={builderOpen}
          readOpen={readOpen}
          onTreaty={onTreaty}
          onSaved={async () => {
            await refreshSaved();
            setReload((r) => r + 1);
          }}
          onDeleted={async () => {
            await refreshSaved();
            pickShipped(DEFAULT_SCENARIO);
          }}
        />
      )}
      <footer>
        <p>
          Map: Natural Earth 1:50m via world-atlas, on today's borders (states without an ISO code are drawn
          on their successors' territory), fitted to the states involved. Off the scenario's date the map
          shows the alliances in force instead of the answer. The data and the engine are the casus library's;{" "}
          <a href="/openapi.json">API</a>.{version ? ` ${version}.` : ""}
        </p>
      </footer>
    </div>
  );
}
