import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
