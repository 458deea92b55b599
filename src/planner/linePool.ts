import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { LinePlan } from '../domain/plan.ts';
import type { TerrainGrid } from '../travel/terrainGrid.ts';
import type { TravelSpec } from '../travel/travelSpec.ts';
import type { LineTask } from './planLine.ts';

/**
 * The worker pool that plans lines in parallel, one task a line. A worker that throws fails
 * its own task; the pool and the other lines go on.
 */
export class LinePool {
  readonly #pool: Piscina;
  readonly threads: number;

  constructor(threads = availableParallelism()) {
    this.threads = threads;
    this.#pool = new Piscina({
      filename: new URL('../../workers/planLine.ts', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      // Lines are CPU-bound for about a second each: no point queueing more than a city.
      idleTimeout: 60_000,
      // A runaway line fails its own task (ERR_WORKER_OUT_OF_MEMORY), not the process.
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
  }

  /** The line's plan, or the travel error that stopped it (the worker's answer: see workers/planLine.ts). */
  run(task: LineTask, grid: TerrainGrid, travel: TravelSpec, signal?: AbortSignal): Promise<LinePlan | { travelError: string }> {
    return this.#pool.run({ task, grid, travel }, signal ? { signal } : {});
  }

  close(): Promise<void> {
    return this.#pool.destroy();
  }
}
