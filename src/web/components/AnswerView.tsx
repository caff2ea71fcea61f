import { useEffect, useMemo, useRef, useState } from "react";
import { rolesOf, TIE_LABEL, tiesOf } from "../../report/roles.js";
import { eventName, longDate } from "../../report/words.js";
import type { Answer } from "../lib/answer.js";
import { ApiError, type Asked, api } from "../lib/api.js";
import { type CompareSpec, formatHash, type Route } from "../lib/hash.js";
import type {
  Contested,
  Network,
  Problem,
  ReadingInfo,
  SavedScenario,
  Scenario,
  ShippedScenario,
  StateInfo,
} from "../lib/types.js";
import { AnswerCard } from "./AnswerCard.js";
import { Builder } from "./Builder.js";
import { CompareView } from "./CompareView.js";
import { DateSlider, todayIso } from "./DateSlider.js";
import { Explanation } from "./explain/Explanation.js";
import type { PointActions, ReadingChoice } from "./explain/Points.js";
import { NetworkView } from "./Network.js";
import { ReadingSwitch } from "./ReadingSwitch.js";
import { ReadPanel } from "./ReadPanel.js";
import { StateList } from "./StateList.js";
import { Summary } from "./Summary.js";
import { Timeline } from "./Timeline.js";
import { Tools } from "./Tools.js";
import { WorldMap } from "./WorldMap.js";

interface Props {
  route: Route;
  navigate: (next: Route, replace?: boolean) => void;
  scenario: Scenario | null;
  loadedError: string | null;
  /** The saved scenario's version as loaded, sent as If-Match with changes and deletions. */
  version: number;
  asked: Asked | null;
  answer: Answer | null;
  answerKey: string;
  busy: boolean;
  states: StateInfo[];
  shipped: ShippedScenario[];
  builderOpen: boolean;
  readOpen: boolean;
  onTreaty: (instrument: string, article: string | null) => void;
  onSaved: () => Promise<void>;
  onDeleted: () => Promise<void>;
}

/** The answer page: the scenario, the answer first, then the map, the states, the cascade and the network. */
export function AnswerView(props: Props) {
  const { route, navigate, scenario, asked, answer, answerKey, busy, states, shipped } = props;
  const result = answer?.result ?? null;
  const current = answer?.key === answerKey && !busy;
  const key = formatHash({
    ...route,
    readings: [],
    explain: null,
    compare: null,
    treaty: null,
    search: null,
  });
  const [notice, setNotice] = useState<string | null>(null);
  const [focusToken, setFocusToken] = useState(0);
  // The readings are a click away, below the answer: the answer comes first.
  const [readingsOpen, setReadingsOpen] = useState(false);
  const [builderMessage, setBuilderMessage] = useState<{ message: string; problems: Problem[] } | null>(null);
  /** A save refused because someone else saved first: what they saved, and what this page tried to save. */
  const [conflict, setConflict] = useState<{
    id: string;
    mine: Scenario | null;
    current: SavedScenario;
  } | null>(null);
  const readingsRef = useRef<HTMLDetailsElement>(null);

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
  const adopted = new Set([...(result?.adopted ?? []), ...route.readings.filter((r) => axisOf(r) === null)]);
  const go = (change: Partial<Route>, replace = false) =>
    navigate({ ...route, compare: null, treaty: null, search: null, ...change }, replace);
  const onGeneral = (id: string) => {
    const axis = axisOf(id);
    go({ readings: [...route.readings.filter((r) => axis === null || axisOf(r) !== axis), id] });
  };
  const onToggle = (id: string) =>
    go({ readings: adopted.has(id) ? route.readings.filter((r) => r !== id) : [...route.readings, id] });
  const actions: PointActions = {
    readingOf: (point: Contested["point"]): ReadingChoice | null => {
      const id = point.ref ?? point.id;
      if (point.kind === "general-reading") return { id, adopted: inEffect.has(id) };
      if (point.kind === "instrument-reading") return { id, adopted: adopted.has(id) };
      return null;
    },
    onReading: (choice) =>
      known.get(choice.id)?.kind === "general" ? onGeneral(choice.id) : onToggle(choice.id),
    onCompare: (choice) => go({ compare: { kind: "reading", id: choice.id } }),
  };

  // The date: the scenario's own, until the slider moves it.
  const [picked, setPicked] = useState<{ key: string; date: string } | null>(null);
  const asOf = scenario?.as_of ?? null;
  const wantedDate =
    (picked?.key === key ? picked.date : null) ?? asOf ?? (scenario || props.loadedError ? todayIso() : null);
  const networkDate = wantedDate ?? todayIso();
  const [network, setNetwork] = useState<Network | null>(null);
  const [networkBusy, setNetworkBusy] = useState(false);
  const networkCache = useRef(new Map<string, Network>());
  // The network is fetched after the answer: it serves the map off the scenario's date and the network view.
  const answered = answer !== null;
  useEffect(() => {
    if (!wantedDate || !answered) return;
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
      // After the answer has been painted (the network's JSON is large), and a moment after a slider move.
      networkCache.current.size > 0 ? 120 : 50,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [wantedDate, answered]);

  // When the answer was first on screen, in milliseconds since navigation (the browser tests print it).
  const [answerAt, setAnswerAt] = useState<number | null>(null);
  useEffect(() => {
    if (current && result && answerAt === null) setAnswerAt(Math.round(performance.now()));
  }, [current, result, answerAt]);

  const answerRoles = useMemo(() => (result ? rolesOf(result) : new Map()), [result]);
  const networkRoles = useMemo(() => (network ? tiesOf(network) : new Map()), [network]);
  const showsAnswer = result !== null && asOf !== null && networkDate === asOf;
  const mapRoles = showsAnswer ? answerRoles : networkRoles;
  const mapLabels = showsAnswer ? undefined : TIE_LABEL;

  const selected = route.explain;
  const select = (code: string) => {
    go({ explain: code }, true);
    setFocusToken((t) => t + 1);
  };
  const selectedName =
    selected &&
    (answerRoles.get(selected)?.name ??
      networkRoles.get(selected)?.name ??
      states.find((s) => s.code === selected)?.name ??
      selected);

  const source = route.source;
  const stem = `casus-${source.kind === "custom" ? "scenario" : source.id}${route.readings.length ? `-${route.readings.map((r) => r.split("/").pop()).join("-")}` : ""}`;
  const link = `${window.location.origin}${window.location.pathname}${formatHash({ ...route, treaty: null, search: null })}`;

  const onRun = (s: Scenario) => {
    setBuilderMessage(null);
    navigate({
      source: { kind: "custom", scenario: s },
      readings: route.readings,
      explain: null,
      compare: null,
      treaty: null,
      search: null,
    });
  };
  const fail = (e: unknown) =>
    setBuilderMessage({ message: (e as Error).message, problems: e instanceof ApiError ? e.problems : [] });
  const onSave = async (s: Scenario) => {
    try {
      const savedScenario = await api.save(s);
      setBuilderMessage(null);
      navigate({
        source: { kind: "saved", id: savedScenario.id },
        readings: route.readings,
        explain: null,
        compare: null,
        treaty: null,
        search: null,
      });
      await props.onSaved();
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
  const onUpdate = async (id: string, s: Scenario, version = props.version) => {
    try {
      await api.update(id, s, version);
      setBuilderMessage(null);
      setConflict(null);
      await props.onSaved();
      setNotice("Changes saved.");
    } catch (e) {
      failOrConflict(e, id, s);
    }
  };
  const onDelete = async (id: string) => {
    try {
      await api.remove(id, props.version);
      setNotice("Scenario deleted.");
      await props.onDeleted();
    } catch (e) {
      failOrConflict(e, id, null);
    }
  };
  const reloadTheirs = async () => {
    setConflict(null);
    await props.onSaved();
  };
  const answerProblems = answer?.key === answerKey && answer.problems.length > 0 ? answer.problems : [];
  const openReadings = () => {
    setReadingsOpen(true);
    setTimeout(() => readingsRef.current?.scrollIntoView({ block: "nearest" }), 0);
  };

  const events = result
    ? result.events.map(
        (e) =>
          `${eventName(result, e.id)}${e.against ? ` against ${e.against.name}` : e.to ? ` to ${e.to.name}` : ""}`,
      )
    : (scenario?.events ?? []).map(
        (e) =>
          `${e.by} ${e.kind.replace(/-/g, " ")}${e.against ? ` on ${e.against}` : e.to ? ` to ${e.to}` : ""}`,
      );

  return (
    <>
      <section className="scenario-bar" aria-labelledby="scenario-title">
        <h2 id="scenario-title" data-ready={current ? "true" : "false"}>
          {scenario?.title ?? (props.loadedError ? "No scenario" : "Loading…")}
        </h2>
        {scenario && (
          <p className="as-of">
            {longDate(scenario.as_of)} · {events.join("; ")}
            {source.kind === "saved" && " · saved"}
            {source.kind === "custom" && " · built here"}
          </p>
        )}
      </section>

      {result && current ? (
        <AnswerCard result={result} actions={actions} onSelect={select} onReadings={openReadings} />
      ) : (
        <p className="answer-card hint" aria-live="polite">
          {answer?.error ? "No answer." : "Working out the answer…"}
        </p>
      )}

      <details
        ref={readingsRef}
        className="readings-panel"
        open={readingsOpen}
        onToggle={(e) => setReadingsOpen((e.target as HTMLDetailsElement).open)}
      >
        <summary>
          Readings of the law
          {generalReadings.length ? `: ${[...inEffect].map((k) => known.get(k)?.label ?? k).join("; ")}` : ""}
        </summary>
        <ReadingSwitch
          general={generalReadings}
          inEffect={inEffect}
          known={instrumentReadings}
          adopted={adopted}
          result={result}
          busy={busy}
          onGeneral={onGeneral}
          onToggle={onToggle}
        />
      </details>

      <Tools
        asked={asked}
        readings={route.readings}
        result={result}
        stem={stem}
        link={link}
        onNotice={setNotice}
      />

      <div id="read">{props.readOpen && <ReadPanel onSave={onSave} />}</div>

      <div id="builder">
        {props.builderOpen && scenario && (
          <Builder
            key={key}
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
          <button type="button" onClick={() => void reloadTheirs()}>
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

      {route.compare && result && scenario && asked ? (
        <CompareView
          result={result}
          scenario={scenario}
          asked={asked}
          readings={route.readings}
          spec={route.compare}
          known={[...known.values()]}
          shipped={shipped}
          onSpec={(spec: CompareSpec) => go({ compare: spec }, true)}
          onSelect={(code) => go({ explain: code })}
          onClose={() => go({})}
        />
      ) : null}

      <main
        className="grid"
        data-answer={current ? "ready" : "busy"}
        data-answer-for={answer?.key ?? ""}
        data-answer-ms={answer?.ms ?? ""}
        data-answer-at={answerAt ?? ""}
        aria-busy={busy}
        hidden={route.compare !== null}
      >
        <section className="map-area" aria-labelledby="map-h">
          <div className="map-head">
            <h2 id="map-h">
              {showsAnswer
                ? `Who is bound on ${longDate(networkDate)}${busy ? " (updating…)" : ""}`
                : `Alliances in force on ${longDate(networkDate)}`}
            </h2>
            <DateSlider date={networkDate} asOf={asOf} onChange={(d) => setPicked({ key, date: d })} />
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
            after={answered}
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
            date={asOf ?? networkDate}
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
              actions={actions}
              onSelect={select}
              onTreaty={props.onTreaty}
              onClose={() => go({ explain: null }, true)}
            />
          ) : result ? (
            <Summary result={result} actions={actions} onSelect={select} onTreaty={props.onTreaty} />
          ) : null}
        </aside>

        {result && (
          <div className="timeline-wrap">
            <Timeline result={result} onSelect={select} />
          </div>
        )}

        <section className="network-area" aria-labelledby="network-h">
          <h2 id="network-h">Alliance network on {longDate(networkDate)}</h2>
          <NetworkView
            network={network}
            loading={networkBusy}
            roles={mapRoles}
            states={states}
            selected={selected}
            onSelect={select}
            fileStem={stem}
            after={answered && current}
          />
        </section>
      </main>
    </>
  );
}
