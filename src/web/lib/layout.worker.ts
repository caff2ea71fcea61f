// Lays out the alliance network off the main thread (cytoscape's cose, headless), so that the page stays
// responsive while it runs; the page then draws the graph at the positions it returns.
import cytoscape from "cytoscape";

export interface LayoutRequest {
  nodes: { id: string; x: number; y: number }[];
  edges: { id: string; source: string; target: string }[];
}

export type LayoutResponse = { positions: [string, number, number][]; ms: number };

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const started = performance.now();
  const { nodes, edges } = event.data;
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: "node", style: { width: 13, height: 13 } }],
    elements: [
      ...nodes.map((n) => ({ group: "nodes" as const, data: { id: n.id }, position: { x: n.x, y: n.y } })),
      ...edges.map((e) => ({ group: "edges" as const, data: e })),
    ],
  });
  cy.layout({
    name: "cose",
    animate: false,
    randomize: false,
    fit: false,
    nodeDimensionsIncludeLabels: false,
    nodeRepulsion: () => 6000,
    idealEdgeLength: () => 50,
    edgeElasticity: () => 60,
    gravity: 1,
    numIter: 600,
  }).run();
  const positions: [string, number, number][] = cy
    .nodes()
    .map((n) => [n.id(), n.position().x, n.position().y]);
  cy.destroy();
  const response: LayoutResponse = { positions, ms: Math.round(performance.now() - started) };
  (self as unknown as Worker).postMessage(response);
};
