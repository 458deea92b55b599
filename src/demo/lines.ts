import { type Geography, type LonLat, KM_PER_DEG_LAT, KM_PER_DEG_LON, distanceKm } from './geo.ts';
import type { Township } from './places.ts';
import { apportion } from './rng.ts';
import type { ShopSite } from './shops.ts';

/** Seed (000): 105 visit lines. */
export const LINE_COUNT = 105;
/** Seed (000): today's largest line; it is the remote mountain line of 商城县. */
export const LARGEST_LINE = 415;
const OVERSIZED_COUNTY = '411524';
/** A rural line ends at a township boundary if that keeps it within this share of its target size. */
const BOUNDARY_SLACK = 0.12;

export interface DemoLine {
  readonly county: number;
  /** Serves the seat's built-up area rather than townships. */
  readonly urban: boolean;
  /** Its shops in visiting-sequence order: by angle round the seat, or township by township. */
  readonly shops: readonly number[];
}

const angle = (base: LonLat, p: LonLat): number => Math.atan2((p[1] - base[1]) * KM_PER_DEG_LAT, (p[0] - base[0]) * KM_PER_DEG_LON);

/**
 * An open path through the township points from `first` to `last`, visiting each once:
 * nearest neighbour, then 2-opt with both ends fixed. Consecutive townships are neighbours,
 * so any run of them is a compact territory.
 */
function townshipPath(points: readonly LonLat[], first: number, last: number): number[] {
  const left = new Set(points.keys());
  left.delete(first);
  left.delete(last);
  const path = [first];
  while (left.size > 0) {
    const here = points[path[path.length - 1]];
    let best = -1;
    for (const i of left) if (best < 0 || distanceKm(here, points[i]) < distanceKm(here, points[best])) best = i;
    path.push(best);
    left.delete(best);
  }
  if (last !== first) path.push(last);
  const d = (a: number, b: number): number => distanceKm(points[path[a]], points[path[b]]);
  for (let improved = true; improved; ) {
    improved = false;
    for (let i = 1; i < path.length - 2; i++) {
      for (let j = i + 1; j < path.length - 1; j++) {
        if (d(i - 1, j) + d(i, j + 1) < d(i - 1, i) + d(j, j + 1) - 1e-9) {
          path.splice(i, j - i + 1, ...path.slice(i, j + 1).reverse());
          improved = true;
        }
      }
    }
  }
  return path;
}

/**
 * Cuts a township-ordered sequence into `count` consecutive lines of about equal size,
 * ending a line at a township boundary where that stays within the slack, so a township
 * is split between two lines only where a boundary is too far off.
 */
function cutSequence(sequence: readonly number[], boundaries: ReadonlySet<number>, count: number): number[][] {
  const out: number[][] = [];
  let start = 0;
  for (let left = count; left > 1; left--) {
    const target = (sequence.length - start) / left;
    let end = start + Math.round(target);
    let bestOff = Infinity;
    for (let b = Math.ceil(start + target * (1 - BOUNDARY_SLACK)); b <= start + target * (1 + BOUNDARY_SLACK); b++) {
      if (boundaries.has(b) && Math.abs(b - start - target) < bestOff) {
        bestOff = Math.abs(b - start - target);
        end = b;
      }
    }
    out.push(sequence.slice(start, end));
    start = end;
  }
  out.push(sequence.slice(start));
  return out;
}

/**
 * The 105 visit lines. Counties get lines in proportion to their shops. In each county,
 * the seat's built-up area is cut into sectors round the office (urban lines), and the
 * rest into runs of townships along a path from the seat outward (rural lines); in 商城
 * the last, remotest run is today's oversized line of 415 shops.
 */
export function assignLines(geo: Geography, townships: readonly Township[], shops: readonly ShopSite[]): DemoLine[] {
  const byCounty = geo.counties.map((_, k) => shops.map((s, i) => ({ s, i })).filter((x) => x.s.county === k));
  // The oversized line counts as one line of average size when sharing lines out.
  const excess = LARGEST_LINE - shops.length / LINE_COUNT;
  const counts = apportion(LINE_COUNT, byCounty.map((x, k) => x.length - (geo.counties[k].code === OVERSIZED_COUNTY ? excess : 0)));
  const lines: DemoLine[] = [];
  geo.counties.forEach((county, k) => {
    const all = byCounty[k];
    const oversized = county.code === OVERSIZED_COUNTY;
    const mean = (all.length - (oversized ? LARGEST_LINE : 0)) / (counts[k] - (oversized ? 1 : 0));
    // Whole urban lines of average size from the seat's centre outward; the seat's outskirts
    // join the rural sequence with their subdistrict.
    const seat = all
      .filter((x) => x.s.site === 'seat')
      .sort((a, b) => distanceKm(county.seat, a.s.point) - distanceKm(county.seat, b.s.point) || a.i - b.i);
    const urbanCount = Math.max(1, Math.floor(seat.length / mean));
    const inner = seat.slice(0, Math.min(seat.length, Math.round(urbanCount * mean)));
    const innerSet = new Set(inner.map((x) => x.i));
    const sectors = inner.map((x) => ({ i: x.i, a: angle(county.seat, x.s.point) })).sort((a, b) => a.a - b.a || a.i - b.i);
    for (const part of cutSequence(sectors.map((x) => x.i), new Set(), urbanCount)) lines.push({ county: k, urban: true, shops: part });

    const rest = all.filter((x) => !innerSet.has(x.i));
    const towns = [...new Set(rest.map((x) => x.s.township))].sort((a, b) => a - b);
    const points = towns.map((t) => townships[t].point);
    const fromSeat = points.map((p) => distanceKm(county.seat, p));
    const first = fromSeat.indexOf(Math.min(...fromSeat));
    const last = fromSeat.indexOf(Math.max(...fromSeat));
    const path = townshipPath(points, first, last);
    const sequence: number[] = [];
    const boundaries = new Set<number>();
    path.forEach((t, step) => {
      // Within a township, shops run from the previous township's side to the next's,
      // so a line that ends inside it takes the half nearest its other townships.
      const from = points[path[Math.max(step - 1, 0)]];
      const to = points[path[Math.min(step + 1, path.length - 1)]];
      const dx = (to[0] - from[0]) * KM_PER_DEG_LON;
      const dy = (to[1] - from[1]) * KM_PER_DEG_LAT;
      const along = (p: LonLat): number => p[0] * KM_PER_DEG_LON * dx + p[1] * KM_PER_DEG_LAT * dy;
      const own = rest.filter((x) => x.s.township === towns[t]).sort((a, b) => along(a.s.point) - along(b.s.point) || a.i - b.i);
      for (const x of own) sequence.push(x.i);
      boundaries.add(sequence.length);
    });
    const ruralCount = counts[k] - urbanCount;
    if (oversized) {
      const head = sequence.slice(0, sequence.length - LARGEST_LINE);
      const headBoundaries = new Set([...boundaries].filter((b) => b < head.length));
      for (const part of cutSequence(head, headBoundaries, ruralCount - 1)) lines.push({ county: k, urban: false, shops: part });
      lines.push({ county: k, urban: false, shops: sequence.slice(head.length) });
    } else {
      for (const part of cutSequence(sequence, boundaries, ruralCount)) lines.push({ county: k, urban: false, shops: part });
    }
  });
  return lines;
}
