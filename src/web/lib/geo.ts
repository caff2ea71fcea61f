import { geoArea, geoCentroid, geoNaturalEarth1, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import atlasUrl from "world-atlas/countries-50m.json?url";
import type { StateInfo } from "./types.js";

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 470;

/** One shape of the world atlas (Natural Earth 1:50m), projected once. */
export interface Country {
  /** The atlas id (ISO 3166-1 numeric) or, for the few shapes without one, the atlas name. */
  key: string;
  name: string;
  d: string;
  /** Projected centre of the largest part, for markers and the network's first layout. */
  centre: [number, number];
  /** Projected area in square pixels (small ones get a marker so they can be seen and clicked). */
  area: number;
  bounds: [[number, number], [number, number]];
}

/**
 * States without an ISO code are drawn on the territory that succeeded them, on today's borders
 * (an approximation: the map has no historical borders). Where two share a territory, the stronger
 * role is drawn and both are named.
 */
const SUCCESSORS: Record<string, number[]> = {
  "cow:300": [40, 348, 203, 703, 705, 191, 70], // Austria-Hungary
  "cow:315": [203, 703], // Czechoslovakia
  "cow:260": [276], // German Federal Republic
  "cow:265": [276], // German Democratic Republic
  "cow:240": [276], // Hanover
  "cow:245": [276], // Bavaria
  "cow:267": [276], // Baden
  "cow:269": [276], // Saxony
  "cow:271": [276], // Württemberg
  "cow:273": [276], // Hesse Electoral
  "cow:275": [276], // Hesse Grand Ducal
  "cow:280": [276], // Mecklenburg-Schwerin
  "cow:329": [380], // Two Sicilies
  "cow:332": [380], // Modena
  "cow:335": [380], // Parma
  "cow:337": [380], // Tuscany
  "cow:511": [834], // Zanzibar
  "cow:678": [887], // Yemen Arab Republic
  "cow:680": [887], // Yemen People's Republic
  "cow:730": [410, 408], // Korea
  "cow:817": [704], // Republic of Vietnam
};
/** Atlas shapes that carry no ISO numeric id, by their atlas name. */
const BY_NAME: Record<string, string> = { Kosovo: "cow:347" };

/** Which atlas shapes (keys) each state code is drawn on, and which states each shape stands for. */
export function placement(states: readonly StateInfo[]): {
  shapesOf: Map<string, string[]>;
  statesOn: Map<string, string[]>;
} {
  const shapesOf = new Map<string, string[]>();
  for (const s of states) {
    const successors = SUCCESSORS[s.code];
    if (s.iso_numeric !== null) shapesOf.set(s.code, [String(s.iso_numeric)]);
    else if (successors) shapesOf.set(s.code, successors.map(String));
  }
  for (const [name, code] of Object.entries(BY_NAME)) shapesOf.set(code, [name]);
  const statesOn = new Map<string, string[]>();
  for (const [code, keys] of shapesOf)
    for (const key of keys) statesOn.set(key, [...(statesOn.get(key) ?? []), code]);
  return { shapesOf, statesOn };
}

/** d3-geo reads rings by their winding; a shape wound the wrong way covers the globe. */
function rewound(f: Feature<Geometry>): Feature<Geometry> {
  if (geoArea(f) <= 2 * Math.PI) return f;
  const g = f.geometry;
  const fix = (rings: number[][][]) => rings.map((r) => [...r].reverse());
  if (g.type === "Polygon") return { ...f, geometry: { ...g, coordinates: fix(g.coordinates) } };
  if (g.type === "MultiPolygon") return { ...f, geometry: { ...g, coordinates: g.coordinates.map(fix) } };
  return f;
}

function largestPart(f: Feature<Geometry>): Feature<Polygon | MultiPolygon> | Feature<Geometry> {
  if (f.geometry.type !== "MultiPolygon") return f;
  let best: number[][][] | undefined;
  let bestArea = -1;
  for (const polygon of (f.geometry as MultiPolygon).coordinates) {
    const area = geoArea({ type: "Polygon", coordinates: polygon });
    if (area > bestArea) {
      bestArea = area;
      best = polygon;
    }
  }
  return best ? { ...f, geometry: { type: "Polygon", coordinates: best } } : f;
}

let cached: Promise<Country[]> | undefined;

/** Loads and projects the atlas (Antarctica left out: it is no party to anything here). */
export function loadWorld(): Promise<Country[]> {
  cached ??= fetch(atlasUrl)
    .then((r) => {
      if (!r.ok) throw new Error(`world atlas: ${r.status}`);
      return r.json() as Promise<Topology>;
    })
    .then((topology) => {
      const collection = feature(
        topology,
        topology.objects.countries as GeometryCollection,
      ) as unknown as FeatureCollection<Geometry, { name?: string } | null>;
      const features = collection.features
        .filter((f) => f.id !== "010" && f.properties?.name !== "Antarctica")
        .map(rewound);
      // Fitted to the inhabited world's extremes (cheaper than fitting every shape): the equator at the
      // antimeridian is Natural Earth's widest, 84°N and 56°S bound it above and below.
      const projection = geoNaturalEarth1().fitExtent(
        [
          [4, 4],
          [MAP_WIDTH - 4, MAP_HEIGHT - 4],
        ],
        {
          type: "MultiPoint",
          coordinates: [
            [-180, 0],
            [180, 0],
            [0, 84],
            [0, -56],
            [-180, 84],
            [180, -56],
          ],
        },
      );
      // One decimal is a tenth of a pixel: enough, and the paths are a third shorter.
      const path = geoPath(projection).digits(1);
      // A few shapes share an id (Australia and the Ashmore and Cartier Islands): one country each.
      const byKey = new Map<string, Country>();
      for (const f of features) {
        const key = f.id !== undefined ? String(Number(f.id)) : (f.properties?.name ?? "?");
        const centre = projection(geoCentroid(largestPart(f))) ?? path.centroid(f);
        const country: Country = {
          key,
          name: f.properties?.name ?? "?",
          d: path(f) ?? "",
          centre: [centre[0], centre[1]],
          area: path.area(f),
          bounds: path.bounds(f) as [[number, number], [number, number]],
        };
        const seen = byKey.get(key);
        if (!seen) byKey.set(key, country);
        else {
          const main = seen.area >= country.area ? seen : country;
          byKey.set(key, {
            ...main,
            d: seen.d + country.d,
            area: seen.area + country.area,
            bounds: [
              [
                Math.min(seen.bounds[0][0], country.bounds[0][0]),
                Math.min(seen.bounds[0][1], country.bounds[0][1]),
              ],
              [
                Math.max(seen.bounds[1][0], country.bounds[1][0]),
                Math.max(seen.bounds[1][1], country.bounds[1][1]),
              ],
            ],
          });
        }
      }
      return [...byKey.values()];
    });
  return cached;
}
