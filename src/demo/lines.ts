import { type Geography, type LonLat, KM_PER_DEG_LAT, KM_PER_DEG_LON, distanceKm } from './geo.ts';
import type { Township } from './places.ts';
import { apportion } from './rng.ts';
import type { ShopSite } from './shops.ts';

/** Seed (000): 105 visit lines. */
export const LINE_COUNT = 105;
/** Seed (000): today's largest line; it is the remote mountain line of 商城县. */
export const LARGEST_LINE = 415;
const OVERSIZED_COUNTY = '411524';
/** A rural line takes whole townships while it stays within this share of its target size. */
const BOUNDARY_SLACK = 0.12;

export interface DemoLine {
  readonly county: number;
  /** Serves the seat's built-up area rather than townships. */
  readonly urban: boolean;
  /** Its shops in visiting-sequence order: by angle round the seat, or township by township. */
  readonly shops: readonly number[];
}

const angle = (base: LonLat, p: LonLat): number => Math.atan2((p[1] - base[1]) * KM_PER_DEG_LAT, (p[0] - base[0]) * KM_PER_DEG_LON);

/** Cuts a sequence into `count` consecutive parts of equal size (±1). */
function cutEqually(sequence: readonly number[], count: number): number[][] {
  return Array.from({ length: count }, (_, k) => sequence.slice(Math.round((k * sequence.length) / count), Math.round(((k + 1) * sequence.length) / count)));
}

/** A township's shops not yet on a line; `split` once part of it went to a line, after which it is never split again. */
interface Unit {
  readonly township: number;
  readonly point: LonLat;
  shops: number[];
  split: boolean;
}

/**
 * Grows one line from the remotest unit left: adds the unit nearest the line's centre
 * while that brings the line closer to `target`; if the line is still below `target`
 * less the slack, it takes the nearest shops of the next unit, which is then split (once).
 * `exact` lines end at exactly `target` shops.
 */
function growLine(units: Unit[], base: LonLat, shops: readonly ShopSite[], target: number, exact: boolean): number[] {
  const lo = exact ? target : target * (1 - BOUNDARY_SLACK);
  const hi = exact ? target : target * (1 + BOUNDARY_SLACK);
  const far = units.reduce((a, b) => (distanceKm(base, b.point) > distanceKm(base, a.point) ? b : a));
  const line: number[] = [];
  let sx = 0;
  let sy = 0;
  const take = (unit: Unit, part: number[]): void => {
    // Shops nearest the line so far come first, so consecutive shops stay neighbours.
    const from = line.length > 0 ? ([sx / line.length, sy / line.length] as const) : base;
    const ordered = [...part].sort((a, b) => distanceKm(from, shops[a].point) - distanceKm(from, shops[b].point) || a - b);
    for (const s of ordered) {
      line.push(s);
      sx += shops[s].point[0];
      sy += shops[s].point[1];
    }
    const taken = new Set(part);
    unit.shops = unit.shops.filter((s) => !taken.has(s));
    if (unit.shops.length === 0) units.splice(units.indexOf(unit), 1);
    else unit.split = true;
  };
  const splitOff = (unit: Unit, count: number): number[] => {
    const centre: LonLat = line.length > 0 ? [sx / line.length, sy / line.length] : far.point;
    return [...unit.shops].sort((a, b) => distanceKm(centre, shops[a].point) - distanceKm(centre, shops[b].point) || a - b).slice(0, count);
  };
  if (far.shops.length > hi && !far.split) take(far, splitOff(far, Math.round(target)));
  else take(far, far.shops);
  const skipped = new Set<Unit>();
  for (;;) {
    const centre: LonLat = [sx / line.length, sy / line.length];
    const candidates = units.filter((u) => !skipped.has(u));
    if (candidates.length === 0) break;
    const u = candidates.reduce((a, b) => (distanceKm(centre, b.point) < distanceKm(centre, a.point) ? b : a));
    const after = line.length + u.shops.length;
    if (after <= hi && Math.abs(after - target) <= Math.abs(line.length - target)) take(u, u.shops);
    else if (line.length >= lo) break;
    else if (!u.split) {
      take(u, splitOff(u, Math.round(target) - line.length));
      break;
    } else if (!exact && after <= target * (1 + 2 * BOUNDARY_SLACK)) take(u, u.shops);
    else skipped.add(u);
  }
  return line;
}

/**
 * The 105 visit lines. Counties get lines in proportion to their shops. In each county,
 * the seat's built-up area is cut into sectors round the office (urban lines); the rest
 * is peeled into rural lines of whole townships from the remotest inward, each line
 * growing from the remotest township left to its nearest neighbours; in 商城 the first,
 * remotest line is today's oversized line of 415 shops.
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
    // join the rural lines with their subdistrict.
    const seat = all
      .filter((x) => x.s.site === 'seat')
      .sort((a, b) => distanceKm(county.seat, a.s.point) - distanceKm(county.seat, b.s.point) || a.i - b.i);
    const urbanCount = Math.max(1, Math.floor(seat.length / mean));
    const inner = seat.slice(0, Math.min(seat.length, Math.round(urbanCount * mean)));
    const innerSet = new Set(inner.map((x) => x.i));
    const sectors = inner.map((x) => ({ i: x.i, a: angle(county.seat, x.s.point) })).sort((a, b) => a.a - b.a || a.i - b.i);
    for (const part of cutEqually(sectors.map((x) => x.i), urbanCount)) lines.push({ county: k, urban: true, shops: part });

    const rest = all.filter((x) => !innerSet.has(x.i));
    const units: Unit[] = [...new Set(rest.map((x) => x.s.township))]
      .sort((a, b) => a - b)
      .map((t) => ({ township: t, point: townships[t].point, shops: rest.filter((x) => x.s.township === t).map((x) => x.i), split: false }));
    const ruralCount = counts[k] - urbanCount;
    let left = rest.length;
    for (let l = 0; l < ruralCount; l++) {
      const exact = oversized && l === 0;
      const target = exact ? LARGEST_LINE : left / (ruralCount - l);
      const line = growLine(units, county.seat, shops, target, exact || l === ruralCount - 1);
      left -= line.length;
      lines.push({ county: k, urban: false, shops: line });
    }
    if (units.length > 0) throw new Error(`${county.name}: ${units.length} townships left without a line`);
  });
  return lines;
}
