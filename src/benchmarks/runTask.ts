import { readFileSync } from 'node:fs';
import { solve } from '../solver/index.ts';
import { fromSolverResult } from './fromSolverResult.ts';
import { instanceName, parseInstance } from './load.ts';
import type { SolutionJson } from './solution.ts';
import { toSolverInput } from './toSolverInput.ts';

/** One benchmark solve, as sent to a worker (plain data, structured-cloneable). */
export interface SolveTask {
  /** Instance file; or `text` (with `name`) when the caller already holds it. */
  path?: string;
  text?: string;
  name?: string;
  seed?: number;
  timeLimitMs?: number;
  maxIterations?: number;
  /** Routes per day (e.g. the BKS vehicles of a hierarchical objective). */
  maxVehiclesPerDay?: number;
}

export interface SolveTaskResult {
  solution: SolutionJson;
  /** The solver's own verdict; benchmarks re-check with the independent checker. */
  feasible: boolean;
  distance: number;
  skipped: number;
  iterations: number;
  elapsedMs: number;
  /** When the solver first reported a feasible solution (ms after the solve began), or null. */
  firstFeasibleMs: number | null;
  /** Peak resident set of the whole process so far (a worker shares it with its pool). */
  maxRssBytes: number;
}

/** Parse, adapt, solve, map back to file ids: the whole job of a worker, without the pool. */
export function runSolveTask(task: SolveTask): SolveTaskResult {
  if (task.path === undefined && task.text === undefined) throw new Error('a solve task needs a path or a text');
  const text = task.text ?? readFileSync(task.path as string, 'utf8');
  const name = task.name ?? (task.path ? instanceName(task.path) : 'instance');
  const problem = parseInstance(text, name);
  const input = toSolverInput(problem, { maxVehiclesPerDay: task.maxVehiclesPerDay });
  const started = performance.now();
  let firstFeasibleMs: number | null = null;
  const result = solve(input, {
    seed: task.seed,
    timeLimitMs: task.timeLimitMs,
    maxIterations: task.maxIterations,
    onProgress: (p: { feasible: boolean }) => {
      if (p.feasible && firstFeasibleMs === null) firstFeasibleMs = performance.now() - started;
    },
  });
  const elapsedMs = performance.now() - started;
  // The solver reports a feasible construction only at its first improvement or
  // progress tick, so firstFeasibleMs is an upper bound; a feasible end is at most the run.
  if (result.feasible && firstFeasibleMs === null) firstFeasibleMs = elapsedMs;
  return {
    solution: fromSolverResult(problem, result),
    feasible: result.feasible,
    distance: result.distance,
    skipped: result.skipped.length,
    iterations: result.iterations,
    elapsedMs,
    firstFeasibleMs,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}
