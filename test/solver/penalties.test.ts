/**
 * The penalty weights' rule (Vidal et al. 2012): every `every` search outputs, a weight rises
 * by 30% when under 45% of them kept its constraint, falls by 15% when over 55% did, and stays
 * between 1/1000 and 10,000 times its first value.
 */
import { describe, expect, test } from 'vitest';
import { buildInstance, type SolverInput } from '../../src/solver/instance.ts';
import { CostEvaluator, FEASIBLE_EPS } from '../../src/solver/costEvaluator.ts';
import { initialPenalties, PenaltyManager } from '../../src/solver/penalties.ts';

/** Registers `n` outputs, the first `twOk` without time warp and the first `loadOk` without excess load. */
function feed(p: PenaltyManager, n: number, twOk: number, loadOk: number): boolean[] {
  return Array.from({ length: n }, (_, i) => p.register(i < twOk ? 0 : 5, i < loadOk ? 0 : 2));
}

describe('penalty weights', () => {
  test('the penalised cost is each violation times its weight', () => {
    const p = new CostEvaluator(3, 7);
    expect(p.penalty(2, 5)).toBe(3 * 2 + 7 * 5);
    expect(p.penalty(0, 0)).toBe(0);
  });

  test('weights change only on every n-th output, then the counts start again', () => {
    const p = new PenaltyManager(10, 10, 0.5, 20);
    const changed = feed(p, 19, 0, 20);
    expect(changed.some((c) => c)).toBe(false);
    expect([p.costs.timeWarp, p.costs.load]).toEqual([10, 10]);
    expect(p.register(5, 0)).toBe(true);
    // None of the 20 kept the time windows, all kept the load.
    expect([p.costs.timeWarp, p.costs.load]).toEqual([13, 8.5]);
    // The next window of 20 counts afresh: 10 of 20 is on target, neither weight moves.
    expect(feed(p, 20, 10, 10).filter((c) => c)).toEqual([true]);
    expect([p.costs.timeWarp, p.costs.load]).toEqual([13, 8.5]);
  });

  test('within 5 points of the target share the weight stays; beyond, it moves', () => {
    const at = (twOk: number, loadOk: number) => {
      const p = new PenaltyManager(10, 10, 0.5, 20);
      feed(p, 20, twOk, loadOk);
      return [p.costs.timeWarp, p.costs.load];
    };
    expect(at(9, 11)).toEqual([10, 10]); // 45% and 55%: the band's edges
    expect(at(8, 12)).toEqual([13, 8.5]); // 40% too few kept: dearer; 60%: cheaper
    expect(at(12, 8)).toEqual([8.5, 13]);
  });

  test('an output within FEASIBLE_EPS counts as keeping the constraint', () => {
    const p = new PenaltyManager(10, 10, 0.5, 2);
    p.register(FEASIBLE_EPS, FEASIBLE_EPS);
    p.register(FEASIBLE_EPS, 2 * FEASIBLE_EPS);
    // Time warp kept by both (100%): cheaper; load by one (50%): unchanged.
    expect([p.costs.timeWarp, p.costs.load]).toEqual([8.5, 10]);
  });

  test('weights stay within 1/1000 and 10,000 times their first value', () => {
    const up = new PenaltyManager(1, 2, 0.5, 1);
    for (let i = 0; i < 100; i++) up.register(1, 1);
    expect([up.costs.timeWarp, up.costs.load]).toEqual([1e4, 2e4]);
    const down = new PenaltyManager(1, 2, 0.5, 1);
    for (let i = 0; i < 100; i++) down.register(0, 0);
    expect([down.costs.timeWarp, down.costs.load]).toEqual([1e-3, 2e-3]);
  });
});

describe('first weights', () => {
  // Five locations; the routes start at location 2. Every entry differs, so that a drive read
  // from the wrong row or column shows.
  const L = 5;
  const row = (i: number, base: number) => Array.from({ length: L }, (_, j) => (i === j ? 0 : base + 10 * i + j));
  const fromStart = { time: [30, 60, 0, 600, 520], cost: [40, 90, 0, 1000, 700] };
  const matrix = (key: 'time' | 'cost', base: number) => Array.from({ length: L }, (_, i) => (i === 2 ? fromStart[key] : row(i, base))).flat();
  const input = (vehicles: SolverInput['vehicles'], customers = [0, 1, 3, 4]): SolverInput => ({
    days: 1,
    locations: L,
    vehicles,
    customers: customers.map((location) => ({ location, demand: [3, 5, 0, 2, 10][location] })),
    distance: matrix('cost', 1000),
    duration: matrix('time', 500),
  });
  // The longest shift is 520 min (08:00-16:40); the other vehicle's is 500.
  const shifts = [[{ start: 2, capacity: 50, earliest: 480, latest: 1000 }, { start: 2, capacity: 50, earliest: 0, latest: 500 }]];

  test('time warp costs what a minute of driving from the start costs, excess load what a unit of demand does', () => {
    const p = initialPenalties(buildInstance(input(shifts)));
    // Drives to locations 0, 1 and 4 (520 min: exactly the longest shift) are priced; the one to
    // location 3 (600 min) is longer than every shift, so it is left out. Every demand counts.
    expect(p.costs.timeWarp).toBeCloseTo((40 + 90 + 700) / (30 + 60 + 520), 12);
    expect(p.costs.load).toBeCloseTo((40 + 90 + 700) / (3 + 5 + 2 + 10), 12);
  });

  test('with no drive to price (every one longer than every shift) a minute of time warp costs 1; with no demand, a unit of load costs 1', () => {
    const p = initialPenalties(buildInstance({ ...input(shifts, [3]), customers: [{ location: 3 }] }));
    expect([p.costs.timeWarp, p.costs.load]).toEqual([1, 1]);
  });

  test('a horizon without vehicles prices time warp at 1 and load at its floor', () => {
    const p = initialPenalties(buildInstance(input([[]])));
    expect([p.costs.timeWarp, p.costs.load]).toEqual([1, 1e-3]);
  });
});
