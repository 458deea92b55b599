/**
 * Simulated-annealing acceptance on penalised cost (after SISR, Christiaens & Vanden Berghe
 * 2020): a candidate replaces the current state if its cost is below the current one's plus
 * T · (−ln u), with u uniform and T decaying geometrically from `t0` to `t1` over the budget.
 * Once the current state is feasible only a feasible candidate may replace it, which keeps
 * tight-fleet searches from drifting off into cheaper infeasible regions.
 */
import type { Random } from './random.ts';

export class Annealing {
  /** Penalised cost of the current state (priced again when the weights change). */
  current: number;
  currentFeasible: boolean;
  private readonly t0: number;
  private readonly t1: number;

  constructor(t0: number, t1: number, current: number, currentFeasible: boolean) {
    this.t0 = t0;
    this.t1 = t1;
    this.current = current;
    this.currentFeasible = currentFeasible;
  }

  /** The temperature at `fraction` (0..1) of the budget. */
  temperature(fraction: number): number {
    return this.t0 * Math.pow(this.t1 / this.t0, fraction);
  }

  /**
   * Draws one number from `rng`, always, and says whether the candidate replaces the current
   * state; if it does, the candidate's cost and verdict become the current ones.
   */
  accept(candidateCost: number, candidateFeasible: boolean, fraction: number, rng: Random): boolean {
    const threshold = this.current - this.temperature(fraction) * Math.log(1 - rng.next());
    if ((candidateFeasible || !this.currentFeasible) && candidateCost < threshold) {
      this.current = candidateCost;
      this.currentFeasible = candidateFeasible;
      return true;
    }
    return false;
  }
}
