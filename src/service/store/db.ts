import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

/**
 * Opens (or creates) the SQLite file and brings its schema up to date.
 *
 * Durability: WAL with `synchronous = FULL`, so every COMMIT fsyncs the WAL before it
 * returns. A route answers 2xx only after its COMMIT, hence an acknowledged record
 * survives a kill -9 and a power cut. (NORMAL would survive kill -9 too, since the
 * WAL is in the OS cache, but could lose the last commits on power loss.)
 */
export function openDatabase(path: string, migrations: readonly Migration[] = MIGRATIONS): DatabaseSync {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = connect(path);
  migrate(db, migrations);
  return db;
}

/** A connection to an existing store with the service's pragmas, no migrations (a worker's second connection). */
export function connect(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA busy_timeout = 5000');
  return db;
}

/** Applies the migrations newer than the file's, each in its own transaction. */
export function migrate(db: DatabaseSync, migrations: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  const current = row.v ?? 0;
  const known = migrations.at(-1)?.version ?? 0;
  if (current > known) throw new Error(`the store's schema is version ${current}, newer than this service knows (${known})`);
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current) continue;
    transaction(db, () => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    });
    applied.push(m.version);
  }
  return applied;
}

/** Runs `fn` in one IMMEDIATE transaction: all of it is committed, or none. */
export function transaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const out = fn();
    db.exec('COMMIT');
    return out;
  } catch (e) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw e;
  }
}
