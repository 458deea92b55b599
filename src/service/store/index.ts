import type { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { openDatabase } from './db.ts';
import { DatasetStore } from './datasets.ts';
import { JobStore } from './jobs.ts';
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
  /** Throws if the store cannot answer a query (the health check). */
  check(): void;
  close(): void;
}

export const STORE_FILE = 'planner.db';

export function openStore(dataDir: string): Store {
  const path = dataDir === ':memory:' ? ':memory:' : join(dataDir, STORE_FILE);
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
    check: () => {
      check.get();
    },
    close: () => {
      if (db.isOpen) db.close();
    },
  };
}
