/**
 * Databases for a test file in the run's PostgreSQL cluster (pgGlobalSetup.ts), each new
 * and empty, dropped after the file's tests. A run without the global setup (a mutation
 * run's own config) gets a cluster of the file's own instead.
 */
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { startCluster, type PgCluster } from '../../tools/pgCluster.ts';
import './pgGlobalSetup.ts';

let made = 0;

/** A new database in the cluster whose `postgres` database is at `adminUrl`; its connection string and how to drop it. */
export async function createDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `t_${process.pid}_${++made}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  // pgCluster.ts's connection strings: postgresql://vp@/<database>?host=…
  return { url: adminUrl.replace('/postgres?', `/${name}?`), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** The run's cluster's `postgres` database, or undefined outside vitest.config.ts's global setup. */
export function sharedCluster(): string | undefined {
  return (inject('pgCluster') as { url: string } | undefined)?.url;
}

export function usePostgres(): { freshDatabase: () => Promise<string> } {
  let own: PgCluster | undefined;
  let adminUrl: string | undefined;
  const drops: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    adminUrl = sharedCluster();
    if (adminUrl === undefined) {
      own = await startCluster();
      adminUrl = own.url('postgres');
    }
  });
  afterAll(async () => {
    for (const drop of drops.splice(0)) await drop();
    await own?.stop();
  });
  return {
    freshDatabase: async () => {
      if (adminUrl === undefined) throw new Error('no PostgreSQL cluster yet: call freshDatabase() inside a test or hook');
      const db = await createDatabase(adminUrl);
      drops.push(db.drop);
      return db.url;
    },
  };
}
