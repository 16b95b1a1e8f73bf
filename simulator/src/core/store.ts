// One SQLite database for every simulated API: WAL, versioned migrations, cached prepared statements.
import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';

export interface Migration {
  /** unique and stable, e.g. "core/001-tasks"; applied once, in the order given */
  id: string;
  sql: string;
}

export type Row = Record<string, unknown>;

export class Store {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Statement>();
  /** one wrapper for every transaction: better-sqlite3 builds costly closures per db.transaction() call */
  private readonly runTransaction: (fn: () => unknown) => unknown;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // No fsync: a simulator's state must survive its process stopping, not the machine losing power.
    this.db.pragma('synchronous = OFF');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.runTransaction = this.db.transaction((fn: () => unknown) => fn());
    this.db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`);
  }

  migrate(migrations: readonly Migration[]): void {
    const applied = new Set(this.all<{ id: string }>('SELECT id FROM schema_migrations').map((r) => r.id));
    for (const migration of migrations) {
      if (applied.has(migration.id)) continue;
      this.transaction(() => {
        this.db.exec(migration.sql);
        this.run('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)', migration.id, new Date().toISOString());
      });
    }
  }

  /** A prepared statement, compiled once per distinct SQL text. SQL is always a literal in our code. */
  statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  get<T = Row>(sql: string, ...params: unknown[]): T | undefined {
    return this.statement(sql).get(...params) as T | undefined;
  }

  all<T = Row>(sql: string, ...params: unknown[]): T[] {
    return this.statement(sql).all(...params) as T[];
  }

  run(sql: string, ...params: unknown[]): Database.RunResult {
    return this.statement(sql).run(...params);
  }

  private readonly rollbackListeners: Array<() => void> = [];

  /** Runs fn in one transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    try {
      return this.runTransaction(fn) as T;
    } catch (error) {
      for (const listener of this.rollbackListeners) listener();
      throw error;
    }
  }

  /** Called whenever a transaction (or savepoint) rolls back: in-memory caches of rows drop what they hold. */
  onRollback(listener: () => void): void {
    this.rollbackListeners.push(listener);
  }

  getMeta<T>(key: string): T | undefined {
    const row = this.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', key);
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  setMeta(key: string, value: unknown): void {
    this.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', key, JSON.stringify(value));
  }

  /** The tables that hold simulated state (everything but the migration ledger). */
  dataTables(): string[] {
    return this.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name",
    ).map((r) => r.name);
  }

  exportState(): Record<string, Row[]> {
    const state: Record<string, Row[]> = {};
    // Table names come from sqlite_master, never from input, so quoting them into SQL is safe.
    for (const table of this.dataTables()) state[table] = this.db.prepare(`SELECT * FROM "${table}"`).all() as Row[];
    return state;
  }

  /** Replaces all simulated state with `state` (as produced by exportState), atomically. */
  importState(state: Record<string, Row[]>): void {
    const tables = this.dataTables();
    const unknown = Object.keys(state).filter((t) => !tables.includes(t));
    if (unknown.length > 0) throw new StoreError(`unknown table(s) in state: ${unknown.join(', ')}`);
    this.transaction(() => {
      this.clear();
      for (const [table, rows] of Object.entries(state)) {
        if (!Array.isArray(rows)) throw new StoreError(`state.${table} must be an array of rows`);
        const columns = this.db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table).map((r) => (r as { name: string }).name);
        const insert = this.db.prepare(
          `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        );
        for (const row of rows) {
          if (typeof row !== 'object' || row === null) throw new StoreError(`state.${table} holds a row that is not an object`);
          insert.run(...columns.map((c) => (row as Row)[c] ?? null));
        }
      }
    });
  }

  /** Deletes every row of simulated state (the schema stays). */
  clear(): void {
    this.db.pragma('foreign_keys = OFF');
    try {
      this.transaction(() => {
        for (const table of this.dataTables()) this.db.prepare(`DELETE FROM "${table}"`).run();
      });
    } finally {
      this.db.pragma('foreign_keys = ON');
    }
  }

  close(): void {
    this.statements.clear();
    if (this.db.open) this.db.close();
  }
}

export class StoreError extends Error {
  override name = 'StoreError';
}
