import { KeyEntrySchema, type KeyEntry } from '../../auth/keys.ts';
import type { Keys } from '../interfaces.ts';
import type { Pool } from './db.ts';

/** The channel a key's id is sent on when it is issued or revoked (plugins/keySync.ts: every API instance's ring follows). */
export const KEY_CHANGES = 'api_key_changes';

/** Issued and revoked keys on PostgreSQL: the statements of ../keys.ts, each telling the other instances in the same statement. */
export class PgKeys implements Keys {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  async issued(): Promise<KeyEntry[]> {
    const { rows } = await this.#pool.query<{ id: string; role: string; line: string | null; city: string | null; salt: string; hash: string }>(
      'SELECT id, role, line, city, salt, hash FROM api_keys WHERE id NOT IN (SELECT id FROM revoked_keys) ORDER BY created_at, rowid',
    );
    return rows.map((r) => KeyEntrySchema.parse({ id: r.id, role: r.role, salt: r.salt, hash: r.hash, ...(r.line === null ? {} : { line: r.line }), ...(r.city === null ? {} : { city: r.city }) }));
  }

  async revoked(): Promise<Set<string>> {
    return new Set((await this.#pool.query<{ id: string }>('SELECT id FROM revoked_keys')).rows.map((r) => r.id));
  }

  async insert(entry: KeyEntry, by: string): Promise<boolean> {
    const r = await this.#pool.query(
      `WITH ins AS (
         INSERT INTO api_keys (id, role, line, city, salt, hash, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id
       ) SELECT pg_notify($9, id) FROM ins`,
      [entry.id, entry.role, entry.line ?? null, entry.city ?? null, entry.salt, entry.hash, new Date().toISOString(), by, KEY_CHANGES],
    );
    return r.rowCount === 1;
  }

  async revoke(id: string, by: string): Promise<string> {
    const at = new Date().toISOString();
    await this.#pool.query(
      'WITH ins AS (INSERT INTO revoked_keys (id, revoked_at, revoked_by) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id) SELECT pg_notify($4, id) FROM ins',
      [id, at, by, KEY_CHANGES],
    );
    return at;
  }
}
