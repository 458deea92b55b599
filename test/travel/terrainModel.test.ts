import { describe, expect, test } from 'vitest';
import { greatCircleMetres } from '../../src/travel/greatCircle.ts';
import { TerrainModel, type TerrainModelParams } from '../../src/travel/terrainModel.ts';
import type { TerrainGrid } from '../../src/travel/terrainGrid.ts';

const params: TerrainModelParams = {
  speedKmh: { urban: 18, plain: 36, hill: 27, mountain: 18 },
  circuity: { plain: 1.2, hill: 1.5, mountain: 2 },
  maxRoadGrade: 0.08,
  sampleStepM: 1000,
};

/** A grid 0.5° square at 0.01° cells whose height is f(col, row). */
function grid(f: (col: number, row: number) => number): TerrainGrid {
  const cols = 50;
  const rows = 50;
  const heightsM = new Int16Array(cols * rows);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) heightsM[r * cols + c] = f(c, r);
  return { cols, rows, west: 114, south: 32, cellDeg: 0.01, heightsM };
}

describe('great-circle distance', () => {
  test('one degree of latitude is 111.2 km', () => {
    expect(greatCircleMetres(114, 32, 114, 33)).toBeCloseTo(111_195, 0);
  });
});

describe('terrain model', () => {
  test('on a flat plain: straight distance times plain circuity, at plain speed, no climbing', () => {
    const m = new TerrainModel(grid(() => 50), params);
    const a = { lon: 114.1, lat: 32.1, urban: false };
    const b = { lon: 114.1, lat: 32.2, urban: false };
    const straight = greatCircleMetres(a.lon, a.lat, b.lon, b.lat); // ≈ 11,120 m
    const x = m.matrixSync([a, b]);
    expect(x.metres[1]).toBeCloseTo(straight * 1.2, 6);
    expect(x.seconds[1]).toBeCloseTo((straight * 1.2) / 10, 6); // 36 km/h = 10 m/s
    expect(x.ascentM[1]).toBe(0);
    expect(x.metres[2]).toBe(x.metres[1]);
    expect(x.metres[0]).toBe(0);
  });

  test('climbing counts one way only, and a steep slope costs switchbacks', () => {
    // Height rises 300 m per cell eastward; the leg runs between cell centres of columns 10 and 20,
    // so its ten ≈ 941 m pieces each climb exactly 300 m.
    const m = new TerrainModel(grid((c) => 500 + 300 * c), params);
    const west = { lon: 114.105, lat: 32.25, urban: false };
    const east = { lon: 114.205, lat: 32.25, urban: false };
    const x = m.matrixSync([west, east]);
    expect(x.ascentM[1]).toBeCloseTo(3000, 6);
    expect(x.ascentM[2]).toBeCloseTo(0, 6);
    // Each piece: max(941 m × mountain circuity 2 = 1,882 m, 300 m / 0.08 = 3,750 m) = 3,750 m.
    expect(x.metres[1]).toBeCloseTo(37_500, 6);
    expect(x.seconds[1]).toBeCloseTo(37_500 / 5, 6); // all mountain: 18 km/h = 5 m/s
  });

  test('the piece next to a town shop goes at town speed', () => {
    const m = new TerrainModel(grid(() => 50), params);
    const a = { lon: 114.1, lat: 32.1, urban: true };
    const b = { lon: 114.1, lat: 32.12, urban: false }; // ≈ 2.2 km: three pieces of ≈ 741 m
    const x = m.matrixSync([a, b]);
    const piece = (x.metres[1] as number) / 3;
    expect(x.seconds[1]).toBeCloseTo(piece / 5 + (2 * piece) / 10, 6);
  });

  test('legs follow the points in order and match the matrix', () => {
    const m = new TerrainModel(grid((c, r) => 80 + 7 * c + 3 * r), params);
    const pts = [
      { lon: 114.05, lat: 32.05, urban: true },
      { lon: 114.3, lat: 32.4, urban: false },
      { lon: 114.2, lat: 32.1, urban: false },
    ];
    const x = m.matrixSync(pts);
    const legs = m.legsSync(pts);
    expect(legs).toHaveLength(2);
    expect(legs[0].metres).toBe(x.metres[1]);
    expect(legs[1].ascentM).toBe(x.ascentM[1 * 3 + 2]);
    expect(legs[1].path).toEqual([[114.3, 32.4], [114.2, 32.1]]);
  });
});
