/**
 * Solution quality, bounded: feasibility alone let a search that steers its penalties the
 * wrong way (r101 +10%) or keeps its last feasible solution instead of its best pass. At a
 * fixed seed and iteration budget the search is deterministic, so each cost is recorded
 * here; a change may lower one (then record the new figure), never raise it. Recorded with
 * commit 5677eaa's solver. Raised once, for r101 (1650.80, its best-known, to 1652.17): issue 12's
 * hotter schedule after the first feasible plan ends 0.08 % above at 1,000 rounds, and reaches
 * the best-known at the benchmark's 10 s (solver README).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BENCHMARKS_DIR } from '../../src/benchmarks/catalog.ts';
import { instanceName, parseInstance } from '../../src/benchmarks/load.ts';
import { toSolverInput } from '../../src/benchmarks/toSolverInput.ts';
import { solve } from '../../src/solver/index.ts';

const cases = [
  { file: 'solomon/r101.txt', vehicles: 19, iterations: 1000, recorded: 1652.1682 },
  { file: 'pvrp/p01', vehicles: undefined, iterations: 800, recorded: 532.9958 },
  { file: 'pvrptw/pr01', vehicles: undefined, iterations: 1000, recorded: 2930.2857 },
];

describe('solution cost at a fixed seed and budget', () => {
  test.each(cases)('$file: at most its recorded cost; the best reported never worsens and is what comes back', ({ file, vehicles, iterations, recorded }) => {
    const path = join(BENCHMARKS_DIR, file);
    const input = toSolverInput(parseInstance(readFileSync(path, 'utf8'), instanceName(path)), { maxVehiclesPerDay: vehicles });
    const reported: number[] = [];
    const result = solve(input, { seed: 1, maxIterations: iterations, onProgress: (p) => p.feasible && reported.push(p.bestCost) });
    expect(result.feasible).toBe(true);
    expect(result.distance).toBeLessThanOrEqual(recorded + 1e-4);
    const worsened = reported.filter((c, i) => i > 0 && c > reported[i - 1] + 1e-9);
    expect(worsened).toEqual([]);
    expect(result.cost).toBeCloseTo(reported[reported.length - 1], 9);
  });
});
