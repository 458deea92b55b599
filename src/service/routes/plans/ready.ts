import { AppError, notFound } from '../../errors.ts';
import type { JobRunner } from '../../jobs/runner.ts';
import type { Store } from '../../store/index.ts';
import type { StoredPlan } from '../../store/plans.ts';

/** The plan with this id, or the reason there is none yet: 404 (no such job) or 409 (not succeeded). */
export function requirePlan(store: Store, id: string): StoredPlan {
  const plan = store.plans.get(id);
  if (plan) return plan;
  const job = store.jobs.get(id);
  if (!job) throw notFound(`plan ${id}`);
  throw new AppError('VP_PLAN_NOT_READY', `plan ${id} is ${job.status}${job.status === 'failed' ? ` (${job.errorCode})` : ''}`);
}

/** Refuses a new job when the queue is full: better a 503 now than a plan hours late. */
export function assertRoomForJob(jobs: JobRunner): void {
  if (jobs.full()) throw new AppError('VP_UNAVAILABLE', 'too many plan jobs are waiting; retry when some have finished');
}
