import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "vitest";
import { BUILTIN_LIBRARY } from "../src/treaties/load.js";

/** The text of a real library file (in `treaties/korea` unless another folder is named), to mutate into broken inputs. */
export function libraryFile(name: string, folder: "korea" | "world" = "korea"): string {
  return readFileSync(join(BUILTIN_LIBRARY, folder, name), "utf8");
}

/** Writes files into a fresh temporary directory and returns it. */
export function tempLibrary(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "casus-test-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Runs the CLI in-process and captures what it prints. */
export async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { run } = await import("../src/cli/main.js");
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** The user's ATOP 5.1 files, read in place from ../shared (never copied into the repository). */
export const ATOP_DIR = new URL("../../shared/data/alliances", import.meta.url).pathname;

/**
 * Whether the ATOP files are there. Without them the ATOP tests skip, saying so, except under CI, where a
 * failing test takes their place: CI must run them.
 */
export function atopPresent(files: readonly string[]): boolean {
  const missing = files.filter((f) => !existsSync(join(ATOP_DIR, f)));
  if (missing.length === 0) return true;
  const why = `no ${missing.join(", ")} in ${ATOP_DIR}`;
  if (process.env.CI) {
    it(`has the ATOP 5.1 files (CI runs the ATOP tests: ${why})`, () => {
      throw new Error(`${why}: the ATOP tests cannot run`);
    });
  } else console.warn(`ATOP tests skipped: ${why}`);
  return false;
}
