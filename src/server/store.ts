import { randomUUID } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Scenario } from "../model/scenario.js";
import { type FaultCause, faultCause, StorageFault } from "./storage-fault.js";

export interface SavedScenario {
  id: string;
  title: string;
  as_of: string;
  created_at: string;
  updated_at: string;
  /** Goes up by one with every change: what an `ETag` and `If-Match` carry. */
  version: number;
  scenario: Scenario;
}
export type SavedSummary = Omit<SavedScenario, "scenario">;

/** A scenario id: a UUID, compared without regard to case (stored in lower case). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id as stored, or undefined when it is not a UUID. */
export function canonicalId(id: string): string | undefined {
  return UUID.test(id) ? id.toLowerCase() : undefined;
}

/** `expected` when updating or deleting: the version the client last saw, or `*` for any. */
export type Expected = number | "*";

export type WriteOutcome =
  | { ok: true; saved: SavedScenario }
  | { ok: false; reason: "missing" }
  | { ok: false; reason: "conflict"; current: SavedScenario };

/** An import that would overwrite saved scenarios without being told to, or repeats an id. */
export class ImportRefused extends Error {
  constructor(
    message: string,
    readonly ids: string[],
    /** True when the ids are already saved (overwriting would help), false when repeated in the import. */
    readonly existing: boolean,
  ) {
    super(message);
  }
}

/** The data directory has no database, and the caller asked not to create one. */
export class NoStore extends Error {}

type Migration = string | ((db: Database.Database) => void);

/** Schema changes, applied in order; `PRAGMA user_version` records how many have run. */
const MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE scenarios (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     as_of TEXT NOT NULL,
     body TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   )`,
  `CREATE INDEX scenarios_updated ON scenarios (updated_at DESC)`,
  `ALTER TABLE scenarios ADD COLUMN version INTEGER NOT NULL DEFAULT 1`,
  // Ids became case-insensitive UUIDs. Rows saved under anything else (an early CLI import kept file
  // names as ids) could be neither opened nor deleted: they get a fresh id.
  (db) => {
    const rows = db.prepare("SELECT id FROM scenarios").all() as { id: string }[];
    const rename = db.prepare("UPDATE scenarios SET id = ? WHERE id = ?");
    const taken = new Set(rows.map((r) => r.id));
    for (const { id } of rows) {
      const lower = canonicalId(id);
      if (lower === id) continue;
      const next = lower && !taken.has(lower) ? lower : randomUUID();
      rename.run(next, id);
      taken.add(next);
    }
  },
  // One row the health check rewrites, to know the database still takes writes.
  `CREATE TABLE health_probe (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at TEXT NOT NULL)`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

const COLUMNS = "id, title, as_of, created_at, updated_at, version";
type Row = SavedSummary & { body: string };

export interface StoreOptions {
  /** Create the data directory and database when missing (false for export: a typo must not succeed). */
  create?: boolean;
  /**
   * Keep going when the database cannot be opened or written (the server): each call then fails with a
   * StorageFault, and the store reopens by itself once the cause is gone. Otherwise opening throws.
   */
  tolerateFaults?: boolean;
}

/**
 * Saved scenarios in SQLite. WAL with synchronous=FULL: once a write returns, it survives a crash of the
 * process (and of the machine), and readers never block the writer. Every failure of the disk becomes a
 * StorageFault naming its cause.
 */
export class ScenarioStore {
  private db: Database.Database | undefined;
  private statements: ReturnType<typeof prepare> | undefined;
  private currentFault: StorageFault | undefined;
  private readonly faultListeners: ((fault: StorageFault | undefined) => void)[] = [];
  private lastProbe = 0;
  private lastOpenAttempt = 0;

  constructor(
    readonly dataDir: string,
    options: StoreOptions = {},
  ) {
    const file = join(dataDir, "casus.sqlite");
    if (options.create === false && !existsSync(file))
      throw new NoStore(`no saved scenarios in ${dataDir} (casus.sqlite is missing)`);
    try {
      this.open();
    } catch (error) {
      if (!(error instanceof StorageFault) || !options.tolerateFaults) throw error;
      this.fault = error;
    }
  }

  private get fault(): StorageFault | undefined {
    return this.currentFault;
  }

  private set fault(fault: StorageFault | undefined) {
    const changed = fault?.message !== this.currentFault?.message;
    this.currentFault = fault;
    if (changed) for (const listener of this.faultListeners) listener(fault);
  }

  /** Called when the store starts failing (with the fault) and when it recovers (with undefined). */
  onFaultChange(listener: (fault: StorageFault | undefined) => void): void {
    this.faultListeners.push(listener);
    if (this.currentFault) listener(this.currentFault);
  }

  private open(): void {
    this.lastOpenAttempt = Date.now();
    try {
      mkdirSync(this.dataDir, { recursive: true });
      const db = new Database(join(this.dataDir, "casus.sqlite"), { timeout: 15_000 });
      try {
        // Switching to WAL takes a lock without waiting on the busy timeout; first starts of several
        // processes at once retry it for a while rather than fail.
        whileBusy(() => db.pragma("journal_mode = WAL"));
        db.pragma("synchronous = FULL");
        db.pragma("foreign_keys = ON");
        migrate(db, this.dataDir);
        this.statements = prepare(db);
        this.db = db;
      } catch (error) {
        db.close();
        throw error;
      }
    } catch (error) {
      throw this.toFault(error);
    }
  }

  private toFault(error: unknown): unknown {
    if (error instanceof StorageFault) return error;
    let kind: FaultCause | undefined = faultCause(error);
    // SQLite reports a read-only directory as "unable to open" or a disk I/O error; ask the file system.
    if (kind === "io-error" && faultCause(accessError(this.dataDir)) === "read-only") kind = "read-only";
    return kind ? new StorageFault(kind, this.dataDir, (error as Error).message) : error;
  }

  /** Runs one operation on the database; a disk failure becomes a StorageFault and is remembered. */
  private use<T>(
    operation: (statements: ReturnType<typeof prepare>, db: Database.Database) => T,
    { write = false } = {},
  ): T {
    // A connection that may have gone stale with its disk (read-only, I/O error) is reopened, at most once
    // a second so a broken disk is not hammered. A full disk or a lock needs no new connection.
    const stale = this.fault && this.fault.kind !== "disk-full" && this.fault.kind !== "busy";
    if ((!this.db || stale) && Date.now() - this.lastOpenAttempt >= 1000) {
      this.closeConnection();
      try {
        this.open();
      } catch (error) {
        if (error instanceof StorageFault) this.fault = error;
        throw error;
      }
    }
    if (!this.db || !this.statements)
      throw this.fault ?? new StorageFault("io-error", this.dataDir, "closed");
    try {
      const result = operation(this.statements, this.db);
      // A write that went through shows the cause of an earlier fault is gone.
      if (write) this.fault = undefined;
      return result;
    } catch (error) {
      const fault = this.toFault(error);
      if (fault instanceof StorageFault && fault.kind !== "busy") this.fault = fault;
      throw fault;
    }
  }

  private closeConnection(): void {
    try {
      this.db?.close();
    } catch {
      // Closing a connection whose disk failed can fail too; it is being replaced.
    }
    this.db = undefined;
    this.statements = undefined;
  }

  get schemaVersion(): number {
    return this.use((_, db) => db.pragma("user_version", { simple: true }) as number);
  }

  /**
   * Whether the database takes a write now: one row rewritten and synced. Checked at most once a second
   * while healthy; every time while not, so recovery shows at once.
   */
  writable(): { writable: true } | { writable: false; fault: StorageFault } {
    if (!this.fault && Date.now() - this.lastProbe < 1000) return { writable: true };
    try {
      this.use((s) => s.probe.run(new Date().toISOString()), { write: true });
      this.lastProbe = Date.now();
      return { writable: true };
    } catch (error) {
      if (error instanceof StorageFault) return { writable: false, fault: error };
      throw error;
    }
  }

  create(scenario: Scenario, id: string = randomUUID()): SavedScenario {
    const now = new Date().toISOString();
    const row = {
      id: id.toLowerCase(),
      title: scenario.title,
      as_of: scenario.as_of,
      body: JSON.stringify(scenario),
      created_at: now,
      updated_at: now,
      version: 1,
    };
    this.use((s) => s.insert.run(row), { write: true });
    const { body: _, ...summary } = row;
    return { ...summary, scenario };
  }

  get(id: string): SavedScenario | undefined {
    const row = this.use((s) => s.get.get(id.toLowerCase()) as Row | undefined);
    return row ? toSaved(row) : undefined;
  }

  /** Replaces a scenario if it is still at the version the caller saw. */
  update(id: string, scenario: Scenario, expected: Expected = "*"): WriteOutcome {
    return this.use(
      (s, db) =>
        db
          .transaction((): WriteOutcome => {
            const current = s.get.get(id.toLowerCase()) as Row | undefined;
            if (!current) return { ok: false, reason: "missing" };
            if (expected !== "*" && current.version !== expected)
              return { ok: false, reason: "conflict", current: toSaved(current) };
            s.update.run({
              id: current.id,
              title: scenario.title,
              as_of: scenario.as_of,
              body: JSON.stringify(scenario),
              updated_at: new Date().toISOString(),
            });
            return { ok: true, saved: toSaved(s.get.get(current.id) as Row) };
          })
          .immediate(),
      { write: true },
    );
  }

  /** Deletes a scenario if it is still at the version the caller saw. */
  delete(id: string, expected: Expected = "*"): { ok: true } | Exclude<WriteOutcome, { ok: true }> {
    return this.use(
      (s, db) =>
        db
          .transaction(() => {
            const current = s.get.get(id.toLowerCase()) as Row | undefined;
            if (!current) return { ok: false as const, reason: "missing" as const };
            if (expected !== "*" && current.version !== expected)
              return { ok: false as const, reason: "conflict" as const, current: toSaved(current) };
            s.remove.run(current.id);
            return { ok: true as const };
          })
          .immediate(),
      { write: true },
    );
  }

  list(limit = 100, offset = 0): SavedSummary[] {
    return this.use((s) => s.list.all(limit, offset) as SavedSummary[]);
  }

  count(): number {
    return this.use((s) => (s.count.get() as { n: number }).n);
  }

  /** Every saved scenario, for export. */
  all(): SavedScenario[] {
    return this.use((s) => (s.all.all() as Row[]).map(toSaved));
  }

  /**
   * Imports scenarios all or nothing: a bad one leaves the store as it was. An id given twice is refused;
   * an id already saved is refused unless `overwrite`, and then replaced (its version goes up).
   */
  importAll(
    items: readonly { id?: string; scenario: Scenario }[],
    { overwrite = false }: { overwrite?: boolean } = {},
  ): SavedScenario[] {
    const ids = items.flatMap((item) => (item.id ? [item.id.toLowerCase()] : []));
    const seen = new Set<string>();
    const repeated = [...new Set(ids.filter((id) => seen.has(id) || !seen.add(id)))];
    if (repeated.length)
      throw new ImportRefused(`the same id appears more than once: ${repeated.join(", ")}`, repeated, false);
    return this.use(
      (s, db) =>
        db
          .transaction(() => {
            const existing = ids.filter((id) => s.get.get(id) !== undefined);
            if (existing.length && !overwrite)
              throw new ImportRefused(
                `${existing.length} scenario(s) already saved under these ids: ${existing.join(", ")}`,
                existing,
                true,
              );
            return items.map(({ id, scenario }) => {
              const replaced = id ? this.update(id, scenario) : undefined;
              return replaced?.ok ? replaced.saved : this.create(scenario, id);
            });
          })
          .immediate(),
      { write: true },
    );
  }

  integrityCheck(): string {
    return this.use((_, db) => db.pragma("integrity_check", { simple: true }) as string);
  }

  close(): void {
    this.closeConnection();
  }
}

/** Retries an operation that SQLite refused as busy, for up to `ms` (a synchronous wait between tries). */
function whileBusy<T>(operation: () => T, ms = 15_000): T {
  const until = Date.now() + ms;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      return operation();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if ((code !== "SQLITE_BUSY" && code !== "SQLITE_LOCKED") || Date.now() > until) throw error;
      Atomics.wait(pause, 0, 0, 25);
    }
  }
}

/** Runs the pending migrations under an exclusive lock, so processes opening a new directory at once agree. */
function migrate(db: Database.Database, dataDir: string): void {
  whileBusy(() =>
    db
      .transaction(() => {
        const version = db.pragma("user_version", { simple: true }) as number;
        if (version > MIGRATIONS.length)
          throw new Error(
            `${dataDir} was written by a newer casus (schema ${version}; this one knows ${MIGRATIONS.length})`,
          );
        for (let i = version; i < MIGRATIONS.length; i++) {
          const migration = MIGRATIONS[i] as Migration;
          if (typeof migration === "string") db.exec(migration);
          else migration(db);
        }
        if (version < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
      })
      .exclusive(),
  );
}

function prepare(db: Database.Database) {
  return {
    insert: db.prepare(
      "INSERT INTO scenarios (id, title, as_of, body, created_at, updated_at, version) VALUES (@id, @title, @as_of, @body, @created_at, @updated_at, @version)",
    ),
    update: db.prepare(
      "UPDATE scenarios SET title = @title, as_of = @as_of, body = @body, updated_at = @updated_at, version = version + 1 WHERE id = @id",
    ),
    get: db.prepare(`SELECT ${COLUMNS}, body FROM scenarios WHERE id = ?`),
    list: db.prepare(`SELECT ${COLUMNS} FROM scenarios ORDER BY updated_at DESC, id LIMIT ? OFFSET ?`),
    all: db.prepare(`SELECT ${COLUMNS}, body FROM scenarios ORDER BY created_at, id`),
    remove: db.prepare("DELETE FROM scenarios WHERE id = ?"),
    count: db.prepare("SELECT count(*) AS n FROM scenarios"),
    probe: db.prepare("INSERT OR REPLACE INTO health_probe (id, checked_at) VALUES (1, ?)"),
  };
}

/** Why the directory cannot be written, if it cannot (EROFS even for root). */
function accessError(dir: string): unknown {
  try {
    accessSync(dir, constants.W_OK);
    return undefined;
  } catch (error) {
    return error;
  }
}

function toSaved(row: Row): SavedScenario {
  const { body, ...rest } = row;
  return { ...rest, scenario: JSON.parse(body) as Scenario };
}
