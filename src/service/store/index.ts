import type { DatabaseSync } from 'node:sqlite';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from './db.ts';
import { asyncView, Gate, type Async } from './gate.ts';
import { DatasetStore } from './datasets.ts';
import { JobStore } from './jobs.ts';
import { KeyStore } from './keys.ts';
import { PlanStore } from './plans.ts';
import { VisitStore } from './visits.ts';

export type Datasets = Async<DatasetStore>;
export type Jobs = Async<JobStore>;
export type Plans = Async<PlanStore>;
export type Visits = Async<VisitStore>;
export type Keys = Async<KeyStore>;

/**
 * What a transaction may do: the visit recorder's reads and its insert (the store's other
 * writes are transactions of their own). A statement that fails inside it leaves the rest
 * standing, so one refused record does not undo its batch (SQLite undoes the statement
 * alone; PostgreSQL would need a savepoint per record).
 */
export interface StoreTx {
  readonly plans: Pick<Plans, 'dayHead'>;
  readonly visits: Pick<Visits, 'get' | 'unplannedCount' | 'insert'>;
}

/**
 * The service's store, a module per table family. Asynchronous, so that SQLite (one file,
 * one connection) and a networked database can stand behind the same interface: a
 * method's answer is settled, and anything it wrote committed, when its Promise resolves.
 */
export interface Store {
  /** Where a worker thread opens its own connection (imports, exports): the SQLite file. */
  readonly path: string;
  readonly datasets: Datasets;
  readonly jobs: Jobs;
  readonly plans: Plans;
  readonly visits: Visits;
  readonly keys: Keys;
  /** Runs `fn` in one transaction: committed whole when the Promise resolves, or not at all when it rejects. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** Rejects if the store cannot answer a query (the health check). */
  check(): Promise<void>;
  /** False once closed: work that outlives a request (job progress, retention) stops. */
  isOpen(): boolean;
  /** Waits for a transaction in flight, then closes. */
  close(): Promise<void>;
}

/** The SQLite store, with its connection for what only SQLite has (pragmas, the tests' own statements, bench:storage's checkpoint). */
export interface SqliteStore extends Store {
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
  const tx: StoreTx = { plans: asyncView(plans), visits: asyncView(visits) };
  return {
    db,
    path,
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
