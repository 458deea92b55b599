import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { VisitRecord } from '../../domain/visitRecord.ts';

/** A visit record as stored: what happened, where it belongs, who sent it, when. */
export interface StoredVisit {
  id: string;
  datasetId: string;
  planId: string;
  line: string;
  retailer: string;
  date: string;
  mode: VisitRecord['mode'];
  outcome: VisitRecord['outcome'];
  reason: NonNullable<VisitRecord['reason']> | null;
  startedAt: string;
  endedAt: string | null;
  receivedAt: string;
  keyId: string;
}

export interface VisitRow {
  id: string;
  dataset_id: string;
  plan_id: string;
  line: string;
  retailer: string;
  date: string;
  mode: StoredVisit['mode'];
  outcome: StoredVisit['outcome'];
  reason: StoredVisit['reason'];
  started_at: string;
  ended_at: string | null;
  received_at: string;
  key_id: string;
}

export const toVisit = (r: VisitRow): StoredVisit => ({
  id: r.id,
  datasetId: r.dataset_id,
  planId: r.plan_id,
  line: r.line,
  retailer: r.retailer,
  date: r.date,
  mode: r.mode,
  outcome: r.outcome,
  reason: r.reason,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  receivedAt: r.received_at,
  keyId: r.key_id,
});

/** Visit records: statements only; the rules and the commit batching live in visits/recorder.ts. */
export class VisitStore {
  readonly #insert: StatementSync;
  readonly #byId: StatementSync;
  readonly #unplanned: StatementSync;
  readonly #ofLine: StatementSync;
  readonly #ofDataset: StatementSync;
  readonly #page: StatementSync;
  readonly #pageOfDay: StatementSync;
  readonly #between: StatementSync;
  readonly #datasetsBefore: StatementSync;
  readonly #deleteBefore: StatementSync;

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare(
      `INSERT INTO visits (id, dataset_id, plan_id, line, retailer, date, mode, outcome, reason, started_at, ended_at, received_at, key_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#byId = db.prepare('SELECT * FROM visits WHERE id = ?');
    this.#unplanned = db.prepare("SELECT COUNT(*) AS n FROM visits WHERE dataset_id = ? AND line = ? AND date = ? AND outcome = 'unplanned'");
    this.#ofLine = db.prepare('SELECT * FROM visits WHERE dataset_id = ? AND line = ? ORDER BY date, seq');
    this.#ofDataset = db.prepare('SELECT * FROM visits WHERE dataset_id = ? ORDER BY date, seq');
    const keyset = '(date > ? OR (date = ? AND seq > ?)) ORDER BY date, seq LIMIT ?';
    this.#page = db.prepare(`SELECT * FROM visits WHERE dataset_id = ? AND line = ? AND ${keyset}`);
    this.#pageOfDay = db.prepare(`SELECT * FROM visits WHERE dataset_id = ? AND line = ? AND date = ? AND ${keyset}`);
    this.#between = db.prepare('SELECT * FROM visits WHERE dataset_id = ? AND date >= ? AND date < ? ORDER BY date, seq');
    this.#datasetsBefore = db.prepare('SELECT DISTINCT dataset_id AS id FROM visits WHERE date < ?');
    this.#deleteBefore = db.prepare('DELETE FROM visits WHERE seq IN (SELECT seq FROM visits WHERE dataset_id = ? AND date < ? LIMIT ?)');
  }

  /** A dataset's records dated in [from, to), oldest first: a month's, for its audit sample. */
  between(datasetId: string, from: string, to: string): StoredVisit[] {
    return (this.#between.all(datasetId, from, to) as unknown as VisitRow[]).map(toVisit);
  }

  /** The datasets with records dated before `date` (the retention policy's candidates). */
  datasetsBefore(date: string): string[] {
    return (this.#datasetsBefore.all(date) as { id: string }[]).map((r) => r.id);
  }

  /** Deletes at most `limit` of a dataset's records dated before `cutoff`, in one statement; returns how many. */
  deleteBefore(datasetId: string, cutoff: string, limit: number): number {
    return Number(this.#deleteBefore.run(datasetId, cutoff, limit).changes);
  }

  /** Inside the caller's transaction. */
  insert(v: StoredVisit): void {
    this.#insert.run(v.id, v.datasetId, v.planId, v.line, v.retailer, v.date, v.mode, v.outcome, v.reason, v.startedAt, v.endedAt, v.receivedAt, v.keyId);
  }

  get(id: string): StoredVisit | undefined {
    const row = this.#byId.get(id) as VisitRow | undefined;
    return row && toVisit(row);
  }

  unplannedCount(datasetId: string, line: string, date: string): number {
    return (this.#unplanned.get(datasetId, line, date) as { n: number }).n;
  }

  /**
   * A page of a line's records, oldest first (by date, then as recorded), after a cursor
   * `<date>.<seq>`; `next` is the cursor of the page after, or null for the last.
   */
  page(datasetId: string, line: string, opts: { date?: string; after?: { date: string; seq: number }; limit: number }): { visits: StoredVisit[]; next: string | null } {
    const after = opts.after ?? { date: '', seq: -1 };
    const rows = (
      opts.date === undefined
        ? this.#page.all(datasetId, line, after.date, after.date, after.seq, opts.limit + 1)
        : this.#pageOfDay.all(datasetId, line, opts.date, after.date, after.date, after.seq, opts.limit + 1)
    ) as unknown as (VisitRow & { seq: number })[];
    const more = rows.length > opts.limit;
    const shown = more ? rows.slice(0, opts.limit) : rows;
    const last = shown.at(-1);
    return { visits: shown.map(toVisit), next: more && last ? `${last.date}.${last.seq}` : null };
  }

  /** The records of a dataset (one line, or all), oldest first: a re-plan's history. */
  list(datasetId: string, line?: string): StoredVisit[] {
    const rows = (line === undefined ? this.#ofDataset.all(datasetId) : this.#ofLine.all(datasetId, line)) as unknown as VisitRow[];
    return rows.map(toVisit);
  }
}

/** The planner's view of a record. */
export function toVisitRecord(v: StoredVisit): VisitRecord {
  return { retailer: v.retailer, date: v.date, mode: v.mode, outcome: v.outcome, ...(v.reason ? { reason: v.reason } : {}) };
}
