import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { geoArea, geoBounds, geoContains, geoDistance } from "d3-geo";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { feature } from "topojson-client";
import type { Topology } from "topojson-specification";
import type { LatLon } from "../model/place.js";
import type { Library } from "../treaties/library.js";

const EARTH_RADIUS_KM = 6371;

/** Where a point lies, and how that was decided (so the answer can show it as an assumption). */
export interface PointPlace {
  code: string;
  name: string;
  kind: "land" | "sea";
  /** `shape`: inside a country's outline; `near`: within an island's tolerance; `sea`: in a drawn sea. */
  via: "shape" | "near" | "sea";
  distance_km?: number;
}

interface Shape {
  id: string;
  feature: Feature<Geometry>;
  bounds: [[number, number], [number, number]];
}

const require = createRequire(import.meta.url);

function loadShapes(modulePath: string, object: string): Shape[] {
  const topology = JSON.parse(readFileSync(require.resolve(modulePath), "utf8")) as Topology;
  const collection = feature(
    topology,
    topology.objects[object] as never,
  ) as unknown as FeatureCollection<Geometry>;
  return collection.features
    .filter((f) => f.id !== undefined)
    .map((f) => {
      const shape = geoArea(f) > 2 * Math.PI ? rewound(f) : f;
      return {
        id: String(f.id),
        feature: shape,
        bounds: geoBounds(shape) as [[number, number], [number, number]],
      };
    });
}

/**
 * d3-geo reads rings on the sphere by their winding; a few Natural Earth shapes are wound the other way,
 * which makes them cover the rest of the globe. Reversing their rings restores them.
 */
function rewound(f: Feature<Geometry>): Feature<Geometry> {
  const g = f.geometry;
  const fix = (rings: number[][][]) =>
    geoArea({ type: "Polygon", coordinates: rings }) > 2 * Math.PI
      ? rings.map((r) => [...r].reverse())
      : rings;
  if (g.type === "Polygon") return { ...f, geometry: { ...g, coordinates: fix(g.coordinates) } };
  if (g.type === "MultiPolygon") return { ...f, geometry: { ...g, coordinates: g.coordinates.map(fix) } };
  return f;
}

function inBounds(shape: Shape, lon: number, lat: number): boolean {
  const [[west, south], [east, north]] = shape.bounds;
  if (lat < south || lat > north) return false;
  // A shape that crosses the antimeridian has west > east.
  return west <= east ? lon >= west && lon <= east : lon >= west || lon <= east;
}

/** Ray casting in lon/lat: the sea outlines are coarse boxes and polygons that never cross the antimeridian. */
function inPolygon(polygon: readonly (readonly [number, number])[], lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i] as readonly [number, number];
    const [xj, yj] = polygon[j] as readonly [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Resolves coordinates to a territory or sea with Natural Earth's 1:10m country shapes (world-atlas) and
 * the US Census state shapes (us-atlas). Islands too small for the 1:10m map (the Senkakus, Midway) resolve
 * by their anchor within the tolerance their territory entry gives.
 */
export class Atlas {
  private static instance: Atlas | undefined;
  private readonly countries: Shape[];
  private readonly usStates: Map<string, Shape>;

  private constructor() {
    this.countries = loadShapes("world-atlas/countries-10m.json", "countries");
    this.usStates = new Map(loadShapes("us-atlas/states-10m.json", "states").map((s) => [s.id, s]));
  }

  /** The shapes are read once, on first use (a few hundred milliseconds). */
  static get(): Atlas {
    Atlas.instance ??= new Atlas();
    return Atlas.instance;
  }

  resolve(point: LatLon, library: Library): PointPlace {
    const { lat, lon } = point;
    const at: [number, number] = [lon, lat];
    let nearest: PointPlace | undefined;
    for (const t of library.territories.values()) {
      if (!t.anchor || !t.radius_km) continue;
      const km = geoDistance(at, [t.anchor.lon, t.anchor.lat]) * EARTH_RADIUS_KM;
      if (km <= t.radius_km && (!nearest || km < (nearest.distance_km ?? Infinity))) {
        nearest = {
          code: t.code,
          name: t.name,
          kind: "land",
          via: "near",
          distance_km: Math.round(km * 10) / 10,
        };
      }
    }
    if (nearest) return nearest;

    const shape = this.countries.find((s) => inBounds(s, lon, lat) && geoContains(s.feature, at));
    if (shape) {
      const numeric = Number(shape.id);
      const territory = [...library.territories.values()].find((t) => t.iso_numeric === numeric);
      const state = library.registry.resolveNumeric(numeric);
      const code = territory?.code ?? state ?? `iso:${shape.id}`;
      const part = this.partOf(code, lon, lat, library);
      const name = part?.name ?? territory?.name ?? library.registry.name(code);
      return { code: part?.code ?? code, name, kind: "land", via: "shape" };
    }

    for (const sea of library.seas.values()) {
      if ((sea.polygons ?? []).some((ring) => inPolygon(ring, lon, lat)))
        return { code: sea.id, name: sea.name, kind: "sea", via: "sea" };
    }
    return { code: "sea:high-seas", name: "the high seas", kind: "sea", via: "sea" };
  }

  /** A listed part of a state's territory (Hawaii, the Canaries) that contains the point. */
  private partOf(
    code: string,
    lon: number,
    lat: number,
    library: Library,
  ): { code: string; name: string } | undefined {
    for (const t of library.territories.values()) {
      // Parts of a state's outline: its dependencies, and places it claims that another administers (Crimea).
      if (t.code === code || (t.administered_by !== code && !t.claimed_by?.includes(code))) continue;
      if (t.us_state_fips) {
        const shape = this.usStates.get(t.us_state_fips);
        if (shape && inBounds(shape, lon, lat) && geoContains(shape.feature, [lon, lat])) return t;
      } else if (t.bbox) {
        const [west, south, east, north] = t.bbox;
        if (lon >= west && lon <= east && lat >= south && lat <= north) return t;
      }
    }
    return undefined;
  }
}
