#!/usr/bin/env node
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command, CommanderError, Option } from "commander";
import { DEFAULT_MAX_BYTES, parseSize } from "../data/safe-read.js";
import { escapeControls } from "../data/terminal.js";
import { atopDirFrom } from "../history/atop-source.js";
import { treatyRows } from "../treaties/listing.js";
import { resolveInstrument, resolveState } from "../treaties/normalise.js";
import { BUILTIN_SCENARIOS } from "../treaties/scenario-file.js";
import {
  type AtopOptions,
  atopOption,
  cacheOption,
  checkAtop,
  DYADS_HELP,
  type DyadsCliOptions,
  NETWORK_HELP,
  runDyads,
  runNetwork,
  withAtopIfAsked,
} from "./history.js";
import {
  checkDateOption,
  FileProblems,
  libraryPaths,
  loadOrFail,
  type Output,
  printTreaties,
  runCheck,
  showInstrument,
  UsageError,
} from "./library-commands.js";
import { type ReadCliOptions, runRead } from "./read.js";
import { exportScenarios, importScenarios } from "./scenario-transfer.js";
import { dataDir, type ServeOptions, serve } from "./serve.js";
import { runWhatIf, type WhatIfCliOptions } from "./what-if.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The options every command that reads the library takes. */
const libraryOption = () =>
  new Option("--library <dir>", "add a treaty directory (repeatable)").argParser(collect);
const libraryOnlyOption = () =>
  new Option("--library-only <dir>", "use only these treaty directories (repeatable)").argParser(collect);
/** The cap on each treaty or scenario file read. */
const maxSizeOption = () =>
  new Option(
    "--max-size <size>",
    "largest treaty or scenario file to read (default 1M; e.g. 512k, 4M)",
  ).argParser((value: string) => {
    const bytes = parseSize(value);
    if (bytes === undefined) throw new UsageError(`--max-size: "${value}" is not a size (e.g. 512k, 4M)`);
    return bytes;
  });

interface LibraryOptions {
  library?: string[];
  libraryOnly?: string[];
  maxSize?: number;
}

const VERSION = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

/** Builds the CLI; `io` is where it writes, so tests can run it in-process. */
export function buildProgram(io: Output, setExit: (code: number) => void): Command {
  const program = new Command("casus")
    .description("Treaties as code: who is bound to do what, toward whom, under which article.")
    .addHelpText(
      "after",
      "\nExit codes: 0 ok; 1 problems in a file read (each reported with file:line:column); 2 a usage error\n(unknown option, state, reading, place or instrument; an impossible date), with a suggestion; 70 a bug.",
    )
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride();

  program
    .command("check")
    .description("validate treaty files (default: the whole built-in library)")
    .argument("[paths...]", "files or directories")
    .option("--json", "machine-readable output")
    .addOption(atopOption())
    .addOption(cacheOption())
    .addOption(maxSizeOption())
    .action((paths: string[], options: AtopOptions & { json?: boolean; maxSize?: number }) => {
      const code = runCheck(paths, options.json ?? false, io, options.maxSize);
      setExit(atopDirFrom(options.atop) ? Math.max(code, checkAtop(options, io)) : code);
    });

  program
    .command("treaties")
    .description("list instruments and their status on a date")
    .option("--on <date>", "as of this date (YYYY-MM-DD); default today")
    .option("--party <code>", "only instruments this state or organisation is party to")
    .addOption(libraryOption())
    .addOption(libraryOnlyOption())
    .addOption(maxSizeOption())
    .addOption(atopOption())
    .addOption(cacheOption())
    .option("--json", "machine-readable output")
    .action(
      (
        options: AtopOptions & {
          on?: string;
          party?: string;
          library?: string[];
          libraryOnly?: string[];
          maxSize?: number;
          json?: boolean;
        },
      ) => {
        const on = checkDateOption("--on", options.on) ?? new Date().toISOString().slice(0, 10);
        const library = withAtopIfAsked(loadOrFail(libraryPaths(options), io, options.maxSize), options, io);
        let party: string | undefined;
        if (options.party) {
          const r = resolveState(library, options.party, on);
          if (!r.ok)
            throw new UsageError(
              `--party: ${r.message}${r.suggestions.length ? `; did you mean ${r.suggestions.join(", ")}?` : ""}`,
            );
          party = r.value;
        }
        const rows = treatyRows(library, on, party);
        if (options.json) io.out(JSON.stringify(rows, null, 2));
        else printTreaties(rows, on, io);
      },
    );

  program
    .command("show")
    .description("print one instrument readably")
    .argument("<id>", "instrument id, e.g. russia-dprk-2024 (atop-N for ATOP alliance N, with --atop)")
    .addOption(libraryOption())
    .addOption(libraryOnlyOption())
    .addOption(maxSizeOption())
    .addOption(atopOption())
    .addOption(cacheOption())
    .option("--json", "machine-readable output")
    .action(
      (
        id: string,
        options: AtopOptions & {
          library?: string[];
          libraryOnly?: string[];
          maxSize?: number;
          json?: boolean;
        },
      ) => {
        const library = withAtopIfAsked(loadOrFail(libraryPaths(options), io, options.maxSize), options, io);
        const resolved = resolveInstrument(library, id);
        if (!resolved.ok) {
          throw new UsageError(
            `${resolved.message}${resolved.suggestions.length ? `; did you mean ${resolved.suggestions.join(", ")}?` : "; casus treaties lists them"}`,
          );
        }
        const instrument = library.byId.get(resolved.value) as NonNullable<
          ReturnType<typeof library.byId.get>
        >;
        if (options.json) io.out(JSON.stringify(instrument, null, 2));
        else showInstrument(library, instrument, io);
      },
    );

  program
    .command("what-if")
    .description("who is bound to do what if this happens: a scenario file or the quick form")
    .argument("[scenario]", "a scenario file (YAML or JSON)")
    .option("--attack <by:against>", "quick form: the attack that starts it, e.g. KOR:PRK")
    .option("--at <place>", "quick form: where (a state or territory code)")
    .option("--war", "quick form: the attack puts the target in a state of war")
    .option("--on <date>", "as of this date (YYYY-MM-DD)")
    .option(
      "--kind <kind>",
      "quick form: armed-attack (default), invasion, declaration-of-war, border-incident, threat, nuclear-use, blockade",
    )
    .option(
      "--reading <name>",
      "a general reading (victim, territorial, forces-abroad) or an instrument reading (repeatable)",
      collect,
    )
    .option("--declines <state>", "a state that declines to join any war (repeatable)", collect)
    .option(
      "--joins <state[=with]>",
      "a state that joins the war, on its ally's side or with a state (repeatable)",
      collect,
    )
    .option("--only-automatic", "only automatic obligations bring a state into a war")
    .option("--include-political", "political commitments and domestic acts may bring a state into a war")
    .option("--explain <state>", "only what concerns this state (text and --json alike)")
    .option("--all", "everything, not only the answer and what bears on it")
    .addOption(libraryOption())
    .addOption(libraryOnlyOption())
    .addOption(maxSizeOption())
    .addOption(atopOption())
    .addOption(cacheOption())
    .option("--json", "the versioned JSON result (casus.result/2; docs/result.md)")
    .option("--brief <file.md>", "also write the answer as Markdown with a bibliography")
    .action(
      (
        scenario: string | undefined,
        options: WhatIfCliOptions &
          AtopOptions & { library?: string[]; libraryOnly?: string[]; maxSize?: number },
      ) => {
        runWhatIf(
          withAtopIfAsked(loadOrFail(libraryPaths(options), io, options.maxSize), options, io),
          scenario,
          options,
          io,
        );
      },
    );

  program
    .command("network")
    .description("the states of the COW system on a date and every obligation in force between them")
    .requiredOption("--on <date>", "the date (YYYY-MM-DD)")
    .option(
      "--party <state>",
      "only obligations this state owes or is owed (ISO3, COW letters or number, name)",
    )
    .addOption(new Option("--json", "JSON: states and obligations").conflicts(["csv", "graphml"]))
    .addOption(new Option("--csv", "CSV: one directed obligation a row").conflicts(["graphml"]))
    .option("--graphml", "GraphML: states as nodes, obligations as directed edges")
    .addOption(libraryOption())
    .addOption(libraryOnlyOption())
    .addOption(maxSizeOption())
    .addOption(atopOption())
    .addOption(cacheOption())
    .addHelpText("after", NETWORK_HELP)
    .action(
      (
        options: AtopOptions & {
          on: string;
          party?: string;
          json?: boolean;
          csv?: boolean;
          graphml?: boolean;
          library?: string[];
          libraryOnly?: string[];
          maxSize?: number;
        },
      ) => {
        const on = checkDateOption("--on", options.on) as string;
        runNetwork(loadOrFail(libraryPaths(options), io, options.maxSize), { ...options, on }, io);
      },
    );

  program
    .command("dyads")
    .description(
      "dyad-years with ATOP's alliance flags and casus's reading (CSV or Parquet), 1816 to past 2018",
    )
    .option("--from <year>", "first year", "1816")
    .option("--to <year>", "last year", String(new Date().getFullYear()))
    .option("--directed", "both orders of each pair, ccode1 owing to ccode2 (default: non-directed)")
    .option("--out <file>", "FILE.csv or FILE.parquet (a sidecar FILE.about.md is written beside it)")
    .option("--no-carry-forward", "do not carry ATOP's alliances in force at the end of 2018 past it")
    .option("--no-progress", "no progress bar on the terminal")
    .addOption(libraryOption())
    .addOption(libraryOnlyOption())
    .addOption(maxSizeOption())
    .addOption(atopOption())
    .addOption(cacheOption())
    .addHelpText("after", DYADS_HELP)
    .action((options: DyadsCliOptions & { library?: string[]; libraryOnly?: string[]; maxSize?: number }) =>
      runDyads(loadOrFail(libraryPaths(options), io, options.maxSize), options, io, VERSION),
    );

  program
    .command("read")
    .description("read a news article: instruments, quoted articles, actors, events and a suggested what-if")
    .argument("[file]", "the article as plain text (- or nothing: standard input)")
    .option("--dateline <date>", "the article's date (YYYY-MM-DD), where the text gives none")
    .addOption(libraryOption())
    .addOption(libraryOnlyOption())
    .addOption(maxSizeOption())
    .option("--json", "machine-readable output (casus.read/1)")
    .action(
      (
        file: string | undefined,
        options: ReadCliOptions & { library?: string[]; libraryOnly?: string[]; maxSize?: number },
      ) => runRead(loadOrFail(libraryPaths(options), io, options.maxSize), file, options, io),
    );

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
    .option(
      "--engine-threads <n>",
      "threads that run what-ifs off the HTTP loop (default: one per core; 0: none)",
    )
    .option("--budget-ms <ms>", "wall time one what-if may take before it answers 422 (default 20000)")
    .option(
      "--budget-evaluations <n>",
      "provision tests one what-if may make before it answers 422 (default 5000000)",
    )
    .option("--cache-answers <n>", "answers kept for identical what-ifs (default 256; 0: no cache)")
    .addOption(libraryOption())
    .addOption(libraryOnlyOption())
    .addOption(maxSizeOption())
    .addOption(atopOption())
    .addOption(cacheOption())
    .action(async (options: AtopOptions & ServeOptions & LibraryOptions) => {
      // With ATOP, the API's what-ifs and the web app's date slider and builder answer on any date since 1816.
      await serve(
        withAtopIfAsked(loadOrFail(libraryPaths(options), io, options.maxSize), options, io),
        options,
        io,
      );
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
      return 2;
    }
    if (error instanceof FileProblems) {
      io.err(`casus: ${error.message}`);
      return 1;
    }
    io.err(
      `casus: internal error: ${(error as Error).message} (a bug: please report it with the command you ran)`,
    );
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
