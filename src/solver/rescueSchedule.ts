/**
 * When the search, having found nothing feasible, turns from the penalised search to a rescue:
 * route minimisation, or where minimum loads forbid emptying routes, a restart from the
 * least-violating state at higher weights.
 *
 * Counted in rounds from the start, never in shares of the budget: a longer budget replays the
 * same rounds up to its first feasible solution, so it finds whatever a shorter one found and a
 * longer budget never turns a feasible verdict into an infeasible one (issue 12). Windows and
 * pauses double each time, so that whatever the budget, the rescues and the penalised search
 * share it in about the same proportions, without knowing it.
 */

/** Rounds of penalised search before the first rescue (a tenth of the default budget of 1000). */
export const FIRST_RESCUE = 100;
/**
 * Rounds of the first rescue window. A round of route minimisation (ruin and recreate, no local
 * search) costs 20–30 times less than one of the penalised search on Solomon's RC1, so this is
 * about twice the first pause in time, as the share-based schedule before it gave.
 */
export const FIRST_WINDOW = 6000;

export class RescueSchedule {
  private next: number;
  private pause: number;
  private window: number;

  constructor(first = FIRST_RESCUE, window = FIRST_WINDOW) {
    this.next = first;
    this.pause = 1.5 * first;
    this.window = window;
  }

  /** Whether a rescue is due at round `iteration`. */
  due(iteration: number): boolean {
    return iteration >= this.next;
  }

  /** Starts a rescue; returns the rounds it may take. The next one may take twice as many. */
  start(): number {
    const rounds = this.window;
    this.window *= 2;
    return rounds;
  }

  /** The rescue ended at round `iteration` with nothing feasible: the penalised search pauses it, for twice as long each time. */
  failed(iteration: number): void {
    this.next = iteration + this.pause;
    this.pause *= 2;
  }
}
