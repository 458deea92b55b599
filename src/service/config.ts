import { join, resolve } from 'node:path';

/** Everything the service reads from its environment, read once at start. */
export interface ServiceConfig {
  /** Holds the SQLite store (`planner.db`) and, by default, the keys file. */
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  /** A JSON file of hashed keys (see auth/keys.ts); default `<dataDir>/keys.json`. */
  readonly keysFile: string;
  /** Keys given in the environment, `role:line:secret` or `planner::secret`, comma separated (development and tests). */
  readonly envKeys: string | undefined;
  readonly logLevel: string;
  /** Largest dataset upload, bytes of the JSON body (base64 files inside). */
  readonly uploadLimitBytes: number;
  /** Largest body of every other route. */
  readonly bodyLimitBytes: number;
  /** Event-loop delay above which requests are shed with 503 (@fastify/under-pressure); 0 turns it off. */
  readonly maxEventLoopDelayMs: number;
  /** Plan jobs that may wait behind the running one; more are refused with 503. */
  readonly maxQueuedJobs: number;
  /** How long graceful shutdown waits for in-flight requests before giving up. */
  readonly shutdownGraceMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const dataDir = resolve(env.DATA_DIR ?? 'var');
  return {
    dataDir,
    host: env.HOST ?? '127.0.0.1',
    port: env.PORT === undefined ? 3000 : Number(env.PORT),
    keysFile: resolve(env.KEYS_FILE ?? join(dataDir, 'keys.json')),
    envKeys: env.API_KEYS,
    logLevel: env.LOG_LEVEL ?? 'info',
    uploadLimitBytes: Number(env.UPLOAD_LIMIT_BYTES ?? 64 * 1024 * 1024),
    bodyLimitBytes: Number(env.BODY_LIMIT_BYTES ?? 64 * 1024),
    shutdownGraceMs: Number(env.SHUTDOWN_GRACE_MS ?? 10_000),
    maxQueuedJobs: Number(env.MAX_QUEUED_JOBS ?? 20),
    maxEventLoopDelayMs: Number(env.MAX_EVENT_LOOP_DELAY_MS ?? 1000),
  };
}
