import type { Store, StoreTx } from '../interfaces.ts';
import { PgDatasets } from './datasets.ts';
import { createPool, migrate, transaction, type Pool } from './db.ts';
import { PgJobs } from './jobs.ts';
import { PgKeys } from './keys.ts';
import { PG_MIGRATIONS } from './migrations/index.ts';
import { dayHead, PgPlans } from './plans.ts';
import { PgVisits } from './visits.ts';

/** An import still unfinished this long after it began was left by a crash (imports last 2 minutes at most by default). */
const UNFINISHED_AFTER_MS = 3_600_000;

/** The PostgreSQL store, with its pool for what only it has (the tests' own statements). */
export interface PgStore extends Store {
  readonly pool: Pool;
}

/**
 * Opens the store at a PostgreSQL connection string and brings its schema up to date.
 * Every statement runs on a pooled connection; a transaction takes a connection of its
 * own, so other calls go on meanwhile and see only what is committed (no gate, as
 * SQLite's one connection needs).
 *
 * Durability is the server's: with its defaults (fsync on, synchronous_commit on) a
 * COMMIT returns once the WAL is flushed, and a route answers 2xx only after it.
 *
 * What imports left unfinished is purged here only once it is an hour old: several API
 * instances may share the database, and another's import may be in progress (an import
 * lasts IMPORT_TIMEOUT_MS at most, 2 minutes by default).
 */
export async function openPgStore(url: string, opts: { poolSize?: number } = {}): Promise<PgStore> {
  const pool = createPool(url, opts.poolSize);
  // An idle client's error (the server restarted) must not crash the process; the next query gets a fresh client.
  pool.on('error', () => {});
  const datasets = new PgDatasets(pool);
  try {
    await migrate(pool, PG_MIGRATIONS);
    await datasets.purgeUnfinished(new Date(Date.now() - UNFINISHED_AFTER_MS).toISOString());
  } catch (e) {
    await pool.end();
    throw e;
  }
  let open = true;
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    const done = () => inFlight.delete(p);
    p.then(done, done);
    return p;
  };
  return {
    location: { kind: 'postgres', url },
    pool,
    datasets,
    jobs: new PgJobs(pool),
    plans: new PgPlans(pool),
    visits: new PgVisits(pool),
    keys: new PgKeys(pool),
    transaction: (fn) =>
      track(
        transaction(pool, (client) => {
          let n = 0;
          const tx: StoreTx = {
            plans: { dayHead: (planId, line, date) => dayHead(client, planId, line, date) },
            visits: new PgVisits(client),
            // PostgreSQL aborts the whole transaction on a failed statement; a savepoint confines it to the record.
            savepoint: async (body) => {
              const name = `record_${++n}`;
              await client.query(`SAVEPOINT ${name}`);
              try {
                const out = await body();
                await client.query(`RELEASE SAVEPOINT ${name}`);
                return out;
              } catch (e) {
                await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
                await client.query(`RELEASE SAVEPOINT ${name}`);
                throw e;
              }
            },
            // Until COMMIT: another instance's records of the day wait, then read what this one wrote.
            lockDay: async (datasetId, line, date) => {
              await client.query({ name: 'lock_day', text: "SELECT pg_advisory_xact_lock(hashtextextended($1 || '/' || $2 || '/' || $3, 0))", values: [datasetId, line, date] });
            },
          };
          return fn(tx);
        }),
      ),
    check: async () => {
      await pool.query('SELECT 1');
    },
    isOpen: () => open,
    close: async () => {
      if (!open) return;
      open = false;
      await Promise.allSettled([...inFlight]);
      await pool.end();
    },
  };
}
