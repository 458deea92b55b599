import { describe, expect, test } from 'vitest';
import { MAX_TIMINGS, servicePatterns, type PatternRules } from '../../src/planner/visitPatterns.ts';
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

  test('patterns come cheapest first, equal costs by in-person days (lowest mask first)', () => {
    // One visit, any day: the day's price in person, or a 1.5 yuan call.
    const p = servicePatterns({ ...base, freeCount: 1, days: 5, interval: 5, tolerance: 0, dayYuan: [2, 0, 1, 0, 2], remoteAllowed: true, remoteYuan: 1.5 });
    expect(p.map((x) => [x.inPersonMask, x.cost])).toEqual([[bits([1]), 0], [bits([3]), 0], [bits([2]), 1], [0, 1.5], [bits([0]), 2], [bits([4]), 2]]);
  });

  test('no visit due in the horizon: one pattern, no visits, no cost', () => {
    expect(servicePatterns({ ...base, windows: [] })).toEqual([{ days: [], inPersonMask: 0, remoteDays: [], strayDays: 0, cost: 0, remoteTimings: [[]] }]);
  });

  test('with history: a gap as long as the interval plus the tolerance is allowed, one day more is not', () => {
    // Ideals 2 and 7, ±1: gaps 4..6 workdays; (1, 8) is 7 apart and (3, 6) only 3.
    const p = servicePatterns({ ...base, days: 10, windows: windowsAfter(-3, 4, 1, 10) });
    expect(p.map((x) => x.days.join())).toEqual(['2,7', '2,6', '1,7', '3,7', '2,8', '1,6', '3,8']);
  });

  test('with history: at most MAX_TIMINGS timings, the least straying', () => {
    // Weekly ±2: hundreds of timings; kept are the exact one, the 8 a day off, and 15 of those 2 days off.
    const p = servicePatterns({ ...base, windows: windowsAfter(-3, 4, 2, 20) });
    expect(p).toHaveLength(MAX_TIMINGS);
    expect(p.filter((x) => x.strayDays <= 1)).toHaveLength(9);
    expect(p.every((x) => x.strayDays <= 2)).toBe(true);
  });

  test('free phase: a start must fit its last visit in the horizon', () => {
    // 14 workdays, four visits every 3.5: starts 0, 1, 2 (ideals 2, 6, 9, 13); start 3 would put the
    // last visit on day 14. A timing from day 3 is priced from start 2's ideals.
    const p = servicePatterns({ ...base, days: 14, interval: 3.5, dayYuan: new Array(14).fill(0) });
    expect(p.filter((x) => x.days[0] === 3).map((x) => [x.days.join(), x.strayDays])).toEqual([['3,6,9,13', 1]]);
  });

  test('free phase: never two visits on one day or out of order, even when the tolerance spans the spacing', () => {
    // Seven workdays, four visits every 1.75, ±3.
    const p = servicePatterns({ ...base, days: 7, interval: 1.75, tolerance: 3, dayYuan: new Array(7).fill(0) });
    expect(p).toHaveLength(MAX_TIMINGS);
    for (const x of p) for (let j = 1; j < x.days.length; j++) expect(x.days[j]).toBeGreaterThan(x.days[j - 1]);
  });

  test('free phase: the longest gap holds, and a gap of exactly that length is allowed', () => {
    // Eleven workdays, four visits every 2.75 ±1, at most 3 workdays apart.
    const p = servicePatterns({ ...base, days: 11, interval: 2.75, maxGap: 3, dayYuan: new Array(11).fill(0) });
    const gaps = p.flatMap((x) => x.days.slice(1).map((d, j) => d - x.days[j]));
    expect(Math.max(...gaps)).toBe(3);
    expect(p[0].days).toEqual([0, 3, 6, 8]);
  });

  test('free phase: a blocked day leaves every other start on offer', () => {
    // A monthly visit over 12 workdays, on its ideal day only: day 5 is blocked, the other 11 remain.
    const p = servicePatterns({ ...base, freeCount: 1, days: 12, interval: 12, tolerance: 0, dayYuan: new Array(12).fill(0), blocked: 1 << 5 });
    expect(p.map((x) => x.days[0])).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11]);
  });

  test('the all-remote pattern lists each equally cheap timing once, and only those', () => {
    // Fortnightly, ±1: the ten timings on their ideal days; those a day off cost 5 yuan more.
    const fortnightly = servicePatterns({ ...base, freeCount: 2, interval: 10, remoteAllowed: true, maxConsecutiveRemote: 2 });
    expect(fortnightly.find((x) => x.inPersonMask === 0)?.remoteTimings).toEqual(Array.from({ length: 10 }, (_, s) => [s, s + 10]));
    // Monthly ±3 with straying free: each day once, though several starts reach it.
    const monthly = servicePatterns({ ...base, freeCount: 1, interval: 20, tolerance: 3, spacingYuanPerDay: 0, remoteAllowed: true });
    expect(monthly.find((x) => x.inPersonMask === 0)?.remoteTimings).toEqual(Array.from({ length: 20 }, (_, d) => [d]));
  });

  test('an in-person pattern reached by equally cheap timings is offered once, with the least straying timing', () => {
    // Straying free: day 0 in person with the call on 4, 5 or 6 costs the same 3 yuan.
    const p = servicePatterns({ ...base, freeCount: 2, days: 10, spacingYuanPerDay: 0, remoteAllowed: true, dayYuan: new Array(10).fill(0) });
    expect(p.filter((x) => x.inPersonMask === bits([0]))).toEqual([{ days: [0, 5], inPersonMask: 1, remoteDays: [5], strayDays: 0, cost: 3 }]);
  });
});
