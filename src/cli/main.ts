#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import {
  checkDateOption,
  libraryPaths,
  loadOrFail,
  type Output,
  printTreaties,
  runCheck,
  showInstrument,
  treatyRows,
  UsageError,
} from "./library-commands.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];

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
    .action((paths: string[], options: { json?: boolean }) => setExit(runCheck(paths, options.json ?? false, io)));

  program
    .command("treaties")
    .description("list instruments and their status on a date")
    .option("--on <date>", "as of this date (YYYY-MM-DD); default today")
    .option("--party <code>", "only instruments this state or organisation is party to")
    .option("--library <dir>", "add a treaty directory (repeatable)", collect)
    .option("--library-only <dir>", "use only these treaty directories (repeatable)", collect)
    .option("--json", "machine-readable output")
    .action((options: { on?: string; party?: string; library?: string[]; libraryOnly?: string[]; json?: boolean }) => {
      const on = checkDateOption("--on", options.on) ?? new Date().toISOString().slice(0, 10);
      const library = loadOrFail(libraryPaths(options), io);
      const rows = treatyRows(library, on, options.party);
      if (options.json) io.out(JSON.stringify(rows, null, 2));
      else printTreaties(rows, on, io);
    });

  program
    .command("show")
    .description("print one instrument readably")
    .argument("<id>", "instrument id, e.g. russia-dprk-2024")
    .option("--library <dir>", "add a treaty directory (repeatable)", collect)
    .option("--library-only <dir>", "use only these treaty directories (repeatable)", collect)
    .option("--json", "machine-readable output")
    .action((id: string, options: { library?: string[]; libraryOnly?: string[]; json?: boolean }) => {
      const library = loadOrFail(libraryPaths(options), io);
      const instrument = library.byId.get(id);
      if (!instrument) throw new UsageError(`no instrument with id ${id}; casus treaties lists them`);
      if (options.json) io.out(JSON.stringify(instrument, null, 2));
      else showInstrument(library, instrument, io);
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
  const io: Output = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };
  process.exitCode = await run(process.argv.slice(2), io);
}
