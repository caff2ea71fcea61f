import type { Core, ElementDefinition, StylesheetJson } from "cytoscape";
import { useEffect, useMemo, useRef, useState } from "react";
import { KIND_COLOR, ROLE, type StateRole } from "../../report/roles.js";
import { download } from "../lib/download.js";
import { loadWorld, MAP_HEIGHT, MAP_WIDTH, placement } from "../lib/geo.js";
import type { LayoutRequest, LayoutResponse } from "../lib/layout.worker.js";
import type { Network, ProvisionKind, StateInfo } from "../lib/types.js";

interface Props {
  network: Network | null;
  loading: boolean;
  /** Node colours: the answer's roles on the scenario's date, the strongest tie otherwise. */
  roles: ReadonlyMap<string, StateRole>;
  states: readonly StateInfo[];
  selected: string | null;
  onSelect: (code: string) => void;
  /** The file name's stem for the pictures it saves. */
  fileStem: string;
}

/** Drawn on top of each other in this order (defence last, on top). */
const KIND_ORDER: ProvisionKind[] = [
  "consultation",
  "no-hostile-third-party-commitments",
  "non-aggression",
  "non-assistance-to-aggressor",
  "neutrality",
  "mobilisation",
  "offence",
  "defence",
];
const KIND_LABEL: Partial<Record<ProvisionKind, string>> = {
  "no-hostile-third-party-commitments": "no hostile commitments",
  "non-assistance-to-aggressor": "non-assistance",
};

const STYLE: StylesheetJson = [
  {
    selector: "node",
    style: {
      width: 13,
      height: 13,
      "background-color": "data(color)",
      "border-width": 1,
      "border-color": "#444",
      label: "data(label)",
      "font-size": 8,
      "font-family": "system-ui, sans-serif",
      color: "#111",
      "text-valign": "bottom",
      "text-margin-y": 2,
      "text-outline-color": "#fff",
      "text-outline-width": 2,
      "min-zoomed-font-size": 5,
    },
  },
  {
    selector: "edge",
    style: {
      "curve-style": "haystack",
      "haystack-radius": 0,
      width: "data(width)",
      "line-color": "data(color)",
      opacity: 0.4,
      "z-index": "data(z)" as unknown as number,
    },
  },
  { selector: ".faded", style: { opacity: 0.07 } },
  { selector: "edge.lit", style: { opacity: 0.95, width: 2.4 } },
  { selector: "node.lit", style: { "border-width": 2, "border-color": "#000" } },
  { selector: "node.chosen", style: { "border-width": 3, "border-color": "#000", width: 18, height: 18 } },
];

interface Tip {
  x: number;
  y: number;
  text: string;
}

/**
 * The network is drawn only once it scrolls into view: the answer comes first, and laying out a few
 * hundred states is the page's costliest work (done in a worker besides).
 */
export function NetworkView(props: Props & { after: boolean }) {
  const { after, ...rest } = props;
  const box = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el || seen || !after) return;
    if (typeof IntersectionObserver === "undefined") {
      setSeen(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setSeen(true);
      },
      { rootMargin: "200px" },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [seen, after]);
  return (
    <div ref={box} className="network-lazy" data-drawn={seen ? "true" : "false"}>
      {seen ? (
        <NetworkDrawn {...rest} />
      ) : (
        <p className="hint">The network is drawn when you scroll to it.</p>
      )}
    </div>
  );
}

/** Runs the layout in a worker; resolves with each node's position. */
function layoutInWorker(request: LayoutRequest): Promise<LayoutResponse> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("../lib/layout.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (e: MessageEvent<LayoutResponse>) => {
      resolve(e.data);
      worker.terminate();
    };
    worker.onerror = (e) => {
      reject(new Error(e.message || "the layout worker failed"));
      worker.terminate();
    };
    worker.postMessage(request);
  });
}

/** The alliance network on a date: states as nodes, provisions as edges coloured by kind. */
function NetworkDrawn({ network, loading, roles, states, selected, onSelect, fileStem }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const [tip, setTip] = useState<Tip | null>(null);
  const [focus, setFocus] = useState<string | null>(null);
  const [pinned, setPinned] = useState<string | null>(null);
  const [seeds, setSeeds] = useState<Map<string, [number, number]> | null>(null);
  const [layoutMs, setLayoutMs] = useState<number | null>(null);

  // Seed positions from geography, so the layout keeps the Americas left and Asia right, date after date.
  useEffect(() => {
    if (states.length === 0) return;
    loadWorld()
      .then((countries) => {
        const centre = new Map(countries.map((c) => [c.key, c.centre]));
        const { shapesOf } = placement(states);
        const out = new Map<string, [number, number]>();
        for (const [code, keys] of shapesOf) {
          const c = keys.map((k) => centre.get(k)).find((p) => p !== undefined);
          if (c) out.set(code, c);
        }
        setSeeds(out);
      })
      .catch(() => setSeeds(new Map()));
  }, [states]);

  useEffect(() => {
    let cy: Core | undefined;
    let dead = false;
    import("cytoscape")
      .then(({ default: cytoscape }) => {
        if (dead || !box.current) return;
        cy = cytoscape({
          container: box.current,
          style: STYLE,
          minZoom: 0.3,
          maxZoom: 5,
          boxSelectionEnabled: false,
          autoungrabify: true,
          hideEdgesOnViewport: true,
        });
        cy.on("tap", "node", (e) => select.current(e.target.id()));
        cy.on("mouseover", "edge", (e) =>
          setTip({ x: e.renderedPosition.x, y: e.renderedPosition.y, text: e.target.data("tip") }),
        );
        cy.on("mouseover", "node", (e) =>
          setTip({ x: e.renderedPosition.x, y: e.renderedPosition.y, text: e.target.data("name") }),
        );
        cy.on("mouseout", "edge, node", () => setTip(null));
        cy.on("viewport", () => setTip(null));
        cyRef.current = cy;
        setReady(true);
      })
      .catch((e: Error) => setFailed(e.message));
    return () => {
      dead = true;
      cy?.destroy();
      cyRef.current = null;
    };
  }, []);

  // One edge per pair and kind; its tooltip names every instrument and article behind it.
  const graph = useMemo(() => {
    if (!network) return null;
    const edges = new Map<
      string,
      { from: string; to: string; kind: ProvisionKind; strong: boolean; lines: Set<string>; ids: Set<string> }
    >();
    for (const e of network.edges) {
      const [a, b] = e.mutual && e.from > e.to ? [e.to, e.from] : [e.from, e.to];
      const key = `${a}|${b}|${e.kind}`;
      const entry = edges.get(key) ?? {
        from: a,
        to: b,
        kind: e.kind,
        strong: false,
        lines: new Set(),
        ids: new Set(),
      };
      entry.strong ||= e.strength === "automatic" || e.strength === "binding";
      // ATOP-derived edges (a server started with --atop) say so: coded, not read; after 2018, not re-verified.
      const coded =
        e.source === "atop"
          ? ", ATOP coding"
          : e.source === "carried_forward"
            ? ", ATOP carried forward"
            : "";
      entry.lines.add(`${e.instrument_title}, Art. ${e.article} (${e.kind}, ${e.strength}${coded})`);
      entry.ids.add(e.instrument);
      edges.set(key, entry);
    }
    const instruments = new Map<
      string,
      { id: string; title: string; provisions: number; states: Set<string> }
    >();
    for (const e of network.edges) {
      const entry = instruments.get(e.instrument) ?? {
        id: e.instrument,
        title: e.instrument_title,
        provisions: 0,
        states: new Set<string>(),
      };
      entry.provisions++;
      entry.states.add(e.from);
      entry.states.add(e.to);
      instruments.set(e.instrument, entry);
    }
    return {
      edges: [...edges.entries()],
      instruments: [...instruments.values()].sort((a, b) => a.title.localeCompare(b.title)),
    };
  }, [network]);

  // Rebuild the graph when the date's network changes.
  useEffect(() => {
    const cy = cyRef.current;
    if (!ready || !cy || !network || !graph || !seeds) return;
    const started = performance.now();
    const names = new Map(network.nodes.map((n) => [n.code, n]));
    const elements: ElementDefinition[] = [];
    let spare = 0;
    for (const n of network.nodes) {
      const seed = seeds.get(n.code);
      const position = seed
        ? { x: seed[0], y: seed[1] }
        : { x: MAP_WIDTH / 2 + 40 * Math.cos(spare), y: MAP_HEIGHT / 2 + 40 * Math.sin(spare++) };
      elements.push({
        group: "nodes",
        data: {
          id: n.code,
          name: n.name,
          label: "iso3" in n && n.iso3 ? n.iso3 : n.name,
          color: ROLE["not-bound"].color,
        },
        position,
      });
    }
    for (const [key, e] of graph.edges) {
      if (!names.has(e.from) || !names.has(e.to)) continue;
      elements.push({
        group: "edges",
        data: {
          id: key,
          source: e.from,
          target: e.to,
          color: KIND_COLOR[e.kind],
          width: e.strong ? 1.4 : 0.9,
          z: KIND_ORDER.indexOf(e.kind),
          instruments: [...e.ids].join(" "),
          tip: [...e.lines].join("\n"),
        },
      });
    }
    let live = true;
    layoutInWorker({
      nodes: elements
        .filter((e) => e.group === "nodes")
        .map((e) => ({ id: String(e.data.id), x: e.position?.x ?? 0, y: e.position?.y ?? 0 })),
      edges: elements
        .filter((e) => e.group === "edges")
        .map((e) => ({
          id: String(e.data.id),
          source: String(e.data.source),
          target: String(e.data.target),
        })),
    })
      .then(({ positions }) => {
        if (!live) return;
        const at = new Map(positions.map(([id, x, y]) => [id, { x, y }]));
        for (const e of elements)
          if (e.group === "nodes") e.position = at.get(String(e.data.id)) ?? e.position;
        cy.batch(() => {
          cy.elements().remove();
          cy.add(elements);
        });
        cy.layout({ name: "preset", fit: true, padding: 16 }).run();
        setLayoutMs(Math.round(performance.now() - started));
      })
      .catch((e: Error) => live && setFailed(e.message));
    return () => {
      live = false;
    };
  }, [ready, network, graph, seeds]);

  // Node colours follow the roles without a new layout (and are set again after each rebuild).
  // biome-ignore lint/correctness/useExhaustiveDependencies: network and layoutMs mark a rebuilt graph to colour again.
  useEffect(() => {
    const cy = cyRef.current;
    if (!ready || !cy) return;
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        n.data("color", ROLE[roles.get(n.id())?.role ?? "not-bound"].color);
      });
    });
  }, [ready, roles, network, layoutMs]);

  const lit = pinned ?? focus;
  // biome-ignore lint/correctness/useExhaustiveDependencies: network and layoutMs mark a rebuilt graph to highlight again.
  useEffect(() => {
    const cy = cyRef.current;
    if (!ready || !cy) return;
    cy.batch(() => {
      cy.elements().removeClass("faded lit chosen");
      if (lit) {
        const edges = cy.edges().filter((e) => String(e.data("instruments")).split(" ").includes(lit));
        cy.elements().addClass("faded");
        edges.removeClass("faded").addClass("lit");
        edges.connectedNodes().removeClass("faded").addClass("lit");
      } else if (selected && cy.getElementById(selected).nonempty()) {
        const node = cy.getElementById(selected);
        cy.elements().addClass("faded");
        node.closedNeighborhood().removeClass("faded");
        node.connectedEdges().addClass("lit");
      }
      if (selected) cy.getElementById(selected).addClass("chosen");
    });
  }, [ready, lit, selected, network, layoutMs]);

  const focused = graph?.instruments.find((i) => i.id === lit);
  const kinds = useMemo(
    () => KIND_ORDER.filter((k) => network?.edges.some((e) => e.kind === k)).reverse(),
    [network],
  );

  return (
    <div className="network" aria-busy={loading}>
      <div className="network-canvas-wrap">
        <div
          ref={box}
          className="network-canvas"
          role="img"
          aria-label={
            network
              ? `Alliance network on ${network.on}: ${network.nodes.length} states, ${network.edges.length} provisions in force. The list of instruments beside it highlights each one.`
              : "Alliance network"
          }
          data-nodes={network?.nodes.length ?? 0}
          data-layout-ms={layoutMs ?? undefined}
        />
        {tip && (
          <div className="tip" style={{ left: tip.x + 12, top: tip.y + 12 }} role="tooltip">
            {tip.text}
          </div>
        )}
        {failed && <p className="error">The network view could not load: {failed}</p>}
        {network && network.edges.length === 0 && (
          <p className="empty">No alliance in the library is in force on {network.on}.</p>
        )}
        <div className="picture-buttons">
          <button
            type="button"
            className="small"
            disabled={!layoutMs}
            onClick={() => savePng(cyRef.current, fileStem)}
          >
            Network (PNG)
          </button>
          <button
            type="button"
            className="small"
            disabled={!layoutMs}
            onClick={() => saveSvg(cyRef.current, fileStem)}
          >
            Network (SVG)
          </button>
        </div>
        <ul className="legend edge-legend" aria-label="Edge colours">
          {kinds.map((k) => (
            <li key={k}>
              <span className="line" style={{ background: KIND_COLOR[k] }} aria-hidden="true" />
              {KIND_LABEL[k] ?? k}
            </li>
          ))}
        </ul>
      </div>
      <div className="instruments">
        <h3 id="instruments-h">In force on {network?.on ?? "…"}</h3>
        <p className="focused" aria-live="polite">
          {focused
            ? `${focused.title}: ${focused.provisions} provision${focused.provisions === 1 ? "" : "s"} among ${focused.states.size} states`
            : "Hover or focus an instrument to light up its edges; click to keep it lit."}
        </p>
        <ul aria-labelledby="instruments-h">
          {graph?.instruments.map((i) => (
            <li key={i.id}>
              <button
                type="button"
                aria-pressed={pinned === i.id}
                title={i.title}
                onFocus={() => setFocus(i.id)}
                onBlur={() => setFocus(null)}
                onMouseEnter={() => setFocus(i.id)}
                onMouseLeave={() => setFocus(null)}
                onClick={() => setPinned((p) => (p === i.id ? null : i.id))}
              >
                {i.title} <span className="count">{i.states.size}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function savePng(cy: Core | null, stem: string) {
  if (!cy) return;
  const blob = cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" }) as unknown as Blob;
  download(`${stem}-network.png`, blob);
}

const xml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The network as SVG from the drawn positions: edges as lines, states as labelled circles. */
function saveSvg(cy: Core | null, stem: string) {
  if (!cy) return;
  const box = cy.elements().boundingBox({});
  const pad = 20;
  const lines = cy
    .edges()
    .map((e) => {
      const a = e.source().position();
      const b = e.target().position();
      return `<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="${e.data("color")}" stroke-opacity="0.5" stroke-width="${e.data("width")}"><title>${xml(String(e.data("tip")))}</title></line>`;
    })
    .join("");
  const dots = cy
    .nodes()
    .map((n) => {
      const p = n.position();
      return `<g><circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="6.5" fill="${n.data("color")}" stroke="#444"/><text x="${p.x.toFixed(1)}" y="${(p.y + 16).toFixed(1)}" text-anchor="middle" font-size="8">${xml(String(n.data("label")))}</text><title>${xml(String(n.data("name")))}</title></g>`;
    })
    .join("");
  const svg = `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="${(box.x1 - pad).toFixed(1)} ${(box.y1 - pad).toFixed(1)} ${(box.w + 2 * pad).toFixed(1)} ${(box.h + 2 * pad).toFixed(1)}" font-family="sans-serif"><rect x="${(box.x1 - pad).toFixed(1)}" y="${(box.y1 - pad).toFixed(1)}" width="${(box.w + 2 * pad).toFixed(1)}" height="${(box.h + 2 * pad).toFixed(1)}" fill="#fff"/>${lines}${dots}</svg>\n`;
  download(`${stem}-network.svg`, svg, "image/svg+xml");
}
