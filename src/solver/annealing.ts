/**
 * Simulated-annealing acceptance on penalised cost (after SISR, Christiaens & Vanden Berghe
 * 2020): a candidate replaces the current state if its cost is below the current one's plus
 * T · (−ln u), with u uniform. While nothing feasible has been found T stays at `searching`
 * (so that the path to a first feasible solution does not depend on the budget); from then on
 * it decays geometrically from `t0` to `t1` over the budget.
 *
 * An infeasible candidate is judged like any other, by its penalised cost: the weights that
 * price its violations are what keep the search near feasible space (`PenaltyManager`), and
 * the best feasible solution is kept apart (`BestSolution`), so wandering costs nothing found.
 * Refusing every infeasible candidate once the current state was feasible (as before issue 12)
 * left tight-window searches stuck: on Gehring–Homberger r2_2_7 the best stopped improving
 * after 6 of 30 seconds.
 */
import type { Random } from './random.ts';

export class Annealing {
  /** Penalised cost of the current state (priced again when the weights change). */
  current: number;
  private readonly searching: number;
  private readonly t0: number;
  private readonly t1: number;

  constructor(searching: number, t0: number, t1: number, current: number) {
    this.searching = searching;
    this.t0 = t0;
    this.t1 = t1;
    this.current = current;
  }

  /** The temperature at `fraction` (0..1) of the budget, or while nothing is feasible (null). */
  temperature(fraction: number | null): number {
    return fraction === null ? this.searching : this.t0 * Math.pow(this.t1 / this.t0, fraction);
  }

  /**
   * Draws one number from `rng` and says whether the candidate replaces the current state; if
   * it does, the candidate's cost becomes the current one. `fraction` as in `temperature`.
   */
  accept(candidateCost: number, fraction: number | null, rng: Random): boolean {
    const threshold = this.current - this.temperature(fraction) * Math.log(1 - rng.next());
    if (candidateCost < threshold) {
      this.current = candidateCost;
      return true;
    }
    return false;
  }
}
