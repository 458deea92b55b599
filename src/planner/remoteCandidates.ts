import lpModule from 'javascript-lp-solver';

// The package's types describe an ES default export; its CommonJS main exports the solver itself.
const lp = ((lpModule as unknown as { default?: typeof lpModule.default }).default ?? lpModule) as unknown as typeof lpModule.default;

/** A retailer that could be served remotely, and what that would be worth. */
export interface RemoteOption {
  /** Most of its visits that may go remote (the consecutive-remote rule caps it). */
  readonly maxRemote: number;
  /** Yuan saved per remote visit (driving detour avoided less the phone charge); ≤ 0 is not worth it. */
  readonly savingPerVisit: number;
  /** Market minutes each remote visit takes out of the day. */
  readonly minutesPerVisit: number;
}

export interface RemoteBudget {
  /** Remote visits allowed in all: total visits less the in-person share's minimum. */
  readonly visits: number;
  /** In-person minutes that may go, so days keep their market hours. */
  readonly minutes: number;
  /** In-person minutes that must go, where the line holds more work than its days (0 = none). */
  readonly minutesNeeded: number;
}

/**
 * Which retailers may go remote, so that even if every allowed visit goes remote the line
 * keeps its in-person share and its market hours: a two-constraint 0/1 knapsack. The solver
 * then decides, visit by visit, whether remote is really cheaper.
 */
export type RemoteSelector = (options: readonly RemoteOption[], budget: RemoteBudget) => boolean[];

/**
 * Greedy: first the retailers worth serving remotely, best saving per unit of the tighter
 * budget first; then, if the line still holds more work than its days, the cheapest
 * minutes to take out. Fast, and near-optimal for many small items.
 */
export const greedyRemote: RemoteSelector = (options, budget) => {
  const chosen = options.map(() => false);
  const weight = (o: RemoteOption) =>
    Math.max(o.maxRemote / Math.max(budget.visits, 1e-9), (o.maxRemote * o.minutesPerVisit) / Math.max(budget.minutes, 1e-9));
  const value = (i: number) => options[i].savingPerVisit * options[i].maxRemote;
  const usable = options.map((_, i) => i).filter((i) => options[i].maxRemote > 0);
  let visits = 0;
  let minutes = 0;
  const take = (i: number) => {
    const o = options[i];
    if (chosen[i] || visits + o.maxRemote > budget.visits || minutes + o.maxRemote * o.minutesPerVisit > budget.minutes) return;
    chosen[i] = true;
    visits += o.maxRemote;
    minutes += o.maxRemote * o.minutesPerVisit;
  };
  const worth = usable.filter((i) => options[i].savingPerVisit > 0);
  worth.sort((a, b) => value(b) / weight(options[b]) - value(a) / weight(options[a]) || a - b).forEach(take);
  if (minutes < budget.minutesNeeded) {
    const perMinute = (i: number) => value(i) / (options[i].maxRemote * options[i].minutesPerVisit);
    const rest = usable.filter((i) => !chosen[i]).sort((a, b) => perMinute(b) - perMinute(a) || a - b);
    for (const i of rest) {
      if (minutes >= budget.minutesNeeded) break;
      take(i);
    }
  }
  return chosen;
};

/** The exact 0/1 knapsack by branch and bound (javascript-lp-solver). */
export const exactRemote: RemoteSelector = (options, budget) => {
  const variables: Record<string, Record<string, number>> = {};
  const ints: Record<string, 1> = {};
  const needed = budget.minutesNeeded > 0;
  options.forEach((o, i) => {
    // Without a shortfall of time, a retailer not worth serving remotely is never chosen.
    if (o.maxRemote <= 0 || (!needed && o.savingPerVisit <= 0)) return;
    variables[`x${i}`] = { saving: o.savingPerVisit * o.maxRemote, visits: o.maxRemote, minutes: o.maxRemote * o.minutesPerVisit, [`u${i}`]: 1 };
    ints[`x${i}`] = 1;
  });
  const constraints: Record<string, { max?: number; min?: number }> = { visits: { max: budget.visits } };
  if (Number.isFinite(budget.minutes) || needed) {
    constraints.minutes = { ...(Number.isFinite(budget.minutes) ? { max: budget.minutes } : {}), ...(needed ? { min: budget.minutesNeeded } : {}) };
  }
  for (const k of Object.keys(variables)) constraints[`u${k.slice(1)}`] = { max: 1 };
  const result = lp.Solve({ optimize: 'saving', opType: 'max', constraints, variables, ints, options: { tolerance: 0, timeout: 2000 } }) as Record<string, number | boolean>;
  // Needing more time than remote visits can free: take what is worth most and let the plan report the rest.
  if (result.feasible === false) return greedyRemote(options, budget);
  return options.map((_, i) => Number(result[`x${i}`] ?? 0) > 0.5);
};

/** Total saving of a selection, to compare selectors. */
export function selectionValue(options: readonly RemoteOption[], chosen: readonly boolean[]): number {
  return options.reduce((s, o, i) => s + (chosen[i] ? o.savingPerVisit * o.maxRemote : 0), 0);
}
