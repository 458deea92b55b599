import lpModule from 'javascript-lp-solver';

// The package's types describe an ES default export; its CommonJS main exports the solver itself.
const lp = ((lpModule as unknown as { default?: typeof lpModule.default }).default ?? lpModule) as unknown as typeof lpModule.default;

/** A retailer that could be served remotely, and what that would be worth. */
export interface RemoteOption {
  /** Most of its visits that may go remote (the consecutive-remote rule caps it). */
  readonly maxRemote: number;
  /** Yuan saved per remote visit (driving detour avoided less the phone charge); ≤ 0 is not worth it. */
  readonly savingPerVisit: number;
}

export interface RemoteBudget {
  /** Remote visits allowed in all: total visits less the in-person share's minimum. */
  readonly visits: number;
}

/**
 * Which retailers may go remote, so that even if every allowed visit goes remote the line
 * keeps its in-person share: a 0/1 knapsack. The solver then decides, visit by visit,
 * whether remote is really cheaper (fuel against the phone charge) or needed (a day that
 * would otherwise run too long); a day short of visits is topped up with free market time.
 * Both selectors first take retailers worth serving remotely, then fill what is left of the
 * budget with the ones that cost least remotely, so the solver has a choice on every day.
 */
export type RemoteSelector = (options: readonly RemoteOption[], budget: RemoteBudget) => boolean[];

/** Greedy: best saving per visit first (a visit is the unit of the budget). Fast, and near-optimal for many small items. */
export const greedyRemote: RemoteSelector = (options, budget) => fill(options, budget, options.map(() => false));

/** The exact 0/1 knapsack over the retailers worth it, by branch and bound (javascript-lp-solver), then filled greedily. */
export const exactRemote: RemoteSelector = (options, budget) => {
  const variables: Record<string, Record<string, number>> = {};
  const ints: Record<string, 1> = {};
  options.forEach((o, i) => {
    if (o.maxRemote <= 0 || o.savingPerVisit <= 0) return;
    variables[`x${i}`] = { saving: o.savingPerVisit * o.maxRemote, visits: o.maxRemote, [`u${i}`]: 1 };
    ints[`x${i}`] = 1;
  });
  const constraints: Record<string, { max: number }> = { visits: { max: budget.visits } };
  for (const k of Object.keys(variables)) constraints[`u${k.slice(1)}`] = { max: 1 };
  const result = lp.Solve({ optimize: 'saving', opType: 'max', constraints, variables, ints, options: { tolerance: 0, timeout: 2000 } }) as Record<string, number | boolean>;
  return fill(options, budget, options.map((_, i) => Number(result[`x${i}`] ?? 0) > 0.5));
};

/** Adds retailers to `chosen`, best saving per visit first, while the visit budget lasts. */
function fill(options: readonly RemoteOption[], budget: RemoteBudget, chosen: boolean[]): boolean[] {
  let visits = options.reduce((s, o, i) => s + (chosen[i] ? o.maxRemote : 0), 0);
  const rest = options.map((_, i) => i).filter((i) => !chosen[i] && options[i].maxRemote > 0);
  rest.sort((a, b) => options[b].savingPerVisit - options[a].savingPerVisit || a - b);
  for (const i of rest) {
    if (visits + options[i].maxRemote > budget.visits) continue;
    chosen[i] = true;
    visits += options[i].maxRemote;
  }
  return chosen;
}

/** Total saving of a selection, to compare selectors. */
export function selectionValue(options: readonly RemoteOption[], chosen: readonly boolean[]): number {
  return options.reduce((s, o, i) => s + (chosen[i] ? o.savingPerVisit * o.maxRemote : 0), 0);
}
