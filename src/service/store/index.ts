import type { DatabaseSync } from 'node:sqlite';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from './db.ts';
import { DatasetStore } from './datasets.ts';
import { JobStore } from './jobs.ts';
import { KeyStore } from './keys.ts';
import { PlanStore } from './plans.ts';
import { VisitStore } from './visits.ts';

/** The service's store: one SQLite file, one connection, a module per table family. */
export interface Store {
  readonly db: DatabaseSync;
  readonly path: string;
  readonly datasets: DatasetStore;
  readonly jobs: JobStore;
  readonly plans: PlanStore;
  readonly visits: VisitStore;
  readonly keys: KeyStore;
  /** Throws if the store cannot answer a query (the health check). */
  check(): void;
  close(): void;
}

export const STORE_FILE = 'planner.db';

export function openStore(dataDir: string): Store {
  const path = dataDir === ':memory:' ? ':memory:' : join(dataDir, STORE_FILE);
  if (path !== ':memory:') keepPrivate(dataDir, path);
  const db = openDatabase(path);
  const check = db.prepare('SELECT 1 AS ok');
  const datasets = new DatasetStore(db);
  // Nothing imports yet: what is still importing was left by a crash.
  datasets.purgeUnfinished();
  return {
    db,
    path,
    datasets,
    jobs: new JobStore(db),
    plans: new PlanStore(db),
    visits: new VisitStore(db),
    keys: new KeyStore(db),
    check: () => {
      check.get();
    },
    close: () => {
      if (db.isOpen) db.close();
    },
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
