/**
 * Route minimisation's first step: from each route that breaks a constraint, the visit whose
 * removal saves most (penalised at repair weights) is dropped, again and again until the route
 * keeps its constraints. Only what must go goes out.
 */
import { describe, expect, test } from 'vitest';
import { CostEvaluator } from '../../src/solver/costEvaluator.ts';
import { accepts, EXTRA_OUT_WORK, repairFleet } from '../../src/solver/fleetRepair.ts';
import { buildInstance } from '../../src/solver/instance.ts';
import { computeNeighbours } from '../../src/solver/neighbours.ts';
import { makeContext } from '../../src/solver/operators/operator.ts';
import { Random } from '../../src/solver/random.ts';
import { Routes } from '../../src/solver/routes.ts';
import { RuinRecreate } from '../../src/solver/ruinRecreate.ts';
import { maxIterations } from '../../src/solver/stop.ts';
import { generate, onALine } from './helpers.ts';

describe('route minimisation drops the violating visits', () => {
  test('the last visit of a route, when it is the one late', () => {
    // A depot and three shops on one road, 10 apart; the last shop closes at 25 and the route
    // reaches it at 30. Dropping either of the others saves no distance and no lateness.
    const xs = [0, 10, 20, 30];
    const inst = buildInstance({
      days: 1,
      locations: 4,
      vehicles: [[{ start: 0, capacity: 100 }]],
      customers: [{ location: 1 }, { location: 2 }, { location: 3, due: 25 }],
      distance: onALine(xs),
    });
    const cand = new Routes(inst);
    cand.load([[1, 2, 3]], Int32Array.of(0, 0, 0));
    expect(cand.routeTw[0]).toBe(5);
    const ctx = makeContext(inst, cand, new CostEvaluator(1e6, 1e6));
    const current = new Routes(inst);
    current.syncFrom(cand);
    const rr = new RuinRecreate(inst, computeNeighbours(inst, 3));
    // No rounds: only the first step runs.
    const outcome = repairFleet(ctx, current, rr, new Random(1), maxIterations(0), 0);
    expect(outcome).toEqual({ feasible: false, iterations: 0 });
    expect([...cand.node.subarray(1, 1 + cand.len[0])]).toEqual([1, 2]);
    expect([...cand.pattern]).toEqual([0, 0, -1]);
    expect(cand.routeTw[0]).toBe(0);
  });

  test('a required customer that no day can take is not out: there is nothing to bring back', () => {
    // Day 2 has no vehicle; the second shop may be visited on day 2 only.
    const inst = buildInstance({
      days: 2,
      locations: 3,
      vehicles: [[{ start: 0, capacity: 100 }], []],
      customers: [{ location: 1, patterns: [1] }, { location: 2, patterns: [2] }],
      distance: [0, 5, 5, 5, 0, 5, 5, 5, 0],
    });
    expect([...inst.unroutable]).toEqual([1]);
    const cand = new Routes(inst);
    cand.load([[1]], Int32Array.of(0, -1));
    const current = new Routes(inst);
    current.syncFrom(cand);
    const rr = new RuinRecreate(inst, computeNeighbours(inst, 1));
    const outcome = repairFleet(makeContext(inst, cand, new CostEvaluator(1e6, 1e6)), current, rr, new Random(1), maxIterations(0), 0);
    expect(outcome).toEqual({ feasible: true, iterations: 0 });
  });
});

test('route minimisation never ends with more customers out than it had at its best', () => {
  // A fleet too small for these 40 shops: customers stay out. States with more out are accepted
  // when those out have been out less often; a longer run replays a shorter one round for round,
  // so the number it ends with out can only fall as it runs longer.
  const input = generate(132, { n: 40, vehiclesPerDay: 4, window: 100, capacity: 105 });
  const inst = buildInstance(input);
  let previous = Infinity;
  for (let rounds = 0; rounds <= 120; rounds += 4) {
    const cand = new Routes(inst);
    const routes: number[][] = [[], [], [], []];
    for (let c = 0; c < inst.n; c++) routes[c % 4].push(inst.location[c]);
    cand.load(routes, Int32Array.from({ length: inst.n }, (_, c) => inst.patternStart[c]));
    const current = new Routes(inst);
    current.syncFrom(cand);
    const rr = new RuinRecreate(inst, computeNeighbours(inst, 10));
    repairFleet(makeContext(inst, cand, new CostEvaluator(1e6, 1e6)), current, rr, new Random(7), maxIterations(rounds), 0);
    const out = [...cand.pattern].filter((q) => q < 0).length;
    for (let r = 0; r < 4; r++) expect(cand.routeTw[r] + cand.routeLoadViolation[r]).toBeLessThanOrEqual(1e-6);
    expect(out, `${rounds} rounds`).toBeLessThanOrEqual(previous);
    previous = out;
  }
  // Some customers stay out to the end: the loop ran every round.
  expect(previous).toBeGreaterThan(0);
});

describe("route minimisation's acceptance (SISR's rule, bounded)", () => {
  test('fewer customers out is accepted whatever their absence counts', () => {
    expect(accepts(4, 100, 5, 3, 4, 1000)).toBe(true);
  });

  test('more out, but out less often, is accepted up to EXTRA_OUT_WORK / customers over the fewest seen', () => {
    // Seven out now (absence sum 50), three the fewest seen; at 1,000 customers ten more may be out.
    expect(EXTRA_OUT_WORK / 1000).toBe(10);
    expect(accepts(13, 0, 7, 50, 3, 1000)).toBe(true);
    // One more is over the bound, however small its sum: unbounded, 1,000 customers ran to 370 out.
    expect(accepts(14, 0, 7, 50, 3, 1000)).toBe(false);
    // At Solomon's 100 customers the roam is free up to 100 more (r104 reaches 35 out).
    expect(accepts(40, 0, 7, 50, 3, 100)).toBe(true);
    expect(accepts(104, 0, 7, 50, 3, 100)).toBe(false);
  });

  test('as many out, out as often, is refused', () => {
    expect(accepts(5, 20, 5, 20, 5, 1000)).toBe(false);
  });
});
