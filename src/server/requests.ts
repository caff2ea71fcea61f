import { z } from "zod";
import { describeIssue } from "../data/located.js";
import type { WhatIfOptions } from "../engine/index.js";
import type { Result } from "../model/result.js";
import { Scenario } from "../model/scenario.js";
import { bibtex, cascadeDot, cascadeGraphml, obligationsCsv } from "../report/exports.js";
import { answerSvg, svgToPng } from "../report/pictures.js";
import { concerning, render } from "../report/print.js";
import type { CodeReading } from "../states/normalise.js";
import type { Library } from "../treaties/library.js";
import { normaliseScenario, resolveReading, resolveState } from "../treaties/normalise.js";
import { resolvePoints } from "../treaties/scenario-file.js";

export interface FieldProblem {
  field: string;
  message: string;
}

/** A request the API refuses, naming each field at fault: 400. */
export class BadRequest extends Error {
  constructor(
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
  }
}

export const MAX_DEPTH = 32;

export function depth(value: unknown, level = 0): number {
  if (level > MAX_DEPTH || value === null || typeof value !== "object") return level;
  let max = level;
  for (const child of Object.values(value as object)) {
    max = Math.max(max, depth(child, level + 1));
    if (max > MAX_DEPTH) break;
  }
  return max;
}

export function fieldOf(path: readonly PropertyKey[]): string {
  return (
    path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("") ||
    "(body)"
  );
}

const withHint = (message: string, suggestions: string[]) =>
  suggestions.length ? `${message}; did you mean ${suggestions.join(", ")}?` : message;

export interface Asked {
  scenario: Scenario;
  codeReadings: CodeReading[];
}

/** Validates and normalises a scenario body: schema, states, places, readings; coordinates resolved. */
export function scenarioFrom(body: unknown, library: Library): Asked {
  if (depth(body) > MAX_DEPTH) throw new BadRequest(`body nested deeper than ${MAX_DEPTH} levels`);
  const parsed = Scenario.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({
      field: fieldOf(i.path),
      message: describeIssue(i, body),
    }));
    throw new BadRequest(
      `invalid scenario: ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`,
      problems,
    );
  }
  const normalised = normaliseScenario(parsed.data, library);
  if (normalised.problems.length) {
    const list = normalised.problems.map((p) => ({
      field: fieldOf(p.path),
      message: p.fix ? `${p.message} (${p.fix})` : p.message,
    }));
    throw new BadRequest(`invalid scenario: ${list.map((p) => `${p.field}: ${p.message}`).join("; ")}`, list);
  }
  return { scenario: resolvePoints(normalised.scenario, library), codeReadings: normalised.codeReadings };
}

const repeatable = z.union([z.string(), z.array(z.string())]).optional();
/** The query of a what-if: the options of `casus what-if`, with the same meanings (see /docs). */
export const WhatIfQuery = z.strictObject({
  reading: repeatable.meta({
    description:
      "a general reading (victim, territorial, forces-abroad) or an instrument reading (repeatable)",
  }),
  declines: repeatable.meta({ description: "a state that declines to join any war (repeatable)" }),
  joins: repeatable.meta({
    description:
      "a state that joins the war, on its ally's side or with a state: STATE or STATE=WITH (repeatable)",
  }),
  only_automatic: z
    .enum(["true", "false"])
    .optional()
    .meta({ description: "only automatic obligations bring a state into a war" }),
  include_political: z
    .enum(["true", "false"])
    .optional()
    .meta({ description: "political commitments and domestic acts may bring a state into a war" }),
  explain: z.string().optional().meta({ description: "only what concerns this state" }),
  format: z
    .enum(["json", "markdown", "text", "csv", "svg", "png", "dot", "graphml", "bibtex"])
    .optional()
    .meta({
      description:
        "json (the default): the result; markdown or text: the brief, as { markdown } or { text }; csv: one row per obligation; svg, png: the map by role; dot, graphml: the cascade; bibtex: the sources",
    }),
  all: z
    .enum(["true", "false"])
    .optional()
    .meta({ description: "for the brief: everything, not only the answer and what bears on it" }),
});
export type WhatIfQuery = z.infer<typeof WhatIfQuery>;

const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export interface WhatIfRequest {
  scenario: Scenario;
  options: Omit<WhatIfOptions, "budget">;
  explain: string | null;
  format: NonNullable<WhatIfQuery["format"]>;
  all: boolean;
}

/** Checks a what-if's query against the library, before any work: every name must resolve. */
export function whatIfRequest(library: Library, asked: Asked, rawQuery: unknown): WhatIfRequest {
  const query = WhatIfQuery.safeParse(rawQuery);
  if (!query.success) {
    const problems = query.error.issues.map((i) => ({
      field: fieldOf(i.path),
      message: i.code === "unrecognized_keys" ? `unknown parameter(s) ${i.keys.join(", ")}` : i.message,
    }));
    throw new BadRequest(
      `invalid query: ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`,
      problems,
    );
  }
  const date = asked.scenario.as_of;
  const problems: FieldProblem[] = [];
  const state = (field: string, input: string): string => {
    const r = resolveState(library, input, date);
    if (!r.ok) problems.push({ field, message: withHint(r.message, r.suggestions) });
    return r.ok ? r.value : input;
  };
  const generalIds = new Set(library.generalReadings.map((g) => g.id));
  const general: string[] = [];
  const readings: string[] = [];
  for (const r of list(query.data.reading)) {
    const resolved = resolveReading(library, r);
    if (!resolved.ok)
      problems.push({ field: "reading", message: withHint(resolved.message, resolved.suggestions) });
    else (generalIds.has(resolved.value) ? general : readings).push(resolved.value);
  }
  const declines = list(query.data.declines).map((d) => state("declines", d));
  const joins = list(query.data.joins).map((j) => {
    const [who, side] = j.split("=");
    return { state: state("joins", who as string), with: side ? state("joins", side) : null };
  });
  const explain = query.data.explain ? state("explain", query.data.explain) : null;
  if (problems.length) {
    throw new BadRequest(
      `invalid query: ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`,
      problems,
    );
  }
  return {
    scenario: asked.scenario,
    options: {
      general,
      readings,
      declines,
      joins,
      onlyAutomatic: query.data.only_automatic === "true",
      includePolitical: query.data.include_political === "true",
      codeReadings: asked.codeReadings,
    },
    explain,
    format: query.data.format ?? "json",
    all: query.data.all === "true",
  };
}

/** The answer in the form asked: the result (filtered to one state if asked), Markdown or text. */
export function present(
  request: WhatIfRequest,
  result: Result,
): Result | { markdown: string } | { text: string } {
  const shown = request.explain ? concerning(result, request.explain) : result;
  if (request.format === "markdown")
    return { markdown: render(shown, { markdown: true, all: request.all, about: request.explain }) };
  if (request.format === "text") return { text: render(shown, { all: request.all, about: request.explain }) };
  return shown;
}

/** An answer as a file: what to send, its media type and the extension to save it under. */
export interface FileAnswer {
  file: string | Uint8Array;
  type: string;
  extension: string;
}

const FILES: Record<string, { type: string; extension: string; make: (r: Result) => string }> = {
  csv: { type: "text/csv; charset=utf-8", extension: "csv", make: obligationsCsv },
  dot: { type: "text/vnd.graphviz; charset=utf-8", extension: "dot", make: cascadeDot },
  graphml: { type: "application/graphml+xml; charset=utf-8", extension: "graphml", make: cascadeGraphml },
  bibtex: { type: "application/x-bibtex; charset=utf-8", extension: "bib", make: bibtex },
  svg: { type: "image/svg+xml; charset=utf-8", extension: "svg", make: answerSvg },
};

/**
 * The formats that are files (CSV, SVG, PNG, DOT, GraphML, BibTeX): the engine threads answer them as the
 * result, and the server makes the file from it here (PNG rendering is asynchronous).
 */
export async function fileAnswer(
  format: WhatIfRequest["format"],
  result: Result,
): Promise<FileAnswer | null> {
  if (format === "png")
    return { file: await svgToPng(answerSvg(result)), type: "image/png", extension: "png" };
  const file = FILES[format];
  return file ? { file: file.make(result), type: file.type, extension: file.extension } : null;
}
