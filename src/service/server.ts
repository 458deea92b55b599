import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { Planner } from '../planner/api.ts';
import type { TravelSource } from '../travel/travelSource.ts';
import { buildApp } from './app.ts';
import { KeyRing, parseEnvKeys, readKeysFile } from './auth/keys.ts';
import type { ServiceConfig } from './config.ts';
import type { Store } from './store/index.ts';
import { openConfiguredStore } from './store/open.ts';

export interface RunningServer {
  app: FastifyInstance;
  /** SQLite, or PostgreSQL when DATABASE_URL is set. */
  store: Store;
  url: string;
  /** Graceful: stop accepting, let requests in flight finish, stop the running job, close the store. */
  close(): Promise<void>;
}

/**
 * Opens the store, builds the app and listens (after fastify/demo's server.ts: the
 * logger, listen, timeouts and shutdown live here, not in the app).
 */
export async function startServer(opts: { config: ServiceConfig; planner: Planner; travel?: TravelSource; logger?: FastifyBaseLogger; clock?: () => number }): Promise<RunningServer> {
  const { config } = opts;
  const logger = opts.logger ?? (pino({ level: config.logLevel }) as unknown as FastifyBaseLogger);
  const store = await openConfiguredStore(config);
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
  const app = await buildApp({ config, store, planner: opts.planner, keys, clock: opts.clock, ...(opts.travel ? { travel: opts.travel } : {}) }, logger, {
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
      } finally {
        clearTimeout(timer);
        await store.close();
      }
    })());
  return { app, store, url, close };
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
