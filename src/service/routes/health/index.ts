import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { errors } from '../common.ts';

/** Liveness with a store check, and the metrics; both open, as load balancers and Prometheus call them. */
const health: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      // Liveness stays up under load: a restart would not help an overloaded service.
      config: { access: 'public', pressureHandler: () => null, rateLimit: false },
      schema: {
        summary: 'Liveness and store check',
        tags: ['operations'],
        security: [],
        response: {
          200: z.object({
            status: z.literal('ok'),
            store: z.literal('ok'),
            jobs: z.object({ running: z.string().nullable(), queued: z.number().int() }),
            imports: z.object({ checking: z.number().int(), waiting: z.number().int() }),
            exports: z.object({ building: z.number().int() }),
          }),
          ...errors(503),
        },
      },
    },
    async () => {
      try {
        await app.store.check();
      } catch (err) {
        app.log.error({ err }, 'store check failed');
        throw new AppError('VP_UNAVAILABLE', 'the store does not answer');
      }
      return { status: 'ok' as const, store: 'ok' as const, jobs: await app.jobs.state(), imports: app.imports.state(), exports: app.exports.state() };
    },
  );

  app.get(
    '/metrics',
    {
      config: { access: 'public', pressureHandler: () => null, rateLimit: false },
      schema: { summary: 'Request counts and latencies, plan job durations (Prometheus text)', tags: ['operations'], security: [], produces: ['text/plain'], response: { 200: z.string() } },
    },
    async (_request, reply) => {
      const counts = Object.fromEntries(Object.entries(await app.store.jobs.counts()).map(([s, n]) => [`plan_jobs_${s}`, n]));
      return reply.type('text/plain; version=0.0.4; charset=utf-8').send(app.metrics.text(counts));
    },
  );
};

export default health;
