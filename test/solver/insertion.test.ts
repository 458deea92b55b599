/** The cheapest insertion tries each distinct empty route of a day, and only one of identical ones. */
import { expect, test } from 'vitest';
import { CostEvaluator } from '../../src/solver/costEvaluator.ts';
import { Insertion, removalDelta } from '../../src/solver/insertion.ts';
import { buildInstance, type VehicleInput } from '../../src/solver/instance.ts';
import { makeContext } from '../../src/solver/operators/operator.ts';
import { Routes } from '../../src/solver/routes.ts';
import { onALine } from './helpers.ts';

test('two empty vehicles that differ only where they start are both tried', () => {
  // Locations on a line: 0 and 1 are starts, 2 the shop, next to start 1.
  const xs = [0, 90, 100];
  const vehicle = (start: number): VehicleInput => ({ start, end: 0, capacity: 10 });
  const inst = buildInstance({
    days: 1,
    locations: 3,
    vehicles: [[vehicle(0), vehicle(1)]],
    customers: [{ location: 2 }],
    distance: onALine(xs),
  });
  const ins = new Insertion();
  // Opening the route from start 1 costs 10 there and 100 back to 0; from start 0, 100 + 100.
  expect(ins.best(makeContext(inst, new Routes(inst), new CostEvaluator(1, 1)), 2, 0)).toBe(110);
  expect([ins.route, ins.pos]).toEqual([1, 0]);
});

test('two empty vehicles that differ only in their fixed cost are both tried', () => {
  const inst = buildInstance({
    days: 1,
    locations: 2,
    vehicles: [[{ start: 0, capacity: 10, fixedCost: 50 }, { start: 0, capacity: 10, fixedCost: 5 }]],
    customers: [{ location: 1 }],
    distance: onALine([0, 10]),
  });
  const ins = new Insertion();
  // The same drive there and back (20) either way; the second vehicle costs 45 less to use.
  expect(ins.best(makeContext(inst, new Routes(inst), new CostEvaluator(1, 1)), 1, 0)).toBe(25);
  expect([ins.route, ins.pos]).toEqual([1, 0]);
});

test('removing the only visit of a route saves the whole route: its drive, its fixed cost and its lateness', () => {
  // Start at 0, end at 1, the shop at 2 closing at 50 and reached at 80 (30 late).
  const xs = [0, 100, 80];
  const inst = buildInstance({
    days: 1,
    locations: 3,
    vehicles: [[{ start: 0, end: 1, capacity: 10, fixedCost: 7 }]],
    customers: [{ location: 2, due: 50 }],
    distance: onALine(xs),
  });
  const routes = new Routes(inst);
  routes.load([[2]], Int32Array.of(0));
  expect(routes.routeTw[0]).toBe(30);
  // Penalised at 2 a minute late: 80 + 20 + 7 + 2 × 30 saved.
  expect(removalDelta(makeContext(inst, routes, new CostEvaluator(2, 1)), 0, 1)).toBe(-(80 + 20 + 7 + 60));
});
