import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { LocatedYaml, type Problem } from "../data/located.js";
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

const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface LoadResult {
  library: Library;
  problems: Problem[];
}

interface ParsedInstrument {
  instrument: Instrument;
  yaml: LocatedYaml;
}

/** Every `.yaml`/`.yml` file in the given files or directories (directories are read recursively). */
export function listYamlFiles(paths: readonly string[]): { files: string[]; problems: Problem[] } {
  const files: string[] = [];
  const problems: Problem[] = [];
  const visit = (path: string) => {
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(path);
    } catch {
      problems.push({ file: path, line: 1, column: 1, message: "no such file or directory" });
      return;
    }
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        const child = join(path, entry);
        if (statSync(child).isDirectory() || /\.ya?ml$/.test(entry)) visit(child);
      }
    } else files.push(path);
  };
  for (const path of paths) visit(path);
  return { files, problems };
}

/**
 * Loads and checks instrument files and gazetteer files (names starting with `_`). Problems are
 * collected, never thrown; a file with problems is left out of the library so nothing half-read is used.
 */
export function loadLibrary(paths: readonly string[] = [BUILTIN_LIBRARY]): LoadResult {
  const { files, problems } = listYamlFiles([BUILTIN_PLACES, ...paths]);
  const parsed: ParsedInstrument[] = [];
  const gazetteers: { gazetteer: Gazetteer; yaml: LocatedYaml }[] = [];
  for (const file of files) {
    const display = displayPath(file);
    let text: string;
    try {
      if (statSync(file).size > MAX_FILE_BYTES) {
        problems.push({
          file: display,
          line: 1,
          column: 1,
          message: `file larger than ${MAX_FILE_BYTES} bytes`,
        });
        continue;
      }
      text = readFileSync(file, "utf8");
    } catch (cause) {
      problems.push({
        file: display,
        line: 1,
        column: 1,
        message: `cannot read: ${(cause as Error).message}`,
      });
      continue;
    }
    const yaml = LocatedYaml.parse(display, text);
    if (!(yaml instanceof LocatedYaml)) {
      problems.push(yaml);
      continue;
    }
    if (basename(file).startsWith("_")) {
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

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
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
