/**
 * Acceptance: below the current cost plus T · (−ln u), T geometric from t0 to t1 over the
 * budget, one number drawn on every call.
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
    const a = new Annealing(7, 100, 1, 0);
    expect(a.temperature(0)).toBe(100);
    expect(a.temperature(1)).toBeCloseTo(1, 12);
    expect(a.temperature(0.5)).toBeCloseTo(10, 12);
  });

  test('while nothing is feasible the temperature is the searching one, whatever the budget', () => {
    const a = new Annealing(7, 100, 1, 200);
    expect(a.temperature(null)).toBe(7);
    // T = 7, u = 1 − e⁻¹: the threshold is 207.
    const u = 1 - Math.exp(-1);
    expect(a.accept(207.001, null, new Scripted([u]))).toBe(false);
    expect(a.accept(206.999, null, new Scripted([u]))).toBe(true);
  });

  test('a candidate is accepted below the current cost plus T·(−ln u), and becomes current', () => {
    // T = 10 at the middle; u = 1 − e⁻¹ puts the threshold at 200 + 10.
    const u = 1 - Math.exp(-1);
    const a = new Annealing(7, 100, 1, 200);
    expect(a.accept(210.001, 0.5, new Scripted([u]))).toBe(false);
    expect(a.current).toBe(200);
    expect(a.accept(209.999, 0.5, new Scripted([u]))).toBe(true);
    expect(a.current).toBe(209.999);
    // u = 0: the threshold is the current cost itself, which a tie does not pass.
    expect(a.accept(209.999, 0.5, new Scripted([0]))).toBe(false);
    expect(a.accept(209.998, 0.5, new Scripted([0]))).toBe(true);
  });

  test('a number is drawn on every call, accepted or refused: the search stays on one course', () => {
    const a = new Annealing(7, 100, 1, 200);
    const rng = new Scripted([0.5, 0.5]);
    expect(a.accept(1000, 0, rng)).toBe(false);
    expect(rng.drawn).toBe(1);
    expect(a.accept(1, 0, rng)).toBe(true);
    expect(rng.drawn).toBe(2);
  });
});
