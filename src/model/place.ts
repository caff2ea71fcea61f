import { z } from "zod";
import { PartyCode, Slug } from "./common.js";

/** A piece of land the engine can place an event in: a state's metropolitan territory or a dependency. */
export const Territory = z.strictObject({
  code: z.string().regex(/^[A-Z]{3}(-[A-Z0-9]+)?$/, "expected ISO3 (GUM) or ISO3-PART (USA-HI)"),
  name: z.string().min(1),
  administered_by: PartyCode,
  claimed_by: z.array(PartyCode).optional(),
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
  defined_in: z.strictObject({ instrument: Slug, article: z.string() }).optional(),
  note: z.string().optional(),
});
export type Region = z.infer<typeof Region>;

export const Actor = z.strictObject({
  id: z.string().regex(/^(org|actor):[a-z0-9-]+$/),
  name: z.string().min(1),
  kind: z.enum(["organisation", "non-state-actor"]),
  note: z.string().optional(),
});
export type Actor = z.infer<typeof Actor>;

/** Library-wide data that is not a single instrument: places and non-state parties. */
export const Gazetteer = z.strictObject({
  territories: z.array(Territory).optional(),
  regions: z.array(Region).optional(),
  actors: z.array(Actor).optional(),
});
export type Gazetteer = z.infer<typeof Gazetteer>;
