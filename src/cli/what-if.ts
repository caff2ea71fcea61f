import { existsSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { formatProblem } from "../data/located.js";
import { whatIf } from "../engine/index.js";
import { EVENT_KINDS, type EventKind } from "../model/events.js";
import type { Result } from "../model/result.js";
import type { Scenario } from "../model/scenario.js";
import { compare, dateLabel, readingLabels, renderComparison } from "../report/compare.js";
import { bibtex, cascadeDot, cascadeGraphml, obligationsCsv } from "../report/exports.js";
import { answerSvg, svgToPng } from "../report/pictures.js";
import { concerning, render, type Style } from "../report/print.js";
import type { CodeReading } from "../states/normalise.js";
import type { Library } from "../treaties/library.js";
import { normaliseScenario, resolveReading, resolveState } from "../treaties/normalise.js";
import { readScenarioFile, resolvePoints } from "../treaties/scenario-file.js";
import { checkDateOption, FileProblems, type Output, UsageError } from "./library-commands.js";

export interface WhatIfCliOptions {
  reading?: string[];
  json?: boolean;
  brief?: string;
  explain?: string;
  attack?: string;
  at?: string;
  war?: boolean;
  kind?: string;
  on?: string;
  declines?: string[];
  joins?: string[];
  onlyAutomatic?: boolean;
  includePolitical?: boolean;
  all?: boolean;
  /** The cap on the scenario file's size, in bytes. */
  maxSize?: number;
  csv?: boolean;
  svg?: string;
  png?: string;
  dot?: string;
  graphml?: string;
  bibtex?: string;
  compareReading?: string[];
  compareOn?: string;
  compareWith?: string;
}

/** `--at` takes a place (KOR, USA-HI, sea:sea-of-japan, a state's name) or coordinates `LAT,LON`. */
function parseAt(value: string): string | { lat: number; lon: number } {
  const point = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(value);
  if (!point) return value;
  const [lat, lon] = [Number(point[1]), Number(point[2])];
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180)
    throw new UsageError(`--at: ${value} is not a latitude,longitude`);
  return { lat, lon };
}

/** Splits `BY:AGAINST`, where either side may be a prefixed code (`cow:300`, `org:x`) or a name. */
export function splitAttack(value: string): [string, string] | null {
  const tokens = value.split(":");
  const codes: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = (tokens[i] as string).trim();
    if (["cow", "org", "actor"].includes(token.toLowerCase()) && i + 1 < tokens.length)
      codes.push(`${token}:${tokens[++i]}`);
    else codes.push(token);
  }
  return codes.length === 2 && codes.every((c) => c.length > 0)
    ? [codes[0] as string, codes[1] as string]
    : null;
}

const QUICK_KINDS = [
  "armed-attack",
  "invasion",
  "declaration-of-war",
  "border-incident",
  "threat-of-attack",
  "nuclear-use",
  "blockade",
];

/** The quick form: `--attack KOR:PRK --at PRK --war --on 2025-06-01`. */
export function quickScenario(options: WhatIfCliOptions, today: string): Scenario {
  const pair = splitAttack(options.attack ?? "");
  if (!pair)
    throw new UsageError(
      `--attack: expected BY:AGAINST (e.g. KOR:PRK or russia:uk), got "${options.attack}"`,
    );
  const [by, against] = pair;
  const kind = (
    options.kind === "threat" ? "threat-of-attack" : (options.kind ?? "armed-attack")
  ) as EventKind;
  if (!QUICK_KINDS.includes(kind)) {
    throw new UsageError(`--kind: expected one of ${QUICK_KINDS.join(", ")}, got "${options.kind}"`);
  }
  const asOf = checkDateOption("--on", options.on) ?? today;
  const label = EVENT_KINDS[kind].label;
  return {
    title: `Quick what-if: ${by} — ${label} — against ${against}${options.at ? ` at ${options.at}` : ""}${options.war ? ", putting it in a state of war" : ""}`,
    as_of: asOf,
    events: [
      {
        id: "attack",
        kind,
        by,
        against,
        ...(options.at ? { at: parseAt(options.at) } : {}),
        start: asOf,
        ...(options.war ? { state_of_war: true } : {}),
      },
    ],
  };
}

const FIELD_TO_OPTION: Record<string, string> = {
  "events.0.by": "--attack",
  "events.0.against": "--attack",
  "events.0.at": "--at",
};

export interface Asked {
  scenario: Scenario;
  codeReadings: CodeReading[];
}

/** Reads the scenario a what-if asks about: a file, or the quick form, normalised. */
export function askedScenario(
  library: Library,
  scenarioPath: string | undefined,
  options: WhatIfCliOptions,
  io: Output,
): Asked {
  if (scenarioPath) {
    if (options.attack) throw new UsageError("give a scenario file or --attack, not both");
    const read = readScenarioFile(scenarioPath, library, options.maxSize);
    if ("problems" in read) {
      for (const p of read.problems) io.err(formatProblem(p));
      throw new FileProblems(`${read.problems.length} problem(s) in ${scenarioPath}`);
    }
    const on = checkDateOption("--on", options.on);
    return {
      scenario: on ? { ...read.scenario, as_of: on } : read.scenario,
      codeReadings: read.codeReadings,
    };
  }
  if (!options.attack) throw new UsageError("what-if needs a scenario file or --attack BY:AGAINST");
  const today = new Date().toISOString().slice(0, 10);
  if (!options.on) io.err(`casus: no --on given; answering as of today, ${today}`);
  const normalised = normaliseScenario(quickScenario(options, today), library);
  if (normalised.problems.length) {
    throw new UsageError(
      normalised.problems
        .map(
          (p) =>
            `${FIELD_TO_OPTION[p.path.join(".")] ?? p.path.join(".")}: ${p.message}${p.fix ? ` (${p.fix})` : ""}`,
        )
        .join("; "),
    );
  }
  return { scenario: resolvePoints(normalised.scenario, library), codeReadings: normalised.codeReadings };
}

function state(library: Library, option: string, input: string, date: string): string {
  const r = resolveState(library, input, date);
  if (!r.ok)
    throw new UsageError(
      `${option}: ${r.message}${r.suggestions.length ? `; did you mean ${r.suggestions.join(", ")}?` : ""}`,
    );
  return r.value;
}

/** Runs a what-if from the command line's words; every name is checked before the engine runs. */
export function answer(
  library: Library,
  asked: Asked,
  options: WhatIfCliOptions,
): { result: Result; explain: string | null } {
  const date = asked.scenario.as_of;
  const general: string[] = [];
  const readings: string[] = [];
  const generalIds = new Set(library.generalReadings.map((g) => g.id));
  for (const r of options.reading ?? []) {
    const resolved = resolveReading(library, r);
    if (!resolved.ok) {
      throw new UsageError(
        `--reading: ${resolved.message}${resolved.suggestions.length ? `; did you mean ${resolved.suggestions.join(", ")}?` : ""}`,
      );
    }
    (generalIds.has(resolved.value) ? general : readings).push(resolved.value);
  }
  const joins = (options.joins ?? []).map((j) => {
    const [who, side] = j.split("=");
    return {
      state: state(library, "--joins", who as string, date),
      with: side ? state(library, "--joins", side, date) : null,
    };
  });
  const declines = (options.declines ?? []).map((d) => state(library, "--declines", d, date));
  const explain = options.explain ? state(library, "--explain", options.explain, date) : null;
  // States print with the names they had on the date (Prussia in 1870).
  const result = whatIf(library.namedOn(date), asked.scenario, {
    general,
    readings,
    joins,
    declines,
    ...(options.onlyAutomatic ? { onlyAutomatic: true } : {}),
    ...(options.includePolitical ? { includePolitical: true } : {}),
    codeReadings: asked.codeReadings,
  });
  return { result, explain };
}

/** Writes one output file, or says in one line why it cannot and what to do. */
function writeOut(option: string, file: string, content: string | Uint8Array): void {
  if (!existsSync(dirname(file) || "."))
    throw new UsageError(
      `${option}: the folder ${dirname(file)} does not exist; create it first or write elsewhere`,
    );
  try {
    writeFileSync(file, content);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why =
      code === "EACCES" || code === "EPERM"
        ? "permission denied"
        : code === "EISDIR"
          ? "it is a folder"
          : (code ?? (cause as Error).message);
    throw new UsageError(`${option}: cannot write ${file} (${why}); pick another path`);
  }
}

export async function runWhatIf(
  library: Library,
  scenarioPath: string | undefined,
  options: WhatIfCliOptions,
  io: Output,
  style?: Style,
): Promise<void> {
  const asked = askedScenario(library, scenarioPath, options, io);
  const { result, explain } = answer(library, asked, options);
  const shown = explain ? concerning(result, explain) : result;
  const all = options.all ?? false;
  if (options.brief)
    writeOut("--brief", options.brief, render(shown, { markdown: true, all, about: explain }));
  if (options.svg || options.png) {
    const svg = answerSvg(result);
    if (options.svg) writeOut("--svg", options.svg, svg);
    if (options.png) writeOut("--png", options.png, await svgToPng(svg));
  }
  if (options.dot) writeOut("--dot", options.dot, cascadeDot(shown));
  if (options.graphml) writeOut("--graphml", options.graphml, cascadeGraphml(shown));
  if (options.bibtex) writeOut("--bibtex", options.bibtex, bibtex(shown));
  const compared = comparison(library, asked, options, result, io);
  if (compared) {
    io.out(options.json ? JSON.stringify(compared, null, 2) : renderComparison(compared).trimEnd());
    return;
  }
  if (options.csv) io.out(obligationsCsv(shown).trimEnd());
  else
    io.out(
      options.json
        ? JSON.stringify(shown, null, 2)
        : render(shown, { all, about: explain, ...(style ? { style } : {}) }).trimEnd(),
    );
}

/** The second answer of `--compare-reading`, `--compare-on` or `--compare-with`, and what differs. */
function comparison(library: Library, asked: Asked, options: WhatIfCliOptions, result: Result, io: Output) {
  const given = [options.compareReading?.length, options.compareOn, options.compareWith].filter(
    Boolean,
  ).length;
  if (given === 0) return null;
  if (given > 1)
    throw new UsageError("compare one thing at a time: --compare-reading, --compare-on or --compare-with");
  if (options.compareReading?.length) {
    const other = answer(library, asked, {
      ...options,
      reading: [...(options.reading ?? []), ...options.compareReading],
    }).result;
    const [a, b] = readingLabels(result, other);
    return compare({ label: a, result }, { label: b, result: other });
  }
  if (options.compareOn) {
    const on = checkDateOption("--compare-on", options.compareOn) as string;
    const other = answer(library, { ...asked, scenario: { ...asked.scenario, as_of: on } }, options).result;
    return compare({ label: dateLabel(result.as_of), result }, { label: dateLabel(on), result: other });
  }
  const second = askedScenario(library, options.compareWith, { ...options, attack: undefined }, io);
  const other = answer(library, second, options).result;
  return compare({ label: result.title, result }, { label: other.title, result: other });
}
