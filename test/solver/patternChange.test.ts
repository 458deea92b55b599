/**
 * Pattern change judged against brute force: every option of a customer (each other pattern,
 * leaving it out, routing it again) costed by doing it on a copy, each new day's visit tried
 * in every place, with pattern costs, required and skippable customers mixed. Then as the local
 * search uses it, on one state: its cached insertions must give what a fresh operator gives,
 * also after the penalty weights change between runs.
 */
import { describe, expect, test } from 'vitest';
import { CostEvaluator } from '../../src/solver/costEvaluator.ts';
import type { SolverInput } from '../../src/solver/instance.ts';
import { makeContext } from '../../src/solver/operators/operator.ts';
import { PatternChange } from '../../src/solver/operators/patternChange.ts';
import { Random } from '../../src/solver/random.ts';
import { Routes } from '../../src/solver/routes.ts';
import { buildInstance } from '../../src/solver/instance.ts';
import { generate } from './helpers.ts';
import { checkIndex, cloneRoutes, penalisedTotal, randomState } from './state.ts';

/**
 * Periodic customers with pattern costs; every third must be routed (which third depends on
 * the seed), the others may be left out at a price. Customer 0 has one pattern, the first of
 * the instance (index 0, where an off-by-one in a `cur >= 0` test shows): required in one seed
 * of three, and where it may be left out, left out cheaply.
 */
function mixed(seed: number): SolverInput {
  const input = generate(seed, { n: 18, days: 3, vehiclesPerDay: 2, window: 400, capacity: 80, periodic: true });
  return {
    ...input,
    customers: input.customers.map((c, i) => {
      const patterns = i === 0 ? c.patterns!.slice(0, 1) : c.patterns!;
      const required = (i + seed) % 3 === 1;
      return { ...c, patterns, patternCosts: patterns.map((_, p) => ((i + p) % 3) * 7), skipCost: required ? undefined : i === 0 ? 1 : 40 + (i % 5) * 15 };
    }),
  };
}

/** The change of penalised cost of serving c on pattern q (-1: leaving it out), each new day's visit at its cheapest place. */
function optionDelta(base: Routes, pen: CostEvaluator, c: number, q: number): number {
  const { inst } = base;
  const { days, patternMask, dayRouteStart } = inst;
  const cur = base.pattern[c];
  const had = cur >= 0 ? patternMask[cur] : 0;
  const wants = q >= 0 ? patternMask[q] : 0;
  const R = cloneRoutes(base);
  const before = penalisedTotal(R, pen);
  for (let d = 0; d < days; d++) {
    if (!((had >> d) & 1) || (wants >> d) & 1) continue;
    const r = R.visitRoute[c * days + d];
    R.remove(r, R.visitPos[c * days + d], 1);
    R.refresh(r);
  }
  R.pattern[c] = q;
  let delta = penalisedTotal(R, pen) - before;
  for (let d = 0; d < days; d++) {
    if (!((wants >> d) & 1) || (had >> d) & 1) continue;
    let cheapest = Infinity;
    for (let r = dayRouteStart[d]; r < dayRouteStart[d + 1]; r++) {
      for (let p = 0; p <= R.len[r]; p++) {
        const T = cloneRoutes(R);
        const t0 = penalisedTotal(T, pen);
        T.insert(r, p, inst.location[c]);
        T.refresh(r);
        cheapest = Math.min(cheapest, penalisedTotal(T, pen) - t0);
      }
    }
    delta += cheapest;
  }
  return delta;
}

/** The best option's delta by brute force, or 0 when none is cheaper. */
function bruteBest(R: Routes, pen: CostEvaluator, c: number): number {
  const { patternStart, skipCost } = R.inst;
  let best = 0;
  for (let q = patternStart[c]; q < patternStart[c + 1]; q++) if (q !== R.pattern[c]) best = Math.min(best, optionDelta(R, pen, c, q));
  if (R.pattern[c] >= 0 && skipCost[c] !== Infinity) best = Math.min(best, optionDelta(R, pen, c, -1));
  return best;
}

/** A random state with some skippable customers left out. */
function stateWithSkips(seed: number) {
  const { inst, routes } = randomState(mixed(seed), seed + 50);
  const rng = new Random(seed);
  for (let c = 0; c < inst.n; c++) {
    // Customer 0 stays on its one pattern (see mixed).
    if (c === 0 || inst.skipCost[c] === Infinity || rng.next() < 0.7) continue;
    routes.removeCustomer(c, new Int32Array(inst.days));
  }
  return { inst, routes };
}

describe('pattern change', () => {
  test('evaluate is the best option found by brute force, and apply makes it', () => {
    const pen = new CostEvaluator(1.7, 2.3);
    let improving = 0;
    let skips = 0;
    let reroutes = 0;
    const firstPattern = { required: 0, skippable: 0 };
    for (let seed = 1; seed <= 5; seed++) {
      const { inst, routes } = stateWithSkips(seed);
      expect(routes.pattern[0]).toBe(0);
      firstPattern[inst.skipCost[0] === Infinity ? 'required' : 'skippable']++;
      for (let c = 0; c < inst.n; c++) {
        const R = cloneRoutes(routes);
        const ctx = makeContext(inst, R, pen);
        const delta = new PatternChange(inst).evaluate(ctx, c);
        const want = bruteBest(R, pen, c);
        if (want > -1e-6) {
          // Nothing cheaper: evaluate says so with a value in [0, …) that is at most 0 here (its
          // best starts at 0), never Infinity, which is kept for a required customer that is out.
          expect(delta, `customer ${c}`).toBeGreaterThanOrEqual(-1e-6);
          expect(delta, `customer ${c}`).toBeLessThanOrEqual(0);
          continue;
        }
        expect(delta, `customer ${c}`).toBeCloseTo(want, 6);
        improving++;
        const op = new PatternChange(inst);
        op.evaluate(ctx, c);
        const wasOut = R.pattern[c] < 0;
        const before = penalisedTotal(R, pen);
        const k = op.apply(ctx, c);
        for (let t = 0; t < k; t++) R.refresh(ctx.touched[t]);
        checkIndex(R);
        expect(penalisedTotal(R, pen) - before).toBeCloseTo(delta, 6);
        if (R.pattern[c] < 0) skips++;
        if (wasOut) reroutes++;
      }
    }
    expect(improving).toBeGreaterThan(10);
    expect(skips).toBeGreaterThan(0);
    expect(reroutes).toBeGreaterThan(0);
    expect(firstPattern.required * firstPattern.skippable).toBeGreaterThan(0);
  });

  test('a move that changes every day of a ten-day horizon names all ten routes for refreshing', () => {
    // One vehicle a day; customer 0 goes from the even days to the odd ones (a pattern cost of
    // 100 against 0 makes it worth it), so its move removes five visits and inserts five.
    const days = 10;
    const input = generate(8, { n: 4, days, vehiclesPerDay: 1 });
    const everyOther = [0b0101010101, 0b1010101010];
    const inst = buildInstance({
      ...input,
      customers: input.customers.map((c, i) => (i === 0 ? { ...c, patterns: everyOther, patternCosts: [100, 0] } : { ...c, patterns: [1 << i] })),
    });
    const R = new Routes(inst);
    const seqs = Array.from({ length: days }, (_, d) => [...(d % 2 === 0 ? [inst.location[0]] : []), ...[1, 2, 3].filter((c) => d === c).map((c) => inst.location[c])]);
    const pattern = Int32Array.from([0, 0, 0, 0].map((p, c) => inst.patternStart[c] + p));
    R.load(seqs, pattern);
    const pen = new CostEvaluator(1.7, 2.3);
    const ctx = makeContext(inst, R, pen);
    const op = new PatternChange(inst);
    const delta = op.evaluate(ctx, 0);
    expect(delta).toBeLessThan(0);
    const before = penalisedTotal(R, pen);
    const k = op.apply(ctx, 0);
    expect(k).toBe(days);
    expect(new Set(ctx.touched.subarray(0, k))).toEqual(new Set(Array.from({ length: days }, (_, d) => d)));
    for (let t = 0; t < k; t++) R.refresh(ctx.touched[t]);
    checkIndex(R);
    expect(penalisedTotal(R, pen) - before).toBeCloseTo(delta, 6);
  });

  test('a required customer that is out is left to recreate: no option of its own', () => {
    const { inst, routes } = randomState(mixed(3), 53);
    const c = 4;
    expect(inst.skipCost[c]).toBe(Infinity);
    routes.removeCustomer(c, new Int32Array(inst.days));
    expect(new PatternChange(inst).evaluate(makeContext(inst, routes, new CostEvaluator(1.7, 2.3)), c)).toBe(Infinity);
  });

  test('a new run under other weights uses nothing cached in the last, though no route changed', () => {
    const { inst, routes } = stateWithSkips(2);
    const pen = new CostEvaluator(40, 2.3);
    const ctx = makeContext(inst, routes, pen);
    const op = new PatternChange(inst);
    op.startRun();
    for (let c = 0; c < inst.n; c++) op.evaluate(ctx, c);
    // Time warp now costs a fiftieth as much: insertions that were dear under it are cheap.
    pen.timeWarp /= 50;
    op.startRun();
    let cheaper = 0;
    for (let c = 0; c < inst.n; c++) {
      const fresh = new PatternChange(inst).evaluate(makeContext(inst, routes, pen), c);
      expect(op.evaluate(ctx, c), `customer ${c}`).toBeCloseTo(fresh, 9);
      if (fresh < -1e-7) cheaper++;
    }
    expect(cheaper).toBeGreaterThan(0);
  });

  test('moves made one after another on one state: cached insertions give what a fresh operator gives, also after the weights change', () => {
    const { inst, routes } = stateWithSkips(4);
    const pen = new CostEvaluator(1.7, 2.3);
    const ctx = makeContext(inst, routes, pen);
    const op = new PatternChange(inst);
    let moves = 0;
    for (let run = 0; run < 4; run++) {
      // A new local-search run under other weights: what was cached under the old ones is stale.
      if (run > 0) pen.timeWarp *= 4;
      op.startRun();
      for (let c = 0; c < inst.n; c++) {
        const delta = op.evaluate(ctx, c);
        const fresh = new PatternChange(inst).evaluate(makeContext(inst, cloneRoutes(routes), pen), c);
        if (fresh < -1e-7 || delta < -1e-7) expect(delta, `run ${run}, customer ${c}`).toBeCloseTo(fresh, 6);
        if (!(delta < -1e-7)) continue;
        const before = penalisedTotal(routes, pen);
        const k = op.apply(ctx, c);
        for (let t = 0; t < k; t++) routes.refresh(ctx.touched[t]);
        expect(penalisedTotal(routes, pen) - before).toBeCloseTo(delta, 6);
        moves++;
      }
    }
    checkIndex(routes);
    expect(moves).toBeGreaterThan(5);
  });

});
