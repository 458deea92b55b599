import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { PolicySchema } from '../../src/domain/policy.ts';
import { fuelRates, litres, yuan, yuanMatrix } from '../../src/travel/fuel.ts';

const policy = PolicySchema.parse(JSON.parse(readFileSync(new URL('../../data/demo/policy.json', import.meta.url), 'utf8')));

describe('fuel', () => {
  test("the seed's month: 1,200 km by car on the flat is 96 L and 720 yuan", () => {
    const car = fuelRates(policy, 'car');
    expect(litres(car, 1_200_000, 0)).toBeCloseTo(96, 9);
    expect(yuan(car, 1_200_000, 0)).toBeCloseTo(720, 9);
  });

  test('climbing 1,000 m by car adds 1.5 L (0.15 L per 100 m)', () => {
    const car = fuelRates(policy, 'car');
    expect(litres(car, 0, 1000)).toBeCloseTo(1.5, 9);
  });

  test("a line's own consumption overrides the vehicle default", () => {
    expect(litres(fuelRates(policy, 'car', 10), 100_000, 0)).toBeCloseTo(10, 9);
  });

  test('the yuan matrix prices each entry like yuan()', () => {
    const moto = fuelRates(policy, 'motorbike');
    const m = yuanMatrix(moto, Float64Array.of(0, 12_000, 9_000, 0), Float64Array.of(0, 300, 0, 0));
    expect(m[1]).toBeCloseTo(yuan(moto, 12_000, 300), 12);
    expect(m[2]).toBeCloseTo(9 * 0.025 * 7.5, 12);
  });
});
