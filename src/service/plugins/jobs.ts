import fp from 'fastify-plugin';
import type { Planner } from '../../planner/api.ts';
import { JobRunner } from '../jobs/runner.ts';
import '../types.ts';

/** The plan job runner: recovers what a previous process left, stops the running job on close. */
export default fp<{ planner: Planner }>(
  async (app, opts) => {
    const runner = new JobRunner({ store: app.store, planner: opts.planner, log: app.log.child({ plugin: 'jobs' }), metrics: app.metrics, maxQueue: app.config.maxQueuedJobs, abortWaitMs: app.config.shutdownGraceMs / 2 });
    app.decorate('jobs', runner);
    app.addHook('onReady', async () => {
      runner.recover();
    });
    app.addHook('onClose', async () => {
      await runner.close();
    });
  },
  { name: 'jobs', dependencies: ['store', 'metrics'] },
);
