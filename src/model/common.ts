import { z } from "zod";

/** A calendar date, `YYYY-MM-DD`, that exists (no 30 February). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
  .refine(isRealDate, { message: "not a real calendar date" });
export type IsoDate = z.infer<typeof IsoDate>;

export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** YAML turns unquoted dates into Date objects; the schema accepts both and keeps the string. */
export const DateField = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  IsoDate,
);

/**
 * A party code: an ISO 3166-1 alpha-3 state code (`KOR`), a Correlates of War code for states without
 * one (`cow:300`), an organisation (`org:un-command`) or a non-state actor (`actor:al-qaeda`).
 * Whether the code is known is checked against the registry, not here.
 */
export const PartyCode = z
  .string()
  .regex(
    /^([A-Z]{3}|cow:\d{1,4}|org:[a-z0-9-]+|actor:[a-z0-9-]+)$/,
    "expected ISO3 (KOR), cow:NNN, org:name or actor:name",
  );
export type PartyCode = z.infer<typeof PartyCode>;

export const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "expected lower-case letters, digits and dashes");

export const QuoteConfidence = z.enum(["verbatim", "translation", "paraphrase"]);
export type QuoteConfidence = z.infer<typeof QuoteConfidence>;

/** How an actor appears in every output: states carry both codes, others an id. */
export type ActorRef =
  | { iso3: string | null; cow: number | null; name: string }
  | { id: string; name: string };
