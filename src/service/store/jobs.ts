import type { DatabaseSync } from 'node:sqlite';
import type { BlockedDay } from '../../planner/api.ts';
import { newId } from './ids.ts';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export type JobKind = 'plan' | 'replan';

/** What a job asks of the planner, besides the dataset, previous plan and history the runner adds. */
export interface JobRequest {
  start: string;
  weeks: number;
  seed?: number;
  timeLimitMs?: number;
  lines?: string[];
  blocked?: BlockedDay[];
  /** Shops closed all day on a date, as a planner or manager told them (records with reason `closed` are added when the job runs). */
  closed?: { retailer: string; date: string }[];
  /** A re-plan keeps the days before this date as they were. */
  from?: string;
}

export interface Job {
  id: string;
  kind: JobKind;
  datasetId: string;
  parentPlanId: string | null;
  request: JobRequest;
  status: JobStatus;
  linesDone: number;
  linesTotal: number;
  errorCode: string | null;
  error: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The key that asked for it; null for the service's own jobs. */
  keyId: string | null;
  cancelledBy: string | null;
  cancelledAt: string | null;
  /** When it last entered the queue (created or retried). */
  queuedAt: string;
  /** When the retention policy removed its (superseded) plan. */
  purgedAt: string | null;
}

export interface JobRow {
  id: string;
  kind: JobKind;
  dataset_id: string;
  parent_plan_id: string | null;
  request: string;
  status: JobStatus;
  lines_done: number;
  lines_total: number;
  error_code: string | null;
  error: string | null;
  attempts: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  key_id: string | null;
  cancelled_by: string | null;
  cancelled_at: string | null;
  queued_at: string;
  purged_at: string | null;
}

export const toJob = (r: JobRow): Job => ({
  id: r.id,
  kind: r.kind,
  datasetId: r.dataset_id,
  parentPlanId: r.parent_plan_id,
  request: JSON.parse(r.request),
  status: r.status,
  linesDone: r.lines_done,
  linesTotal: r.lines_total,
  errorCode: r.error_code,
  error: r.error,
  attempts: r.attempts,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  keyId: r.key_id,
  cancelledBy: r.cancelled_by,
  cancelledAt: r.cancelled_at,
  queuedAt: r.queued_at,
  purgedAt: r.purged_at,
});

/** Plan jobs and their state; every transition is one committed statement. */
export class JobStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  create(kind: JobKind, datasetId: string, request: JobRequest, parentPlanId: string | null = null, keyId: string | null = null): Job {
    const id = newId('pl');
    const now = new Date().toISOString();
    this.#db
      .prepare('INSERT INTO jobs (id, kind, dataset_id, parent_plan_id, request, status, created_at, queued_at, key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, kind, datasetId, parentPlanId, JSON.stringify(request), 'queued', now, now, keyId);
    return this.get(id)!;
  }

  /** The job a key has waiting, if any (a key may have one). */
  queuedBy(keyId: string): string | undefined {
    const row = this.#db.prepare("SELECT id FROM jobs WHERE key_id = ? AND status = 'queued' LIMIT 1").get(keyId) as { id: string } | undefined;
    return row?.id;
  }

  get(id: string): Job | undefined {
    const row = this.#db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row && toJob(row);
  }

  /** The latest jobs, newest first; of one city's datasets when `city` is given. */
  list(limit = 100, city?: string): Job[] {
    const rows =
      city === undefined
        ? this.#db.prepare('SELECT * FROM jobs ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit)
        : this.#db
            .prepare('SELECT j.* FROM jobs j JOIN datasets d ON d.id = j.dataset_id WHERE d.city = ? ORDER BY j.created_at DESC, j.rowid DESC LIMIT ?')
            .all(city, limit);
    return (rows as unknown as JobRow[]).map(toJob);
  }

  withStatus(status: JobStatus): Job[] {
    return (this.#db.prepare('SELECT * FROM jobs WHERE status = ? ORDER BY created_at, rowid').all(status) as unknown as JobRow[]).map(toJob);
  }

  /** Queued → running; false if the job is no longer queued (cancelled meanwhile). */
  markRunning(id: string): boolean {
    const r = this.#db
      .prepare("UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = ?, lines_done = 0, error_code = NULL, error = NULL WHERE id = ? AND status = 'queued'")
      .run(new Date().toISOString(), id);
    return r.changes === 1;
  }

  /**
   * A queued or running job → failed with `code`, saying who cancelled it and when;
   * false if it had already finished.
   */
  markCancelled(id: string, by: string, code: string, message: string): boolean {
    const now = new Date().toISOString();
    const r = this.#db
      .prepare("UPDATE jobs SET status = 'failed', error_code = ?, error = ?, cancelled_by = ?, cancelled_at = ?, finished_at = ? WHERE id = ? AND status IN ('queued', 'running')")
      .run(code, message, by, now, now, id);
    return r.changes === 1;
  }

  progress(id: string, linesDone: number, linesTotal: number): void {
    this.#db.prepare('UPDATE jobs SET lines_done = ?, lines_total = ? WHERE id = ?').run(linesDone, linesTotal, id);
  }

  markFailed(id: string, code: string, message: string): void {
    this.#db
      .prepare("UPDATE jobs SET status = 'failed', error_code = ?, error = ?, finished_at = ? WHERE id = ? AND status IN ('queued', 'running')")
      .run(code, message, new Date().toISOString(), id);
  }

  /** Puts a failed job back in the queue (a retry keeps the id: a failed job has no plan to overwrite). */
  requeue(id: string): boolean {
    const r = this.#db
      .prepare("UPDATE jobs SET status = 'queued', queued_at = ?, error_code = NULL, error = NULL, finished_at = NULL, cancelled_by = NULL, cancelled_at = NULL, lines_done = 0 WHERE id = ? AND status = 'failed'")
      .run(new Date().toISOString(), id);
    return r.changes === 1;
  }

  /** How many jobs are in each state. */
  counts(): Record<JobStatus, number> {
    const out: Record<JobStatus, number> = { queued: 0, running: 0, succeeded: 0, failed: 0 };
    for (const r of this.#db.prepare('SELECT status, COUNT(*) AS n FROM jobs GROUP BY status').all() as { status: JobStatus; n: number }[]) out[r.status] = r.n;
    return out;
  }
}
