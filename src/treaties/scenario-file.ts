import { fileURLToPath } from "node:url";
import { LocatedYaml, type Problem } from "../data/located.js";
import {
  DEFAULT_MAX_BYTES,
  displayPath,
  namedFile,
  readTextFile,
  refusalProblem,
} from "../data/safe-read.js";
import { Atlas } from "../geo/atlas.js";
import { Scenario } from "../model/scenario.js";
import type { CodeReading } from "../states/normalise.js";
import type { Library } from "./library.js";
import { normaliseScenario } from "./normalise.js";

/** Names a scenario file may have. */
export const SCENARIO_FILE = /\.(ya?ml|json)$/;

export const BUILTIN_SCENARIOS = fileURLToPath(new URL("../../scenarios", import.meta.url));

/** Replaces coordinates by the territory or sea they fall in, noting how, so the answer can show it. */
export function resolvePoints(scenario: Scenario, library: Library): Scenario {
  if (!scenario.events.some((e) => typeof e.at === "object")) return scenario;
  const atlas = Atlas.get();
  return {
    ...scenario,
    events: scenario.events.map((event) => {
      if (typeof event.at !== "object") return event;
      const place = atlas.resolve(event.at, library);
      return {
        ...event,
        at: place.code,
        at_from: {
          lat: event.at.lat,
          lon: event.at.lon,
          via: place.via,
          ...(place.via === "near" ? { distance_km: place.distance_km } : {}),
        },
      };
    }),
  };
}

export type ReadScenario = { scenario: Scenario; codeReadings: CodeReading[] } | { problems: Problem[] };

/** Parses, checks and normalises scenario text (a file or an API body in YAML or JSON). */
export function parseScenario(file: string, text: string, library: Library): ReadScenario {
  const yaml = LocatedYaml.parse(file, text);
  if (!(yaml instanceof LocatedYaml)) return { problems: [yaml] };
  const validated = yaml.validate(Scenario);
  if ("problems" in validated) return validated;
  const normalised = normaliseScenario(validated.data, library);
  if (normalised.problems.length) {
    return { problems: normalised.problems.map((p) => yaml.problem(p.path, p.message, p.fix)) };
  }
  return { scenario: resolvePoints(normalised.scenario, library), codeReadings: normalised.codeReadings };
}

/** Reads a scenario file the user named: a regular file of at most `maxBytes`, then parsed and checked. */
export function readScenarioFile(path: string, library: Library, maxBytes = DEFAULT_MAX_BYTES): ReadScenario {
  const file = namedFile(path);
  if ("message" in file) return { problems: [refusalProblem(file)] };
  const read = readTextFile(file, maxBytes);
  if ("refusal" in read) return { problems: [refusalProblem(read.refusal)] };
  return parseScenario(displayPath(file.path), read.text, library);
}
