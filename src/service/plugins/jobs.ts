import fp from 'fastify-plugin';
import type { Planner } from '../../planner/api.ts';
import type { TravelSource } from '../../travel/travelSource.ts';
import type { PlanJobs } from '../jobs/planJobs.ts';
import { JobRunner } from '../jobs/runner.ts';
import type { Job } from '../store/jobs.ts';
import '../types.ts';

/**
 * Plan jobs: the shared queue's when given (`jobs`: several API instances, planner workers
 * elsewhere), else the in-process runner. Recovers what a previous process left; on close,
 * the runner stops its running job.
 */
export default fp<{ planner: Planner; travel?: TravelSource; jobs?: PlanJobs }>(
  async (app, opts) => {
    const runner = opts.jobs ?? new JobRunner({
      store: app.store,
      planner: opts.planner,
      ...(opts.travel ? { travel: opts.travel } : {}),
      log: app.log.child({ plugin: 'jobs' }),
      metrics: app.metrics,
      abortWaitMs: app.config.shutdownGraceMs / 2,
    });
    app.decorate('jobs', runner);
    app.addHook('onReady', async () => {
      await runner.recover((job) => notWanted(job, app.config.resumeQueuedWithinMs, (id) => app.keys.has(id)));
    });
    app.addHook('onClose', async () => {
      await runner.close();
    });
  },
  { name: 'jobs', dependencies: ['store', 'metrics', 'auth'] },
);

/**
 * The rule for a job left queued by a previous process: it is still wanted if it entered
 * the queue within `withinMs` before now and the key that asked for it is still valid.
 * An older one was likely asked for again, or its asker gave up; a revoked key's job
 * should not run on. Returns why not, or undefined.
 */
export function notWanted(job: Job, withinMs: number, keyExists: (id: string) => boolean, now = Date.now()): string | undefined {
  const waited = now - Date.parse(job.queuedAt);
  if (waited > withinMs) return `it had waited ${Math.round(waited / 60_000)} min, more than ${Math.round(withinMs / 60_000)} min`;
  if (job.keyId !== null && !keyExists(job.keyId)) return `the key ${job.keyId} that asked for it is no longer valid`;
  return undefined;
}
