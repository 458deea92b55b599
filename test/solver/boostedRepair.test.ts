/**
 * The repair step: an infeasible output is searched again at ten times the search's current
 * weights, half of the time; a feasible one costs no random number.
 */
import { describe, expect, test } from 'vitest';
import { snapshot } from '../../src/solver/bestSolution.ts';
import { BoostedRepair } from '../../src/solver/boostedRepair.ts';
import { CostEvaluator } from '../../src/solver/costEvaluator.ts';
import { fitBand } from '../../src/solver/loadBand.ts';
import { LocalSearch } from '../../src/solver/localSearch.ts';
import { computeNeighbours } from '../../src/solver/neighbours.ts';
import { makeContext } from '../../src/solver/operators/operator.ts';
import { customerOperators, nodeOperators } from '../../src/solver/operators/registry.ts';
import { Random } from '../../src/solver/random.ts';
import { generate } from './helpers.ts';
import { cloneRoutes, randomState } from './state.ts';

/** A generator whose first number is chosen, the rest those of its seed; it counts its draws. */
class FirstDraw extends Random {
  private readonly first: number;
  draws = 0;
  constructor(first: number, seed: number) {
    super(seed);
    this.first = first;
  }
  override next(): number {
    return this.draws++ === 0 ? this.first : super.next();
  }
}

const SEED = 5;
function setUp() {
  const { inst, routes } = randomState(generate(SEED, { n: 25, vehiclesPerDay: 3, window: 100, capacity: 60 }), SEED);
  const nb = computeNeighbours(inst, 8);
  return { inst, routes, nb };
}
/** The state a local search at these weights makes of `routes`'s copy, from a fresh generator. */
function searchedAt(timeWarp: number, load: number) {
  const { inst, routes, nb } = setUp();
  const copy = cloneRoutes(routes);
  new LocalSearch(makeContext(inst, copy, new CostEvaluator(timeWarp, load)), nb, nodeOperators(inst), customerOperators(inst)).run(new Random(SEED));
  fitBand(copy);
  return snapshot(copy);
}

describe('the boosted repair', () => {
  test('a feasible state is left alone and draws nothing', () => {
    const { inst, routes, nb } = setUp();
    const before = snapshot(routes);
    const rng = new FirstDraw(0, SEED);
    expect(new BoostedRepair(inst, routes, nb, new CostEvaluator(1, 1)).run(1e-7, 0, rng)).toBe(false);
    expect(rng.draws).toBe(0);
    expect(snapshot(routes)).toEqual(before);
  });

  test('an infeasible state is repaired when the draw is under one half, and only then', () => {
    const { inst, routes, nb } = setUp();
    const before = snapshot(routes);
    const repair = new BoostedRepair(inst, routes, nb, new CostEvaluator(1.7, 2.3));
    const tw = routes.totalTimeWarp();
    expect(tw).toBeGreaterThan(1);
    const half = new FirstDraw(0.5, SEED);
    expect(repair.run(tw, 0, half)).toBe(false);
    expect(half.draws).toBe(1);
    expect(snapshot(routes)).toEqual(before);
    // Load alone makes a state infeasible too.
    expect(repair.run(0, 1, new FirstDraw(0.49, SEED))).toBe(true);
    expect(snapshot(routes)).not.toEqual(before);
  });

  test('it searches at ten times the weights the search holds when it runs', () => {
    const { inst, routes, nb } = setUp();
    const costs = new CostEvaluator(1.7, 2.3);
    const repair = new BoostedRepair(inst, routes, nb, costs);
    costs.timeWarp = 0.4;
    repair.run(routes.totalTimeWarp(), 0, new FirstDraw(0, SEED));
    expect(snapshot(routes)).toEqual(searchedAt(4, 23));
    // The weights tell: at the search's own weights the search ends elsewhere.
    expect(searchedAt(0.4, 2.3)).not.toEqual(searchedAt(4, 23));
  });
});
