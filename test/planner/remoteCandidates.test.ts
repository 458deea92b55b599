import { describe, expect, test } from 'vitest';
import { exactRemote, greedyRemote, selectionValue, type RemoteOption } from '../../src/planner/remoteCandidates.ts';

const opt = (maxRemote: number, savingPerVisit: number, minutesPerVisit = 10): RemoteOption => ({ maxRemote, savingPerVisit, minutesPerVisit });

describe('remote candidates', () => {
  test('both keep within the visit budget and skip retailers not worth it', () => {
    const options = [opt(2, 5), opt(1, -1), opt(2, 3), opt(1, 4)];
    for (const select of [greedyRemote, exactRemote]) {
      const chosen = select(options, { visits: 3, minutes: Infinity, minutesNeeded: 0 });
      expect(chosen[1]).toBe(false);
      expect(options.reduce((s, o, i) => s + (chosen[i] ? o.maxRemote : 0), 0)).toBeLessThanOrEqual(3);
    }
  });

  test('the exact model beats greedy where the ratio order misleads', () => {
    // Budget 4 visits: greedy takes the best ratio first (item 0: 1 visit, 6 yuan/visit),
    // then cannot fit the 4-visit item; the optimum is item 1 alone (4 × 5 = 20 > 6 + 2 × 3).
    const options = [opt(1, 6), opt(4, 5), opt(2, 3)];
    const budget = { visits: 4, minutes: Infinity, minutesNeeded: 0 };
    const greedy = selectionValue(options, greedyRemote(options, budget));
    const exact = selectionValue(options, exactRemote(options, budget));
    expect(exact).toBe(20);
    expect(greedy).toBe(12);
  });

  test('a line short of time sends visits remote even at a loss, the cheapest minutes first', () => {
    // 40 minutes must go: item 0 costs 1 yuan per 10 min (2 visits, 20 min), item 1 costs 3 per 10 min, item 2 is 5 per 10.
    const options = [opt(2, -1, 10), opt(2, -3, 10), opt(2, -5, 10)];
    const budget = { visits: 6, minutes: Infinity, minutesNeeded: 40 };
    expect(exactRemote(options, budget)).toEqual([true, true, false]);
    expect(greedyRemote(options, budget)).toEqual([true, true, false]);
    expect(exactRemote(options, { ...budget, minutesNeeded: 0 })).toEqual([false, false, false]);
  });

  test('the market-minutes budget binds too', () => {
    const options = [opt(2, 5, 30), opt(2, 4, 10)];
    expect(exactRemote(options, { visits: 4, minutes: 50, minutesNeeded: 0 })).toEqual([false, true]);
    expect(greedyRemote(options, { visits: 4, minutes: 50, minutesNeeded: 0 })).toEqual([false, true]);
  });
});
