import { PgBoss, type Db } from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { PoolClient } from '../../store/pg/db.ts';

/**
 * The plan queues, in pg-boss on the store's own PostgreSQL (schema `pgboss`): no other
 * server to run, and a job's line tasks enter the queue in the same transaction that
 * marks the job running, so neither is ever there without the other.
 *
 * A job goes split → one task per line → merge. Line tasks carry a heartbeat: a worker
 * killed in the middle of a line stops beating, and the line goes back on the queue for
 * another worker once `heartbeatSeconds` have passed without a beat.
 */
export const SPLIT = 'plan-split';
export const LINE = 'plan-line';
export const MERGE = 'plan-merge';
/** Where a line goes once its tries are spent (it is recorded as failed, and the plan goes on without it). */
export const LINE_DEAD = 'plan-line-dead';
/** Where a split or merge goes once its tries are spent (the job fails). */
export const JOB_DEAD = 'plan-job-dead';

export interface SplitData {
  readonly job: string;
}
export interface MergeData {
  readonly job: string;
  readonly attempt: number;
}

export interface QueueTimings {
  /** A worker's task with no heartbeat for this long goes back to the queue (pg-boss's minimum is 10). */
  readonly heartbeatSeconds: number;
  /** How often an instance looks for tasks whose heartbeat stopped. */
  readonly monitorSeconds: number;
}

/** Tries of a task before it goes to its dead-letter queue: a worker may die twice under one line (an OOM, a kill) and the third still runs it. */
const RETRY_LIMIT = 2;
/** A line's budget is minutes at most; an hour bounds a task that beats but never ends. */
const EXPIRE_SECONDS = 3600;

/** Starts pg-boss on `url` (creating its schema and the plan queues if missing). */
export async function startQueue(url: string, timings: QueueTimings, log: FastifyBaseLogger, poolSize = 4): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: 'pgboss',
    max: poolSize,
    schedule: false,
    monitorIntervalSeconds: timings.monitorSeconds,
    superviseIntervalSeconds: timings.monitorSeconds,
  });
  // pg-boss reports a lost connection and goes on retrying; the process must not die of it.
  boss.on('error', (err) => log.warn({ err }, 'job queue: database error'));
  await boss.start();
  const common = { retryLimit: RETRY_LIMIT, expireInSeconds: EXPIRE_SECONDS, heartbeatSeconds: timings.heartbeatSeconds };
  await boss.createQueue(JOB_DEAD);
  await boss.createQueue(LINE_DEAD);
  // 'short': one waiting split (or merge) per job at most; the API may send a job's split again after a restart.
  await boss.createQueue(SPLIT, { ...common, policy: 'short', deadLetter: JOB_DEAD });
  await boss.createQueue(MERGE, { ...common, policy: 'short', deadLetter: JOB_DEAD });
  await boss.createQueue(LINE, { ...common, deadLetter: LINE_DEAD });
  // createQueue leaves an existing queue as it was: a changed QUEUE_HEARTBEAT_SECONDS must still reach it (for tasks sent from now on).
  for (const name of [SPLIT, MERGE, LINE]) await boss.updateQueue(name, common);
  return boss;
}

/** A transaction's client as pg-boss's database, so that what it inserts commits with the transaction. */
export function inTransaction(client: PoolClient): Db {
  return { executeSql: (text, values) => client.query(text, values) };
}
