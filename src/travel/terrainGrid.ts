/**
 * The region's elevation grid, stored as an ESRI ASCII grid (`.asc`): a plain-text format
 * every GIS reads, diff-able in git. Cells are square in degrees; rows run north to south.
 * Every cell holds a height (no NODATA): roads between two shops may leave the land polygon.
 */
export interface TerrainGrid {
  readonly cols: number;
  readonly rows: number;
  /** Longitude of the west edge of column 0, degrees. */
  readonly west: number;
  /** Latitude of the south edge of the last row, degrees. */
  readonly south: number;
  /** Cell size in degrees (both axes). */
  readonly cellDeg: number;
  /** Heights in metres, row-major, row 0 northmost. */
  readonly heightsM: Int16Array;
}

export type TerrainClass = 'plain' | 'hill' | 'mountain';

/** Below this height a cell is plain (the Huai River plain lies at about 23-100 m). */
export const PLAIN_BELOW_M = 100;
/** From this height a cell is mountain (the Dabie and Tongbai ranges). */
export const MOUNTAIN_FROM_M = 400;

export function classOfHeight(heightM: number): TerrainClass {
  if (heightM < PLAIN_BELOW_M) return 'plain';
  return heightM < MOUNTAIN_FROM_M ? 'hill' : 'mountain';
}

export function parseAsciiGrid(text: string): TerrainGrid {
  const lines = text.split(/\r?\n/);
  const header = new Map<string, number>();
  let i = 0;
  for (; i < lines.length && /^[a-zA-Z_]/.test(lines[i]); i++) {
    const [key, value] = lines[i].trim().split(/\s+/);
    header.set(key.toLowerCase(), Number(value));
  }
  const need = (k: string): number => {
    const v = header.get(k);
    if (v === undefined || !Number.isFinite(v)) throw new Error(`terrain grid: header ${k} missing or not a number`);
    return v;
  };
  const cols = need('ncols');
  const rows = need('nrows');
  const cellDeg = need('cellsize');
  const heightsM = new Int16Array(cols * rows);
  let k = 0;
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const cells = line.split(/\s+/);
    if (cells.length !== cols) throw new Error(`terrain grid: line ${i + 1} has ${cells.length} cells, expected ${cols}`);
    for (const c of cells) heightsM[k++] = Number(c);
  }
  if (k !== cols * rows) throw new Error(`terrain grid: ${k} cells, expected ${cols * rows}`);
  return { cols, rows, west: need('xllcorner'), south: need('yllcorner'), cellDeg, heightsM };
}

export function formatAsciiGrid(grid: TerrainGrid): string {
  const out = [
    `ncols ${grid.cols}`,
    `nrows ${grid.rows}`,
    `xllcorner ${grid.west}`,
    `yllcorner ${grid.south}`,
    `cellsize ${grid.cellDeg}`,
    `NODATA_value -9999`,
  ];
  for (let r = 0; r < grid.rows; r++) {
    out.push(Array.from(grid.heightsM.subarray(r * grid.cols, (r + 1) * grid.cols)).join(' '));
  }
  return out.join('\n') + '\n';
}

/** Height in metres at a point, bilinear between cell centres, clamped at the grid's edge. */
export function heightAt(grid: TerrainGrid, lon: number, lat: number): number {
  const north = grid.south + grid.rows * grid.cellDeg;
  const x = Math.min(Math.max((lon - grid.west) / grid.cellDeg - 0.5, 0), grid.cols - 1);
  const y = Math.min(Math.max((north - lat) / grid.cellDeg - 0.5, 0), grid.rows - 1);
  const c0 = Math.floor(x);
  const r0 = Math.floor(y);
  const c1 = Math.min(c0 + 1, grid.cols - 1);
  const r1 = Math.min(r0 + 1, grid.rows - 1);
  const fx = x - c0;
  const fy = y - r0;
  const h = grid.heightsM;
  const top = h[r0 * grid.cols + c0] * (1 - fx) + h[r0 * grid.cols + c1] * fx;
  const bottom = h[r1 * grid.cols + c0] * (1 - fx) + h[r1 * grid.cols + c1] * fx;
  return top * (1 - fy) + bottom * fy;
}

/** Centre of a cell, [lon, lat]. */
export function cellCentre(grid: TerrainGrid, col: number, row: number): [number, number] {
  const north = grid.south + grid.rows * grid.cellDeg;
  return [grid.west + (col + 0.5) * grid.cellDeg, north - (row + 0.5) * grid.cellDeg];
}
