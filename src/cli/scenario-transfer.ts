import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { stringify } from "yaml";
import { formatProblem, type Problem } from "../data/located.js";
import { findFiles, readTextFile, refusalProblem } from "../data/safe-read.js";
import type { Scenario } from "../model/scenario.js";
import { StorageFault } from "../server/storage-fault.js";
import { canonicalId, ImportRefused, NoStore, ScenarioStore } from "../server/store.js";
import type { Library } from "../treaties/library.js";
import { parseScenario, SCENARIO_FILE } from "../treaties/scenario-file.js";
import { FileProblems, type Output, UsageError } from "./library-commands.js";

/** Opens the saved scenarios for a CLI command; a storage problem is one line, not a stack trace. */
function openStore(dir: string, create: boolean): ScenarioStore {
  try {
    return new ScenarioStore(dir, { create });
  } catch (error) {
    if (error instanceof NoStore) throw new UsageError(`${error.message}; check --data or $CASUS_DATA`);
    if (error instanceof StorageFault) throw new FileProblems(error.message);
    throw error;
  }
}

/** Writes one `<id>.yaml` per saved scenario: what `importScenarios` reads back with the same ids. */
export function exportScenarios(dir: string, dataDir: string, io: Output): void {
  const store = openStore(dataDir, false);
  try {
    mkdirSync(dir, { recursive: true });
    const all = store.all();
    for (const saved of all) writeFileSync(join(dir, `${saved.id}.yaml`), stringify(saved.scenario));
    io.out(`exported ${all.length} scenario(s) to ${dir}`);
  } finally {
    store.close();
  }
}

/**
 * Imports scenario files all or nothing. A file named `<uuid>.yaml` keeps that id (so an export comes back
 * as it was); any other name gets a new one. Every problem is reported, one line each, before refusing.
 */
export function importScenarios(
  path: string,
  library: Library,
  options: { dataDir: string; overwrite: boolean; maxBytes: number },
  io: Output,
): void {
  const found = findFiles([path], { match: SCENARIO_FILE, recursive: false });
  const problems: Problem[] = found.refused.map(refusalProblem);
  const items: { id?: string; scenario: Scenario; file: string }[] = [];
  for (const file of found.files) {
    const read = readTextFile(file, options.maxBytes);
    if ("refusal" in read) {
      problems.push(refusalProblem(read.refusal));
      continue;
    }
    const parsed = parseScenario(file.path, read.text, library);
    if ("problems" in parsed) {
      problems.push(...parsed.problems);
      continue;
    }
    const id = canonicalId(basename(file.path).replace(SCENARIO_FILE, ""));
    items.push({ ...(id ? { id } : {}), scenario: parsed.scenario, file: file.path });
  }
  const byId = new Map<string, string[]>();
  for (const item of items) if (item.id) byId.set(item.id, [...(byId.get(item.id) ?? []), item.file]);
  for (const [id, files] of byId)
    if (files.length > 1)
      problems.push({ file: files.join(", "), line: 0, column: 0, message: `the same id ${id} in each` });
  if (found.files.length === 0 && problems.length === 0)
    throw new UsageError(`nothing imported: no .yaml, .yml or .json files in ${path}`);
  if (problems.length) {
    for (const p of problems) io.err(formatProblem(p));
    throw new FileProblems(`nothing imported: ${problems.length} problem(s)`);
  }
  const store = openStore(options.dataDir, true);
  try {
    const saved = store.importAll(items, { overwrite: options.overwrite });
    io.out(`imported ${saved.length} scenario(s)`);
  } catch (error) {
    if (error instanceof ImportRefused)
      throw new FileProblems(
        `nothing imported: ${error.message}${error.existing ? " (import with --overwrite to replace them)" : ""}`,
      );
    if (error instanceof StorageFault) throw new FileProblems(`nothing imported: ${error.message}`);
    throw error;
  } finally {
    store.close();
  }
}
