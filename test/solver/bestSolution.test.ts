/**
 * The best solution kept apart from the search: the cheapest feasible one, or while none is
 * feasible the least violating; a feasible one is never displaced by an infeasible one.
 */
import { describe, expect, test } from 'vitest';
import { BestSolution, snapshot } from '../../src/solver/bestSolution.ts';
import { IMPROVEMENT_EPS } from '../../src/solver/costEvaluator.ts';
import type { Routes } from '../../src/solver/routes.ts';
import { generate } from './helpers.ts';
import { randomState } from './state.ts';

/** Three different states of one instance, to tell which one is kept. */
function states(): Routes[] {
  const input = generate(3, { n: 12, vehiclesPerDay: 3, window: 200, capacity: 60 });
  return [1, 2, 3].map((seed) => randomState(input, seed).routes);
}

describe('the best solution', () => {
  test('starts from the state it is given, with no cost while that state is infeasible', () => {
    const [a] = states();
    const best = new BestSolution(a, false, 500, 7);
    expect(best.snapshot).toEqual(snapshot(a));
    expect([best.feasible, best.cost]).toEqual([false, Infinity]);
    expect(new BestSolution(a, true, 500, 0)).toMatchObject({ feasible: true, cost: 500 });
  });

  test('while none is feasible, a less violating state replaces it; an equal or worse one does not', () => {
    const [a, b, c] = states();
    const best = new BestSolution(a, false, 500, 7);
    expect(best.offer(b, false, 900, 7)).toBe(false);
    expect(best.snapshot).toEqual(snapshot(a));
    expect(best.offer(b, false, 900, 6.5)).toBe(false);
    expect(best.snapshot).toEqual(snapshot(b));
    expect(best.offer(c, false, 100, 8)).toBe(false);
    expect(best.snapshot).toEqual(snapshot(b));
    expect(best.cost).toBe(Infinity);
  });

  test('the first feasible state replaces any infeasible one and is reported; then only a cheaper feasible one does', () => {
    const [a, b, c] = states();
    const best = new BestSolution(a, false, 100, 0.5);
    expect(best.offer(b, true, 800, 0)).toBe(true);
    expect(best).toMatchObject({ feasible: true, cost: 800, snapshot: snapshot(b) });
    // Less violating or cheaper, but infeasible: never.
    expect(best.offer(c, false, 50, 0)).toBe(false);
    expect(best.snapshot).toEqual(snapshot(b));
    // Cheaper by no more than the tolerance: a tie, the first is kept.
    expect(best.offer(c, true, 800 - 1e-10, 0)).toBe(false);
    expect(best.offer(c, true, 800 - IMPROVEMENT_EPS, 0)).toBe(false);
    expect(best.offer(c, true, 799, 0)).toBe(true);
    expect(best).toMatchObject({ cost: 799, snapshot: snapshot(c) });
  });

  test('a snapshot is a copy: the state changing later does not change it', () => {
    const [a, b] = states();
    const best = new BestSolution(a, true, 10, 0);
    const kept = structuredClone(best.snapshot);
    a.syncFrom(b);
    expect(best.snapshot).toEqual(kept);
    expect(best.snapshot).not.toEqual(snapshot(a));
  });
});
