import type { Queryable } from '../../store/pg/db.ts';
import type { JobEvent } from '../planJobs.ts';

/** The channel job events travel on between processes: a worker notifies, every API instance listens. */
export const JOB_EVENTS = 'plan_job_events';

/** Tells every listening API instance that a job changed (after the change is committed). */
export async function notifyJob(db: Queryable, type: JobEvent['type'], id: string): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [JOB_EVENTS, JSON.stringify({ type, id })]);
}

export function parseJobEvent(payload: string): { type: JobEvent['type']; id: string } {
  return JSON.parse(payload) as { type: JobEvent['type']; id: string };
}
