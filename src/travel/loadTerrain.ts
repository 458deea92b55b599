import { readFileSync } from 'node:fs';
import { parseAsciiGrid, type TerrainGrid } from './terrainGrid.ts';

/** Reads an ESRI ASCII elevation grid from disk. */
export function loadTerrain(path: string): TerrainGrid {
  return parseAsciiGrid(readFileSync(path, 'utf8'));
}
