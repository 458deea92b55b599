import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LINE_COLUMNS, LineRowSchema } from '../../src/domain/line.ts';
import { RETAILER_COLUMNS, RetailerRowSchema } from '../../src/domain/retailer.ts';
import type { Line } from '../../src/domain/line.ts';
import type { Retailer } from '../../src/domain/retailer.ts';
import { DEMO_SEED, type DemoFiles, generateDemo } from '../../src/demo/generate.ts';
import { inCounty, loadGeography } from '../../src/demo/geo.ts';
import { cellCentre, classOfHeight, heightAt, parseAsciiGrid } from '../../src/travel/terrainGrid.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const demoDir = join(root, 'data/demo');
const geo = loadGeography(join(root, 'data/geo'));
const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');
const FILES: (keyof DemoFiles)[] = ['retailers.csv', 'lines.csv', 'terrain.asc'];

let outDir: string;
let retailers: Retailer[];
let lines: Line[];

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'demo-'));
  const { files } = generateDemo({ geoDir: join(root, 'data/geo'), policyPath: join(demoDir, 'policy.json'), seed: DEMO_SEED });
  for (const name of FILES) writeFileSync(join(outDir, name), files[name]);
  const rows = (name: string): Record<string, string>[] => parse(readFileSync(join(demoDir, name), 'utf8'), { columns: true });
  retailers = rows('retailers.csv').map((r) => RetailerRowSchema.parse(r));
  lines = rows('lines.csv').map((r) => LineRowSchema.parse(r));
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const count = <T>(items: readonly T[], test: (x: T) => boolean): number => items.reduce((n, x) => n + (test(x) ? 1 : 0), 0);

describe('demo city', () => {
  test('regenerates byte-identical files from the seed', () => {
    for (const name of FILES) {
      expect(sha256(readFileSync(join(outDir, name))), name).toBe(sha256(readFileSync(join(demoDir, name))));
    }
  });

  test('files have exactly the domain columns', () => {
    expect(readFileSync(join(demoDir, 'retailers.csv'), 'utf8').split('\n')[0]).toBe(RETAILER_COLUMNS.join(','));
    expect(readFileSync(join(demoDir, 'lines.csv'), 'utf8').split('\n')[0]).toBe(LINE_COLUMNS.join(','));
  });

  test("retailer counts are the seed's, exactly", () => {
    expect(retailers).toHaveLength(26400);
    expect(count(retailers, (r) => r.urban)).toBe(9493);
    const formats = { grocery: 19483, tobacco_liquor: 3313, convenience: 1603, supermarket: 1003, entertainment: 538, other: 424, mall: 36 };
    for (const [f, n] of Object.entries(formats)) expect(count(retailers, (r) => r.format === f), f).toBe(n);
    const ordering = { computer: 19848, phone: 3156, mobile: 726, other: 2670 };
    for (const [o, n] of Object.entries(ordering)) expect(count(retailers, (r) => r.ordering === o), o).toBe(n);
    expect(new Set(retailers.map((r) => r.id)).size).toBe(26400);
  });

  test('classes and flags follow the project defaults', () => {
    const share = (test: (r: Retailer) => boolean): number => count(retailers, test) / retailers.length;
    expect(share((r) => r.class === 'modern1')).toBeCloseTo(0.04, 2);
    expect(share((r) => r.class === 'modern2')).toBeCloseTo(0.12, 2);
    expect(share((r) => r.class === 'violating')).toBeCloseTo(0.02, 2);
    expect(count(retailers, (r) => r.supplyStopped && r.class !== 'violating')).toBe(0);
    expect(count(retailers, (r) => r.supplyStopped)).toBe(132);
    expect(share((r) => r.mustInPerson)).toBeCloseTo(0.05, 2);
    expect(share((r) => r.vulnerable)).toBeCloseTo(0.03, 2);
    expect(count(retailers, (r) => (r.format === 'mall' || r.format === 'supermarket') && !r.urban)).toBe(0);
    expect(count(retailers, (r) => r.format === 'mall' && r.class === 'modern1')).toBe(36);
    expect(count(retailers, (r) => r.format === 'entertainment' && r.opensMin < 12 * 60)).toBe(0);
    expect(count(retailers, (r) => r.ordering === 'phone' && r.phone === '')).toBe(0);
    expect(new Set(retailers.filter((r) => r.phone !== '').map((r) => r.phone)).size).toBe(count(retailers, (r) => r.phone !== ''));
  });

  test('105 lines, each inside one county, sizes as today (mean 251.4, largest 415)', () => {
    expect(lines.map((l) => l.line)).toEqual(Array.from({ length: 105 }, (_, i) => `L${String(i + 1).padStart(3, '0')}`));
    const sizes = new Map<string, number>();
    const county = new Map(lines.map((l) => [l.line, l.county]));
    for (const r of retailers) {
      sizes.set(r.line, (sizes.get(r.line) ?? 0) + 1);
      expect(county.get(r.line)).toBe(r.county);
    }
    expect(sizes.size).toBe(105);
    expect(Math.max(...sizes.values())).toBe(415);
    expect(count([...sizes.values()], (n) => n === 415)).toBe(1);
    expect(Math.min(...sizes.values())).toBeGreaterThan(180);
    for (const l of lines) {
      const seat = geo.counties.find((c) => c.name === l.county)!.seat;
      expect([l.baseLon, l.baseLat]).toEqual([Number(seat[0].toFixed(6)), Number(seat[1].toFixed(6))]);
    }
  });

  test("a township's rural shops are split between at most two lines", () => {
    const linesOf = new Map<string, Set<string>>();
    for (const r of retailers.filter((x) => !x.urban)) {
      const key = `${r.county}/${r.township}`;
      linesOf.set(key, (linesOf.get(key) ?? new Set()).add(r.line));
    }
    expect(Math.max(...[...linesOf.values()].map((s) => s.size))).toBeLessThanOrEqual(2);
    const townships = new Set(retailers.map((r) => `${r.county}/${r.township}`));
    expect(townships.size).toBe(224);
  });

  test('every retailer stands inside its county; elevation is the grid height', () => {
    const grid = parseAsciiGrid(readFileSync(join(demoDir, 'terrain.asc'), 'utf8'));
    const byName = new Map(geo.counties.map((c) => [c.name, c]));
    for (const r of retailers) {
      expect(inCounty(byName.get(r.county)!, [r.lon, r.lat]), r.id).toBe(true);
      expect(r.elevationM, r.id).toBe(Math.round(heightAt(grid, r.lon, r.lat)));
    }
  });

  test('terrain: land shares of the land-use plan, 23 to 1,580 m, peak in 商城', () => {
    const grid = parseAsciiGrid(readFileSync(join(demoDir, 'terrain.asc'), 'utf8'));
    expect(grid.cellDeg).toBe(0.01);
    const n = { plain: 0, hill: 0, mountain: 0 };
    let top = { h: -Infinity, county: '' };
    for (let r = 0; r < grid.rows; r++) {
      for (let c = 0; c < grid.cols; c++) {
        const p = cellCentre(grid, c, r);
        const county = geo.counties.find((k) => inCounty(k, p));
        if (!county) continue;
        const h = grid.heightsM[r * grid.cols + c];
        n[classOfHeight(h)]++;
        if (h > top.h) top = { h, county: county.name };
      }
    }
    const land = n.plain + n.hill + n.mountain;
    expect(Math.abs(n.plain / land - 0.246)).toBeLessThan(0.005);
    expect(Math.abs(n.hill / land - 0.385)).toBeLessThan(0.005);
    expect(Math.abs(n.mountain / land - 0.369)).toBeLessThan(0.005);
    expect(Math.min(...grid.heightsM)).toBeGreaterThanOrEqual(20);
    expect(top).toEqual({ h: 1580, county: '商城县' });
  });
});
