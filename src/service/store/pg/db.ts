import pg from 'pg';
import type { Pool, PoolClient } from 'pg';
import type { Migration } from '../migrations/index.ts';

export type { Pool, PoolClient };
/** A pool or one client: what a module's statements run on. */
export type Queryable = Pick<Pool, 'query'>;

const INT8 = 20;

/**
 * A pool on `url`. COUNT(*) and identity columns are BIGINT, which pg hands back as
 * strings; here as numbers (exact below 2^53, as SQLite's integers are in node:sqlite).
 */
export function createPool(url: string, max = 10): Pool {
  return new pg.Pool({
    connectionString: url,
    max,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  });
}

/** Runs `fn` on a client of its own inside BEGIN … COMMIT; ROLLBACK if it throws. */
export async function transaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A connection that cannot even roll back (the server went away) is dropped, not pooled.
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    try {
      const out = await fn(client);
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch((err: Error) => {
        broken = err;
      });
      throw e;
    }
  } finally {
    client.release(broken);
  }
}

/** Any fixed number: the session lock that one instance at a time migrates under. */
const MIGRATION_LOCK = 7_130_013;

/**
 * Applies the migrations newer than the database's, each in its own transaction, as
 * SQLite's migrate() does. Instances starting at once take turns under an advisory lock
 * (even CREATE TABLE IF NOT EXISTS races in PostgreSQL); the later ones find the
 * migrations applied.
 */
export async function migrate(pool: Pool, migrations: readonly Migration[]): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      const current = (await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations')).rows[0].v ?? 0;
      const known = migrations.at(-1)?.version ?? 0;
      if (current > known) throw new Error(`the store's schema is version ${current}, newer than this service knows (${known})`);
      const applied: number[] = [];
      for (const m of migrations) {
        if (m.version <= current) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK');
          throw e;
        }
        applied.push(m.version);
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
