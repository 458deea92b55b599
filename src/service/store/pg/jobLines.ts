import type { LinePlan } from '../../../domain/plan.ts';
import { transaction, type Pool, type PoolClient } from './db.ts';

/**
 * The queue's per-line results (migration 008): written once per job, attempt and line,
 * read whole when the plan is merged, emptied once it is stored, deleted when a retry starts.
 */
export class PgJobLines {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  /**
   * Records a line's plan and sets the job's progress to the lines recorded. Undefined if
   * the job is no longer running this attempt (cancelled, failed, retried); a line already
   * recorded (a second worker after a lease ran out) is kept as it was.
   */
  async record(jobId: string, attempt: number, seq: number, plan: LinePlan, worker: string): Promise<{ done: number; total: number } | undefined> {
    // Three statements under the job row's lock, not one: each reads after the lock is
    // held, so the count sees every line another worker committed before (one statement
    // would count from the snapshot it took before waiting, and two last lines could
    // each miss the other).
    return transaction(this.#pool, async (c) => {
      const job = await c.query("SELECT 1 FROM jobs WHERE id = $1 AND attempts = $2 AND status = 'running' FOR UPDATE", [jobId, attempt]);
      if (job.rowCount !== 1) return undefined;
      await c.query('INSERT INTO job_lines (job_id, attempt, seq, line, body, worker, finished_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING', [
        jobId, attempt, seq, plan.line, JSON.stringify(plan), worker, new Date().toISOString(),
      ]);
      const { rows } = await c.query<{ done: number; total: number }>(
        'UPDATE jobs SET lines_done = (SELECT COUNT(*) FROM job_lines WHERE job_id = $1 AND attempt = $2) WHERE id = $1 RETURNING lines_done AS done, lines_total AS total',
        [jobId, attempt],
      );
      return rows[0];
    });
  }

  /** The job's progress from the lines recorded (a retried task whose line was recorded before it stopped); undefined as for record(). */
  async progress(jobId: string, attempt: number): Promise<{ done: number; total: number } | undefined> {
    const { rows } = await this.#pool.query<{ done: number; total: number }>(
      "SELECT (SELECT COUNT(*) FROM job_lines WHERE job_id = $1 AND attempt = $2) AS done, lines_total AS total FROM jobs WHERE id = $1 AND attempts = $2 AND status = 'running'",
      [jobId, attempt],
    );
    return rows[0];
  }

  async has(jobId: string, attempt: number, seq: number): Promise<boolean> {
    return (await this.#pool.query('SELECT 1 FROM job_lines WHERE job_id = $1 AND attempt = $2 AND seq = $3', [jobId, attempt, seq])).rowCount === 1;
  }

  /** The attempt's lines in task order. */
  async list(jobId: string, attempt: number): Promise<LinePlan[]> {
    const { rows } = await this.#pool.query<{ body: string }>('SELECT body FROM job_lines WHERE job_id = $1 AND attempt = $2 ORDER BY seq', [jobId, attempt]);
    return rows.map((r) => JSON.parse(r.body) as LinePlan);
  }

  /** Workers per line of the attempt: which worker's result was kept (tests, the fault benchmark). */
  async workers(jobId: string, attempt: number): Promise<{ line: string; worker: string }[]> {
    return (await this.#pool.query<{ line: string; worker: string }>('SELECT line, worker FROM job_lines WHERE job_id = $1 AND attempt = $2 ORDER BY seq', [jobId, attempt])).rows;
  }

  /** Once the plan is stored: the lines' bodies are dropped (the plan has them); which worker ran each line stays. */
  async settle(jobId: string): Promise<void> {
    await this.#pool.query("UPDATE job_lines SET body = '' WHERE job_id = $1", [jobId]);
  }
}

/**
 * Queued → running for a new attempt with `total` lines, on a transaction's client (the
 * queue's line tasks are inserted in the same transaction). Returns the attempt's number,
 * or undefined if the job is no longer queued (cancelled, or another worker took it).
 */
export async function startAttempt(client: PoolClient, jobId: string, total: number): Promise<number | undefined> {
  const { rows } = await client.query<{ attempts: number }>(
    "UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = $1, lines_done = 0, lines_total = $2, error_code = NULL, error = NULL WHERE id = $3 AND status = 'queued' RETURNING attempts",
    [new Date().toISOString(), total, jobId],
  );
  if (rows.length === 0) return undefined;
  await client.query('DELETE FROM job_lines WHERE job_id = $1', [jobId]);
  return rows[0].attempts;
}
