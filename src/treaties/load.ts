import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { LocatedYaml, type Path, type Problem } from "../data/located.js";
import { type Instrument, Instrument as InstrumentSchema } from "../model/instrument.js";
import {
  type Actor,
  type Gazetteer,
  Gazetteer as GazetteerSchema,
  type Region,
  type Sea,
  type Territory,
} from "../model/place.js";
import { Registry, STATES } from "../states/registry.js";
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
  for (const { gazetteer } of gazetteers) {
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
  return { library: new Library(accepted, territories, regions, registry, seas), problems };
}

/** The semantic checks a schema cannot express: dates in order, known parties, cited quotes. */
function checkInstrument(
  instrument: Instrument,
  yaml: LocatedYaml,
  registry: Registry,
  regionIds: ReadonlySet<string>,
  problems: Problem[],
): void {
  const push = (path: Path, message: string, fix?: string) => problems.push(yaml.problem(path, message, fix));
  const sourceIds = new Set(instrument.sources.map((s) => s.id));
  const checkSource = (path: Path, id: string | undefined) => {
    if (id !== undefined && !sourceIds.has(id))
      push(path, `no source with id ${id}`, "add it under sources: or fix the id");
  };
  const checkParty = (path: Path, code: string) => {
    if (!registry.resolve(code)) {
      push(
        path,
        `unknown state code ${code}`,
        "use an ISO 3166-1 alpha-3 code (KOR), cow:NNN, or an org:/actor: id from _actors.yaml",
      );
      return false;
    }
    return true;
  };

  const { signed, in_force, terminated } = instrument.dates;
  if (in_force && in_force < signed)
    push(["dates", "in_force"], `entry into force ${in_force} before signature ${signed}`);
  if (terminated && terminated < signed) {
    push(["dates", "terminated"], `termination ${terminated} before signature ${signed}`, "check both dates");
  } else if (terminated && in_force && terminated < in_force) {
    push(["dates", "terminated"], `termination ${terminated} before entry into force ${in_force}`);
  }
  if (!instrument.duration && !terminated) {
    push(
      [],
      "no duration and no termination: say how long it runs",
      "add duration: (kind: indefinite, fixed-term, automatic-renewal, until-agreed or unspecified) or dates.terminated",
    );
  }
  if (terminated && !instrument.dates.termination_reason) {
    push(["dates"], "a terminated instrument needs a termination_reason");
  }
  checkSource(["dates", "source"], instrument.dates.source);
  if (!instrument.parties && !instrument.parties_of) push([], "no parties", "add parties: or parties_of:");

  (instrument.parties ?? []).forEach((party, i) => {
    const path = ["parties", i];
    checkSource([...path, "source"], party.source);
    if (!checkParty([...path, "party"], party.party)) return;
    const joined = party.joined ?? party.signed ?? in_force ?? signed;
    if (party.left && party.left < joined) {
      push([...path, "left"], `leave date ${party.left} before join date ${joined}`, "check both dates");
    } else if (!registry.existsOn(party.party, joined)) {
      push(
        [...path, "party"],
        `${party.party} was not a state on ${joined}`,
        "check the date or use the code of the state then",
      );
    }
  });
  (instrument.suspensions ?? []).forEach((s, i) => {
    checkParty(["suspensions", i, "obligor"], s.obligor);
    checkParty(["suspensions", i, "toward"], s.toward);
    checkSource(["suspensions", i, "source"], s.source);
    if (s.to && s.to < s.from) push(["suspensions", i, "to"], `end ${s.to} before start ${s.from}`);
  });
  (instrument.supersedes ?? []).forEach((s, i) => checkSource(["supersedes", i, "source"], s.source));

  const articleNumbers = new Set<string>();
  const checkArticles = (articles: Instrument["articles"], base: Path, part: string | null) => {
    const seenNumbers = new Set<string>();
    articles.forEach((article, a) => {
      const path = [...base, a];
      if (seenNumbers.has(article.number))
        push([...path, "number"], `article ${article.number} appears twice`);
      seenNumbers.add(article.number);
      articleNumbers.add(part ? `${part}/${article.number}` : article.number);
      const texts = article.versions
        ? article.versions.map((v, i) => ({ t: v, p: [...path, "versions", i] as Path }))
        : [{ t: article, p: path }];
      if (article.versions && (article.text || article.provisions)) {
        push(path, "an article with versions keeps its text and provisions inside each version");
      }
      for (const { t, p } of texts) {
        checkSource([...p, "source"], t.source);
        if (t.text && !t.source)
          push(
            [...p, "text"],
            "a quote with no source",
            "add source: with the id of the document it was read in",
          );
        else if (t.text && !t.quote_confidence) {
          push(
            [...p, "quote_confidence"],
            "text without quote_confidence",
            "mark it verbatim, translation or paraphrase",
          );
        }
        (t.renderings ?? []).forEach((r, i) => checkSource([...p, "renderings", i, "source"], r.source));
        const provisions = t.provisions ?? [];
        if (provisions.length > 0 && !t.text) {
          push(
            [...p, "provisions"],
            "provisions need the article's text (quoted, or marked paraphrase)",
            "add text:, source: and quote_confidence:",
          );
        }
        const provisionIds = new Set<string>();
        provisions.forEach((provision, i) => {
          const pp = [...p, "provisions", i];
          if (provisionIds.has(provision.id))
            push([...pp, "id"], `provision id ${provision.id} appears twice in this article`);
          provisionIds.add(provision.id);
          for (const field of ["obligors", "beneficiaries"] as const) {
            const list = provision[field];
            if (Array.isArray(list)) list.forEach((code, k) => checkParty([...pp, field, k], code));
          }
          (provision.trigger?.by?.states ?? []).forEach((code, k) =>
            checkParty([...pp, "trigger", "by", "states", k], code),
          );
          const where = provision.trigger?.where;
          for (const key of ["region", "forces_region"] as const) {
            const region = where?.[key];
            if (region && !regionIds.has(region))
              push(
                [...pp, "trigger", "where", key],
                `no region with id ${region}`,
                "define it in _places.yaml",
              );
          }
          if (provision.kind === "prohibition" && !provision.prohibits)
            push(pp, "a prohibition needs prohibits:");
          if (
            !["prohibition", "non-aggression", "no-hostile-third-party-commitments"].includes(
              provision.kind,
            ) &&
            !provision.trigger
          ) {
            push(pp, `a ${provision.kind} provision needs a trigger`);
          }
          (provision.readings ?? []).forEach((r, k) =>
            checkSource([...pp, "readings", k, "source"], r.source),
          );
        });
      }
    });
  };
  checkArticles(instrument.articles, ["articles"], null);
  (instrument.parts ?? []).forEach((part, i) => {
    checkSource(["parts", i, "source"], part.source);
    checkArticles(part.articles, ["parts", i, "articles"], part.id);
  });

  // References to articles: scope definitions and understandings must name articles that exist.
  const forEachProvision = (
    visit: (provision: NonNullable<Instrument["articles"][number]["provisions"]>[number], path: Path) => void,
  ) => {
    instrument.articles.forEach((article, a) => {
      (article.provisions ?? []).forEach((p, i) => visit(p, ["articles", a, "provisions", i]));
      (article.versions ?? []).forEach((v, k) =>
        (v.provisions ?? []).forEach((p, i) => visit(p, ["articles", a, "versions", k, "provisions", i])),
      );
    });
  };
  forEachProvision((provision, path) => {
    const ref = provision.trigger?.where?.defined_in;
    if (ref && !articleNumbers.has(ref)) {
      push(
        [...path, "trigger", "where", "defined_in"],
        `provision points at article ${ref}, which this instrument does not have`,
      );
    }
  });
  (instrument.understandings ?? []).forEach((u, i) => {
    checkParty(["understandings", i, "by"], u.by);
    checkSource(["understandings", i, "source"], u.source);
    u.applies_to.forEach((ref, k) => {
      if (!articleNumbers.has(ref))
        push(["understandings", i, "applies_to", k], `no article ${ref} in this instrument`);
    });
  });
}
