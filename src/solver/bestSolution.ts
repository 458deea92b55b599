/**
 * The best solution seen, kept apart from the search's states as a snapshot: the cheapest
 * feasible one, or while none is feasible the least violating. A feasible solution, once
 * found, is never displaced by an infeasible one, whatever the search meets later.
 */
import { IMPROVEMENT_EPS } from './costEvaluator.ts';
import type { Routes } from './routes.ts';

/** Route sequences of one solution, enough to rebuild the result. */
export interface Snapshot {
  routes: number[][];
  pattern: Int32Array;
}

export function snapshot(R: Routes): Snapshot {
  const routes: number[][] = [];
  for (let r = 0; r < R.len.length; r++) {
    const base = r * R.cap;
    routes.push(Array.from(R.node.subarray(base + 1, base + 1 + R.len[r])));
  }
  return { routes, pattern: R.pattern.slice() };
}

export class BestSolution {
  snapshot: Snapshot;
  /** True cost of the best feasible solution (Infinity while there is none). */
  cost = Infinity;
  feasible = false;
  /** Violation of the least-violating solution, while none is feasible. */
  private violation: number;

  /** Starts from the state `R` (judged feasible or not, with its true cost and violation). */
  constructor(R: Routes, feasible: boolean, cost: number, violation: number) {
    this.snapshot = snapshot(R);
    this.violation = violation;
    if (feasible) {
      this.feasible = true;
      this.cost = cost;
    }
  }

  /** Keeps `R` if it is better; returns true when it is a new best feasible solution. */
  offer(R: Routes, feasible: boolean, cost: number, violation: number): boolean {
    if (feasible && cost < this.cost - IMPROVEMENT_EPS) {
      this.cost = cost;
      this.snapshot = snapshot(R);
      this.feasible = true;
      return true;
    }
    if (!this.feasible && violation < this.violation) {
      this.violation = violation;
      this.snapshot = snapshot(R);
    }
    return false;
  }
}
