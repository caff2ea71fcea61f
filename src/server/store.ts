import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Scenario } from "../model/scenario.js";

export interface SavedScenario {
  id: string;
  title: string;
  as_of: string;
  created_at: string;
  updated_at: string;
  scenario: Scenario;
}

/** Schema changes, applied in order; `PRAGMA user_version` records how many have run. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE scenarios (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     as_of TEXT NOT NULL,
     body TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   )`,
  `CREATE INDEX scenarios_updated ON scenarios (updated_at DESC)`,
];

/**
 * Saved scenarios in SQLite. WAL with synchronous=FULL: once a write returns, it survives a crash of the
 * process (and of the machine), and readers never block the writer.
 */
export class ScenarioStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(readonly dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, "casus.sqlite"));
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = FULL");
    this.db.pragma("foreign_keys = ON");
    this.migrate();
    this.statements = {
      insert: this.db.prepare(
        "INSERT INTO scenarios (id, title, as_of, body, created_at, updated_at) VALUES (@id, @title, @as_of, @body, @created_at, @updated_at)",
      ),
      update: this.db.prepare(
        "UPDATE scenarios SET title = @title, as_of = @as_of, body = @body, updated_at = @updated_at WHERE id = @id",
      ),
      get: this.db.prepare("SELECT * FROM scenarios WHERE id = ?"),
      list: this.db.prepare(
        "SELECT id, title, as_of, created_at, updated_at FROM scenarios ORDER BY updated_at DESC, id LIMIT ? OFFSET ?",
      ),
      all: this.db.prepare("SELECT * FROM scenarios ORDER BY created_at, id"),
      remove: this.db.prepare("DELETE FROM scenarios WHERE id = ?"),
      count: this.db.prepare("SELECT count(*) AS n FROM scenarios"),
    };
  }

  private migrate(): void {
    const version = this.db.pragma("user_version", { simple: true }) as number;
    const apply = this.db.transaction(() => {
      for (let i = version; i < MIGRATIONS.length; i++) this.db.exec(MIGRATIONS[i] as string);
      this.db.pragma(`user_version = ${MIGRATIONS.length}`);
    });
    if (version < MIGRATIONS.length) apply();
  }

  get schemaVersion(): number {
    return this.db.pragma("user_version", { simple: true }) as number;
  }

  create(scenario: Scenario, id: string = randomUUID()): SavedScenario {
    const now = new Date().toISOString();
    const row = {
      id,
      title: scenario.title,
      as_of: scenario.as_of,
      body: JSON.stringify(scenario),
      created_at: now,
      updated_at: now,
    };
    this.statements.insert.run(row);
    return { ...row, scenario };
  }

  get(id: string): SavedScenario | undefined {
    const row = this.statements.get.get(id) as
      | (Omit<SavedScenario, "scenario"> & { body: string })
      | undefined;
    return row ? toSaved(row) : undefined;
  }

  update(id: string, scenario: Scenario): SavedScenario | undefined {
    const updated_at = new Date().toISOString();
    const changes = this.statements.update.run({
      id,
      title: scenario.title,
      as_of: scenario.as_of,
      body: JSON.stringify(scenario),
      updated_at,
    }).changes;
    return changes ? this.get(id) : undefined;
  }

  delete(id: string): boolean {
    return this.statements.remove.run(id).changes > 0;
  }

  list(limit = 100, offset = 0): Omit<SavedScenario, "scenario">[] {
    return this.statements.list.all(limit, offset) as Omit<SavedScenario, "scenario">[];
  }

  count(): number {
    return (this.statements.count.get() as { n: number }).n;
  }

  /** Every saved scenario, for export. */
  all(): SavedScenario[] {
    return (this.statements.all.all() as (Omit<SavedScenario, "scenario"> & { body: string })[]).map(toSaved);
  }

  /** Imports scenarios all or nothing: a bad one leaves the store as it was. Existing ids are replaced. */
  importAll(items: readonly { id?: string; scenario: Scenario }[]): SavedScenario[] {
    const run = this.db.transaction((list: readonly { id?: string; scenario: Scenario }[]) =>
      list.map(({ id, scenario }) =>
        id && this.get(id) ? (this.update(id, scenario) as SavedScenario) : this.create(scenario, id),
      ),
    );
    return run(items);
  }

  integrityCheck(): string {
    return this.db.pragma("integrity_check", { simple: true }) as string;
  }

  close(): void {
    this.db.close();
  }
}

function toSaved(row: Omit<SavedScenario, "scenario"> & { body: string }): SavedScenario {
  const { body, ...rest } = row;
  return { ...rest, scenario: JSON.parse(body) as Scenario };
}
