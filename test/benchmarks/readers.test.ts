import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseSolomon } from '../../src/benchmarks/solomon.ts';
import { parseCordeau } from '../../src/benchmarks/cordeau.ts';
import { loadInstance, parseInstance } from '../../src/benchmarks/load.ts';
import { BENCHMARKS_DIR } from '../../src/benchmarks/catalog.ts';

const read = (rel: string) => readFileSync(join(BENCHMARKS_DIR, rel), 'utf8');

describe('Solomon reader', () => {
  test('c101: fleet, depot horizon and rows as in the file', () => {
    const p = parseSolomon(read('solomon/c101.txt'), 'c101');
    expect(p.name).toBe('c101');
    expect(p.days).toBe(1);
    expect(p.vehiclesPerDay).toBe(25);
    expect(p.dayLimits).toEqual([{ capacity: 200, maxDuration: Infinity }]);
    expect(p.depot).toEqual({ id: 0, x: 40, y: 50, ready: 0, due: 1236 });
    expect(p.customers).toHaveLength(100);
    expect(p.customers[0]).toEqual({
      id: 1, x: 45, y: 68, demand: 10, service: 90, ready: 912, due: 967,
      frequency: 1, declaredFrequency: 1, patterns: [1],
    });
    expect(p.customers[4]).toMatchObject({ id: 5, x: 42, y: 65, demand: 10, ready: 15, due: 67, service: 90 });
    expect(p.customers[99].id).toBe(100);
  });

  test('name defaults to the first line, lower-cased', () => {
    expect(parseSolomon(read('solomon/r205.txt')).name).toBe('r205');
  });

  test('Homberger c1_2_1 with CRLF line ends', () => {
    const text = read('homberger/200/c1_2_1.txt');
    expect(text).toContain('\r\n');
    const p = parseSolomon(text);
    expect(p.name).toBe('c1_2_1');
    expect(p.vehiclesPerDay).toBe(50);
    expect(p.dayLimits[0].capacity).toBe(200);
    expect(p.depot).toEqual({ id: 0, x: 70, y: 70, ready: 0, due: 1351 });
    expect(p.customers).toHaveLength(200);
    expect(p.customers[0]).toMatchObject({ id: 1, x: 33, y: 78, demand: 20, ready: 750, due: 809, service: 90 });
  });

  test('errors name the line', () => {
    expect(() => parseSolomon('X\nCUSTOMER\n0 0 0 0 0 100 0\n')).toThrow('no VEHICLE section');
    expect(() => parseSolomon('X\nVEHICLE\nNUMBER CAPACITY\n2 10\nCUSTOMER\n0 0 0 0 0 100 0\n1 1 1 1 0 50\n'))
      .toThrow('line 7: expected 7 fields (id x y demand ready due service), found 6');
    expect(() => parseSolomon('X\nVEHICLE\nNUMBER CAPACITY\n2 10\nCUSTOMER\n0 0 0 0 0 100 0\n1 1 1 z 0 50 3\n'))
      .toThrow('line 7: demand is not a number: "z"');
  });
});

describe('Cordeau reader', () => {
  test('p01: header, D Q lines, patterns leftmost bit = day 1', () => {
    const p = parseCordeau(read('pvrp/p01'), 'p01');
    expect(p).toMatchObject({ format: 'cordeau', type: 1, days: 2, vehiclesPerDay: 3, hasTimeWindows: false });
    expect(p.dayLimits).toEqual([{ capacity: 160, maxDuration: Infinity }, { capacity: 160, maxDuration: Infinity }]);
    expect(p.depot).toEqual({ id: 0, x: 30, y: 40, ready: 0, due: Infinity });
    // "1 37 52 0 7 1 2 1 2": code 1 = "01" = day 2 (mask 0b10), code 2 = "10" = day 1 (mask 0b01)
    expect(p.customers[0]).toEqual({
      id: 1, x: 37, y: 52, demand: 7, service: 0, ready: 0, due: Infinity,
      frequency: 1, declaredFrequency: 1, patterns: [2, 1],
    });
  });

  test('p01: the dummy node 51 on the depot is dropped, and kept on request', () => {
    const p = parseCordeau(read('pvrp/p01'), 'p01');
    expect(p.customers).toHaveLength(50);
    expect(p.customers.at(-1)?.id).toBe(50);
    expect(p.dropped).toEqual([{ id: 51, reason: 'last node placed on the depot (a dummy): not routed by the reference solution' }]);
    const kept = parseCordeau(read('pvrp/p01'), 'p01', { keepDepotDummy: true });
    expect(kept.customers).toHaveLength(51);
    expect(kept.customers[50]).toMatchObject({ id: 51, x: 30, y: 40, demand: 160, frequency: 1, patterns: [1] });
    expect(kept.dropped).toEqual([]);
  });

  test('p13: customer 175 on the depot is a real customer (not the last node)', () => {
    const p = parseCordeau(read('pvrp/p13'), 'p13');
    expect(p.customers).toHaveLength(417);
    expect(p.dropped).toEqual([]);
    expect(p.customers[174]).toMatchObject({ id: 175, x: 330.37, y: 850.34, demand: 220, frequency: 1 });
    expect(p.dayLimits[0]).toEqual({ capacity: 2000, maxDuration: Infinity });
  });

  test('p11: customer 131 has f = 0 and single-day patterns; visited once', () => {
    const p = parseCordeau(read('pvrp/p11'), 'p11');
    const c = p.customers.find((x) => x.id === 131);
    // "131 -20.656 -6.313 0 10 0 5 1 2 4 8 16" over 5 days
    expect(c).toEqual({
      id: 131, x: -20.656, y: -6.313, demand: 10, service: 0, ready: 0, due: Infinity,
      frequency: 1, declaredFrequency: 0, patterns: [16, 8, 4, 2, 1],
    });
    expect(p.notes).toEqual(['customer 131: declared frequency 0 with 1-day patterns; visited 1 time(s) as its patterns say']);
    expect(p.customers).toHaveLength(139);
  });

  test('pvrp/pr01: route duration limit from D', () => {
    const p = parseCordeau(read('pvrp/pr01'), 'pr01');
    expect(p).toMatchObject({ type: 1, days: 4, vehiclesPerDay: 2, hasTimeWindows: false });
    expect(p.dayLimits[3]).toEqual({ capacity: 200, maxDuration: 500 });
    expect(p.customers[47]).toMatchObject({ id: 48, x: 42.883, y: -2.966, service: 17, demand: 10, patterns: [8, 4, 2, 1] });
  });

  test('pvrptw/pr01: time windows and a 4-day pattern', () => {
    const p = parseCordeau(read('pvrptw/pr01'), 'pr01');
    expect(p).toMatchObject({ type: 5, days: 4, vehiclesPerDay: 3, hasTimeWindows: true, notes: [] });
    expect(p.dayLimits[0]).toEqual({ capacity: 200, maxDuration: 500 });
    expect(p.depot).toEqual({ id: 0, x: -10.442, y: 19.999, ready: 0, due: 1000 });
    expect(p.customers[0]).toEqual({
      id: 1, x: -29.73, y: 64.136, demand: 12, service: 2, ready: 354, due: 509,
      frequency: 4, declaredFrequency: 4, patterns: [15],
    });
  });

  test('pvrptw/pr08: type 2 kept, time windows read from the columns', () => {
    const p = parseCordeau(read('pvrptw/pr08'), 'pr08');
    expect(p).toMatchObject({ type: 2, days: 6, vehiclesPerDay: 10, hasTimeWindows: true });
    expect(p.notes).toEqual(['type 2 as published; read by its columns (with time windows)']);
    expect(p.dayLimits[5]).toEqual({ capacity: 190, maxDuration: 475 });
    expect(p.customers).toHaveLength(144);
    expect(p.customers[143]).toEqual({
      id: 144, x: -34.674, y: -1.337, demand: 21, service: 9, ready: 421, due: 599,
      frequency: 1, declaredFrequency: 1, patterns: [32, 16, 8, 4, 2, 1],
    });
  });

  test('errors name the line', () => {
    const head = '1 1 2 1\n0 100\n 0 0 0 0 0 0 0\n';
    expect(() => parseCordeau(head + '1 1 1 0 5 1 1 1\n', 'x')).toThrow('file declares 2 customers but has 1 after the depot');
    expect(() => parseCordeau(head + '1 1 1 0 5 1 1\n2 2 2 0 5 1 1 1\n', 'x')).toThrow('line 4: expected 8 fields for node 1, found 7');
    expect(() => parseCordeau(head + '1 1 1 0 5 2 1 1\n2 2 2 0 5 1 1 1\n', 'x')).toThrow('line 4: customer 1 declares f = 2 but its patterns visit 1 days');
    expect(() => parseCordeau(head + '1 1 1 0 5 1 1 2\n2 2 2 0 5 1 1 1\n', 'x')).toThrow('line 4: pattern 2 of node 1 is not a 1-day pattern');
    expect(() => parseCordeau(head + '2 1 1 0 5 1 1 1\n', 'x')).toThrow('file declares 2 customers but has 1 after the depot');
    expect(() => parseCordeau('1 1 1\n', 'x')).toThrow('line 1: expected "type m n t", found 3 fields');
  });
});

describe('format detection', () => {
  test('loadInstance picks the reader by the file shape and names by the file', () => {
    expect(loadInstance(join(BENCHMARKS_DIR, 'solomon/rc208.txt'))).toMatchObject({ name: 'rc208', format: 'solomon' });
    expect(loadInstance(join(BENCHMARKS_DIR, 'pvrp/p32'))).toMatchObject({ name: 'p32', format: 'cordeau', days: 6 });
    expect(parseInstance('1 1 1 1\n0 10\n0 0 0 0 0 0 0\n1 3 4 0 1 1 1 1\n', 'tiny').customers).toHaveLength(1);
  });
});
