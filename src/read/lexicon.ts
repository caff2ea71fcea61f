import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { formatProblem, LocatedYaml, type Problem } from "../data/located.js";
import { DateField, PartyCode, Slug } from "../model/common.js";

/** The reader's dictionaries ship beside the treaty library. */
export const ACTORS_FILE = fileURLToPath(new URL("../../lexicon/actors.yaml", import.meta.url));

const Role = z.strictObject({
  office: z.string().min(1),
  kind: z.enum([
    "leader",
    "head-of-government",
    "minister",
    "deputy-minister",
    "spokesperson",
    "official",
    "diplomat",
  ]),
  from: DateField.nullable(),
  to: DateField.nullable(),
  note: z.string().optional(),
});

const Person = z.strictObject({
  name: z.string().min(1),
  also: z.array(z.string().min(1)).optional(),
  short: z.array(z.string().min(1)).optional(),
  state: PartyCode,
  roles: z.array(Role).min(1),
  source: Slug,
});
export type Person = z.infer<typeof Person>;
export type Role = z.infer<typeof Role>;

const Institution = z.strictObject({
  names: z.array(z.string().min(1)).min(1),
  state: PartyCode,
  kind: z.enum(["office", "ministry", "military", "state-media", "news-agency"]),
  source: Slug,
  note: z.string().optional(),
});
export type Institution = z.infer<typeof Institution>;

export const Lexicon = z
  .strictObject({
    sources: z.array(
      z.strictObject({
        id: Slug,
        title: z.string().min(1),
        url: z.string().url(),
        checked_on: DateField.optional(),
      }),
    ),
    people: z.array(Person),
    institutions: z.array(Institution),
    capitals: z.record(PartyCode, z.array(z.string().min(1))),
    demonyms: z.record(PartyCode, z.array(z.string().min(1))),
  })
  .superRefine((lexicon, ctx) => {
    const ids = new Set(lexicon.sources.map((s) => s.id));
    lexicon.people.forEach((p, i) => {
      if (!ids.has(p.source))
        ctx.addIssue({
          code: "custom",
          path: ["people", i, "source"],
          message: `no source with id ${p.source}`,
        });
      p.roles.forEach((r, j) => {
        if (r.from && r.to && r.to < r.from)
          ctx.addIssue({
            code: "custom",
            path: ["people", i, "roles", j, "to"],
            message: "ends before it starts",
          });
      });
    });
    lexicon.institutions.forEach((inst, i) => {
      if (!ids.has(inst.source))
        ctx.addIssue({
          code: "custom",
          path: ["institutions", i, "source"],
          message: `no source with id ${inst.source}`,
        });
    });
  });
export type Lexicon = z.infer<typeof Lexicon>;

/** Reads and checks a dictionary file: its problems name the file, line and field. */
export function readLexicon(file: string): { lexicon: Lexicon } | { problems: Problem[] } {
  const yaml = LocatedYaml.parse(file, readFileSync(file, "utf8"));
  if (!(yaml instanceof LocatedYaml)) return { problems: [yaml] };
  const result = yaml.validate(Lexicon);
  return "problems" in result ? result : { lexicon: result.data };
}

let builtin: Lexicon | undefined;

/** The shipped dictionaries, read once. A broken file is a bug in casus, so it throws with every problem. */
export function builtinLexicon(): Lexicon {
  if (!builtin) {
    const read = readLexicon(ACTORS_FILE);
    if ("problems" in read) throw new Error(read.problems.map(formatProblem).join("\n"));
    builtin = read.lexicon;
  }
  return builtin;
}
