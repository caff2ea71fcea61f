import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, relative, resolve } from "node:path";
import {
  ATOP_FILES,
  type AtopDataset,
  type AtopFiles,
  loadAtop,
  readAtopFiles,
  sha256,
} from "../data/atop.js";
import type { Instrument } from "../model/instrument.js";
import type { Registry } from "../states/registry.js";
import type { Library } from "../treaties/library.js";
import { DERIVATION_VERSION, type DerivedAtop, deriveAtop } from "./derive.js";

/** The user's cache folder for casus: `$XDG_CACHE_HOME/casus`, else `~/.cache/casus`. */
export function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "casus");
}

/** Where the ATOP files are: `--atop DIR`, else `$CASUS_ATOP`, else none. */
export function atopDirFrom(option: string | undefined): string | undefined {
  return option ?? (process.env.CASUS_ATOP || undefined);
}

/**
 * The user's copy of ATOP, read once: the parsed files for the dyad-years, and the derived instruments, which
 * come from a cache keyed by the files' checksums when one exists. The cache never lives in the data
 * directory (it may be read-only); one that cannot be written is skipped with a note.
 */
export class AtopSource {
  readonly notes: string[] = [];
  /** Whether the derived instruments came from the cache. */
  fromCache = false;
  private readonly files: AtopFiles;
  private parsed?: AtopDataset;
  private derivedAtop?: DerivedAtop;
  readonly checksums: Record<string, string>;

  constructor(
    readonly dir: string,
    private readonly registry: Registry,
    /** A cache directory, or false for none. */
    readonly cacheDir: string | false = defaultCacheDir(),
  ) {
    this.files = readAtopFiles(dir);
    this.checksums = Object.fromEntries(
      (Object.keys(ATOP_FILES) as (keyof typeof ATOP_FILES)[]).map((k) => [
        ATOP_FILES[k],
        sha256(this.files[k]),
      ]),
    );
  }

  dataset(): AtopDataset {
    this.parsed ??= loadAtop(this.dir, this.files);
    return this.parsed;
  }

  derived(): DerivedAtop {
    if (this.derivedAtop) return this.derivedAtop;
    const file = this.cacheFile();
    if (file) {
      try {
        this.derivedAtop = JSON.parse(readFileSync(file, "utf8")) as DerivedAtop;
        this.fromCache = true;
        return this.derivedAtop;
      } catch {
        // No cache yet, or an unreadable one: derive and (re)write it.
      }
    }
    this.derivedAtop = deriveAtop(this.dataset(), this.registry);
    if (file) this.writeCache(file, this.derivedAtop);
    return this.derivedAtop;
  }

  private cacheFile(): string | null {
    if (this.cacheDir === false) return null;
    const inside = relative(resolve(this.dir), resolve(this.cacheDir));
    if (!inside.startsWith("..") && !inside.startsWith("/")) {
      this.notes.push(
        `cache not used: ${this.cacheDir} is inside the ATOP data directory, which casus never writes to`,
      );
      return null;
    }
    const key = sha256(
      [DERIVATION_VERSION, ...Object.values(this.checksums), JSON.stringify(this.registry.names)].join("\n"),
    );
    return join(this.cacheDir, `atop-derived-${key.slice(0, 24)}.json`);
  }

  private writeCache(file: string, derived: DerivedAtop): void {
    try {
      mkdirSync(this.cacheDir as string, { recursive: true });
      // Written aside and renamed, so a reader never sees half a file.
      const partial = `${file}.${process.pid}.tmp`;
      writeFileSync(partial, JSON.stringify(derived));
      renameSync(partial, file);
    } catch (cause) {
      this.notes.push(`cache not written (${(cause as Error).message}); the derivation is redone next time`);
    }
  }
}

/**
 * The library plus every ATOP alliance it does not itself encode: where a library file carries the same
 * `atopid`, the library's text-based encoding wins and ATOP's coding of it is left out.
 */
export function withAtop(library: Library, derived: DerivedAtop): { library: Library; skipped: number[] } {
  const inLibrary = new Set(library.instruments.map((i) => i.atopid).filter((id): id is number => !!id));
  const added: Instrument[] = [];
  const skipped: number[] = [];
  for (const instrument of derived.instruments) {
    if (instrument.atopid && inLibrary.has(instrument.atopid)) skipped.push(instrument.atopid);
    else added.push(instrument);
  }
  return { library: library.with(added), skipped };
}
