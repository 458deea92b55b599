import { KM_PER_DEG_LAT, KM_PER_DEG_LON, type LonLat } from './geo.ts';

export type Highway = 'trunk' | 'primary' | 'secondary' | 'tertiary' | 'unclassified' | 'residential';

export interface Way {
  readonly nodes: number[];
  readonly highway: Highway;
  readonly name: string;
  readonly ref?: string;
}

/** Bucket size of the spatial index, degrees (~500 m). */
const BUCKET_DEG = 0.005;

/**
 * The roads being built: nodes (lon, lat at OSM's 7 decimals), ways, and a bucket index of
 * nodes and segments for "how far is the nearest road" and "which node is nearest".
 * An edge between two nodes is built once; a later way along it leaves it to the first
 * (the higher class, as classes are built from the top down).
 */
export class RoadNetwork {
  readonly lon: number[] = [];
  readonly lat: number[] = [];
  readonly ways: Way[] = [];
  readonly #edges = new Set<string>();
  readonly #nodeBuckets = new Map<string, number[]>();
  readonly #segmentBuckets = new Map<string, [number, number][]>();

  addNode(p: LonLat): number {
    const id = this.lon.length;
    this.lon.push(Math.round(p[0] * 1e7) / 1e7);
    this.lat.push(Math.round(p[1] * 1e7) / 1e7);
    bucketPush(this.#nodeBuckets, bucketKey(p[0], p[1]), id);
    return id;
  }

  point(id: number): LonLat {
    return [this.lon[id], this.lat[id]];
  }

  /**
   * A way through `nodes`: only its edges not built yet, as maximal runs; `between(a, b)` may
   * give extra nodes for a new edge (switchbacks).
   */
  addWay(nodes: readonly number[], highway: Highway, name: string, ref?: string, between?: (a: number, b: number) => number[]): void {
    let run: number[] = [];
    const flush = () => {
      if (run.length >= 2) this.ways.push({ nodes: run, highway, name, ...(ref ? { ref } : {}) });
      run = [];
    };
    for (let k = 0; k + 1 < nodes.length; k++) {
      const a = nodes[k];
      const b = nodes[k + 1];
      if (a === b) continue;
      const key = a < b ? `${a}:${b}` : `${b}:${a}`;
      if (this.#edges.has(key)) {
        flush();
        continue;
      }
      this.#edges.add(key);
      const chain = [a, ...(between ? between(a, b) : []), b];
      if (run.length === 0) run.push(a);
      for (let i = 1; i < chain.length; i++) {
        this.#indexSegment(chain[i - 1], chain[i]);
        run.push(chain[i]);
      }
    }
    flush();
  }

  /** Metres from `p` to the nearest road segment within about 500 m, or Infinity. */
  distanceToRoad(p: LonLat): number {
    let best = Infinity;
    for (const key of bucketsAround(p)) {
      for (const [a, b] of this.#segmentBuckets.get(key) ?? []) best = Math.min(best, segmentMetres(p, this.point(a), this.point(b)));
    }
    return best;
  }

  /** The nearest node to `p`, searching rings of buckets outward (the network is never empty here). */
  nearestNode(p: LonLat): number {
    for (let ring = 1; ring < 200; ring++) {
      let best = -1;
      let bestM = Infinity;
      for (const key of bucketsAround(p, ring)) {
        for (const id of this.#nodeBuckets.get(key) ?? []) {
          const m = metres(p, this.point(id));
          if (m < bestM || (m === bestM && id < best)) {
            best = id;
            bestM = m;
          }
        }
      }
      // A node within the ring's guaranteed radius is surely the nearest.
      if (best >= 0 && bestM <= ring * BUCKET_DEG * KM_PER_DEG_LON * 1000) return best;
    }
    throw new Error(`no road node near ${p[0]}, ${p[1]}`);
  }

  #indexSegment(a: number, b: number): void {
    const [x0, y0] = this.point(a);
    const [x1, y1] = this.point(b);
    for (let bx = Math.floor(Math.min(x0, x1) / BUCKET_DEG); bx <= Math.floor(Math.max(x0, x1) / BUCKET_DEG); bx++) {
      for (let by = Math.floor(Math.min(y0, y1) / BUCKET_DEG); by <= Math.floor(Math.max(y0, y1) / BUCKET_DEG); by++) bucketPush(this.#segmentBuckets, `${bx},${by}`, [a, b]);
    }
  }
}

function bucketKey(lon: number, lat: number): string {
  return `${Math.floor(lon / BUCKET_DEG)},${Math.floor(lat / BUCKET_DEG)}`;
}

function bucketPush<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function* bucketsAround(p: LonLat, ring = 1): Generator<string> {
  const bx = Math.floor(p[0] / BUCKET_DEG);
  const by = Math.floor(p[1] / BUCKET_DEG);
  for (let dx = -ring; dx <= ring; dx++) for (let dy = -ring; dy <= ring; dy++) yield `${bx + dx},${by + dy}`;
}

export function metres(a: LonLat, b: LonLat): number {
  return Math.hypot((a[0] - b[0]) * KM_PER_DEG_LON, (a[1] - b[1]) * KM_PER_DEG_LAT) * 1000;
}

/** Metres from p to the segment ab, on a local flat projection (segments are a few km at most). */
function segmentMetres(p: LonLat, a: LonLat, b: LonLat): number {
  const ax = (a[0] - p[0]) * KM_PER_DEG_LON;
  const ay = (a[1] - p[1]) * KM_PER_DEG_LAT;
  const bx = (b[0] - p[0]) * KM_PER_DEG_LON;
  const by = (b[1] - p[1]) * KM_PER_DEG_LAT;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, -(ax * dx + ay * dy) / len2));
  return Math.hypot(ax + t * dx, ay + t * dy) * 1000;
}
