/**
 * Acceptance: below the current cost plus T · (−ln u), T geometric from t0 to t1 over the
 * budget; once the current state is feasible, only a feasible candidate.
 */
import { describe, expect, test } from 'vitest';
import { Annealing } from '../../src/solver/annealing.ts';
import { Random } from '../../src/solver/random.ts';

/** A generator that gives the numbers it is told, and counts them. */
class Scripted extends Random {
  private readonly values: number[];
  drawn = 0;
  constructor(values: number[]) {
    super(0);
    this.values = values;
  }
  override next(): number {
    return this.values[this.drawn++]!;
  }
}

describe('annealing', () => {
  test('the temperature falls geometrically from t0 to t1 over the budget', () => {
    const a = new Annealing(100, 1, 0, false);
    expect(a.temperature(0)).toBe(100);
    expect(a.temperature(1)).toBeCloseTo(1, 12);
    expect(a.temperature(0.5)).toBeCloseTo(10, 12);
  });

  test('a candidate is accepted below the current cost plus T·(−ln u), and becomes current', () => {
    // T = 10 at the middle; u = 1 − e⁻¹ puts the threshold at 200 + 10.
    const u = 1 - Math.exp(-1);
    const a = new Annealing(100, 1, 200, false);
    expect(a.accept(210.001, false, 0.5, new Scripted([u]))).toBe(false);
    expect(a.current).toBe(200);
    expect(a.accept(209.999, true, 0.5, new Scripted([u]))).toBe(true);
    expect([a.current, a.currentFeasible]).toEqual([209.999, true]);
    // u = 0: the threshold is the current cost itself, which a tie does not pass.
    expect(a.accept(209.999, true, 0.5, new Scripted([0]))).toBe(false);
    expect(a.accept(209.998, true, 0.5, new Scripted([0]))).toBe(true);
  });

  test('once the current state is feasible, an infeasible candidate is refused however cheap; a number is drawn all the same', () => {
    const a = new Annealing(100, 1, 200, true);
    const rng = new Scripted([0.5, 0.5]);
    expect(a.accept(1, false, 0, rng)).toBe(false);
    expect(rng.drawn).toBe(1);
    expect(a.accept(1, true, 0, rng)).toBe(true);
    expect(rng.drawn).toBe(2);
    // From an infeasible current state, an infeasible candidate may be taken.
    const b = new Annealing(100, 1, 200, false);
    expect(b.accept(150, false, 0, new Scripted([0.5]))).toBe(true);
  });
});
