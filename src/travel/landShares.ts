import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { cellCentre, classOfHeight, type TerrainGrid } from './terrainGrid.ts';

/**
 * Shares of plain, hill and mountain over the land: grid cells whose centre lies inside
 * one of the polygons (the counties), each classed by its height.
 */
export function landShares(grid: TerrainGrid, land: FeatureCollection<Polygon | MultiPolygon>): { plain: number; hill: number; mountain: number } {
  const counts = { plain: 0, hill: 0, mountain: 0 };
  const polygons: Feature<Polygon | MultiPolygon>[] = land.features;
  for (let row = 0; row < grid.rows; row++) {
    for (let col = 0; col < grid.cols; col++) {
      const centre = cellCentre(grid, col, row);
      if (polygons.some((p) => booleanPointInPolygon(centre, p))) counts[classOfHeight(grid.heightsM[row * grid.cols + col])]++;
    }
  }
  const total = counts.plain + counts.hill + counts.mountain;
  return { plain: counts.plain / total, hill: counts.hill / total, mountain: counts.mountain / total };
}
