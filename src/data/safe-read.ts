import type { Stats } from "node:fs";
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
} from "node:fs";
import { join, relative, sep } from "node:path";
import type { Problem } from "./located.js";

/** Treaty and scenario files are text of a few kilobytes; anything near this is a mistake or an attack. */
export const DEFAULT_MAX_BYTES = 1024 * 1024;

/** A file to read: where to open it, and how to name it to the user. */
export interface FoundFile {
  /** The path as the user would recognise it (under the directory they gave). */
  path: string;
  /** The resolved path to open (links already followed and checked). */
  real: string;
}

/** A file that will not be read, and why: one line for the user. */
export interface FileRefusal {
  path: string;
  message: string;
}

/** A path as short as it can be said from where the user stands. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") || rel === "" ? file : rel;
}

/** A file that will not be read, as a problem of the file as a whole (line 0: no place in it). */
export function refusalProblem(refusal: FileRefusal): Problem {
  return { file: displayPath(refusal.path), line: 0, column: 0, message: refusal.message };
}

/** "1M", "512k", "2MB", "1048576": a size in bytes (binary units). */
export function parseSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = (match[2] ?? "b").toLowerCase()[0] as "b" | "k" | "m" | "g";
  const bytes = Math.floor(Number(match[1]) * { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[unit]);
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : undefined;
}

export function formatSize(bytes: number): string {
  if (bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} kB`;
  return `${bytes} bytes`;
}

/** Why a file that is not a regular file is refused. */
function notRegular(stats: Stats): string {
  if (stats.isDirectory()) return "a directory, not a file";
  return `${kindOf(stats)}, not a regular file`;
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return "a FIFO";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSymbolicLink()) return "a symbolic link";
  return "not a regular file";
}

function inside(root: string, real: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}

function linkProblem(cause: unknown): string {
  const code = (cause as NodeJS.ErrnoException).code;
  if (code === "ELOOP") return "symbolic link loop: not followed";
  if (code === "ENOENT") return "dangling symbolic link: its target does not exist";
  return `cannot follow the link: ${code ?? (cause as Error).message}`;
}

/**
 * The files named, and those in the directories named whose names match. Links inside a directory are
 * followed only when they stay inside it; a link out of it, a dangling link, a loop, a directory or a
 * special file with a matching name is refused with its reason, never silently skipped.
 */
export function findFiles(
  paths: readonly string[],
  options: { match: RegExp; recursive: boolean },
): { files: FoundFile[]; refused: FileRefusal[] } {
  const files: FoundFile[] = [];
  const refused: FileRefusal[] = [];
  const visited = new Set<string>();

  const walk = (dir: string, realDir: string, root: string) => {
    if (visited.has(realDir)) return;
    visited.add(realDir);
    let entries: string[];
    try {
      entries = readdirSync(realDir).sort();
    } catch (cause) {
      refused.push({ path: dir, message: `cannot list the directory: ${(cause as Error).message}` });
      return;
    }
    for (const name of entries) {
      const path = join(dir, name);
      const matches = options.match.test(name);
      let stats: Stats;
      let real = join(realDir, name);
      try {
        stats = lstatSync(real);
      } catch (cause) {
        refused.push({ path, message: `cannot read: ${(cause as Error).message}` });
        continue;
      }
      if (stats.isSymbolicLink()) {
        try {
          real = realpathSync(real);
          stats = lstatSync(real);
        } catch (cause) {
          if (matches) refused.push({ path, message: linkProblem(cause) });
          continue;
        }
        if (!inside(root, real)) {
          if (matches || (options.recursive && stats.isDirectory()))
            refused.push({
              path,
              message: `symbolic link out of ${displayPath(root) || "."}: not followed`,
            });
          continue;
        }
      }
      if (stats.isDirectory()) {
        if (matches) refused.push({ path, message: notRegular(stats) });
        else if (options.recursive) walk(path, real, root);
      } else if (matches) {
        if (stats.isFile()) files.push({ path, real });
        else refused.push({ path, message: notRegular(stats) });
      }
    }
  };

  for (const path of paths) {
    const named = namedFile(path);
    if ("message" in named) refused.push(named);
    else if (lstatSync(named.real).isDirectory()) walk(path, named.real, named.real);
    else files.push(named);
  }
  return { files, refused };
}

/** A path the user named: theirs to point anywhere, so links are followed (loops and dangling ones refused). */
export function namedFile(path: string): FoundFile | FileRefusal {
  try {
    return { path, real: realpathSync(path) };
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    return { path, message: code === "ENOENT" ? "no such file or directory" : linkProblem(cause) };
  }
}

/**
 * Reads a text file that `findFiles` found (or the user named), refusing anything but a regular file of at
 * most `maxBytes`. The checks are made on the opened descriptor, so a file swapped for a FIFO or a device
 * between listing and reading is still refused, and a FIFO never blocks the open.
 */
export function readTextFile(file: FoundFile, maxBytes: number): { text: string } | { refusal: FileRefusal } {
  const refuse = (message: string) => ({ refusal: { path: file.path, message } });
  let fd: number;
  try {
    fd = openSync(file.real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return refuse("a symbolic link was put in its place: not followed");
    if (code === "EISDIR") return refuse("a directory, not a file");
    return refuse(`cannot read: ${code === "ENOENT" ? "no such file" : (cause as Error).message}`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return refuse(notRegular(stats));
    const tooLarge = `larger than ${formatSize(maxBytes)} (raise the limit with --max-size)`;
    if (stats.size > maxBytes) return refuse(tooLarge);
    // Read at most one byte past the cap: the size on disk may grow while we read.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, stats.size + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) break;
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) return refuse(tooLarge);
    if (length > stats.size) return refuse("it grew while being read; try again");
    try {
      return { text: new TextDecoder("utf-8", { fatal: true }).decode(buffer.subarray(0, length)) };
    } catch {
      return refuse("not UTF-8 text");
    }
  } catch (cause) {
    return refuse(`cannot read: ${(cause as Error).message}`);
  } finally {
    closeSync(fd);
  }
}
