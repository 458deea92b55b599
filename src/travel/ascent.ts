import { greatCircleMetres } from './greatCircle.ts';
import { heightAt, type TerrainGrid } from './terrainGrid.ts';

/**
 * Metres climbed along a path ([lon, lat] pairs), heights read from the grid every `stepM`
 * metres or so along each segment (about one grid cell: finer sampling only reads the same
 * bilinear surface again). Descents give nothing back.
 * @example ascentAlong(grid, [[114.1, 32.1], [114.2, 32.1]], 1000)
 */
export function ascentAlong(grid: TerrainGrid, path: ReadonlyArray<readonly [number, number]>, stepM: number): number {
  if (path.length < 2) return 0;
  let up = 0;
  let h0 = heightAt(grid, path[0][0], path[0][1]);
  for (let k = 1; k < path.length; k++) {
    const [lon0, lat0] = path[k - 1];
    const [lon1, lat1] = path[k];
    const pieces = Math.max(1, Math.ceil(greatCircleMetres(lon0, lat0, lon1, lat1) / stepM));
    for (let i = 1; i <= pieces; i++) {
      const t = i / pieces;
      const h1 = heightAt(grid, lon0 + (lon1 - lon0) * t, lat0 + (lat1 - lat0) * t);
      if (h1 > h0) up += h1 - h0;
      h0 = h1;
    }
  }
  return up;
}
