/**
 * Piscina worker: one benchmark solve per task. Glue only; the job itself is
 * runSolveTask, tested without the pool.
 */
import { runSolveTask, type SolveTask, type SolveTaskResult } from '../src/benchmarks/runTask.ts';

export default function solveTask(task: SolveTask): SolveTaskResult {
  return runSolveTask(task);
}
