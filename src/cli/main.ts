#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command, CommanderError, Option } from "commander";
import { treatyRows } from "../treaties/listing.js";
import { BUILTIN_SCENARIOS } from "../treaties/scenario-file.js";
import {
  checkDateOption,
  libraryPaths,
  loadOrFail,
  type Output,
  printTreaties,
  runCheck,
  showInstrument,
  UsageError,
} from "./library-commands.js";
import { type ReadCliOptions, runRead } from "./read.js";
import { exportScenarios, importScenarios, serve } from "./serve.js";
import { runWhatIf, type WhatIfCliOptions } from "./what-if.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The options every command that reads the library takes. */
const libraryOption = () =>
  new Option("--library <dir>", "add a treaty directory (repeatable)").argParser(collect);
const libraryOnlyOption = () =>
  new Option("--library-only <dir>", "use only these treaty directories (repeatable)").argParser(collect);

/** Builds the CLI; `io` is where it writes, so tests can run it in-process. */
export function buildProgram(io: Output, setExit: (code: number) => void): Command {
  const program = new Command("casus")
    .description("Treaties as code: who is bound to do what, toward whom, under which article.")
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride();

  program
    .command("check")
    .description("validate treaty files (default: the whole built-in library)")
    .argument("[paths...]", "files or directories")
    .option("--json", "machine-readable output")
    .action((paths: string[], options: { json?: boolean }) =>
      setExit(runCheck(paths, options.json ?? false, io)),
    );

  program
    .command("treaties")
    .description("list instruments and their status on a date")
    .option("--on <date>", "as of this date (YYYY-MM-DD); default today")
    .option("--party <code>", "only instruments this state or organisation is party to")
    .addOption(libraryOption())
    .addOption(libraryOnlyOption())
    .option("--json", "machine-readable output")
    .action(
      (options: {
        on?: string;
        party?: string;
        library?: string[];
        libraryOnly?: string[];
        json?: boolean;
      }) => {
        const on = checkDateOption("--on", options.on) ?? new Date().toISOString().slice(0, 10);
        const library = loadOrFail(libraryPaths(options), io);
        if (options.party && !library.registry.canonical(options.party)) {
          throw new UsageError(`--party: unknown state code ${options.party}`);
        }
        const rows = treatyRows(library, on, options.party);
        if (options.json) io.out(JSON.stringify(rows, null, 2));
        else printTreaties(rows, on, io);
      },
    );

  program
    .command("show")
    .description("print one instrument readably")
    .argument("<id>", "instrument id, e.g. russia-dprk-2024")
    .addOption(libraryOption())
    .addOption(libraryOnlyOption())
    .option("--json", "machine-readable output")
    .action((id: string, options: { library?: string[]; libraryOnly?: string[]; json?: boolean }) => {
      const library = loadOrFail(libraryPaths(options), io);
      const instrument = library.byId.get(id);
      if (!instrument) throw new UsageError(`no instrument with id ${id}; casus treaties lists them`);
      if (options.json) io.out(JSON.stringify(instrument, null, 2));
      else showInstrument(library, instrument, io);
    });

  program
    .command("what-if")
    .description("who is bound to do what if this happens: a scenario file or the quick form")
    .argument("[scenario]", "a scenario file (YAML or JSON)")
    .option("--attack <by:against>", "quick form: the attack that starts it, e.g. KOR:PRK")
    .option("--at <place>", "quick form: where (a state or territory code)")
    .option("--war", "quick form: the attack puts the target in a state of war")
    .option("--on <date>", "as of this date (YYYY-MM-DD)")
    .option("--reading <name>", "victim | territorial, or an instrument reading id (repeatable)", collect)
    .option("--declines <code>", "a state that declines to act (repeatable)", collect)
    .option("--explain <state>", "why is this state bound, or not")
    .addOption(libraryOption())
    .addOption(libraryOnlyOption())
    .option("--json", "the versioned JSON result (casus.result/1)")
    .option("--brief <file.md>", "also write the brief as Markdown with a bibliography")
    .action(
      (
        scenario: string | undefined,
        options: WhatIfCliOptions & { library?: string[]; libraryOnly?: string[] },
      ) => {
        runWhatIf(loadOrFail(libraryPaths(options), io), scenario, options, io);
      },
    );

  program
    .command("read")
    .description("read a news article: instruments, quoted articles, actors, events and a suggested what-if")
    .argument("[file]", "the article as plain text (- or nothing: standard input)")
    .option("--dateline <date>", "the article's date (YYYY-MM-DD), where the text gives none")
    .addOption(libraryOption())
    .addOption(libraryOnlyOption())
    .option("--json", "machine-readable output (casus.read/1)")
    .action(
      (file: string | undefined, options: ReadCliOptions & { library?: string[]; libraryOnly?: string[] }) =>
        runRead(loadOrFail(libraryPaths(options), io), file, options, io),
    );

  program
    .command("serve")
    .description("the HTTP API (and the web app, once built) on localhost")
    .option("--port <n>", "port (default 4319, or $PORT)")
    .option("--host <host>", "interface to listen on (default 127.0.0.1)")
    .option("--data <dir>", "where saved scenarios live (default $CASUS_DATA or ./.casus-data)")
    .option("--workers <n>", "processes sharing the port, e.g. one per core (default 1)")
    .addOption(libraryOption())
    .addOption(libraryOnlyOption())
    .action(
      async (options: {
        port?: string;
        host?: string;
        data?: string;
        workers?: string;
        library?: string[];
        libraryOnly?: string[];
      }) => {
        await serve(loadOrFail(libraryPaths(options), io), options, io);
      },
    );

  const scenarios = program.command("scenarios").description("saved scenarios: export and import as files");
  scenarios
    .command("export")
    .argument("<dir>", "directory to write one YAML file per saved scenario")
    .option("--data <dir>", "the data directory")
    .action((dir: string, options: { data?: string }) => exportScenarios(dir, options.data, io));
  scenarios
    .command("import")
    .argument("<path>", "a scenario file or a directory of them")
    .option("--data <dir>", "the data directory")
    .action((path: string, options: { data?: string }) =>
      importScenarios(path, loadOrFail(libraryPaths({}), io), options.data, io),
    );

  program
    .command("start")
    .description(
      "the main job: the web app on the 15 Oct 2024 Korea scenario (and its answer in the terminal)",
    )
    .option("--port <n>", "port (default 4319, or $PORT)")
    .option("--data <dir>", "where saved scenarios live")
    .option("--no-serve", "print the Korea what-if and exit")
    .action(async (options: { port?: string; data?: string; serve: boolean }) => {
      const library = loadOrFail(libraryPaths({}), io);
      runWhatIf(library, join(BUILTIN_SCENARIOS, "korea-2024-10-15-incident.yaml"), {}, io);
      if (options.serve) await serve(library, options, io, "#scenario=korea-2024-10-15-incident");
    });

  return program;
}

/** Runs the CLI; returns the exit code. Errors are one line, never a stack trace. */
export async function run(argv: string[], io: Output): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError) {
      io.err(`casus: ${error.message}`);
      return 1;
    }
    io.err(`casus: internal error: ${(error as Error).message}`);
    return 70;
  }
}

const invokedDirectly = process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const io: Output = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
  process.exitCode = await run(process.argv.slice(2), io);
}
