/**
 * When the search, having found nothing feasible, turns from the penalised search to a rescue:
 * route minimisation, or where minimum loads forbid emptying routes, a restart from the
 * least-violating state at higher weights.
 *
 * A rescue is due once the penalised search has stalled: for `patience` rounds (one per
 * customer, 100 at least) its least violation has not fallen by 1%. While it makes headway it
 * goes on, as it does on Gehring–Homberger's RC1, where it finds its first feasible plan after
 * 600 rounds and an early rescue finds a far dearer one.
 *
 * Counted in rounds from the start, never in shares of the budget: a longer budget replays the
 * same rounds up to its first feasible solution, so it finds whatever a shorter one found, and
 * a longer budget never turns a feasible verdict into an infeasible one (issue 12). A failed
 * rescue leaves the penalised search a pause; windows and pauses double each time.
 */

/**
 * Rounds of the first rescue window, at most. A round of route minimisation (ruin and recreate,
 * no local search) costs 20–30 times less than one of the penalised search on Solomon's RC1.
 */
export const FIRST_WINDOW = 6000;
/**
 * Rounds of penalised search after the first failed rescue, at least, and at least `patience`:
 * the search resumes from the rescue's state (its customers out put back, violations and all),
 * a state unlike the one that stalled, and needs as long to show headway as it had before. At
 * 1,000 customers 150 rounds are 2 s, and the next rescue followed at once (headway counts
 * against the least violation before the rescue). Up to 150 customers nothing changes.
 */
export const FIRST_PAUSE = 150;
/** A fall of the least violation smaller than this share is no headway. */
const HEADWAY = 0.01;

export class RescueSchedule {
  readonly patience: number;
  private next = 0;
  private pause: number;
  private window = FIRST_WINDOW;
  private mark: number;
  private markedAt = 0;

  /** For a search of `customers` customers whose least violation is `violation` at round 0. */
  constructor(customers: number, violation: number) {
    this.patience = Math.max(100, customers);
    this.pause = Math.max(FIRST_PAUSE, this.patience);
    this.mark = violation;
  }

  /** Tells the least violation seen by round `iteration`. */
  observe(iteration: number, violation: number): void {
    if (violation < this.mark * (1 - HEADWAY)) {
      this.mark = violation;
      this.markedAt = iteration;
    }
  }

  /** Whether a rescue is due at round `iteration`. */
  due(iteration: number): boolean {
    return iteration >= this.next && iteration - this.markedAt >= this.patience;
  }

  /** Starts a rescue; returns the rounds it may take. The next one may take twice as many. */
  start(): number {
    const rounds = this.window;
    this.window *= 2;
    return rounds;
  }

  /** The rescue ended at round `iteration` with nothing feasible: the penalised search gets a pause, twice as long each time. */
  failed(iteration: number): void {
    this.next = iteration + this.pause;
    this.pause *= 2;
  }
}
