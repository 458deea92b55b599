import { describe, expect, test } from 'vitest';
import { servicePatterns, type PatternRules } from '../../src/planner/visitPatterns.ts';
import { windowsAfter } from '../../src/planner/visitWindows.ts';

const base: PatternRules = {
  windows: null,
  freeCount: 4,
  days: 20,
  interval: 5,
  tolerance: 1,
  maxGap: 20,
  spacingYuanPerDay: 5,
  dayYuan: new Array(20).fill(0),
  remoteAllowed: false,
  remoteYuan: 3,
  maxConsecutiveRemote: 1,
  lastRemoteRun: 0,
  blocked: 0,
};

const bits = (days: number[]) => days.reduce((m, d) => m | (1 << d), 0);

describe('service patterns', () => {
  test('free phase, weekly, all in person: one pattern per starting weekday, then a visit a day off at the spacing price', () => {
    const p = servicePatterns(base);
    expect(p.slice(0, 5).map((x) => x.days)).toEqual([0, 1, 2, 3, 4].map((s) => [s, s + 5, s + 10, s + 15]));
    expect(p.slice(0, 5).every((x) => x.cost === 0 && x.remoteDays.length === 0)).toBe(true);
    // Within the weekly tolerance (±1): one visit a day off its ideal costs 5 yuan.
    expect(p.slice(5).every((x) => x.cost === 5 && x.strayDays === 1)).toBe(true);
    expect(p.find((x) => x.days.join() === '2,6,12,17')?.cost).toBe(5);
    expect(p).toHaveLength(24);
  });

  test('a blocked day takes no visit: the starts through it keep a visit a day off', () => {
    const p = servicePatterns({ ...base, blocked: 1 << 7 });
    expect(p.some((x) => x.days.includes(7))).toBe(false);
    expect(p.filter((x) => x.days[0] === 2).slice(0, 2).map((x) => [x.days.join(), x.strayDays])).toEqual([['2,6,12,17', 1], ['2,8,12,17', 1]]);
  });

  test('no two remote visits in a row: 8 choices over four visits, 5 after a remote visit', () => {
    const one = { ...base, days: 5, freeCount: 4, remoteAllowed: true, tolerance: 0 };
    // Days 0..4 with step 1.25: [0,1,3,4] is the only timing (s = 0); 1 + 4 + 3 = 8 remote subsets.
    expect(servicePatterns({ ...one, interval: 1.25 }).length).toBe(8);
    expect(servicePatterns({ ...one, interval: 1.25, lastRemoteRun: 1 }).length).toBe(5);
  });

  test('a monthly retailer that may go remote can be left out of the routes (mask 0)', () => {
    const p = servicePatterns({ ...base, freeCount: 1, interval: 20, remoteAllowed: true });
    const out = p.find((x) => x.inPersonMask === 0);
    expect(out).toMatchObject({ days: [0], inPersonMask: 0, remoteDays: [0], strayDays: 0, cost: 3 });
    // The call costs the same on any day: every day is a timing the planner may spread calls over.
    expect(out?.remoteTimings).toEqual(Array.from({ length: 20 }, (_, d) => [d]));
    expect(p.filter((x) => x.inPersonMask !== 0)).toHaveLength(20);
  });

  test('with history: timings keep the spacing and pay for straying from the ideal day', () => {
    const windows = windowsAfter(-3, 4, 1, 20); // ideals 2, 7, 12, 17
    const p = servicePatterns({ ...base, windows });
    expect(p[0]).toMatchObject({ days: [2, 7, 12, 17], inPersonMask: bits([2, 7, 12, 17]), cost: 0 });
    for (const x of p) {
      for (let j = 1; j < x.days.length; j++) expect(x.days[j] - x.days[j - 1]).toBeGreaterThanOrEqual(4);
      for (let j = 1; j < x.days.length; j++) expect(x.days[j] - x.days[j - 1]).toBeLessThanOrEqual(6);
    }
    const shifted = p.find((x) => x.inPersonMask === bits([3, 7, 12, 17]));
    expect(shifted?.cost).toBe(5);
  });

  test('the ordering weekday preference prices in-person days only', () => {
    const dayYuan = new Array(20).fill(2);
    dayYuan[0] = 0;
    const p = servicePatterns({ ...base, freeCount: 1, interval: 20, dayYuan, remoteAllowed: true });
    expect(p[0]).toMatchObject({ inPersonMask: 1, cost: 0 });
    expect(p.find((x) => x.inPersonMask === 0)?.cost).toBe(3);
    expect(p.find((x) => x.inPersonMask === 2)?.cost).toBe(2);
  });
});
