import { describe, expect, test } from 'vitest';
import { exactRemote, greedyRemote, selectionValue, type RemoteOption } from '../../src/planner/remoteCandidates.ts';

const opt = (maxRemote: number, savingPerVisit: number): RemoteOption => ({ maxRemote, savingPerVisit });
const visits = (options: readonly RemoteOption[], chosen: readonly boolean[]) => options.reduce((s, o, i) => s + (chosen[i] ? o.maxRemote : 0), 0);

describe('remote candidates', () => {
  test('both keep within the visit budget, the ones worth it first', () => {
    const options = [opt(2, 5), opt(1, -1), opt(2, 3), opt(1, 4)];
    for (const select of [greedyRemote, exactRemote]) {
      const chosen = select(options, { visits: 3 });
      expect(chosen).toEqual([true, false, false, true]);
      expect(visits(options, chosen)).toBe(3);
    }
  });

  test('what is left of the budget goes to the ones that cost least remotely, so the solver has a choice', () => {
    const options = [opt(1, 2), opt(2, -3), opt(1, -1), opt(3, -0.5)];
    for (const select of [greedyRemote, exactRemote]) {
      // Item 0 is worth it (1 visit); then the cheapest remotely, item 3 (3 visits), fills the budget of 4.
      expect(select(options, { visits: 4 })).toEqual([true, false, false, true]);
      expect(select(options, { visits: 7 })).toEqual([true, true, true, true]);
      expect(select(options, { visits: 0 })).toEqual([false, false, false, false]);
    }
  });

  test('a retailer that may not go remote is never chosen', () => {
    expect(greedyRemote([opt(0, 9), opt(1, 1)], { visits: 5 })).toEqual([false, true]);
  });

  test('the exact model beats greedy where the per-visit order misleads', () => {
    // Budget 4 visits: greedy takes the best per visit first (item 0: 1 visit, 6 yuan/visit),
    // then cannot fit the 4-visit item; the optimum is item 1 alone (4 × 5 = 20 > 6 + 2 × 3).
    const options = [opt(1, 6), opt(4, 5), opt(2, 3)];
    const budget = { visits: 4 };
    expect(selectionValue(options, exactRemote(options, budget))).toBe(20);
    expect(selectionValue(options, greedyRemote(options, budget))).toBe(12);
  });
});
