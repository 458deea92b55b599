/**
 * The one place that prices a solution: true cost, penalised cost, the feasibility verdict and
 * its tolerance, checked against figures recomputed elsewhere.
 */
import { describe, expect, test } from 'vitest';
import { snapshot } from '../../src/solver/bestSolution.ts';
import { CostEvaluator, FEASIBLE_EPS, isFeasible, unroutableRequired, violation, withinBounds } from '../../src/solver/costEvaluator.ts';
import { buildInstance } from '../../src/solver/instance.ts';
import { toResult } from '../../src/solver/result.ts';
import { Routes } from '../../src/solver/routes.ts';
import { generate, onALine } from './helpers.ts';
import { penalisedTotal, randomState } from './state.ts';

describe('the cost evaluator', () => {
  test.each([
    [1, { n: 15, vehiclesPerDay: 3, window: 150, capacity: 50 }],
    [2, { n: 20, days: 3, vehiclesPerDay: 2, periodic: true, skipCost: 60, window: 300, capacity: 80, asymmetric: true }],
  ] as const)('seed %i: the true cost is what the routes cost from the matrices; the penalised adds each violation at its weight', (seed, gen) => {
    // Every option of every customer priced, so that what the routes cost is not all of it.
    const plain = generate(seed, gen);
    const input = { ...plain, customers: plain.customers.map((c, i) => ({ ...c, patternCosts: (c.patterns ?? [1]).map((_, p) => ((i + p) % 3) * 5 + 1) })) };
    const { inst, routes } = randomState(input, seed);
    const costs = new CostEvaluator(1.7, 2.3);
    const recomputed = toResult(inst, snapshot(routes), false, 0);
    expect(recomputed.timeWarp + recomputed.loadViolation).toBeGreaterThan(1);
    expect(routes.assignmentCost()).toBeGreaterThan(0);
    expect(costs.cost(routes)).toBeCloseTo(recomputed.cost, 6);
    expect(costs.penalisedCost(routes)).toBeCloseTo(recomputed.cost + 1.7 * recomputed.timeWarp + 2.3 * recomputed.loadViolation, 6);
    expect(costs.penalisedCost(routes)).toBeCloseTo(penalisedTotal(routes, costs), 6);
  });

  test('scaled prices multiply both weights and leave the first as they were', () => {
    const costs = new CostEvaluator(3, 7);
    const strict = costs.scaled(10);
    expect([strict.timeWarp, strict.load]).toEqual([30, 70]);
    expect([costs.timeWarp, costs.load]).toEqual([3, 7]);
    expect(strict.penalty(2, 1)).toBe(130);
  });

  test('within bounds: up to FEASIBLE_EPS of time warp and of excess load, not beyond', () => {
    expect(withinBounds(0, 0)).toBe(true);
    expect(withinBounds(FEASIBLE_EPS, FEASIBLE_EPS)).toBe(true);
    expect(withinBounds(2 * FEASIBLE_EPS, 0)).toBe(false);
    expect(withinBounds(0, 2 * FEASIBLE_EPS)).toBe(false);
  });

  // Two shops on a road; shop 1 may be visited only on day 1, which has no vehicle.
  const input = (skipCost?: number) => ({
    days: 2,
    locations: 3,
    vehicles: [[{ start: 0, capacity: 10 }], []],
    customers: [{ location: 1, patterns: [2], skipCost }, { location: 2, patterns: [1] }],
    distance: onALine([0, 10, 20]),
  });

  test('a required customer no day can take is lost: feasible without it, and only without it', () => {
    const inst = buildInstance(input());
    expect(unroutableRequired(inst)).toBe(1);
    expect(unroutableRequired(buildInstance(input(50)))).toBe(0);
    const R = new Routes(inst);
    R.load([[2]], Int32Array.of(-1, inst.patternStart[1]));
    expect(isFeasible(R, 0, 0, 1)).toBe(true);
    expect(isFeasible(R, 0, 0, 0)).toBe(false);
    expect(isFeasible(R, 2 * FEASIBLE_EPS, 0, 1)).toBe(false);
    // The other one missing too: one more than can be lost.
    R.load([[]], Int32Array.of(-1, -1));
    expect(isFeasible(R, 0, 0, 1)).toBe(false);
    // A missing customer weighs more than any time warp or excess load a state can have.
    expect(violation(R, 0, 0, 1)).toBeGreaterThan(violation(R, 1e5, 1e5, 2));
    expect(violation(R, 3, 4, 2)).toBe(7);
  });
});
