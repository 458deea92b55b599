import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Planner } from '../../../src/planner/api.ts';
import type { TravelSource } from '../../../src/travel/travelSource.ts';
import { newKey } from '../../../src/service/auth/keys.ts';
import { loadConfig, type ServiceConfig } from '../../../src/service/config.ts';
import { startServer, type RunningServer } from '../../../src/service/server.ts';
import { pino } from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { poll } from '../../support/poll.ts';
import { createDatabase, sharedCluster } from '../../support/usePostgres.ts';
import type { DatabaseSync } from 'node:sqlite';
import { openStore, type SqliteStore, type Store } from '../../../src/service/store/index.ts';
import { openPgStore, type PgStore } from '../../../src/service/store/pg/index.ts';

/** The stores a test file may run on: `describe.each(STORES)`, then `startTestService(planner, { store })`. */
export const STORES = ['sqlite', 'postgres'] as const;
export type StoreName = (typeof STORES)[number];

/** Keys of the test service: two planners of every city, the managers of L01 and L02 and a second key on L01 (default city); in city `other`, a planner and L01's manager. */
export interface TestKeys {
  planner: string;
  planner2: string;
  l01: string;
  l02: string;
  l01b: string;
  otherPlanner: string;
  otherL01: string;
}

export interface TestService extends RunningServer {
  dir: string;
  keys: TestKeys;
  config: ServiceConfig;
  /** fetch against the service with a key (or none) and a JSON body. */
  call(method: string, path: string, opts?: { key?: string | null; body?: unknown; headers?: Record<string, string>; raw?: string }): Promise<Response>;
  stop(): Promise<void>;
}

/** Secrets as `API_KEYS` wants them: 32 or more random characters (these are fixed, for tests only). */
const SECRETS = {
  plan: 'pT4vKq9ZxW2mL7bN0cR5sJ8dF1gH6yUe',
  plan2: 'Qa3Ws7Ed1Rf5Tg9Yh2Uj6Ik0Ol4Pz8Xc',
  wang: 'mN5bV1cX9zL3kJ7hG2fD6sA0qW4eR8tY',
  li: 'Zx8Cv2Bn6Mm0Lk4Jh1Gf5Dd9Ss3Aa7Qw',
  zhao: 'Hy6Tg0Rf4Ed8Ws2Qa7Uj1Ik5Ol9Pp3Mn',
  xy: 'Rt5Yu9Io3Pa7Sd1Fg6Hj0Kl4Zx8Cv2Bn',
  kim: 'Wq2Er6Ty0Ui4Op8As3Df7Gh1Jk5Lz9Xm',
};

/** The env-style key list the tests give in API_KEYS. */
export const ENV_KEYS = [
  `plan:planner::${SECRETS.plan}`,
  `plan2:planner::${SECRETS.plan2}`,
  `wang:manager:L01:${SECRETS.wang}`,
  `li:manager:L02:${SECRETS.li}`,
  `zhao:manager:L01:${SECRETS.zhao}`,
  `xy:planner:@other:${SECRETS.xy}`,
  `kim:manager:L01@other:${SECRETS.kim}`,
].join(',');
export const ENV_TOKENS: TestKeys = {
  planner: `plan.${SECRETS.plan}`,
  planner2: `plan2.${SECRETS.plan2}`,
  l01: `wang.${SECRETS.wang}`,
  l02: `li.${SECRETS.li}`,
  l01b: `zhao.${SECRETS.zhao}`,
  otherPlanner: `xy.${SECRETS.xy}`,
  otherL01: `kim.${SECRETS.kim}`,
};

/** A real listening service on 127.0.0.1, port 0, in a fresh data directory; with `logs`, its log lines (JSON) are collected there; with `travel`, the days' routes come from it. */
export async function startTestService(
  planner: Planner,
  { clock, store = 'sqlite', ...over }: Partial<ServiceConfig> & { clock?: () => number; store?: StoreName } = {},
  logs?: Record<string, unknown>[],
  travel?: TravelSource,
): Promise<TestService> {
  const dir = await mkdtemp(join(tmpdir(), 'vp-service-'));
  // Load shedding is off unless a test asks for it (overload.test.ts): on a busy CI machine
  // the event loop of the process that runs the tests lags past 1 s, and a 503 is not what
  // the other tests are about.
  // PostgreSQL: a new database in the run's cluster (vitest.config.ts's global setup), dropped at stop().
  let database: { url: string; drop: () => Promise<void> } | undefined;
  if (store === 'postgres') {
    const admin = sharedCluster();
    if (admin === undefined) throw new Error("a service on PostgreSQL needs the run's cluster: run under vitest.config.ts (its globalSetup)");
    database = await createDatabase(admin);
  }
  const config: ServiceConfig = {
    ...loadConfig({ DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', API_KEYS: ENV_KEYS, ...(database ? { DATABASE_URL: database.url, PLAN_JOBS: 'in-process' } : {}) }),
    maxEventLoopDelayMs: 0,
    ...over,
  };
  const logger = (
    logs
      ? pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) })
      : pino({ level: process.env.TEST_LOG ?? 'silent' })
  ) as unknown as FastifyBaseLogger;
  const server = await startServer({ config, planner, logger, clock, ...(travel ? { travel } : {}) });
  const call: TestService['call'] = (method, path, opts = {}) => {
    const key = opts.key === undefined ? ENV_TOKENS.planner : opts.key;
    const headers: Record<string, string> = { ...(key ? { authorization: `Bearer ${key}` } : {}), ...opts.headers };
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    return fetch(`${server.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  };
  return {
    ...server,
    dir,
    keys: ENV_TOKENS,
    config,
    call,
    stop: async () => {
      await server.close();
      await database?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The service's store opened again, as a restart would (SQLite in its data dir, or its PostgreSQL database). */
export function reopenStore(config: Pick<ServiceConfig, 'databaseUrl' | 'dataDir'>): Promise<Store> {
  return config.databaseUrl === undefined ? openStore(config.dataDir) : openPgStore(config.databaseUrl);
}

/** The SQLite connection of a service on SQLite, for a test's own statements. */
export function sqliteDb(svc: TestService): DatabaseSync {
  if (svc.store.location.kind !== 'sqlite') throw new Error('this test reads SQLite directly');
  return (svc.store as SqliteStore).db;
}

/** Runs a test's own statement (no parameters) on the service's store, SQLite or PostgreSQL. */
export async function exec(svc: TestService, sql: string): Promise<void> {
  if (svc.store.location.kind === 'sqlite') (svc.store as SqliteStore).db.exec(sql);
  else await (svc.store as PgStore).pool.query(sql);
}

/** Polls a plan job until it leaves queued/running (a long wait polls less often: the rate limit counts the polls). */
export function waitForJob(svc: TestService, id: string, timeoutMs = 10_000): Promise<{ status: string; [k: string]: unknown }> {
  return poll(jobOf(svc, id), (job) => job.status === 'succeeded' || job.status === 'failed', `job ${id} to end`, { timeoutMs, everyMs: timeoutMs > 10_000 ? 250 : 20 });
}

/** Polls a plan job until it has this status (a job said to be running has started, whatever the machine's load). */
export async function waitForStatus(svc: TestService, id: string, status: string, timeoutMs = 10_000): Promise<void> {
  await poll(jobOf(svc, id), (job) => job.status === status, `job ${id} to be ${status}`, { timeoutMs });
}

const jobOf = (svc: TestService, id: string) => async () => (await (await svc.call('GET', `/v1/plans/${id}`)).json()) as { status: string; [k: string]: unknown };

export { newKey };

/** Uploads the tiny dataset and plans the week of 2026-03-09 on it. */
export async function seedPlan(svc: TestService, upload: unknown): Promise<{ datasetId: string; planId: string }> {
  const ds = (await (await svc.call('POST', '/v1/datasets', { body: upload })).json()) as { id: string };
  const job = (await (await svc.call('POST', '/v1/plans', { body: { dataset: ds.id, start: '2026-03-09', weeks: 1 } })).json()) as { id: string };
  const done = await waitForJob(svc, job.id);
  if (done.status !== 'succeeded') throw new Error(`seed plan ${done.status}`);
  return { datasetId: ds.id, planId: job.id };
}
