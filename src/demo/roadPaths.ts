import { cellCentre, type TerrainGrid } from '../travel/terrainGrid.ts';
import { KM_PER_DEG_LAT, KM_PER_DEG_LON } from './geo.ts';

/** The eight neighbours of a cell: column and row steps. */
const STEPS: readonly (readonly [number, number])[] = [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [1, -1], [-1, 1], [-1, -1]];

/** Grade weight: a road builder avoids slopes well before they need switchbacks. */
const GRADE_WEIGHT = 6;
/** Height weight: at equal length, a road keeps to the valley floor. */
const HEIGHT_SCALE_M = 800;
/** Following a road already built costs this share of building a new one: roads merge into trunks. */
const REUSE = 0.5;

/**
 * Least-cost road paths over the terrain grid, cell centre to cell centre (8 neighbours).
 * A step costs its road length (at least its climb over the steepest grade, the switchbacks),
 * more on steep and high ground, less where a road already runs: so roads follow valleys and
 * join the roads there are.
 */
export class RoadPaths {
  readonly #grid: TerrainGrid;
  readonly #maxGrade: number;
  readonly #dist: Float64Array;
  readonly #prev: Int32Array;
  readonly #seen: Int32Array;
  #round = 0;
  /** 1 where a road already runs through the cell. */
  readonly onRoad: Uint8Array;

  constructor(grid: TerrainGrid, maxGrade: number) {
    this.#grid = grid;
    this.#maxGrade = maxGrade;
    const n = grid.cols * grid.rows;
    this.#dist = new Float64Array(n);
    this.#prev = new Int32Array(n);
    this.#seen = new Int32Array(n);
    this.onRoad = new Uint8Array(n);
  }

  cellOf(lon: number, lat: number): number {
    const g = this.#grid;
    const north = g.south + g.rows * g.cellDeg;
    const col = Math.min(g.cols - 1, Math.max(0, Math.floor((lon - g.west) / g.cellDeg)));
    const row = Math.min(g.rows - 1, Math.max(0, Math.floor((north - lat) / g.cellDeg)));
    return row * g.cols + col;
  }

  centre(cell: number): [number, number] {
    return cellCentre(this.#grid, cell % this.#grid.cols, Math.floor(cell / this.#grid.cols));
  }

  /** Horizontal metres between two neighbouring cell centres. */
  stepMetres(a: number, b: number): number {
    const cols = this.#grid.cols;
    const dx = ((b % cols) - (a % cols)) * this.#grid.cellDeg * KM_PER_DEG_LON * 1000;
    const dy = (Math.floor(b / cols) - Math.floor(a / cols)) * this.#grid.cellDeg * KM_PER_DEG_LAT * 1000;
    return Math.hypot(dx, dy);
  }

  /**
   * The cheapest path of cells from `from` to the first cell `isTarget` accepts (itself
   * included), or null if none is reachable. Dijkstra on a binary heap; ties broken by cell
   * index, so the same inputs give the same roads.
   */
  path(from: number, isTarget: (cell: number) => boolean): number[] | null {
    const g = this.#grid;
    const h = g.heightsM;
    const round = ++this.#round;
    const dist = this.#dist;
    const prev = this.#prev;
    const seen = this.#seen;
    const heap = new MinHeap();
    dist[from] = 0;
    prev[from] = -1;
    seen[from] = round;
    heap.push(0, from);
    while (heap.size > 0) {
      const [d, cell] = heap.pop();
      if (d > dist[cell]) continue;
      if (isTarget(cell)) {
        const out: number[] = [];
        for (let c = cell; c !== -1; c = prev[c]) out.push(c);
        return out.reverse();
      }
      const col = cell % g.cols;
      const row = Math.floor(cell / g.cols);
      for (const [dc, dr] of STEPS) {
        const c2 = col + dc;
        const r2 = row + dr;
        if (c2 < 0 || r2 < 0 || c2 >= g.cols || r2 >= g.rows) continue;
        const next = r2 * g.cols + c2;
        const flat = this.stepMetres(cell, next);
        const climb = Math.abs(h[next] - h[cell]);
        const road = Math.max(flat, climb / this.#maxGrade);
        let cost = road * (1 + (GRADE_WEIGHT * climb) / flat) * (1 + (h[next] + h[cell]) / 2 / HEIGHT_SCALE_M);
        if (this.onRoad[cell] && this.onRoad[next]) cost *= REUSE;
        const nd = d + cost;
        if (seen[next] !== round || nd < dist[next]) {
          seen[next] = round;
          dist[next] = nd;
          prev[next] = cell;
          heap.push(nd, next);
        }
      }
    }
    return null;
  }
}

/** A binary min-heap of (key, cell), ties by cell. */
class MinHeap {
  readonly #keys: number[] = [];
  readonly #cells: number[] = [];

  get size(): number {
    return this.#keys.length;
  }

  push(key: number, cell: number): void {
    const k = this.#keys;
    const c = this.#cells;
    let i = k.length;
    k.push(key);
    c.push(cell);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (k[p] < key || (k[p] === key && c[p] <= cell)) break;
      k[i] = k[p];
      c[i] = c[p];
      i = p;
    }
    k[i] = key;
    c[i] = cell;
  }

  pop(): [number, number] {
    const k = this.#keys;
    const c = this.#cells;
    const top: [number, number] = [k[0], c[0]];
    const lastK = k.pop()!;
    const lastC = c.pop()!;
    const n = k.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const m = r < n && (k[r] < k[l] || (k[r] === k[l] && c[r] < c[l])) ? r : l;
        if (k[m] > lastK || (k[m] === lastK && c[m] > lastC)) break;
        k[i] = k[m];
        c[i] = c[m];
        i = m;
      }
      k[i] = lastK;
      c[i] = lastC;
    }
    return top;
  }
}
