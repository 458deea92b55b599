import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { Planner } from '../planner/api.ts';
import type { TravelSource } from '../travel/travelSource.ts';
import { buildApp } from './app.ts';
import { KeyRing, parseEnvKeys, readKeysFile } from './auth/keys.ts';
import type { ServiceConfig } from './config.ts';
import { QueuedJobs } from './jobs/queue/queuedJobs.ts';
import { startQueue } from './jobs/queue/queues.ts';
import { startPlanWorker, type WorkerTravel } from './jobs/queue/startWorker.ts';
import { openStore, type Store } from './store/index.ts';
import { openPgStore, type PgStore } from './store/pg/index.ts';

export interface RunningServer {
  app: FastifyInstance;
  /** SQLite, or PostgreSQL when DATABASE_URL is set. */
  store: Store;
  url: string;
  /** Graceful: stop accepting, let requests in flight finish, stop the running job (or this process's planner worker), close the store. */
  close(): Promise<void>;
}

/**
 * Opens the store, builds the app and listens (after fastify/demo's server.ts: the
 * logger, listen, timeouts and shutdown live here, not in the app).
 *
 * With DATABASE_URL (and PLAN_JOBS=queue, its default), plan jobs go on the shared queue in
 * the same PostgreSQL, and this process also runs a planner worker on PLANNER_THREADS
 * threads (given `worker`), unless that is 0: then it only serves, and `npm run worker`
 * processes plan.
 */
export async function startServer(opts: {
  config: ServiceConfig;
  /** The in-process planner (SQLite); with DATABASE_URL plans are made by the queue's workers. */
  planner?: Planner;
  /** With DATABASE_URL: what this process's planner worker solves and routes with. */
  worker?: WorkerTravel;
  travel?: TravelSource;
  logger?: FastifyBaseLogger;
  clock?: () => number;
}): Promise<RunningServer> {
  const { config } = opts;
  const logger = opts.logger ?? (pino({ level: config.logLevel }) as unknown as FastifyBaseLogger);
  const { databaseUrl } = config;
  const pg: PgStore | undefined = databaseUrl === undefined ? undefined : await openPgStore(databaseUrl);
  const store: Store = pg ?? (await openStore(config.dataDir));
  const queue = databaseUrl !== undefined && pg && config.planJobs === 'queue' ? await openQueue(config, databaseUrl, pg, opts.worker, logger) : undefined;
  // The keys file, API_KEYS and the keys issued through the API; less those revoked.
  const revoked = await store.keys.revoked();
  const keys = new KeyRing(
    [
      ...readKeysFile(config.keysFile).map((entry) => ({ entry, source: 'file' as const })),
      ...parseEnvKeys(config.envKeys ?? '').map((entry) => ({ entry, source: 'env' as const })),
      ...(await store.keys.issued()).map((entry) => ({ entry, source: 'api' as const })),
    ].filter((k) => !revoked.has(k.entry.id)),
  );
  if (keys.size === 0) logger.warn(`no API keys: every /v1 request will be refused (add keys to ${config.keysFile} or API_KEYS)`);
  const planner = opts.planner ?? notHere;
  const app = await buildApp({ config, store, planner, keys, clock: opts.clock, ...(opts.travel ? { travel: opts.travel } : {}), ...(queue ? { jobs: queue.jobs } : {}) }, logger, {
    // No idle limit once a request is in (its answer may take a while: an upload's check); limits.ts bounds a stalled body.
    connectionTimeout: 0,
    // Longer than a load balancer's idle timeout would be; short enough not to hoard sockets.
    keepAliveTimeout: 65_000,
    requestTimeout: config.requestTimeoutMs,
    // Headers must arrive within IDLE_TIMEOUT_MS; Node checks every second rather than every 30.
    http: { headersTimeout: config.idleTimeoutMs, connectionsCheckingInterval: 1000 },
  });
  app.server.maxConnections = config.maxConnections;
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const timer = setTimeout(() => logger.error(`shutdown still waiting after ${config.shutdownGraceMs} ms`), config.shutdownGraceMs);
      timer.unref();
      try {
        await app.close();
        await queue?.worker?.stop();
        await queue?.boss.stop({ graceful: false });
      } finally {
        clearTimeout(timer);
        await store.close();
      }
    })());
  return { app, store, url, close };
}

/** With no in-process planner (DATABASE_URL), the runner is never used; this says so if it were. */
const notHere: Planner = () => Promise.reject(new Error('plans are made by the job queue\'s workers'));

async function openQueue(config: ServiceConfig, url: string, store: PgStore, worker: WorkerTravel | undefined, logger: FastifyBaseLogger) {
  const boss = await startQueue(url, { heartbeatSeconds: config.queueHeartbeatSeconds, monitorSeconds: config.queueMonitorSeconds }, logger);
  const jobs = new QueuedJobs({ url, store, boss, log: logger.child({ plugin: 'jobs' }) });
  await jobs.start();
  const planning = worker && config.plannerThreads > 0 ? await startPlanWorker(config, store, boss, worker, logger) : undefined;
  return { boss, jobs, ...(planning ? { worker: planning } : {}) };
}

/** SIGTERM and SIGINT close the server gracefully, then exit; a second signal exits at once. */
export function closeOnSignals(server: RunningServer, log: FastifyBaseLogger, after: () => Promise<void> = async () => {}): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, 'shutting down');
    server
      .close()
      .then(after)
      .then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
