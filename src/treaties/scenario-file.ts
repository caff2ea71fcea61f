import { fileURLToPath } from "node:url";
import { LocatedYaml, type Path, type Problem } from "../data/located.js";
import {
  DEFAULT_MAX_BYTES,
  displayPath,
  namedFile,
  readTextFile,
  refusalProblem,
} from "../data/safe-read.js";
import { Atlas } from "../geo/atlas.js";
import { Scenario } from "../model/scenario.js";
import type { Library } from "./library.js";

/** Names a scenario file may have. */
export const SCENARIO_FILE = /\.(ya?ml|json)$/;

export const BUILTIN_SCENARIOS = fileURLToPath(new URL("../../scenarios", import.meta.url));

/** Problems a schema cannot see: unknown codes and places, events that end before they start. */
export function checkScenario(
  scenario: Scenario,
  library: Library,
  at: (path: Path, message: string, fix?: string) => Problem,
): Problem[] {
  const problems: Problem[] = [];
  const known = (code: string) => library.registry.resolve(code) !== undefined;
  const place = (code: string) =>
    library.territories.has(code) || library.registry.isState(code) || library.seas.has(code);
  scenario.events.forEach((event, i) => {
    for (const field of ["by", "against", "to"] as const) {
      const code = event[field];
      if (code && !known(code)) {
        problems.push(
          at(
            ["events", i, field],
            `unknown state code ${code}`,
            "use an ISO 3166-1 alpha-3 code (KOR), cow:NNN, or an org:/actor: id",
          ),
        );
      }
    }
    if (typeof event.at === "string" && !place(event.at)) {
      problems.push(
        at(
          ["events", i, "at"],
          `unknown place ${event.at}`,
          "use a state's ISO3 code or a territory code from places/_territories.yaml",
        ),
      );
    }
    if (event.end && event.end < event.start)
      problems.push(at(["events", i, "end"], `end ${event.end} before start ${event.start}`));
    const needsTarget = ![
      "request-for-assistance",
      "arms-transfer",
      "troop-deployment",
      "technology-transfer",
      "mobilisation",
    ].includes(event.kind);
    if (needsTarget && !event.against)
      problems.push(at(["events", i], `a ${event.kind} event needs against:`));
    if (
      !needsTarget &&
      event.kind !== "mobilisation" &&
      event.kind !== "request-for-assistance" &&
      !event.to
    ) {
      problems.push(at(["events", i], `a ${event.kind} event needs to:`));
    }
  });
  const ids = new Set<string>();
  scenario.events.forEach((event, i) => {
    if (ids.has(event.id)) problems.push(at(["events", i, "id"], `event id ${event.id} appears twice`));
    ids.add(event.id);
  });
  (scenario.theatre ?? []).forEach((code, i) => {
    if (!place(code)) problems.push(at(["theatre", i], `unknown place ${code}`));
  });
  (scenario.options?.declines ?? []).forEach((code, i) => {
    if (!known(code)) problems.push(at(["options", "declines", i], `unknown state code ${code}`));
  });
  return problems;
}

/** Replaces coordinates by the territory or sea they fall in, noting how, so the answer can show it. */
export function resolvePoints(scenario: Scenario, library: Library): Scenario {
  if (!scenario.events.some((e) => typeof e.at === "object")) return scenario;
  const atlas = Atlas.get();
  return {
    ...scenario,
    events: scenario.events.map((event) => {
      if (typeof event.at !== "object") return event;
      const place = atlas.resolve(event.at, library);
      const how =
        place.via === "near"
          ? `within ${place.distance_km} km of its anchor (the tolerance for islands too small for the 1:10m map)`
          : place.via === "shape"
            ? "inside its outline on the 1:10m map"
            : "at sea, in the outline drawn for it";
      return {
        ...event,
        at: place.code,
        at_note: `${event.id} at (${event.at.lat}, ${event.at.lon}) resolved to ${place.name} (${place.code}), ${how}`,
      };
    }),
  };
}

/** Parses and checks scenario text (a file or an API body in YAML or JSON). */
export function parseScenario(
  file: string,
  text: string,
  library: Library,
): { scenario: Scenario } | { problems: Problem[] } {
  const yaml = LocatedYaml.parse(file, text);
  if (!(yaml instanceof LocatedYaml)) return { problems: [yaml] };
  const validated = yaml.validate(Scenario);
  if ("problems" in validated) return validated;
  const problems = checkScenario(validated.data, library, (path, message, fix) =>
    yaml.problem(path, message, fix),
  );
  return problems.length ? { problems } : { scenario: resolvePoints(validated.data, library) };
}

/** Reads a scenario file the user named: a regular file of at most `maxBytes`, then parsed and checked. */
export function readScenarioFile(
  path: string,
  library: Library,
  maxBytes = DEFAULT_MAX_BYTES,
): { scenario: Scenario } | { problems: Problem[] } {
  const file = namedFile(path);
  if ("message" in file) return { problems: [refusalProblem(file)] };
  const read = readTextFile(file, maxBytes);
  if ("refusal" in read) return { problems: [refusalProblem(read.refusal)] };
  return parseScenario(displayPath(file.path), read.text, library);
}
