import type { DatabaseSync } from 'node:sqlite';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from './db.ts';
import { asyncView, Gate } from './gate.ts';
import type { Store, StoreTx } from './interfaces.ts';
import { DatasetStore } from './datasets.ts';
import { JobStore } from './jobs.ts';
import { KeyStore } from './keys.ts';
import { PlanStore } from './plans.ts';
import { VisitStore } from './visits.ts';

export type { Datasets, Jobs, Keys, Plans, Store, StoreLocation, StoreTx, Visits } from './interfaces.ts';

/** The SQLite store, with its connection for what only SQLite has (pragmas, the tests' own statements, bench:storage's checkpoint). */
export interface SqliteStore extends Store {
  /** The SQLite file (bench:storage weighs it). */
  readonly path: string;
  readonly db: DatabaseSync;
}

export const STORE_FILE = 'planner.db';

export async function openStore(dataDir: string): Promise<SqliteStore> {
  const path = dataDir === ':memory:' ? ':memory:' : join(dataDir, STORE_FILE);
  if (path !== ':memory:') keepPrivate(dataDir, path);
  const db = openDatabase(path);
  const check = db.prepare('SELECT 1 AS ok');
  const datasets = new DatasetStore(db);
  // Nothing imports yet: what is still importing was left by a crash.
  datasets.purgeUnfinished();
  const plans = new PlanStore(db);
  const visits = new VisitStore(db);
  const gate = new Gate();
  const tx: StoreTx = {
    plans: asyncView(plans),
    visits: asyncView(visits),
    savepoint: async (fn) => {
      db.exec('SAVEPOINT record');
      try {
        const out = await fn();
        db.exec('RELEASE record');
        return out;
      } catch (e) {
        db.exec('ROLLBACK TO record');
        db.exec('RELEASE record');
        throw e;
      }
    },
    // BEGIN IMMEDIATE already makes this transaction the only writer.
    lockDay: async () => {},
  };
  return {
    db,
    path,
    location: { kind: 'sqlite', path },
    datasets: asyncView(datasets, gate),
    jobs: asyncView(new JobStore(db), gate),
    plans: asyncView(plans, gate),
    visits: asyncView(visits, gate),
    keys: asyncView(new KeyStore(db), gate),
    transaction: (fn) =>
      gate.exclusive(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const out = await fn(tx);
          db.exec('COMMIT');
          return out;
        } catch (e) {
          if (db.isTransaction) db.exec('ROLLBACK');
          throw e;
        }
      }),
    check: () =>
      gate.run(() => {
        check.get();
      }),
    isOpen: () => db.isOpen,
    close: () =>
      gate.run(() => {
        if (db.isOpen) db.close();
      }),
  };
}

/**
 * The store holds names, phones and visit records: DATA_DIR is the owner's only (0700),
 * and so is the database (0600), created so before SQLite opens it. SQLite gives its WAL
 * and shared-memory files the database file's mode; those an older version left are
 * set too. A store made before is put right at the next start.
 */
function keepPrivate(dataDir: string, path: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const f of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}
