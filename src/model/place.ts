import { z } from "zod";
import { PartyCode, Slug } from "./common.js";

export const LatLon = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type LatLon = z.infer<typeof LatLon>;

/** A sea or ocean drawn as a lon/lat polygon; points at sea resolve to the first one that contains them. */
export const Sea = z.strictObject({
  id: z.string().regex(/^sea:[a-z0-9-]+$/),
  name: z.string().min(1),
  /** Part of this larger body of water (the Sea of Japan is part of the Pacific). */
  part_of: z.array(z.string()).optional(),
  /** Rings of [lon, lat] vertices (each closes itself; none crosses the antimeridian). */
  polygons: z
    .array(z.array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])).min(3))
    .optional(),
  note: z.string().optional(),
});
export type Sea = z.infer<typeof Sea>;

/** A piece of land the engine can place an event in: a state's metropolitan territory or a dependency. */
export const Territory = z.strictObject({
  code: z.string().regex(/^[A-Z]{3}(-[A-Z0-9]+)*$/, "expected ISO3 (GUM) or ISO3-PART (USA-HI)"),
  name: z.string().min(1),
  administered_by: PartyCode,
  claimed_by: z.array(PartyCode).optional(),
  /** For treaty areas drawn by continent; defaults to the administering state's continent. */
  continent: z
    .enum([
      "europe",
      "asia",
      "africa",
      "oceania",
      "north-america",
      "caribbean",
      "south-america",
      "antarctica",
    ])
    .optional(),
  /** The ocean or sea an island territory lies in (for "islands ... in the North Atlantic area"). */
  island_in: z.string().optional(),
  /** A representative point; with `radius_km`, points that near resolve here (islands too small for the map). */
  anchor: LatLon.optional(),
  radius_km: z.number().positive().max(500).optional(),
  /** Its own shape in the world atlas (ISO 3166-1 numeric), where it has one. */
  iso_numeric: z.number().int().optional(),
  /** A part of its administrator's shape: points inside this box [west, south, east, north] belong to it. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  /** A part drawn by a US state's shape in the US atlas (FIPS code, e.g. "15" Hawaii). */
  us_state_fips: z.string().optional(),
  note: z.string().optional(),
});
export type Territory = z.infer<typeof Territory>;

/** A named area a treaty uses ("the Pacific area"), as a set of territories. */
export const Region = z.strictObject({
  id: Slug,
  name: z.string().min(1),
  territories: z.array(z.string()).optional(),
  /** Every territory a state administers ("territories under the administration of Japan"). */
  administered_by: PartyCode.optional(),
  /** Territories on these continents ("in Europe or North America"). */
  continents: z.array(z.string()).optional(),
  /** Island territories in a sea, optionally north of a latitude ("islands ... north of the Tropic of Cancer"). */
  islands_in: z.strictObject({ seas: z.array(z.string()), north_of: z.number().optional() }).optional(),
  /** Waters in the area, for attacks on forces, vessels or aircraft at sea. */
  seas: z.array(z.string()).optional(),
  exclude: z.array(z.string()).optional(),
  defined_in: z.strictObject({ instrument: Slug, article: z.string() }).optional(),
  note: z.string().optional(),
});
export type Region = z.infer<typeof Region>;

export const Actor = z.strictObject({
  id: z.string().regex(/^(org|actor):[a-z0-9-]+$/),
  name: z.string().min(1),
  kind: z.enum(["organisation", "non-state-actor"]),
  /** Other names it goes by ("NATO"). */
  aliases: z.array(z.string().min(1)).optional(),
  note: z.string().optional(),
});
export type Actor = z.infer<typeof Actor>;

/**
 * A way of reading every clause of a kind, not one instrument ("victim", "territorial"). Readings on one
 * `axis` are alternatives: exactly one of them is in effect. What each sets is a flag the engine knows.
 */
export const GeneralReading = z.strictObject({
  id: Slug,
  axis: Slug,
  label: z.string().min(1),
  description: z.string().min(1),
  default: z.boolean().optional(),
  sets: z.strictObject({
    /** The party owed must not have started the war (every clause but offensive ones). */
    victim_test: z.boolean().optional(),
    /** An attack on a party's forces abroad counts as an attack on the party, whatever the clause says. */
    forces_abroad: z.boolean().optional(),
  }),
  held_by: z.array(z.string()).optional(),
  note: z.string().optional(),
});
export type GeneralReading = z.infer<typeof GeneralReading>;

/** Library-wide data that is not a single instrument: places, non-state parties, general readings. */
export const Gazetteer = z.strictObject({
  general_readings: z.array(GeneralReading).optional(),
  territories: z.array(Territory).optional(),
  regions: z.array(Region).optional(),
  seas: z.array(Sea).optional(),
  actors: z.array(Actor).optional(),
});
export type Gazetteer = z.infer<typeof Gazetteer>;
