/**
 * The local search's own contract, judged from outside: it stops at a local optimum of the
 * moves it is allowed (the granular pairs of a day, the start of a neighbour's route, the day's
 * first empty route, each customer's options), and it tests a pair again only when one of its
 * two routes changed since.
 */
import { describe, expect, test } from 'vitest';
import { CostEvaluator } from '../../src/solver/costEvaluator.ts';
import type { Instance } from '../../src/solver/instance.ts';
import { LocalSearch } from '../../src/solver/localSearch.ts';
import { computeNeighbours, type Neighbours } from '../../src/solver/neighbours.ts';
import { makeContext, type CustomerOperator, type MoveContext, type NodeOperator } from '../../src/solver/operators/operator.ts';
import { customerOperators, NODE_OPERATORS } from '../../src/solver/operators/registry.ts';
import { Random } from '../../src/solver/random.ts';
import type { Routes } from '../../src/solver/routes.ts';
import { generate, type GenOptions } from './helpers.ts';
import { checkIndex, penalisedTotal, randomState } from './state.ts';

const CASES: Record<string, GenOptions> = {
  'vrptw': { n: 24, vehiclesPerDay: 4, window: 150, capacity: 60 },
  'periodic with skips': { n: 20, days: 3, vehiclesPerDay: 3, window: 400, capacity: 80, periodic: true, skipCost: 120 },
};
const IMPROVING = -1e-7;

/**
 * Node operators that record each move they make and each pair they are asked about: its routes,
 * and the step at which the later of the two last changed.
 */
function recording(ops: readonly NodeOperator[]) {
  const tried: { ru: number; rv: number; changed: number }[] = [];
  let applied = 0;
  const wrapped = ops.map((op): NodeOperator => ({
    name: op.name,
    supports: (inst) => op.supports(inst),
    evaluate: (ctx, ru, pu, rv, pv) => {
      tried.push({ ru, rv, changed: Math.max(ctx.routes.lastModified[ru], ctx.routes.lastModified[rv]) });
      return op.evaluate(ctx, ru, pu, rv, pv);
    },
    apply: (ctx, ru, pu, rv, pv) => {
      applied++;
      return op.apply(ctx, ru, pu, rv, pv);
    },
  }));
  return { wrapped, tried, applied: () => applied };
}

/**
 * Customer operators that record, for each customer they are asked about, the steps at which
 * they were asked and whether a route of a day its patterns use had changed since the last time.
 */
function recordingCustomers(inst: Instance, ops: readonly CustomerOperator[]) {
  const last = new Map<number, number>();
  const stale: { c: number; step: number }[] = [];
  let asked = 0;
  const daysOf = (c: number) => {
    let mask = 0;
    for (let q = inst.patternStart[c]; q < inst.patternStart[c + 1]; q++) mask |= inst.patternMask[q];
    return mask;
  };
  const wrapped = ops.map((op): CustomerOperator => ({
    name: op.name,
    supports: (i) => op.supports(i),
    startRun: () => {
      last.clear();
      op.startRun?.();
    },
    evaluate: (ctx, c) => {
      asked++;
      const before = last.get(c);
      if (before !== undefined && op === ops[0]) {
        let changed = false;
        for (let r = 0; r < inst.nRoutes; r++) if ((daysOf(c) >> inst.routeDay[r]) & 1 && ctx.routes.lastModified[r] >= before) changed = true;
        if (!changed) stale.push({ c, step: ctx.routes.step });
      }
      if (op === ops[0]) last.set(c, ctx.routes.step);
      return op.evaluate(ctx, c);
    },
    apply: (ctx, c) => op.apply(ctx, c),
  }));
  return { wrapped, stale, asked: () => asked };
}

function setUp(gen: GenOptions, seed: number) {
  const { inst, routes } = randomState(generate(seed, gen), seed + 1);
  const pen = new CostEvaluator(1.7, 2.3);
  const ctx = makeContext(inst, routes, pen);
  const nb = computeNeighbours(inst, 8);
  const node = recording(NODE_OPERATORS.filter((op) => op.supports(inst)));
  const customer = customerOperators(inst);
  const customers = recordingCustomers(inst, customer);
  const ls = new LocalSearch(ctx, nb, node.wrapped, customers.wrapped);
  return { inst, routes, pen, ctx, nb, node, customer, customers, ls };
}

/** The best improving move left among those the search may make, or 0 when none improves. */
function bestLeft(inst: Instance, R: Routes, ctx: MoveContext, nb: Neighbours, nodeOps: readonly NodeOperator[], customerOps: readonly CustomerOperator[]): number {
  let best = 0;
  const tryAll = (ru: number, pu: number, rv: number, pv: number) => {
    for (const op of nodeOps) best = Math.min(best, op.evaluate(ctx, ru, pu, rv, pv));
  };
  for (let c = 0; c < inst.n; c++) {
    for (let d = 0; d < inst.days; d++) {
      const key = c * inst.days + d;
      const ru = R.visitRoute[key];
      if (ru < 0) continue;
      for (let j = 0; j < nb.count[c]; j++) {
        const key2 = nb.list[c * nb.k + j] * inst.days + d;
        const rv = R.visitRoute[key2];
        if (rv < 0) continue;
        tryAll(ru, R.visitPos[key], rv, R.visitPos[key2]);
        if (R.visitPos[key2] === 1) tryAll(ru, R.visitPos[key], rv, 0);
      }
      for (let r = inst.dayRouteStart[d]; r < inst.dayRouteStart[d + 1]; r++) {
        if (R.len[r] !== 0) continue;
        tryAll(ru, R.visitPos[key], r, 0);
        break;
      }
    }
    for (const op of customerOps) best = Math.min(best, op.evaluate(ctx, c));
  }
  return best < IMPROVING ? best : 0;
}

describe.each(Object.entries(CASES))('%s', (_name, gen) => {
  test('a run ends where no allowed move improves, cheaper than it started, every move counted', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const { inst, routes, pen, ctx, nb, node, customer, ls } = setUp(gen, seed);
      const start = penalisedTotal(routes, pen);
      expect(bestLeft(inst, routes, ctx, nb, NODE_OPERATORS, customer)).toBeLessThan(0);
      ls.run(new Random(seed));
      checkIndex(routes);
      expect(bestLeft(inst, routes, ctx, nb, NODE_OPERATORS.filter((op) => op.supports(inst)), customer)).toBe(0);
      expect(penalisedTotal(routes, pen)).toBeLessThan(start - 1);
      // Customer moves are counted too, so at least every node move.
      expect(ls.moves).toBeGreaterThanOrEqual(node.applied());
      expect(node.applied()).toBeGreaterThan(0);
    }
  });

  test('a second run with nothing changed tries no pair; after a route changes, only pairs with a route changed since', () => {
    const { inst, routes, ctx, node, ls } = setUp(gen, 7);
    const rng = new Random(7);
    ls.run(rng);
    node.tried.length = 0;
    ls.run(rng);
    expect(node.tried).toEqual([]);
    // Take the first visit off the longest route; the moves that follow may change others.
    let r = 0;
    for (let q = 1; q < inst.nRoutes; q++) if (routes.len[q] > routes.len[r]) r = q;
    const since = routes.step;
    routes.removeCustomer(inst.customerAt[routes.node[r * routes.cap + 1]], ctx.touched);
    ls.run(rng);
    expect(node.tried.filter((p) => p.ru === r || p.rv === r).length).toBeGreaterThan(0);
    expect(node.tried.filter((p) => p.changed < since)).toEqual([]);
    checkIndex(routes);
  });

  test("a customer's options are weighed again in a run only after a route of one of its days changed", () => {
    let asked = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const { customers, ls } = setUp(gen, seed);
      ls.run(new Random(seed));
      expect(customers.stale).toEqual([]);
      asked += customers.asked();
    }
    if (gen.periodic || gen.skipCost !== undefined) expect(asked).toBeGreaterThan(0);
  });

  test('after resetTested, every pair is tried again', () => {
    const { routes, node, ls } = setUp(gen, 9);
    const rng = new Random(9);
    ls.run(rng);
    ls.resetTested();
    node.tried.length = 0;
    ls.run(rng);
    const routed = new Set<number>();
    for (let r = 0; r < routes.len.length; r++) if (routes.len[r] > 0) routed.add(r);
    expect(new Set(node.tried.map((p) => p.ru))).toEqual(routed);
  });
});
