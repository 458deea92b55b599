import fp from 'fastify-plugin';
import { Retention } from '../retention/retention.ts';
import '../types.ts';

/** The retention policy: a pass at start, then every RETENTION_INTERVAL_MS; stopped when the app closes. */
export default fp(
  async (app) => {
    const c = app.config;
    const retention = new Retention(app.store, { planRetentionDays: c.planRetentionDays, visitRetentionDays: c.visitRetentionDays }, app.log.child({ plugin: 'retention' }), (id) =>
      app.exports.forget(id),
    );
    let timer: NodeJS.Timeout | undefined;
    let pass: Promise<unknown> = Promise.resolve();
    const run = () => {
      pass = retention.run().catch((err: unknown) => app.log.error({ err }, 'retention pass failed'));
    };
    app.addHook('onReady', async () => {
      run();
      timer = setInterval(run, c.retentionIntervalMs);
      timer.unref();
    });
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await pass;
    });
  },
  { name: 'retention', dependencies: ['store', 'exports'] },
);
