import { describe, expect, test } from 'vitest';
import { sweepDays } from '../../src/planner/sweepDays.ts';

/** 60 shops on a circle; every fifth weekly, every third fortnightly, the rest monthly. */
const n = 60;
const angles = Array.from({ length: n }, (_, i) => -Math.PI + (2 * Math.PI * i) / n);
const freq = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 4 : i % 3 === 0 ? 2 : 1));

function daysOf(days: number[][], shop: number): number[] {
  return days.flatMap((d, day) => (d.includes(shop) ? [day] : []));
}

describe('weekday sweep', () => {
  const days = sweepDays(angles, freq);

  test('every shop is visited exactly its frequency', () => {
    for (let i = 0; i < n; i++) expect(daysOf(days, i)).toHaveLength(freq[i]);
  });

  test('weekly shops keep their weekday every week; fortnightly ones are 10 workdays apart', () => {
    for (let i = 0; i < n; i++) {
      const d = daysOf(days, i);
      if (freq[i] === 4) expect(d.map((x) => x - d[0])).toEqual([0, 5, 10, 15]);
      if (freq[i] === 2) expect(d[1] - d[0]).toBe(10);
    }
  });

  test('a weekday serves one contiguous sector of the circle', () => {
    for (let w = 0; w < 5; w++) {
      const shops = [...new Set([w, w + 5, w + 10, w + 15].flatMap((d) => days[d]))].sort((a, b) => a - b);
      // Contiguous on a circle: at most one jump larger than 1 between consecutive members.
      let jumps = 0;
      for (let k = 0; k < shops.length; k++) if ((shops[(k + 1) % shops.length] - shops[k] + n) % n !== 1) jumps++;
      expect(jumps).toBeLessThanOrEqual(1);
    }
  });

  test('days carry similar numbers of visits', () => {
    const sizes = days.map((d) => d.length);
    const total = freq.reduce((a, b) => a + b, 0);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(3);
  });

  test('an empty line has 20 empty days', () => {
    expect(sweepDays([], [])).toEqual(Array.from({ length: 20 }, () => []));
  });
});
