import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { countDays, daysOf, patternFromCordeau } from '../../src/benchmarks/patterns.ts';
import { parseBks } from '../../src/benchmarks/bks.ts';
import { loadBks, loadInstance } from '../../src/benchmarks/load.ts';
import { BENCHMARKS_DIR, FAMILIES, familyFiles, familySpec } from '../../src/benchmarks/catalog.ts';

describe('patterns', () => {
  test('Cordeau codes read leftmost bit = day 1', () => {
    expect(patternFromCordeau(8, 4)).toBe(0b0001); // "1000": day 1
    expect(patternFromCordeau(1, 4)).toBe(0b1000); // "0001": day 4
    expect(patternFromCordeau(10, 4)).toBe(0b0101); // "1010": days 1 and 3
    expect(patternFromCordeau(15, 4)).toBe(0b1111);
    expect(daysOf(0b0101)).toEqual([1, 3]);
    expect(countDays(0b1011)).toBe(3);
  });
});

describe('BKS tables', () => {
  test('Solomon: 56 rows, quoted sources with commas', () => {
    const t = loadBks(join(BENCHMARKS_DIR, 'solomon/bks_solomon.csv'));
    expect(t.size).toBe(56);
    expect(t.get('c101')).toMatchObject({ vehicles: 10, distance: 828.94 });
    expect(t.get('c101')?.source).toContain('Geir Hasle, Oddvar Kloster');
    expect(t.get('r112')).toMatchObject({ vehicles: 9, distance: 982.14 });
  });

  test('Homberger 200: 60 rows at 4 decimals', () => {
    const t = loadBks(join(BENCHMARKS_DIR, 'homberger/bks_homberger_200.csv'));
    expect(t.size).toBe(60);
    expect(t.get('c1_2_1')).toMatchObject({ vehicles: 20, distance: 2704.5678 });
  });

  test('PVRP: both tables have 42 rows', () => {
    const bks = loadBks(join(BENCHMARKS_DIR, 'pvrp/bks_pvrp.csv'));
    const ref = loadBks(join(BENCHMARKS_DIR, 'pvrp/cordeau1997_solutions_pvrp.csv'));
    expect(bks.size).toBe(42);
    expect(ref.size).toBe(42);
    expect(bks.get('p04')?.distance).toBe(835.26);
    expect(ref.get('p04')?.distance).toBe(835.43);
  });

  test('a bad row is named', () => {
    expect(() => parseBks('instance,vehicles,distance,source\nc1,x,3,s\n'))
      .toThrow('BKS row 2: expected instance,vehicles,distance,source, found {"instance":"c1","vehicles":"x","distance":"3","source":"s"}');
  });
});

describe('catalog', () => {
  test('every family file parses and has a BKS row where a table exists', () => {
    const counts: Record<string, number> = {};
    for (const family of FAMILIES) {
      const spec = familySpec(family);
      const files = familyFiles(spec);
      counts[family] = files.length;
      const bks = spec.bks ? loadBks(spec.bks) : undefined;
      for (const f of files) {
        const p = loadInstance(join(spec.dir, f));
        expect(p.customers.length).toBeGreaterThan(0);
        if (bks) expect(bks.has(p.name), `${family}/${p.name}`).toBe(true);
      }
    }
    expect(counts).toEqual({ solomon: 56, homberger: 60, pvrp: 32, pvrptw: 10 });
    expect(familyFiles(familySpec('homberger')).slice(8, 11)).toEqual(['c1_2_9.txt', 'c1_2_10.txt', 'c2_2_1.txt']);
  });
});
