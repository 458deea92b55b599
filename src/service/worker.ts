/**
 * `npm run worker`: a planner worker. Takes plan jobs' tasks from the shared queue in
 * DATABASE_URL's PostgreSQL (split, lines, merge) and runs them on PLANNER_THREADS
 * threads; any number run, on any machines, beside any number of API instances. SIGTERM
 * and SIGINT stop it: lines it was running go back on the queue for another worker.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { PolicySchema } from '../domain/policy.ts';
import { loadTerrain } from '../travel/loadTerrain.ts';
import { travelSpecFrom } from '../travel/travelConfig.ts';
import { travelSource } from '../travel/travelSpec.ts';
import { loadConfig } from './config.ts';
import { startQueue } from './jobs/queue/queues.ts';
import { startPlanWorker } from './jobs/queue/startWorker.ts';
import { openPgStore } from './store/pg/index.ts';

const config = loadConfig();
const logger = pino({ level: config.logLevel }) as unknown as FastifyBaseLogger;
if (config.databaseUrl === undefined) {
  logger.fatal('a planner worker needs DATABASE_URL: the PostgreSQL that holds the store and the job queue');
  process.exit(2);
}
const demoDir = resolve(process.env.DEMO_DATA ?? 'data/demo');
const terrain = loadTerrain(join(demoDir, 'terrain.asc'));
const travel = travelSpecFrom(process.env.OSRM_URL);
const days = travelSource(travel, terrain, PolicySchema.parse(JSON.parse(readFileSync(join(demoDir, 'policy.json'), 'utf8'))));

const store = await openPgStore(config.databaseUrl);
const boss = await startQueue(config.databaseUrl, { heartbeatSeconds: config.queueHeartbeatSeconds, monitorSeconds: config.queueMonitorSeconds }, logger);
const worker = await startPlanWorker(config, store, boss, { terrain, travel, days }, logger);
logger.info({ worker: config.workerName, threads: config.plannerThreads }, 'planner worker taking tasks');
process.stdout.write(`planner worker ${config.workerName} taking tasks (${config.plannerThreads} threads)\n`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'planner worker stopping');
    (async () => {
      await worker.stop();
      await boss.stop({ graceful: false });
      await store.close();
    })().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'planner worker did not stop cleanly');
        process.exit(1);
      },
    );
  });
}
