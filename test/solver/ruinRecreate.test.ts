/**
 * The ruin's seed: with a late share of one, every ruin starts in a late route (one with time
 * warp); with none, the seed falls anywhere, and most ruins miss that route.
 */
import { describe, expect, test } from 'vitest';
import { CostEvaluator } from '../../src/solver/costEvaluator.ts';
import { buildInstance } from '../../src/solver/instance.ts';
import { computeNeighbours } from '../../src/solver/neighbours.ts';
import { makeContext } from '../../src/solver/operators/operator.ts';
import { Random } from '../../src/solver/random.ts';
import { Routes } from '../../src/solver/routes.ts';
import { RuinRecreate } from '../../src/solver/ruinRecreate.ts';
import { onALine } from './helpers.ts';

describe('ruin seeds in a late route', () => {
  // 40 shops on one road, 1 apart, in four routes of ten; the last shop closes at 5, so only
  // the fourth route (shops 31–40, customers 30–39) is late.
  const xs = Array.from({ length: 41 }, (_, i) => i);
  const inst = buildInstance({
    days: 1,
    locations: 41,
    vehicles: [Array.from({ length: 4 }, () => ({ start: 0, capacity: 1000 }))],
    customers: Array.from({ length: 40 }, (_, i) => (i === 39 ? { location: 40, due: 5 } : { location: i + 1 })),
    distance: onALine(xs),
  });
  const routes = [0, 1, 2, 3].map((r) => Array.from({ length: 10 }, (_, i) => 10 * r + i + 1));
  const nb = computeNeighbours(inst, 5);

  /** Of 50 ruins (seeds 1–50), how many removed no customer of the late route. */
  function missed(lateShare: number): number {
    let k = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const R = new Routes(inst);
      R.load(routes, new Int32Array(40));
      expect([0, 1, 2, 3].map((r) => R.routeTw[r] > 0)).toEqual([false, false, false, true]);
      const rr = new RuinRecreate(inst, nb);
      rr.ruin(makeContext(inst, R, new CostEvaluator(1, 1)), new Random(seed), 3, lateShare);
      const removed = [...rr.removed.subarray(0, rr.removedCount)];
      expect(removed.length).toBeGreaterThan(0);
      if (!removed.some((c) => c >= 30)) k++;
    }
    return k;
  }

  test('with a late share of one, every ruin removes a visit of the late route', () => {
    expect(missed(1)).toBe(0);
  });

  test('with none, most ruins miss it', () => {
    expect(missed(0)).toBeGreaterThan(25);
  });
});
