// The reader's expected answers, written by hand from each article (see README.md), and the scoring the
// tests and `npm run bench:read` share.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { z } from "zod";
import type { ReadEvent, ReadResult } from "../../src/read/result.js";

export const ARTICLES_DIR = fileURLToPath(new URL("./articles", import.meta.url));
export const EXPECTED_DIR = fileURLToPath(new URL("./expected", import.meta.url));
/** The seed articles, read in place from ../shared (never copied into the repository). */
export const SEEDS_DIR = fileURLToPath(new URL("../../../shared/seeds", import.meta.url));

const DateOrNull = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z.string().nullable(),
);
const Obligation = z.strictObject({
  obligor: z.string(),
  beneficiary: z.string(),
  instrument: z.string(),
  article: z.string().optional(),
  kind: z.string().optional(),
});

export const Expected = z
  .strictObject({
    seed: z.string().optional(),
    article: z.string().optional(),
    dateline: DateOrNull,
    window: z.strictObject({ from: DateOrNull, to: DateOrNull }).optional(),
    instruments: z.array(z.string()),
    no_library_ids: z.boolean().optional(),
    unknown: z.array(z.string()).optional(),
    removed: z.array(z.string()).optional(),
    articles: z
      .array(
        z.strictObject({
          instrument: z.string().nullable(),
          article: z.string(),
          kind: z.enum(["quote", "paraphrase", "reference"]).optional(),
          match: z.union([z.string(), z.array(z.string())]).optional(),
          source: z.string().optional(),
          reading: z.string().optional(),
          candidate: z.boolean().optional(),
        }),
      )
      .optional(),
    actors: z.array(z.strictObject({ text: z.string(), state: z.string() })).optional(),
    events: z.array(
      z.strictObject({
        kind: z.string(),
        by: z.string(),
        against: z.string().optional(),
        to: z.string().optional(),
        at: z.string().nullable().optional(),
        date: DateOrNull.optional(),
        disputed: z.boolean().optional(),
        evidence: z.array(z.string()).optional(),
        claimed_by: z.array(z.string()).optional(),
        denied_by: z.array(z.string()).optional(),
      }),
    ),
    not_kinds: z.array(z.string()).optional(),
    what_if: z
      .strictObject({
        none_of_kinds: z.array(z.string()).optional(),
        obligations: z.array(Obligation).optional(),
        if_threats: z.array(Obligation).optional(),
      })
      .optional(),
  })
  .refine((e) => !!e.seed !== !!e.article, { message: "give either seed: or article:" });
export type Expected = z.infer<typeof Expected>;

export interface Case {
  name: string;
  /** The article's path, or null for a seed that is absent on this machine. */
  path: string | null;
  expected: Expected;
  handWritten: boolean;
}

export function loadCases(): Case[] {
  return readdirSync(EXPECTED_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((file) => {
      const raw = parse(readFileSync(join(EXPECTED_DIR, file), "utf8"));
      const parsed = Expected.safeParse(raw);
      if (!parsed.success)
        throw new Error(
          `${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
        );
      const expected = parsed.data;
      const path = expected.seed
        ? join(SEEDS_DIR, expected.seed)
        : join(ARTICLES_DIR, expected.article as string);
      return {
        name: file.replace(/\.yaml$/, ""),
        path: existsSync(path) ? path : null,
        expected,
        handWritten: !expected.seed,
      };
    });
}

type Event = Expected["events"][number];

/** The predicted event an expected one corresponds to: same kind and actor. */
export function matchEvent(result: ReadResult, e: Event): ReadEvent | undefined {
  return result.events.find((p) => p.kind === e.kind && p.by?.code === e.by);
}

/** Items per field, for precision and recall: what was expected and what the reader said. */
export function fieldItems(
  result: ReadResult,
  expected: Expected,
): Record<string, { expected: Set<string>; found: Set<string> }> {
  const fields: Record<string, { expected: Set<string>; found: Set<string> }> = {};
  const field = (name: string) => {
    fields[name] ??= { expected: new Set(), found: new Set() };
    return fields[name];
  };
  for (const id of expected.instruments) field("instrument").expected.add(id);
  for (const i of result.instruments) field("instrument").found.add(i.id);
  for (const a of expected.articles ?? []) field("article").expected.add(`${a.instrument}:${a.article}`);
  for (const a of result.articles) field("article").found.add(`${a.instrument}:${a.article}`);
  const eventFields = (e: {
    kind: string;
    by: string;
    target?: string | null;
    at?: string | null;
    date?: string | null;
  }) => ({
    actor: `${e.kind}:${e.by}`,
    target: e.target ? `${e.kind}:${e.target}` : null,
    place: e.at ? `${e.kind}:${e.at}` : null,
    date: e.date ? `${e.kind}:${e.date}` : null,
  });
  for (const e of expected.events) {
    const f = eventFields({ ...e, target: e.against ?? e.to ?? null });
    for (const [name, value] of Object.entries(f)) if (value) field(name).expected.add(value);
  }
  for (const e of result.events) {
    const f = eventFields({
      kind: e.kind,
      by: e.by.code,
      target: e.against?.code ?? e.to?.code ?? null,
      at: e.place.code,
      date: e.date.value,
    });
    for (const [name, value] of Object.entries(f)) if (value) field(name).found.add(value);
  }
  for (const name of ["instrument", "article", "actor", "target", "place", "date"]) field(name);
  return fields;
}
