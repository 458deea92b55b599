/**
 * The guard every solver change must keep green: small instances of each family solved
 * with a fixed seed and iteration budget (no wall clock), checked by the independent
 * checker, whose distance must equal the solver's cost.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BENCHMARKS_DIR } from '../../src/benchmarks/catalog.ts';
import { loadInstance } from '../../src/benchmarks/load.ts';
import { runSolveTask } from '../../src/benchmarks/runTask.ts';
import { checkSolution } from '../../checks/feasibility.ts';

const cases = [
  // Solomon c101 on the BKS fleet of 10 (hierarchical objective: vehicles first).
  { file: 'solomon/c101.txt', vehicles: 10, iterations: 1000 },
  // PVRP, 2 days, 50 customers (the depot dummy 51 dropped).
  { file: 'pvrp/p01', vehicles: undefined, iterations: 1000 },
  // PVRPTW, 4 days, windows and a 500 duration limit.
  { file: 'pvrptw/pr01', vehicles: undefined, iterations: 1000 },
];

describe('solver on benchmark instances, independently checked', () => {
  test.each(cases)('$file', ({ file, vehicles, iterations }) => {
    const path = join(BENCHMARKS_DIR, file);
    const out = runSolveTask({ path, seed: 1, maxIterations: iterations, maxVehiclesPerDay: vehicles });
    const check = checkSolution(loadInstance(path), out.solution, { maxVehiclesPerDay: vehicles });
    expect(check.violations).toEqual([]);
    expect(out.feasible).toBe(true);
    expect(out.skipped).toBe(0);
    expect(Math.abs(check.distance - out.solution.cost) / check.distance).toBeLessThan(1e-9);
    expect(out.iterations).toBe(iterations);
  });

  test('the same seed and budget give the same solution', () => {
    const task = { path: join(BENCHMARKS_DIR, 'pvrp/p01'), seed: 5, maxIterations: 100 };
    expect(runSolveTask(task).solution).toEqual(runSolveTask(task).solution);
  });
});
