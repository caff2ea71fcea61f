import { writeFileSync } from "node:fs";
import { formatProblem } from "../data/located.js";
import { explainState } from "../engine/explain.js";
import { whatIf } from "../engine/index.js";
import { GeneralReading, type Scenario } from "../model/scenario.js";
import { renderBrief } from "../report/brief.js";
import type { Library } from "../treaties/library.js";
import { checkScenario, readScenarioFile, resolvePoints } from "../treaties/scenario-file.js";
import { checkDateOption, type Output, UsageError } from "./library-commands.js";

export interface WhatIfCliOptions {
  reading?: string[];
  json?: boolean;
  brief?: string;
  explain?: string;
  attack?: string;
  at?: string;
  war?: boolean;
  on?: string;
  declines?: string[];
  /** The cap on the scenario file's size, in bytes. */
  maxSize?: number;
}

/** `--at` takes a place code (KOR, USA-HI, sea:sea-of-japan) or coordinates `LAT,LON`. */
function parseAt(value: string): string | { lat: number; lon: number } {
  const point = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(value);
  if (!point) return value.startsWith("sea:") ? value : value.toUpperCase();
  const [lat, lon] = [Number(point[1]), Number(point[2])];
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180)
    throw new UsageError(`--at: ${value} is not a latitude,longitude`);
  return { lat, lon };
}

/** The quick form: `--attack KOR:PRK --at PRK --war --on 2025-06-01`. */
/** Splits `BY:AGAINST`, where either side may itself be a prefixed code (`cow:300`, `org:x`, `actor:y`). */
function splitAttack(value: string): [string, string] | null {
  const tokens = value.split(":");
  const codes: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (["cow", "org", "actor"].includes(token) && i + 1 < tokens.length)
      codes.push(`${token}:${tokens[++i]}`);
    else codes.push(token.toUpperCase());
  }
  return codes.length === 2 && codes.every((c) => c.length > 0)
    ? [codes[0] as string, codes[1] as string]
    : null;
}

/** The quick form: `--attack KOR:PRK --at PRK --war --on 2025-06-01`. */
export function quickScenario(options: WhatIfCliOptions, today: string): Scenario {
  const pair = splitAttack(options.attack ?? "");
  if (!pair) throw new UsageError(`--attack: expected BY:AGAINST (e.g. KOR:PRK), got "${options.attack}"`);
  const [by, against] = pair;
  const asOf = checkDateOption("--on", options.on) ?? today;
  return {
    title: `Quick what-if: ${by} attacks ${against}${options.at ? ` at ${options.at}` : ""}${options.war ? ", putting it in a state of war" : ""}`,
    as_of: asOf,
    events: [
      {
        id: "attack",
        kind: "armed-attack",
        by,
        against,
        ...(options.at ? { at: parseAt(options.at) } : {}),
        start: asOf,
        ...(options.war ? { state_of_war: true } : {}),
      },
    ],
  };
}

export function runWhatIf(
  library: Library,
  scenarioPath: string | undefined,
  options: WhatIfCliOptions,
  io: Output,
): void {
  let scenario: Scenario;
  if (scenarioPath) {
    if (options.attack) throw new UsageError("give a scenario file or --attack, not both");
    const read = readScenarioFile(scenarioPath, library, options.maxSize);
    if ("problems" in read) {
      for (const p of read.problems) io.err(formatProblem(p));
      throw new UsageError(`${read.problems.length} problem(s) in ${scenarioPath}`);
    }
    scenario = read.scenario;
    const on = checkDateOption("--on", options.on);
    if (on) scenario = { ...scenario, as_of: on };
  } else if (options.attack) {
    scenario = quickScenario(options, new Date().toISOString().slice(0, 10));
    const problems = checkScenario(scenario, library, (path, message) => ({
      file: "--attack",
      line: 1,
      column: 1,
      field: path.join("."),
      message,
    }));
    if (problems.length) {
      throw new UsageError(
        problems.map((p) => `${p.field === "events.0.at" ? "--at" : "--attack"}: ${p.message}`).join("; "),
      );
    }
    scenario = resolvePoints(scenario, library);
  } else {
    throw new UsageError("what-if needs a scenario file or --attack BY:AGAINST");
  }

  let general: GeneralReading | undefined;
  const readings: string[] = [];
  for (const r of options.reading ?? []) {
    const parsed = GeneralReading.safeParse(r);
    if (parsed.success) general = parsed.data;
    else readings.push(r);
  }
  const declines = (options.declines ?? []).map((d) => {
    const code = library.registry.canonical(d.toUpperCase()) ?? library.registry.canonical(d);
    if (!code) throw new UsageError(`--declines: unknown state code ${d}`);
    return code;
  });
  const result = whatIf(library, scenario, { ...(general ? { reading: general } : {}), readings, declines });

  let explainCode: string | undefined;
  if (options.explain) {
    explainCode =
      library.registry.canonical(options.explain.toUpperCase()) ??
      library.registry.canonical(options.explain);
    if (!explainCode) throw new UsageError(`--explain: unknown state code ${options.explain}`);
  }
  if (options.brief) writeFileSync(options.brief, renderBrief(result, true, explainCode));
  if (options.json) {
    io.out(JSON.stringify(explainCode ? explainState(result, explainCode) : result, null, 2));
  } else {
    io.out(renderBrief(result, false, explainCode));
  }
}
