/**
 * The stores a store-level test runs against: SQLite in a fresh directory, PostgreSQL in
 * a fresh database of the file's throwaway cluster. `describe.each(storeKinds(pg))` runs
 * a block on both; `sql` runs a test's own statements (seeding, counting) on either.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type SqliteStore, type Store } from '../../../src/service/store/index.ts';
import { openPgStore, type PgStore } from '../../../src/service/store/pg/index.ts';
import type { usePostgres } from '../../support/usePostgres.ts';

export interface StoreKind {
  readonly name: 'sqlite' | 'postgres';
  /** A new, empty place for a store (a directory, a database): what open() takes. */
  place(): Promise<string>;
  /** Opens (again) the store at a place. */
  open(place: string): Promise<Store>;
  /** Runs one statement of the test's own; its rows. */
  sql(store: Store, text: string): Promise<Record<string, unknown>[]>;
  /** Removes what place() made (a directory; a database goes with its cluster). */
  cleanup(): Promise<void>;
}

export function storeKinds(pg: ReturnType<typeof usePostgres>): StoreKind[] {
  const dirs: string[] = [];
  return [
    {
      name: 'sqlite',
      place: async () => {
        const dir = await mkdtemp(join(tmpdir(), 'vp-store-'));
        dirs.push(dir);
        return dir;
      },
      open: (dir) => openStore(dir),
      sql: async (store, text) => (store as SqliteStore).db.prepare(text).all() as Record<string, unknown>[],
      cleanup: async () => {
        for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
      },
    },
    {
      name: 'postgres',
      place: () => pg.freshDatabase(),
      open: (url) => openPgStore(url),
      sql: async (store, text) => (await (store as PgStore).pool.query(text)).rows as Record<string, unknown>[],
      cleanup: async () => {},
    },
  ];
}
