#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command, CommanderError, Option } from "commander";
import { DEFAULT_MAX_BYTES, parseSize } from "../data/safe-read.js";
import { escapeControls } from "../data/terminal.js";
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
import { exportScenarios, importScenarios } from "./scenario-transfer.js";
import { dataDir, type ServeOptions, serve } from "./serve.js";
import { runWhatIf, type WhatIfCliOptions } from "./what-if.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface LibraryOptions {
  library?: string[];
  libraryOnly?: string[];
  maxSize?: number;
}

/** The options every command that reads the library takes. */
const libraryOption = () =>
  new Option("--library <dir>", "add a treaty directory (repeatable)").argParser(collect);
const libraryOnlyOption = () =>
  new Option("--library-only <dir>", "use only these treaty directories (repeatable)").argParser(collect);
/** The cap on each treaty or scenario file read. */
const maxSizeOption = () =>
  new Option(
    "--max-size <size>",
    `largest treaty or scenario file to read (default 1M; e.g. 512k, 4M)`,
  ).argParser((value: string) => {
    const bytes = parseSize(value);
    if (bytes === undefined) throw new UsageError(`--max-size: "${value}" is not a size (e.g. 512k, 4M)`);
    return bytes;
  });

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
    .addOption(maxSizeOption())
    .action((paths: string[], options: { json?: boolean; maxSize?: number }) =>
      setExit(runCheck(paths, options.json ?? false, io, options.maxSize)),
    );

  program
    .command("treaties")
    .description("list instruments and their status on a date")
    .option("--on <date>", "as of this date (YYYY-MM-DD); default today")
    .option("--party <code>", "only instruments this state or organisation is party to")
    .addOption(libraryOption())
    .addOption(libraryOnlyOption())
    .addOption(maxSizeOption())
    .option("--json", "machine-readable output")
    .action(
      (
        options: LibraryOptions & {
          on?: string;
          party?: string;
          json?: boolean;
        },
      ) => {
        const on = checkDateOption("--on", options.on) ?? new Date().toISOString().slice(0, 10);
        const library = loadOrFail(libraryPaths(options), io, options.maxSize);
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
    .addOption(maxSizeOption())
    .option("--json", "machine-readable output")
    .action((id: string, options: LibraryOptions & { json?: boolean }) => {
      const library = loadOrFail(libraryPaths(options), io, options.maxSize);
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
    .addOption(maxSizeOption())
    .option("--json", "the versioned JSON result (casus.result/1)")
    .option("--brief <file.md>", "also write the brief as Markdown with a bibliography")
    .action((scenario: string | undefined, options: WhatIfCliOptions & LibraryOptions) => {
      runWhatIf(loadOrFail(libraryPaths(options), io, options.maxSize), scenario, options, io);
    });

  program
    .command("serve")
    .description("the HTTP API (and the web app, once built) on localhost")
    .option("--port <n>", "port (default 4319, or $PORT)")
    .option("--host <host>", "interface to listen on (default 127.0.0.1; beyond loopback needs --token)")
    .option("--token <token>", "required on every /api route but /api/health (default $CASUS_TOKEN)")
    .option(
      "--allow-host <name>",
      "also answer to this Host name (repeatable; $CASUS_ALLOWED_HOSTS)",
      collect,
    )
    .option("--data <dir>", "where saved scenarios live (default $CASUS_DATA or ./.casus-data)")
    .option("--workers <n>", "processes sharing the port, e.g. one per core (default 1)")
    .option("--log-level <level>", "info (default), warn, error, debug, silent ($CASUS_LOG_LEVEL)")
    .addOption(libraryOption())
    .addOption(libraryOnlyOption())
    .addOption(maxSizeOption())
    .action(async (options: ServeOptions & LibraryOptions) => {
      await serve(loadOrFail(libraryPaths(options), io, options.maxSize), options, io);
    });

  const scenarios = program.command("scenarios").description("saved scenarios: export and import as files");
  scenarios
    .command("export")
    .argument("<dir>", "directory to write one YAML file per saved scenario")
    .option("--data <dir>", "the data directory (default $CASUS_DATA or ./.casus-data)")
    .action((dir: string, options: { data?: string }) => exportScenarios(dir, dataDir(options.data), io));
  scenarios
    .command("import")
    .argument("<path>", "a scenario file or a directory of them (<uuid>.yaml keeps its id)")
    .option("--data <dir>", "the data directory (default $CASUS_DATA or ./.casus-data)")
    .option("--overwrite", "replace scenarios already saved under the same ids")
    .addOption(maxSizeOption())
    .action((path: string, options: { data?: string; overwrite?: boolean; maxSize?: number }) =>
      importScenarios(
        path,
        loadOrFail(libraryPaths({}), io),
        {
          dataDir: dataDir(options.data),
          overwrite: options.overwrite ?? false,
          maxBytes: options.maxSize ?? DEFAULT_MAX_BYTES,
        },
        io,
      ),
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
export async function run(argv: string[], terminal: Output): Promise<number> {
  // Titles, file names and messages come from files and users: nothing they hold may drive the terminal.
  const io: Output = {
    out: (line) => terminal.out(escapeControls(line)),
    err: (line) => terminal.err(escapeControls(line)),
  };
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
  // Piped into `head`, the reader goes away early: stop quietly instead of dying on EPIPE.
  for (const stream of [process.stdout, process.stderr])
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
      process.exit(0);
    });
  const io: Output = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
  process.exitCode = await run(process.argv.slice(2), io);
}
