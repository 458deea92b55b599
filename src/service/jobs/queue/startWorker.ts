import type { FastifyBaseLogger } from 'fastify';
import type { PgBoss } from 'pg-boss';
import { LinePool } from '../../../planner/linePool.ts';
import type { TerrainGrid } from '../../../travel/terrainGrid.ts';
import type { TravelSource } from '../../../travel/travelSource.ts';
import type { TravelSpec } from '../../../travel/travelSpec.ts';
import type { ServiceConfig } from '../../config.ts';
import type { PgStore } from '../../store/pg/index.ts';
import { PlanWorker } from './planWorker.ts';

/** What a planner worker needs besides the store and the queue: how lines are solved and routed. */
export interface WorkerTravel {
  readonly terrain: TerrainGrid;
  readonly travel: TravelSpec;
  readonly days: TravelSource | undefined;
}

/** A planner worker on a pool of its own (PLANNER_THREADS), taking tasks until stopped. */
export async function startPlanWorker(
  config: Pick<ServiceConfig, 'plannerThreads' | 'workerName' | 'planIterationsPerLine' | 'queueHeartbeatSeconds'>,
  store: PgStore,
  boss: PgBoss,
  travel: WorkerTravel,
  log: FastifyBaseLogger,
): Promise<{ stop: () => Promise<void> }> {
  const pool = new LinePool(config.plannerThreads);
  const worker = new PlanWorker({
    store,
    boss,
    pool,
    ...travel,
    log: log.child({ worker: config.workerName }),
    name: config.workerName,
    heartbeatSeconds: config.queueHeartbeatSeconds,
    ...(config.planIterationsPerLine === undefined ? {} : { planner: { iterationsPerLine: config.planIterationsPerLine } }),
  });
  await worker.start();
  return {
    stop: async () => {
      await worker.stop();
      await pool.close();
    },
  };
}
