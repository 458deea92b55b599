/**
 * workers/solve.ts through the pool, as bench:families and bench:scale run it: the same
 * answer as the solve without the pool, and a task that throws fails alone.
 */
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { afterAll, expect, test } from 'vitest';
import { BENCHMARKS_DIR } from '../../src/benchmarks/catalog.ts';
import { runSolveTask, type SolveTask, type SolveTaskResult } from '../../src/benchmarks/runTask.ts';

const pool = new Piscina<SolveTask, SolveTaskResult>({ filename: new URL('../../workers/solve.ts', import.meta.url).href, maxThreads: 1 });
afterAll(() => pool.destroy());

test('a pooled solve equals the direct one; a missing file fails its task only, naming it', async () => {
  const task: SolveTask = { path: join(BENCHMARKS_DIR, 'solomon/c101.txt'), seed: 3, maxIterations: 100, maxVehiclesPerDay: 10 };
  const [pooled, broken] = await Promise.allSettled([pool.run(task), pool.run({ ...task, path: '/nonexistent/c999.txt' })]);
  expect(pooled.status).toBe('fulfilled');
  expect((pooled as PromiseFulfilledResult<SolveTaskResult>).value.solution).toEqual(runSolveTask(task).solution);
  expect(broken.status).toBe('rejected');
  expect(String((broken as PromiseRejectedResult).reason)).toContain('/nonexistent/c999.txt');
  expect((await pool.run(task)).solution).toEqual((pooled as PromiseFulfilledResult<SolveTaskResult>).value.solution);
});
