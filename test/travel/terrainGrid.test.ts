import { describe, expect, test } from 'vitest';
import { classOfHeight, formatAsciiGrid, heightAt, parseAsciiGrid } from '../../src/travel/terrainGrid.ts';

const text = ['ncols 3', 'nrows 2', 'xllcorner 114', 'yllcorner 32', 'cellsize 0.01', 'NODATA_value -9999', '10 20 30', '40 50 60', ''].join('\n');

describe('terrain grid', () => {
  test('round-trips through the ASCII grid format byte for byte', () => {
    expect(formatAsciiGrid(parseAsciiGrid(text))).toBe(text);
  });

  test('interpolates between cell centres', () => {
    const g = parseAsciiGrid(text);
    // Centre of the north-west cell: lon 114.005, lat 32.015 (row 0 is north).
    expect(heightAt(g, 114.005, 32.015)).toBeCloseTo(10, 9);
    // Halfway between the two western centres (10 north, 40 south): 25.
    expect(heightAt(g, 114.005, 32.01)).toBeCloseTo(25, 9);
    // Middle of the four western cells: (10 + 20 + 40 + 50) / 4 = 30.
    expect(heightAt(g, 114.01, 32.01)).toBeCloseTo(30, 9);
    // Outside the grid clamps to the edge cell.
    expect(heightAt(g, 113, 40)).toBeCloseTo(10, 9);
  });

  test('rejects a short row with its line number', () => {
    expect(() => parseAsciiGrid(text.replace('40 50 60', '40 50'))).toThrow('terrain grid: line 8 has 2 cells, expected 3');
  });

  test('classes by height: plain below 100 m, mountain from 400 m', () => {
    expect([classOfHeight(99), classOfHeight(100), classOfHeight(399), classOfHeight(400)]).toEqual(['plain', 'hill', 'hill', 'mountain']);
  });
});
