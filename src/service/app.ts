import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import underPressure from '@fastify/under-pressure';
import fp from 'fastify-plugin';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Planner } from '../planner/api.ts';
import type { TravelSource } from '../travel/travelSource.ts';
import type { KeyRing } from './auth/keys.ts';
import type { PlanJobs } from './jobs/planJobs.ts';
import type { ServiceConfig } from './config.ts';
import auth, { requireKey } from './plugins/auth.ts';
import docs from './plugins/docs.ts';
import errors, { clientErrorHandler, frameworkErrors } from './plugins/errors.ts';
import exportsPlugin from './plugins/exports.ts';
import imports from './plugins/imports.ts';
import keySync from './plugins/keySync.ts';
import jobs from './plugins/jobs.ts';
import limits from './plugins/limits.ts';
import metrics from './plugins/metrics.ts';
import retention from './plugins/retention.ts';
import store from './plugins/store.ts';
import datasets from './routes/datasets/index.ts';
import health from './routes/health/index.ts';
import keysRoutes from './routes/keys/index.ts';
import audit from './routes/audit/index.ts';
import plans from './routes/plans/index.ts';
import visits from './routes/visits/index.ts';
import web from './plugins/web.ts';
import { AppError } from './errors.ts';

class Overloaded extends AppError {
  constructor() {
    super('VP_UNAVAILABLE', 'the service is overloaded; retry shortly');
  }
}
import type { Store } from './store/index.ts';
import './types.ts';

/** What the app is built from; the caller opens the store and chooses the planner. */
export interface AppDeps {
  config: ServiceConfig;
  store: Store;
  planner: Planner;
  keys: KeyRing;
  /** Where a stored plan's days get their routes (road directions with OSRM); none: straight legs. */
  travel?: TravelSource;
  /** Plan jobs on the shared queue (jobs/queue/); none: the in-process runner. */
  jobs?: PlanJobs;
  /** Milliseconds since the epoch: "today" and "now" for re-plans and visit records (tests fix it). */
  clock?: () => number;
}

/**
 * The service as a plugin (after fastify/demo's app.ts): services first, then the routes.
 * Wrapped by fastify-plugin in buildApp so its decorations (store, jobs) reach the root.
 */
export const app: FastifyPluginAsync<AppDeps> = async (fastify, deps) => {
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);
  fastify.decorate('config', deps.config);
  fastify.decorate('clock', deps.clock ?? Date.now);
  // Every body is JSON: a text/plain body is a 415, not a string for the schema to trip on.
  fastify.removeContentTypeParser('text/plain');
  await fastify.register(errors);
  // Overload: shed requests with 503 while the event loop lags (a last resort: imports and exports run off it).
  await fastify.register(underPressure, { maxEventLoopDelay: deps.config.maxEventLoopDelayMs, retryAfter: 5, customError: Overloaded });
  await fastify.register(metrics);
  await fastify.register(limits);
  await fastify.register(store, { store: deps.store });
  await fastify.register(auth, { keys: deps.keys });
  await fastify.register(keySync);
  await fastify.register(jobs, { planner: deps.planner, ...(deps.travel ? { travel: deps.travel } : {}), ...(deps.jobs ? { jobs: deps.jobs } : {}) });
  await fastify.register(imports);
  await fastify.register(exportsPlugin);
  await fastify.register(retention);
  await fastify.register(docs);
  // Once closing, answers end their connection: a keep-alive socket that was busy when the
  // shutdown began would otherwise hold it open until its keep-alive timeout.
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onRequest', async () => {
    if (closing) throw new AppError('VP_UNAVAILABLE', 'the service is shutting down; retry shortly');
  });
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    // Closing, or answered before the body was read (a 401, a 413): the connection ends with
    // the answer, rather than wait for (or read) a body nobody will use.
    if (closing || !request.raw.complete) void reply.header('connection', 'close');
  });
  await fastify.register(health);
  await fastify.register(web);
  await fastify.register(
    async (v1) => {
      v1.addHook('onRequest', requireKey);
      await v1.register(datasets);
      await v1.register(plans);
      await v1.register(visits);
      await v1.register(keysRoutes);
      await v1.register(audit);
    },
    { prefix: '/v1' },
  );
};

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A caller's `x-request-id` if it is a sane token (it goes into logs), else a new UUID. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** The HTTP server's options (socket timeouts in milliseconds); server.ts chooses them. */
export interface ServerOptions {
  connectionTimeout?: number;
  keepAliveTimeout?: number;
  requestTimeout?: number;
  /** Passed to http.createServer: headersTimeout, connectionsCheckingInterval. */
  http?: { headersTimeout?: number; connectionsCheckingInterval?: number };
}

/** A Fastify instance with the app registered, not listening; server.ts listens, tests may `inject`. */
export async function buildApp(deps: AppDeps, logger: FastifyBaseLogger | false = false, server: ServerOptions = {}): Promise<FastifyInstance> {
  const fastify = Fastify({
    ...(logger === false ? { logger: false } : { loggerInstance: logger }),
    ...server,
    trustProxy: deps.config.trustProxy,
    genReqId: requestId,
    bodyLimit: deps.config.bodyLimitBytes,
    // Idle keep-alive sockets close at once on shutdown; requests in flight finish first.
    forceCloseConnections: 'idle',
    // Requests arriving while closing get the catalogue's 503 from the onRequest hook above.
    return503OnClosing: false,
    // What Fastify and Node refuse before a route runs still answers with a catalogued code.
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  await fastify.register(fp(app, { name: 'visit-planner' }), deps);
  return fastify;
}
