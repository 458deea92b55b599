import { newId } from '../ids.ts';
import type { Jobs } from '../interfaces.ts';
import { toJob, type Job, type JobKind, type JobRequest, type JobRow, type JobStatus } from '../jobs.ts';
import type { Pool } from './db.ts';

/** Plan jobs on PostgreSQL: the statements of ../jobs.ts, `changes` read as rowCount. */
export class PgJobs implements Jobs {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  async create(kind: JobKind, datasetId: string, request: JobRequest, parentPlanId: string | null = null, keyId: string | null = null): Promise<Job> {
    const id = newId('pl');
    const now = new Date().toISOString();
    const { rows } = await this.#pool.query<JobRow>(
      'INSERT INTO jobs (id, kind, dataset_id, parent_plan_id, request, status, created_at, queued_at, key_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *',
      [id, kind, datasetId, parentPlanId, JSON.stringify(request), 'queued', now, now, keyId],
    );
    return toJob(rows[0]);
  }

  async queuedBy(keyId: string): Promise<string | undefined> {
    return (await this.#pool.query<{ id: string }>("SELECT id FROM jobs WHERE key_id = $1 AND status = 'queued' LIMIT 1", [keyId])).rows[0]?.id;
  }

  async get(id: string): Promise<Job | undefined> {
    const row = (await this.#pool.query<JobRow>({ name: 'job_get', text: 'SELECT * FROM jobs WHERE id = $1', values: [id] })).rows[0];
    return row && toJob(row);
  }

  async list(limit = 100, city?: string): Promise<Job[]> {
    const { rows } =
      city === undefined
        ? await this.#pool.query<JobRow>('SELECT * FROM jobs ORDER BY created_at DESC, rowid DESC LIMIT $1', [limit])
        : await this.#pool.query<JobRow>('SELECT j.* FROM jobs j JOIN datasets d ON d.id = j.dataset_id WHERE d.city = $1 ORDER BY j.created_at DESC, j.rowid DESC LIMIT $2', [
            city, limit,
          ]);
    return rows.map(toJob);
  }

  async withStatus(status: JobStatus): Promise<Job[]> {
    return (await this.#pool.query<JobRow>('SELECT * FROM jobs WHERE status = $1 ORDER BY created_at, rowid', [status])).rows.map(toJob);
  }

  async markRunning(id: string): Promise<boolean> {
    const r = await this.#pool.query(
      "UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = $1, lines_done = 0, error_code = NULL, error = NULL WHERE id = $2 AND status = 'queued'",
      [new Date().toISOString(), id],
    );
    return r.rowCount === 1;
  }

  async markCancelled(id: string, by: string, code: string, message: string): Promise<boolean> {
    const now = new Date().toISOString();
    const r = await this.#pool.query(
      "UPDATE jobs SET status = 'failed', error_code = $1, error = $2, cancelled_by = $3, cancelled_at = $4, finished_at = $4 WHERE id = $5 AND status IN ('queued', 'running')",
      [code, message, by, now, id],
    );
    return r.rowCount === 1;
  }

  async progress(id: string, linesDone: number, linesTotal: number): Promise<void> {
    await this.#pool.query('UPDATE jobs SET lines_done = $1, lines_total = $2 WHERE id = $3', [linesDone, linesTotal, id]);
  }

  async markFailed(id: string, code: string, message: string): Promise<void> {
    await this.#pool.query("UPDATE jobs SET status = 'failed', error_code = $1, error = $2, finished_at = $3 WHERE id = $4 AND status IN ('queued', 'running')", [
      code, message, new Date().toISOString(), id,
    ]);
  }

  async requeue(id: string): Promise<boolean> {
    const r = await this.#pool.query(
      "UPDATE jobs SET status = 'queued', queued_at = $1, error_code = NULL, error = NULL, finished_at = NULL, cancelled_by = NULL, cancelled_at = NULL, lines_done = 0 WHERE id = $2 AND status = 'failed'",
      [new Date().toISOString(), id],
    );
    return r.rowCount === 1;
  }

  async counts(): Promise<Record<JobStatus, number>> {
    const out: Record<JobStatus, number> = { queued: 0, running: 0, succeeded: 0, failed: 0 };
    for (const r of (await this.#pool.query<{ status: JobStatus; n: number }>('SELECT status, COUNT(*) AS n FROM jobs GROUP BY status')).rows) out[r.status] = r.n;
    return out;
  }
}
