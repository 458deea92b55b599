import fp from 'fastify-plugin';
import { Metrics } from '../metrics/registry.ts';
import '../types.ts';

/** Counts and times every answered request under its route pattern. */
export default fp(
  async (app) => {
    app.decorate('metrics', new Metrics());
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      app.metrics.request(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    });
  },
  { name: 'metrics' },
);
