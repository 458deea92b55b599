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
}

/**
 * Which retailers may go remote, so that even if every allowed visit goes remote the line
 * keeps its in-person share and its market hours: a two-constraint 0/1 knapsack. The solver
 * then decides, visit by visit, whether remote is really cheaper.
 */
export type RemoteSelector = (options: readonly RemoteOption[], budget: RemoteBudget) => boolean[];

/** Greedy by saving per unit of the tighter budget: fast, and near-optimal for many small items. */
export const greedyRemote: RemoteSelector = (options, budget) => {
  const chosen = options.map(() => false);
  const weight = (o: RemoteOption) =>
    Math.max(o.maxRemote / Math.max(budget.visits, 1e-9), (o.maxRemote * o.minutesPerVisit) / Math.max(budget.minutes, 1e-9));
  const order = options
    .map((o, i) => i)
    .filter((i) => options[i].savingPerVisit > 0 && options[i].maxRemote > 0)
    .sort((a, b) => (options[b].savingPerVisit * options[b].maxRemote) / weight(options[b]) - (options[a].savingPerVisit * options[a].maxRemote) / weight(options[a]) || a - b);
  let visits = 0;
  let minutes = 0;
  for (const i of order) {
    const o = options[i];
    if (visits + o.maxRemote > budget.visits || minutes + o.maxRemote * o.minutesPerVisit > budget.minutes) continue;
    chosen[i] = true;
    visits += o.maxRemote;
    minutes += o.maxRemote * o.minutesPerVisit;
  }
  return chosen;
};

/** The exact 0/1 knapsack by branch and bound (javascript-lp-solver). */
export const exactRemote: RemoteSelector = (options, budget) => {
  const variables: Record<string, Record<string, number>> = {};
  const ints: Record<string, 1> = {};
  options.forEach((o, i) => {
    if (o.savingPerVisit <= 0 || o.maxRemote <= 0) return;
    variables[`x${i}`] = { saving: o.savingPerVisit * o.maxRemote, visits: o.maxRemote, minutes: o.maxRemote * o.minutesPerVisit, [`u${i}`]: 1 };
    ints[`x${i}`] = 1;
  });
  const constraints: Record<string, { max: number }> = { visits: { max: budget.visits } };
  if (Number.isFinite(budget.minutes)) constraints.minutes = { max: budget.minutes };
  for (const k of Object.keys(variables)) constraints[`u${k.slice(1)}`] = { max: 1 };
  const result = lp.Solve({ optimize: 'saving', opType: 'max', constraints, variables, ints, options: { tolerance: 0, timeout: 2000 } }) as Record<string, number | boolean>;
  return options.map((_, i) => Number(result[`x${i}`] ?? 0) > 0.5);
};

/** Total saving of a selection, to compare selectors. */
export function selectionValue(options: readonly RemoteOption[], chosen: readonly boolean[]): number {
  return options.reduce((s, o, i) => s + (chosen[i] ? o.savingPerVisit * o.maxRemote : 0), 0);
}
