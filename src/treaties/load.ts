import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LocatedYaml, type Problem } from "../data/located.js";
import {
  DEFAULT_MAX_BYTES,
  displayPath,
  findFiles,
  readTextFile,
  refusalProblem,
} from "../data/safe-read.js";
import { type Instrument, Instrument as InstrumentSchema } from "../model/instrument.js";
import {
  type Actor,
  type Gazetteer,
  Gazetteer as GazetteerSchema,
  type GeneralReading,
  type Region,
  type Sea,
  type Territory,
} from "../model/place.js";
import { Registry, STATES } from "../states/registry.js";
import { checkInstrument } from "./check.js";
import { Library } from "./library.js";

/** The library shipped with casus. */
export const BUILTIN_LIBRARY = fileURLToPath(new URL("../../treaties", import.meta.url));
/** The part of it that covers the Korean peninsula (what the Korea scenarios are tested against). */
export const KOREA_LIBRARY = join(BUILTIN_LIBRARY, "korea");
/** Territories, regions and non-state parties: always loaded, whatever treaty directories are named. */
export const BUILTIN_PLACES = fileURLToPath(new URL("../../places", import.meta.url));

export interface LoadResult {
  library: Library;
  problems: Problem[];
}

interface ParsedInstrument {
  instrument: Instrument;
  yaml: LocatedYaml;
}

/**
 * Loads and checks instrument files and gazetteer files (names starting with `_`). Problems are
 * collected, never thrown; a file with problems is left out of the library so nothing half-read is used.
 */
export function loadLibrary(
  paths: readonly string[] = [BUILTIN_LIBRARY],
  { maxBytes = DEFAULT_MAX_BYTES }: { maxBytes?: number } = {},
): LoadResult {
  const found = findFiles([BUILTIN_PLACES, ...paths], { match: /\.ya?ml$/, recursive: true });
  const problems = found.refused.map(refusalProblem);
  const parsed: ParsedInstrument[] = [];
  const gazetteers: { gazetteer: Gazetteer; yaml: LocatedYaml }[] = [];
  for (const file of found.files) {
    const display = displayPath(file.path);
    const read = readTextFile(file, maxBytes);
    if ("refusal" in read) {
      problems.push(refusalProblem(read.refusal));
      continue;
    }
    const text = read.text;
    const yaml = LocatedYaml.parse(display, text);
    if (!(yaml instanceof LocatedYaml)) {
      problems.push(yaml);
      continue;
    }
    if (basename(file.path).startsWith("_")) {
      const result = yaml.validate(GazetteerSchema);
      if ("problems" in result) problems.push(...result.problems);
      else gazetteers.push({ gazetteer: result.data, yaml });
      continue;
    }
    const result = yaml.validate(InstrumentSchema);
    if ("problems" in result) problems.push(...result.problems);
    else parsed.push({ instrument: result.data, yaml });
  }
  return assemble(parsed, gazetteers, problems);
}

function assemble(
  parsed: ParsedInstrument[],
  gazetteers: { gazetteer: Gazetteer; yaml: LocatedYaml }[],
  problems: Problem[],
): LoadResult {
  const actors: Actor[] = [];
  const territories: Territory[] = [];
  const regions: Region[] = [];
  const seas: Sea[] = [];
  const generalReadings: GeneralReading[] = [];
  for (const { gazetteer } of gazetteers) {
    generalReadings.push(...(gazetteer.general_readings ?? []));
    seas.push(...(gazetteer.seas ?? []));
    actors.push(...(gazetteer.actors ?? []));
    territories.push(...(gazetteer.territories ?? []));
    regions.push(...(gazetteer.regions ?? []));
  }
  const registry = new Registry(STATES, actors);
  for (const { gazetteer, yaml } of gazetteers) {
    (gazetteer.territories ?? []).forEach((t, i) => {
      if (!registry.resolve(t.administered_by)) {
        problems.push(
          yaml.problem(["territories", i, "administered_by"], `unknown state code ${t.administered_by}`),
        );
      }
    });
  }

  const seen = new Map<string, string>();
  const accepted: Instrument[] = [];
  const regionIds = new Set(regions.map((r) => r.id));
  for (const { instrument, yaml } of parsed) {
    const before = problems.length;
    const first = seen.get(instrument.id);
    if (first) {
      problems.push(
        yaml.problem(
          ["id"],
          `duplicate id ${instrument.id} (also in ${first})`,
          "give each instrument its own id",
        ),
      );
      continue;
    }
    seen.set(instrument.id, yaml.file);
    checkInstrument(instrument, yaml, registry, regionIds, problems);
    if (problems.length === before) accepted.push(instrument);
  }
  // Cross-instrument references, once every id is known.
  const ids = new Set(accepted.map((i) => i.id));
  for (const { instrument, yaml } of parsed) {
    if (!ids.has(instrument.id)) continue;
    if (instrument.parties_of && !seen.has(instrument.parties_of)) {
      problems.push(yaml.problem(["parties_of"], `no instrument with id ${instrument.parties_of}`));
    }
    (instrument.supersedes ?? []).forEach((s, i) => {
      if (!seen.has(s.instrument)) {
        problems.push(yaml.problem(["supersedes", i, "instrument"], `no instrument with id ${s.instrument}`));
      }
    });
    instrument.articles.forEach((article, a) => {
      (article.provisions ?? []).forEach((provision, p) => {
        (provision.relies_on ?? []).forEach((ref, r) => {
          if (!seen.has(ref.instrument)) {
            const path = ["articles", a, "provisions", p, "relies_on", r, "instrument"];
            problems.push(yaml.problem(path, `no instrument with id ${ref.instrument}`));
          }
        });
      });
    });
  }
  return {
    library: new Library(accepted, { territories, regions, seas, generalReadings }, registry),
    problems,
  };
}
