import type { Visits } from '../interfaces.ts';
import { toVisit, type StoredVisit, type VisitRow } from '../visits.ts';
import type { Queryable } from './db.ts';

/** Visit records on PostgreSQL: the statements of ../visits.ts. On the pool, or on a transaction's client (the recorder's batch). */
export class PgVisits implements Visits {
  readonly #db: Queryable;

  constructor(db: Queryable) {
    this.#db = db;
  }

  async between(datasetId: string, from: string, to: string): Promise<StoredVisit[]> {
    return (await this.#db.query<VisitRow>('SELECT * FROM visits WHERE dataset_id = $1 AND date >= $2 AND date < $3 ORDER BY date, seq', [datasetId, from, to])).rows.map(toVisit);
  }

  async datasetsBefore(date: string): Promise<string[]> {
    return (await this.#db.query<{ id: string }>('SELECT DISTINCT dataset_id AS id FROM visits WHERE date < $1', [date])).rows.map((r) => r.id);
  }

  async deleteBefore(datasetId: string, cutoff: string, limit: number): Promise<number> {
    const r = await this.#db.query('DELETE FROM visits WHERE seq IN (SELECT seq FROM visits WHERE dataset_id = $1 AND date < $2 LIMIT $3)', [datasetId, cutoff, limit]);
    return r.rowCount ?? 0;
  }

  async insert(v: StoredVisit): Promise<void> {
    await this.#db.query({
      name: 'visit_insert',
      text: `INSERT INTO visits (id, dataset_id, plan_id, line, retailer, date, mode, outcome, reason, started_at, ended_at, received_at, key_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      values: [v.id, v.datasetId, v.planId, v.line, v.retailer, v.date, v.mode, v.outcome, v.reason, v.startedAt, v.endedAt, v.receivedAt, v.keyId],
    });
  }

  async get(id: string): Promise<StoredVisit | undefined> {
    const row = (await this.#db.query<VisitRow>({ name: 'visit_get', text: 'SELECT * FROM visits WHERE id = $1', values: [id] })).rows[0];
    return row && toVisit(row);
  }

  async unplannedCount(datasetId: string, line: string, date: string): Promise<number> {
    return (
      await this.#db.query<{ n: number }>({
        name: 'visit_unplanned',
        text: "SELECT COUNT(*)::int AS n FROM visits WHERE dataset_id = $1 AND line = $2 AND date = $3 AND outcome = 'unplanned'",
        values: [datasetId, line, date],
      })
    ).rows[0].n;
  }

  async page(
    datasetId: string,
    line: string,
    opts: { date?: string; after?: { date: string; seq: number }; limit: number },
  ): Promise<{ visits: StoredVisit[]; next: string | null }> {
    const after = opts.after ?? { date: '', seq: -1 };
    const keyset = 'ORDER BY date, seq LIMIT';
    const { rows } =
      opts.date === undefined
        ? await this.#db.query<VisitRow & { seq: number }>(
            `SELECT * FROM visits WHERE dataset_id = $1 AND line = $2 AND (date > $3 OR (date = $3 AND seq > $4)) ${keyset} $5`,
            [datasetId, line, after.date, after.seq, opts.limit + 1],
          )
        : await this.#db.query<VisitRow & { seq: number }>(
            `SELECT * FROM visits WHERE dataset_id = $1 AND line = $2 AND date = $3 AND (date > $4 OR (date = $4 AND seq > $5)) ${keyset} $6`,
            [datasetId, line, opts.date, after.date, after.seq, opts.limit + 1],
          );
    const more = rows.length > opts.limit;
    const shown = more ? rows.slice(0, opts.limit) : rows;
    const last = shown.at(-1);
    return { visits: shown.map(toVisit), next: more && last ? `${last.date}.${last.seq}` : null };
  }

  async list(datasetId: string, line?: string): Promise<StoredVisit[]> {
    const { rows } =
      line === undefined
        ? await this.#db.query<VisitRow>('SELECT * FROM visits WHERE dataset_id = $1 ORDER BY date, seq', [datasetId])
        : await this.#db.query<VisitRow>('SELECT * FROM visits WHERE dataset_id = $1 AND line = $2 ORDER BY date, seq', [datasetId, line]);
    return rows.map(toVisit);
  }
}
