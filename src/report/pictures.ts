import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Topology } from "topojson-specification";
import type { Result } from "../model/result.js";
import { STATES } from "../states/registry.js";
import { type Country, mapSvg, placement, projectWorld } from "./map.js";
import { rolesOf } from "./roles.js";

/**
 * Pictures of an answer for the CLI and the server (Node only: the web app draws the same map from the
 * same atlas in the browser). The atlas is world-atlas's Natural Earth 1:50m, read once.
 */

const require = createRequire(import.meta.url);
let world: { countries: Country[]; statesOn: Map<string, string[]> } | undefined;

function atlas() {
  if (!world) {
    const topology = JSON.parse(
      readFileSync(require.resolve("world-atlas/countries-50m.json"), "utf8"),
    ) as Topology;
    world = { countries: projectWorld(topology), statesOn: placement(STATES).statesOn };
  }
  return world;
}

/** The world map coloured by role, as SVG. */
export function answerSvg(result: Result): string {
  const { countries, statesOn } = atlas();
  return mapSvg(countries, statesOn, rolesOf(result), result.title);
}

/** SVG to PNG with resvg (no browser), at twice the SVG's size. */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  const { Resvg } = await import("@resvg/resvg-js");
  return new Resvg(svg, { fitTo: { mode: "zoom", value: 2 }, font: { loadSystemFonts: true } })
    .render()
    .asPng();
}
