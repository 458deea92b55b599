import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../auth/keys.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Store } from '../../store/index.ts';
import type { PlanMeta } from '../../store/plans.ts';

/** The plan's columns (no line read), or why there is none: 404 (no such job), 409 (not succeeded), 410 (removed by retention). */
export async function requirePlanMeta(store: Store, id: string): Promise<PlanMeta> {
  const plan = await store.plans.meta(id);
  if (plan) return plan;
  throw await whyNoPlan(store, id);
}

async function whyNoPlan(store: Store, id: string): Promise<AppError> {
  const job = await store.jobs.get(id);
  if (!job) return notFound(`plan ${id}`);
  if (job.purgedAt !== null) return new AppError('VP_PLAN_GONE', `plan ${id} was superseded and removed on ${job.purgedAt.slice(0, 10)} (retention policy)`);
  return new AppError('VP_PLAN_NOT_READY', `plan ${id} is ${job.status}${job.status === 'failed' ? ` (${job.errorCode})` : ''}`);
}

/**
 * The queue's rules, before a job is queued: a key has at most one job waiting (429);
 * manager keys may fill the queue only up to MAX_QUEUED_JOBS − PLANNER_RESERVED_JOBS, so
 * a planner's job always has room; a full queue is a 503 (better now than a plan hours late).
 */
export async function assertRoomForJob(app: FastifyInstance, principal: Principal): Promise<void> {
  const waiting = await app.store.jobs.queuedBy(principal.keyId);
  if (waiting !== undefined) {
    throw new AppError('VP_TOO_MANY_JOBS', `this key already has plan job ${waiting} waiting; wait for it or cancel it (POST /v1/plans/${waiting}/cancel)`);
  }
  const { maxQueuedJobs, plannerReservedJobs } = app.config;
  const room = principal.role === 'planner' ? maxQueuedJobs : maxQueuedJobs - plannerReservedJobs;
  if ((await app.jobs.queued()) >= room) {
    throw new AppError('VP_UNAVAILABLE', principal.role === 'planner' ? 'too many plan jobs are waiting; retry when some have finished' : "the queue's places for manager re-plans are taken; retry when some have finished");
  }
}
