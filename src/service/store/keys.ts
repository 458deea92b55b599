import type { DatabaseSync } from 'node:sqlite';
import { KeyEntrySchema, type KeyEntry } from '../auth/keys.ts';
import { transaction } from './db.ts';

/** Keys issued through the API, and revoked key ids (any source). */
export class KeyStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  /** The API's keys not revoked. */
  issued(): KeyEntry[] {
    const rows = this.#db
      .prepare('SELECT id, role, line, city, salt, hash FROM api_keys WHERE id NOT IN (SELECT id FROM revoked_keys) ORDER BY created_at, rowid')
      .all() as { id: string; role: string; line: string | null; city: string | null; salt: string; hash: string }[];
    return rows.map((r) => KeyEntrySchema.parse({ id: r.id, role: r.role, salt: r.salt, hash: r.hash, ...(r.line === null ? {} : { line: r.line }), ...(r.city === null ? {} : { city: r.city }) }));
  }

  revoked(): Set<string> {
    return new Set((this.#db.prepare('SELECT id FROM revoked_keys').all() as { id: string }[]).map((r) => r.id));
  }

  /** False if the id is taken: two requests may ask for one id at once, and only the first gets it. */
  insert(entry: KeyEntry, by: string): boolean {
    const r = this.#db
      .prepare('INSERT INTO api_keys (id, role, line, city, salt, hash, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING')
      .run(entry.id, entry.role, entry.line ?? null, entry.city ?? null, entry.salt, entry.hash, new Date().toISOString(), by);
    return r.changes === 1;
  }

  /** Revokes an id for good; returns when. */
  revoke(id: string, by: string): string {
    const at = new Date().toISOString();
    transaction(this.#db, () => {
      this.#db.prepare('INSERT INTO revoked_keys (id, revoked_at, revoked_by) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING').run(id, at, by);
    });
    return at;
  }
}
