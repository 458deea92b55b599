/**
 * A longer budget never turns a feasible verdict into an infeasible one (issue 12): before its
 * first feasible solution the search takes no decision from the budget, so a longer budget
 * replays a shorter one's rounds and meets the same first feasible solution at the same round,
 * and the best feasible solution, once found, is what comes back.
 */
import { describe, expect, test } from 'vitest';
import { solve, type SolveOptions, type SolverInput } from '../../src/solver/index.ts';
import { RescueSchedule } from '../../src/solver/rescueSchedule.ts';
import { checkRoutes, generate, withMinLoads } from './helpers.ts';

/** The round and cost of the first feasible solution a run reports (null if none). */
function firstFeasible(input: SolverInput, options: SolveOptions) {
  let first: { iteration: number; cost: number } | null = null;
  const result = solve(input, {
    ...options,
    onProgress: (p) => {
      if (p.feasible && first === null) first = { iteration: p.iteration, cost: p.bestCost };
    },
  });
  return { first: first as { iteration: number; cost: number } | null, result };
}

function loadOf(input: SolverInput, stops: number[]): number {
  const demand = new Map(input.customers.map((c) => [c.location, c.demand ?? 0]));
  return stops.reduce((sum, s) => sum + demand.get(s)!, 0);
}

/** Tight fleets whose first feasible solution comes late: in the penalised search, or at a rescue. */
const cases: { name: string; input: SolverInput; seed: number }[] = [
  { name: 'tight windows, three vehicles', input: generate(57, { n: 30, vehiclesPerDay: 3, window: 120, capacity: 105 }), seed: 57 },
  { name: 'narrow windows, four vehicles', input: generate(4, { n: 40, vehiclesPerDay: 4, window: 80, capacity: 300 }), seed: 4 },
  { name: 'narrow windows, four vehicles, another', input: generate(5, { n: 40, vehiclesPerDay: 4, window: 80, capacity: 300 }), seed: 5 },
  { name: 'minimum loads (no route minimisation)', input: withMinLoads(generate(54, { n: 30, days: 2, vehiclesPerDay: 3, capacity: 70, window: 120 }), 25, 0.3), seed: 54 },
];
const BUDGETS = [20, 60, 150, 400];

describe('a longer budget', () => {
  test.each(cases)('$name: never loses the verdict, and meets the same first feasible solution at the same round', ({ input, seed }) => {
    for (const grace of [0, 1]) {
      const runs = BUDGETS.map((maxIterations) => ({ maxIterations, ...firstFeasible(input, { seed, maxIterations, feasibilityGrace: grace }) }));
      const found = runs.filter((r) => r.first !== null);
      for (const r of runs) {
        // The verdict is the independent checker's, not only the solver's.
        const check = checkRoutes(input, r.result.routes);
        const routed = r.result.routes.flatMap((x) => x.stops).sort((a, b) => a - b);
        const keeps =
          check.timeWarp < 1e-6 &&
          check.excessLoad === 0 &&
          routed.join() === input.customers.map((c) => c.location).sort((a, b) => a - b).join() &&
          r.result.routes.every((x) => x.stops.length === 0 || loadOf(input, x.stops) >= (input.vehicles[x.day]![x.vehicle]!.minLoad ?? 0));
        expect(r.result.feasible && !keeps, `budget ${r.maxIterations} claims a plan that breaks a rule`).toBe(false);
      }
      for (let i = 1; i < runs.length; i++) {
        if (runs[i - 1]!.result.feasible) expect(runs[i]!.result.feasible, `budget ${runs[i]!.maxIterations} after ${runs[i - 1]!.maxIterations}, grace ${grace}`).toBe(true);
      }
      // Every budget that finds a plan finds the same first one, at the same round.
      for (const r of found) expect(r.first).toEqual(found[0]!.first);
    }
  });

  test('the cases between them find their first plan late, one of them at a rescue', () => {
    const firsts = cases.map(({ input, seed }) => firstFeasible(input, { seed, maxIterations: 400 }).first?.iteration ?? Infinity);
    // Every first plan comes after the shortest budget, none never; one no sooner than a rescue can come.
    expect(firsts.every((k) => k > BUDGETS[0]! && k < Infinity)).toBe(true);
    expect(firsts.some((k) => k >= new RescueSchedule(0, 1).patience)).toBe(true);
  });
});
