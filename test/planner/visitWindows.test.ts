import { describe, expect, test } from 'vitest';
import { visitsInFreeHorizon, windowsAfter } from '../../src/planner/visitWindows.ts';

describe('visit windows', () => {
  test('weekly, last visited 3 workdays before the start: ideals 2, 7, 12, 17 with ±1', () => {
    expect(windowsAfter(-3, 4, 1, 20).map((w) => [w.ideal, w.earliest, w.latest])).toEqual([
      [2, 1, 3],
      [7, 6, 8],
      [12, 11, 13],
      [17, 16, 18],
    ]);
  });

  test('an overdue monthly visit is due at once, within the tolerance', () => {
    expect(windowsAfter(-25, 1, 3, 20)).toEqual([{ ideal: 0, earliest: 0, latest: 3 }]);
  });

  test('a monthly visit never waits more than 20 workdays after the last one', () => {
    // Ideal 19 with tolerance 3 would allow day 22; the horizon ends at 19 and the gap rule at -1 + 20 = 19.
    expect(windowsAfter(-1, 1, 3, 20)).toEqual([{ ideal: 19, earliest: 16, latest: 19 }]);
    expect(windowsAfter(-6, 1, 3, 20)).toEqual([{ ideal: 14, earliest: 11, latest: 14 }]);
  });

  test('a monthly visit due on the first day exactly, 20 workdays after the last, cannot wait', () => {
    expect(windowsAfter(-20, 1, 3, 20)).toEqual([{ ideal: 0, earliest: 0, latest: 0 }]);
  });

  test('an overdue visit in a horizon shorter than its tolerance stays within the horizon', () => {
    // Two workdays left: due at once, by the second day at the latest (not the third, past the horizon).
    expect(windowsAfter(-25, 1, 3, 2)).toEqual([{ ideal: 0, earliest: 0, latest: 1 }]);
  });

  test('a visit whose ideal day lies past the horizon is left to the next plan', () => {
    expect(windowsAfter(-2, 1, 3, 5)).toEqual([]);
  });

  test('fortnightly over one week: at most one visit', () => {
    expect(windowsAfter(-8, 2, 2, 5)).toEqual([{ ideal: 2, earliest: 0, latest: 4 }]);
  });

  test('free horizon: the frequency scaled to the workdays, at least one', () => {
    expect([visitsInFreeHorizon(4, 20), visitsInFreeHorizon(4, 19), visitsInFreeHorizon(1, 18), visitsInFreeHorizon(2, 20)]).toEqual([4, 4, 1, 2]);
  });
});
