/**
 * The key correctness test: for every operator, the delta `evaluate` returns equals the
 * change of the penalised cost recomputed from scratch after `apply` (exactly when it is
 * negative; as a lower bound when the operator stopped early).
 */
import { describe, expect, test } from 'vitest';
import { CostEvaluator } from '../../src/solver/costEvaluator.ts';
import { makeContext, type NodeOperator } from '../../src/solver/operators/operator.ts';
import { customerOperators, NODE_OPERATORS, nodeOperators } from '../../src/solver/operators/registry.ts';
import { buildInstance, type SolverInput } from '../../src/solver/instance.ts';
import { PatternChange } from '../../src/solver/operators/patternChange.ts';
import { twoOptStar } from '../../src/solver/operators/twoOptStar.ts';
import { Random } from '../../src/solver/random.ts';
import type { Routes } from '../../src/solver/routes.ts';
import { generate, type GenOptions } from './helpers.ts';
import { checkIndex, cloneRoutes, penalisedTotal, randomState } from './state.ts';

const CASES: Record<string, GenOptions> = {
  'vrptw': { n: 14, vehiclesPerDay: 3, window: 150, capacity: 60 },
  'asymmetric, mixed fleet, max duration': { n: 14, vehiclesPerDay: 4, window: 300, capacity: 70, asymmetric: true, mixedFleet: true, maxDuration: 500 },
  'periodic with skips': { n: 16, days: 3, vehiclesPerDay: 2, window: 400, capacity: 80, periodic: true, skipCost: 120 },
};

/**
 * A node move made on a copy of `routes`: what evaluate said, and the penalised change
 * recomputed from the copy after apply; null when evaluate rules the move out (Infinity).
 */
function tryMove(op: NodeOperator, routes: Routes, pen: CostEvaluator, ru: number, pu: number, rv: number, pv: number) {
  const copy = cloneRoutes(routes);
  const ctx = makeContext(routes.inst, copy, pen);
  const delta = op.evaluate(ctx, ru, pu, rv, pv);
  if (delta === Infinity) return null;
  const before = penalisedTotal(copy, pen);
  const k = op.apply(ctx, ru, pu, rv, pv);
  for (let t = 0; t < k; t++) copy.refresh(ctx.touched[t]);
  return { delta, actual: penalisedTotal(copy, pen) - before, copy };
}

describe.each(Object.entries(CASES))('%s', (_name, gen) => {
  for (const op of NODE_OPERATORS) {
    test(`${op.name}: evaluate = recomputed difference after apply`, () => {
      const pen = new CostEvaluator(1.7, 2.3);
      let exact = 0;
      for (let s = 0; s < 6; s++) {
        const { inst, routes } = randomState(generate(100 + s, gen), 200 + s);
        const rng = new Random(s);
        for (let trial = 0; trial < 300; trial++) {
          const key = rng.int(inst.n * inst.days);
          const ru = routes.visitRoute[key];
          if (ru < 0) continue;
          const d = inst.routeDay[ru];
          const rv = inst.dayRouteStart[d] + rng.int(inst.dayRouteStart[d + 1] - inst.dayRouteStart[d]);
          const pu = routes.visitPos[key];
          const pv = rng.int(routes.len[rv] + 1);
          const move = tryMove(op, routes, pen, ru, pu, rv, pv);
          if (move === null) continue;
          checkIndex(move.copy);
          if (move.delta < 0) {
            expect(move.delta).toBeCloseTo(move.actual, 6);
            exact++;
          } else {
            expect(move.delta).toBeLessThanOrEqual(move.actual + 1e-6);
          }
        }
      }
      expect(exact).toBeGreaterThan(5);
    });
  }

  test('patternChange: evaluate = recomputed difference after apply', () => {
    const pen = new CostEvaluator(1.7, 2.3);
    let exact = 0;
    for (let s = 0; s < 6; s++) {
      const { inst, routes } = randomState(generate(300 + s, gen), 400 + s);
      const op = new PatternChange(inst);
      for (let c = 0; c < inst.n; c++) {
        const copy = cloneRoutes(routes);
        const ctx = makeContext(inst, copy, pen);
        const delta = op.evaluate(ctx, c);
        if (!(delta < 0)) continue;
        const before = penalisedTotal(copy, pen);
        const k = op.apply(ctx, c);
        for (let t = 0; t < k; t++) copy.refresh(ctx.touched[t]);
        checkIndex(copy);
        expect(delta).toBeCloseTo(penalisedTotal(copy, pen) - before, 6);
        exact++;
      }
    }
    // One pattern per customer: no change of pattern exists, so none may look improving.
    if (gen.periodic) expect(exact).toBeGreaterThan(5);
    else expect(exact).toBe(0);
  });
});

describe('2-opt* between vehicles that end differently', () => {
  // Four kinds of vehicle a day, each unlike the first in one way: it ends at location 1, or
  // must be back by 700, or starts at 700. A tail that changes vehicle is timed to its new
  // vehicle's end, shift and all, not its old one's.
  const KINDS = [
    { end: 0, earliest: 0, latest: 1000 },
    { end: 1, earliest: 0, latest: 1000 },
    { end: 0, earliest: 0, latest: 700 },
    { end: 0, earliest: 700, latest: 1000 },
  ];
  const fleet = (seed: number): SolverInput => {
    const input = generate(seed, { n: 12, vehiclesPerDay: 4, window: 150, capacity: 100, mixedFleet: true });
    return { ...input, vehicles: [KINDS.map((k) => ({ start: 0, capacity: 100, maxDuration: 260, ...k }))] };
  };
  test('every pair of positions: exact when improving, never above the recomputed change', () => {
    const pen = new CostEvaluator(3, 2.3);
    let exact = 0;
    const acrossKinds = new Set<string>();
    for (let s = 0; s < 4; s++) {
      const { inst, routes } = randomState(fleet(500 + s), 600 + s);
      for (let ru = 0; ru < inst.nRoutes; ru++) {
        for (let rv = 0; rv < inst.nRoutes; rv++) {
          if (ru === rv) continue;
          for (let pu = 0; pu <= routes.len[ru]; pu++) {
            for (let pv = 0; pv <= routes.len[rv]; pv++) {
              const move = tryMove(twoOptStar, routes, pen, ru, pu, rv, pv);
              if (move === null) continue;
              expect(move.delta).toBeLessThanOrEqual(move.actual + 1e-6);
              if (move.delta < 0) {
                expect(move.delta).toBeCloseTo(move.actual, 6);
                exact++;
                acrossKinds.add([ru, rv].sort().join(' '));
              }
            }
          }
        }
      }
    }
    // Improving moves between the first kind and each other, both ways round.
    for (const pair of ['0 1', '0 2', '0 3']) expect(acrossKinds).toContain(pair);
    expect(exact).toBeGreaterThan(20);
  });
});

describe('the registry', () => {
  const names = (input: SolverInput) => {
    const inst = buildInstance(input);
    return [...nodeOperators(inst), ...customerOperators(inst)].map((op) => op.name);
  };
  test('an instance gets, by name, the operators that have a use on it', () => {
    // Two customers: no string of three, nothing to reverse; one vehicle: no tails to exchange.
    expect(names(generate(1, { n: 2, vehiclesPerDay: 1 }))).toEqual(['relocate', 'orOpt2', 'swap']);
    expect(names(generate(1, { n: 3, vehiclesPerDay: 2 }))).toEqual(['relocate', 'orOpt2', 'orOpt3', 'swap', 'twoOptStar', 'twoOpt']);
    // Pattern change only where a customer has a choice: several patterns, a skip cost or pattern costs.
    expect(names(generate(1, { n: 3, days: 2, vehiclesPerDay: 1, periodic: true }))).toContain('patternChange');
    expect(names(generate(1, { n: 3, vehiclesPerDay: 1, skipCost: 10 }))).toContain('patternChange');
    const costed = generate(1, { n: 3, vehiclesPerDay: 1 });
    expect(names({ ...costed, customers: costed.customers.map((c) => ({ ...c, patternCosts: [5] })) })).toContain('patternChange');
  });
});

