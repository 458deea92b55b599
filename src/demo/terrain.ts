import type { TerrainGrid } from '../travel/terrainGrid.ts';
import { cellCentre, classOfHeight } from '../travel/terrainGrid.ts';
import { type County, type LonLat, KM_PER_DEG_LAT, KM_PER_DEG_LON, inCounty } from './geo.ts';
import { fractalNoise } from './noise.ts';

/** Xinyang's land-use plan: shares of the land by terrain class (shared/geo/README.md). */
export const LAND_SHARES = { plain: 0.246, hill: 0.385, mountain: 0.369 } as const;
/** Lowest land (the Huai at 淮滨) and the top (金刚台, 1,584 m). */
const LOWEST_M = 23;
const HIGHEST_M = 1580;
/** 金刚台, the highest peak of the Dabie range in Henan, ~20 km south-east of 商城's seat. */
export const JINGANGTAI: LonLat = [115.53, 31.62];

const CELL_DEG = 0.01;
const MARGIN_DEG = 0.05;

export interface DemoTerrain {
  readonly grid: TerrainGrid;
  /** Per cell: index of the county holding the cell centre, or -1 outside the land. */
  readonly countyOfCell: Int8Array;
}

/** The grid's frame: the counties' bounding box plus a margin, snapped to whole cells. */
function frame(counties: readonly County[]): { west: number; south: number; cols: number; rows: number } {
  const west = Math.floor((Math.min(...counties.map((c) => c.bbox[0])) - MARGIN_DEG) / CELL_DEG) / 100;
  const south = Math.floor((Math.min(...counties.map((c) => c.bbox[1])) - MARGIN_DEG) / CELL_DEG) / 100;
  const east = Math.ceil((Math.max(...counties.map((c) => c.bbox[2])) + MARGIN_DEG) / CELL_DEG) / 100;
  const north = Math.ceil((Math.max(...counties.map((c) => c.bbox[3])) + MARGIN_DEG) / CELL_DEG) / 100;
  return { west, south, cols: Math.round((east - west) / CELL_DEG), rows: Math.round((north - south) / CELL_DEG) };
}

const smoothstep = (edge0: number, edge1: number, x: number): number => {
  const t = Math.min(Math.max((x - edge0) / (edge1 - edge0), 0), 1);
  return t * t * (3 - 2 * t);
};

/**
 * The unscaled relief: only its ORDER matters, since heights come from ranking it over
 * the land. Large-scale shape: the Dabie range rising to the south, the Tongbai hills to
 * the west, the Huai plain to the north, a massif at 金刚台, a basin under each county
 * seat; octaves of noise give ridges and valleys, rougher where the ground is high.
 */
function rawRelief(seed: number, seats: readonly LonLat[], lon: number, lat: number): number {
  const east = smoothstep(114.4, 115.5, lon);
  const dabie = smoothstep(31.9 + 0.1 * east, 31.55, lat) * (0.55 + 0.45 * east);
  const tongbai = smoothstep(114.25, 113.8, lon) * smoothstep(32.7, 32.25, lat);
  const huai = smoothstep(32.0 - 0.12 * east, 32.4 - 0.12 * east, lat) * (1 - 0.9 * tongbai);
  // The Huai flows east a little north of 息县's seat, lowest at 淮滨.
  const riverKm = (lat - (32.38 + 0.07 * (lon - 114.5))) * KM_PER_DEG_LAT;
  const trough = Math.exp(-(riverKm * riverKm) / (2 * 14 * 14)) * (0.5 + 0.5 * east);
  const dx = (lon - JINGANGTAI[0]) * KM_PER_DEG_LON;
  const dy = (lat - JINGANGTAI[1]) * KM_PER_DEG_LAT;
  const massif = Math.exp(-(dx * dx + dy * dy) / (2 * 6 * 6));
  const high = Math.max(dabie, tongbai);
  const x = lon * KM_PER_DEG_LON;
  const y = lat * KM_PER_DEG_LAT;
  const broad = fractalNoise(seed, BROAD, x, y);
  const rough = fractalNoise(seed + 1, ROUGH, x, y) * (0.5 + 0.8 * high);
  // |2n-1| is 0 along the lines where n crosses 1/2: a network of V-shaped valleys.
  const valleys = Math.abs(2 * fractalNoise(seed + 2, VALLEYS, x, y)) * (0.2 + 0.6 * high);
  // County seats grew on river flats: a basin ~6 km across under each.
  let basins = 0;
  for (const s of seats) {
    const sx = (lon - s[0]) * KM_PER_DEG_LON;
    const sy = (lat - s[1]) * KM_PER_DEG_LAT;
    basins += Math.exp(-(sx * sx + sy * sy) / (2 * 6 * 6));
  }
  return 1.0 * dabie + 0.8 * tongbai - 0.8 * huai - 0.6 * trough + 1.6 * massif + broad + rough + valleys - 0.9 * basins;
}

const BROAD = [
  { wavelengthKm: 60, amplitude: 0.45 },
  { wavelengthKm: 30, amplitude: 0.45 },
];
const ROUGH = [
  { wavelengthKm: 14, amplitude: 0.45 },
  { wavelengthKm: 7, amplitude: 0.3 },
  { wavelengthKm: 3.5, amplitude: 0.15 },
];
const VALLEYS = [
  { wavelengthKm: 22, amplitude: 1 },
  { wavelengthKm: 9, amplitude: 0.35 },
];

/**
 * Height of the land cell at rank `r` of `n` (raw relief ascending): the plain, hill and
 * mountain bands take exactly their shares of the land; within the mountain band heights
 * spread like q^2.2, so peaks are rare and most mountain land lies at 400-800 m.
 */
function bandHeight(r: number, n: number): number {
  const nPlain = Math.round(LAND_SHARES.plain * n);
  const nHill = Math.round(LAND_SHARES.hill * n);
  if (r < nPlain) return Math.min(99, Math.round(LOWEST_M + (99 - LOWEST_M) * ((r + 0.5) / nPlain)));
  if (r < nPlain + nHill) return Math.min(399, Math.max(100, Math.round(100 + 299 * ((r - nPlain + 0.5) / nHill))));
  const q = (r - nPlain - nHill + 0.5) / (n - nPlain - nHill);
  return Math.max(400, Math.round(400 + (HIGHEST_M - 400) * q ** 2.2));
}

export function generateTerrain(counties: readonly County[], seed: number): DemoTerrain {
  const { west, south, cols, rows } = frame(counties);
  const heightsM = new Int16Array(cols * rows);
  const grid: TerrainGrid = { cols, rows, west, south, cellDeg: CELL_DEG, heightsM };
  const raw = new Float64Array(cols * rows);
  const seats = counties.map((c) => c.seat);
  const countyOfCell = new Int8Array(cols * rows).fill(-1);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const p = cellCentre(grid, c, r);
      raw[r * cols + c] = rawRelief(seed, seats, p[0], p[1]);
      countyOfCell[r * cols + c] = counties.findIndex((k) => inCounty(k, p));
    }
  }
  const land: number[] = [];
  for (let i = 0; i < raw.length; i++) if (countyOfCell[i] >= 0) land.push(i);
  land.sort((a, b) => raw[a] - raw[b] || a - b);
  const n = land.length;
  land.forEach((cell, rank) => (heightsM[cell] = bandHeight(rank, n)));
  // Off the land, the same mapping read at the cell's place among the land's raw values.
  const sortedRaw = Float64Array.from(land, (i) => raw[i]);
  for (let i = 0; i < raw.length; i++) {
    if (countyOfCell[i] >= 0) continue;
    const v = raw[i];
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sortedRaw[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    heightsM[i] = bandHeight(Math.min(lo, n - 1), n);
  }
  return { grid, countyOfCell };
}

export interface TerrainShares {
  readonly plain: number;
  readonly hill: number;
  readonly mountain: number;
  readonly landCells: number;
  readonly minM: number;
  readonly maxM: number;
  /** Centre of the highest land cell. */
  readonly top: LonLat;
}

export function terrainShares(t: DemoTerrain): TerrainShares {
  const count = { plain: 0, hill: 0, mountain: 0 };
  let minM = Infinity;
  let maxM = -Infinity;
  let topCell = 0;
  const h = t.grid.heightsM;
  for (let i = 0; i < h.length; i++) {
    if (t.countyOfCell[i] < 0) continue;
    count[classOfHeight(h[i])]++;
    minM = Math.min(minM, h[i]);
    if (h[i] > maxM) {
      maxM = h[i];
      topCell = i;
    }
  }
  const landCells = count.plain + count.hill + count.mountain;
  const top = cellCentre(t.grid, topCell % t.grid.cols, Math.floor(topCell / t.grid.cols));
  return { plain: count.plain / landCells, hill: count.hill / landCells, mountain: count.mountain / landCells, landCells, minM, maxM, top };
}
