import { geoArea, geoCentroid, geoNaturalEarth1, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { ROLE, type Role, rankOf, type StateRole } from "./roles.js";

/**
 * The world map the web app draws and the CLI writes as SVG: Natural Earth 1:50m (world-atlas),
 * projected once, each state coloured by its role, fitted to the states involved with an inset where
 * the theatre is small (Korea, Kosovo, the Baltics).
 */

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 470;

/** One shape of the world atlas, projected. */
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

/** What the map needs to know of a state: its code and, where it has one, its ISO numeric code. */
export interface MapState {
  code: string;
  iso_numeric: number | null;
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
export function placement(states: readonly MapState[]): {
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

/** Projects the atlas (Antarctica left out: it is no party to anything here). */
export function projectWorld(topology: Topology): Country[] {
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
}

/** A box on the projected map: x, y, width, height. */
export type Box = [number, number, number, number];

export const WORLD: Box = [0, 0, MAP_WIDTH, MAP_HEIGHT];

/** The smallest box with the map's proportions around these countries, with a margin. */
export function fitBox(countries: readonly Country[], margin = 0.15, minWidth = 120): Box {
  if (countries.length === 0) return WORLD;
  let [x0, y0, x1, y1] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 0, 0];
  for (const c of countries) {
    const [[a, b], [cc, d]] = c.bounds;
    // Far-flung overseas parts (France's Guiana, the US's Alaska) would zoom out again: use the centre.
    const wide = cc - a > MAP_WIDTH / 3;
    const [cx, cy] = c.centre;
    x0 = Math.min(x0, wide ? cx - 30 : a);
    y0 = Math.min(y0, wide ? cy - 30 : b);
    x1 = Math.max(x1, wide ? cx + 30 : cc);
    y1 = Math.max(y1, wide ? cy + 30 : d);
  }
  let w = Math.max(x1 - x0, minWidth) * (1 + margin);
  let h = Math.max(y1 - y0, (minWidth * MAP_HEIGHT) / MAP_WIDTH) * (1 + margin);
  if (w / h > MAP_WIDTH / MAP_HEIGHT) h = (w * MAP_HEIGHT) / MAP_WIDTH;
  else w = (h * MAP_WIDTH) / MAP_HEIGHT;
  if (w >= MAP_WIDTH) return WORLD;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return [cx - w / 2, cy - h / 2, w, h];
}

export const boxText = (b: Box) => b.map((n) => n.toFixed(1)).join(" ");

/** The roles that make a state "involved": everything but not bound. */
const INVOLVED: ReadonlySet<Role> = new Set([
  "aggressor",
  "victim",
  "automatic",
  "discretionary",
  "consultation",
  "neutrality",
  "contested",
]);

export interface MapView {
  /** Each coloured shape, strongest role first per shape. */
  shapes: { country: Country; entries: StateRole[]; role: Role; contested: boolean; actor: boolean }[];
  /** Where the map looks: the states involved. */
  view: Box;
  /** A magnified box around the attacker and attacked, where they are small in the view (else null). */
  inset: Box | null;
}

/** The coloured shapes, the view that fits the states involved, and an inset for a small theatre. */
export function mapView(
  countries: readonly Country[],
  statesOn: ReadonlyMap<string, string[]>,
  roles: ReadonlyMap<string, StateRole>,
): MapView {
  const shapes: MapView["shapes"] = [];
  for (const country of countries) {
    const entries = (statesOn.get(country.key) ?? [])
      .map((code) => roles.get(code))
      .filter((e): e is StateRole => e !== undefined)
      .sort((a, b) => rankOf(a.role) - rankOf(b.role));
    const first = entries[0];
    if (!first) continue;
    shapes.push({
      country,
      entries,
      role: first.role,
      contested: entries.some((e) => e.contested),
      actor: entries.some((e) => e.actor),
    });
  }
  const involved = shapes.filter((s) => INVOLVED.has(s.role));
  const view = fitBox(involved.map((s) => s.country));
  const theatre = shapes.filter((s) => s.role === "aggressor" || s.role === "victim").map((s) => s.country);
  let inset: Box | null = null;
  if (theatre.length) {
    const box = fitBox(theatre, 0.5, 24);
    // Worth an inset when the theatre, with its margin, is under a third of the view's width.
    if (box[2] < view[2] / 3) inset = box;
  }
  return { shapes, view, inset };
}

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A standalone SVG of the map: the view fitted to the states involved, the inset, a legend. */
export function mapSvg(
  countries: readonly Country[],
  statesOn: ReadonlyMap<string, string[]>,
  roles: ReadonlyMap<string, StateRole>,
  title: string,
): string {
  const { shapes, view, inset } = mapView(countries, statesOn, roles);
  const width = 1200;
  const height = Math.round((width * MAP_HEIGHT) / MAP_WIDTH);
  const legendHeight = 28;
  // Only the shapes that show in a box are written: a regional view is a fraction of the world's size.
  const within = (country: Country, box: Box) => {
    const [[a, b], [c, d]] = country.bounds;
    return c >= box[0] && a <= box[0] + box[2] && d >= box[1] && b <= box[1] + box[3];
  };
  const land = (box: Box) =>
    countries
      .filter((c) => within(c, box))
      .map((c) => `<path d="${c.d}"/>`)
      .join("");
  // Each layer has its own hatch, sized to its zoom.
  const hatch = (box: Box, id: string) => {
    const u = (5 * box[2]) / width;
    return `<pattern id="${id}" patternUnits="userSpaceOnUse" width="${u.toFixed(3)}" height="${u.toFixed(3)}" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="${u.toFixed(3)}" stroke="#6b4e00" stroke-width="${(u / 3).toFixed(3)}"/></pattern>`;
  };
  const coloured = (box: Box, id: string) =>
    shapes
      .filter((s) => within(s.country, box))
      .map(
        (s) =>
          `<path d="${s.country.d}" fill="${ROLE[s.role].color}"><title>${escapeXml(s.entries.map((e) => `${e.name}: ${ROLE[e.role].label}`).join("; "))}</title></path>` +
          (s.contested ? `<path d="${s.country.d}" fill="url(#${id})"/>` : ""),
      )
      .join("");
  const stroke = (box: Box) => ((0.5 * box[2]) / MAP_WIDTH).toFixed(3);
  const layer = (box: Box, id: string) =>
    `<defs>${hatch(box, id)}</defs><g fill="#eceff3" stroke="#fff" stroke-width="${stroke(box)}">${land(box)}</g><g stroke="#333" stroke-width="${stroke(box)}">${coloured(box, id)}</g>`;
  const used = [...new Set(shapes.map((s) => s.role))].sort((a, b) => rankOf(a) - rankOf(b));
  const legend = used
    .map((r, i) => {
      const x = 10 + i * 150;
      return `<rect x="${x}" y="${height + 8}" width="12" height="12" fill="${ROLE[r].color}" stroke="#333" stroke-width="0.5"/><text x="${x + 17}" y="${height + 18}">${escapeXml(ROLE[r].label)}</text>`;
    })
    .join("");
  const insetSvg = inset
    ? (() => {
        const w = width * 0.3;
        const h = (w * inset[3]) / inset[2];
        // In the corner away from the theatre, so that the inset does not hide what it magnifies.
        const tx = inset[0] + inset[2] / 2 > view[0] + view[2] / 2 ? 10 : width - w - 10;
        const ty = inset[1] + inset[3] / 2 > view[1] + view[3] / 2 ? 10 : height - h - 10;
        return `<g transform="translate(${tx.toFixed(1)},${ty.toFixed(1)})"><rect width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="#f7f9fb" stroke="#333"/><svg width="${w.toFixed(1)}" height="${h.toFixed(1)}" viewBox="${boxText(inset)}">${layer(inset, "hatch-inset")}</svg></g>`;
      })()
    : "";
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + legendHeight}" viewBox="0 0 ${width} ${height + legendHeight}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height + legendHeight}" fill="#fff"/>`,
    `<svg width="${width}" height="${height}" viewBox="${boxText(view)}">${layer(view, "hatch")}</svg>`,
    insetSvg,
    legend,
    `</svg>`,
    "",
  ].join("\n");
}
