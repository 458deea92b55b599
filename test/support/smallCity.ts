/**
 * A small seeded city for planner tests: two or three lines of 30–60 retailers in the demo
 * region (so the demo terrain grid gives real hills), the demo policy and the China calendar.
 * Every line holds the awkward cases the rules are about: must-in-person shops, shops
 * without a phone, entertainment venues opening at 13:00, a vulnerable retailer.
 */
import { readFileSync } from 'node:fs';
import { CalendarSchema, type Calendar } from '../../src/domain/calendar.ts';
import { formatClock, parseClock } from '../../src/domain/clock.ts';
import type { Line } from '../../src/domain/line.ts';
import { PolicySchema, type Policy } from '../../src/domain/policy.ts';
import type { Format, Ordering, Retailer, RetailerClass } from '../../src/domain/retailer.ts';
import { Random } from '../../src/solver/random.ts';
import { loadTerrain } from '../../src/travel/loadTerrain.ts';
import { heightAt, type TerrainGrid } from '../../src/travel/terrainGrid.ts';

const root = (p: string) => new URL(`../../${p}`, import.meta.url);

export const demoPolicy = (): Policy => PolicySchema.parse(JSON.parse(readFileSync(root('data/demo/policy.json'), 'utf8')));
export const cnCalendar = (): Calendar => CalendarSchema.parse(JSON.parse(readFileSync(root('data/calendar/cn.json'), 'utf8')));
let terrainCache: TerrainGrid | null = null;
/** The demo region's elevation grid (read once: 33k cells). */
export const demoTerrain = (): TerrainGrid => (terrainCache ??= loadTerrain(root('data/demo/terrain.asc').pathname));

/**
 * How a line's retailers lie: `town` packed round the county seat (mostly urban), `rural`
 * in the villages a county road away, `remote` scattered far into the hills and all
 * reachable by phone (the line where the optimiser would like to phone everyone).
 */
export type LineKind = 'town' | 'rural' | 'remote';

export interface LineSpec {
  readonly kind: LineKind;
  readonly retailers: number;
}

export interface SmallCity {
  readonly retailers: Retailer[];
  readonly lines: Line[];
  readonly policy: Policy;
  readonly calendar: Calendar;
  readonly terrain: TerrainGrid;
}

/** Bases are the demo's county offices: 浉河区, 罗山县, 平桥区. */
const BASES: Record<LineKind, { county: string; lon: number; lat: number; minKm: number; maxKm: number; urbanShare: number }> = {
  town: { county: '浉河区', lon: 114.06556, lat: 32.12278, minKm: 0.3, maxKm: 6, urbanShare: 0.85 },
  rural: { county: '罗山县', lon: 114.50942, lat: 32.20318, minKm: 4, maxKm: 18, urbanShare: 0.2 },
  remote: { county: '平桥区', lon: 114.12028, lat: 32.09583, minKm: 12, maxKm: 40, urbanShare: 0 },
};

export const DEFAULT_LINES: readonly LineSpec[] = [
  { kind: 'town', retailers: 40 },
  { kind: 'rural', retailers: 36 },
];

/** First Monday of a 4-week horizon with 20 workdays and no holiday (November 2026). */
export const START = '2026-11-02';

export function smallCity(seed = 7, specs: readonly LineSpec[] = DEFAULT_LINES): SmallCity {
  const rng = new Random(seed);
  const policy = demoPolicy();
  const terrain = demoTerrain();
  const lines: Line[] = [];
  const retailers: Retailer[] = [];
  specs.forEach((spec, li) => {
    const base = BASES[spec.kind];
    const id = `L${String(li + 1).padStart(3, '0')}`;
    lines.push({ line: id, county: base.county, manager: `经理${li + 1}`, baseLon: base.lon, baseLat: base.lat, vehicle: 'car', litresPer100Km: 8 });
    for (let k = 0; k < spec.retailers; k++) {
      retailers.push(makeRetailer(rng, policy, terrain, spec, id, `R${li + 1}${String(k + 1).padStart(3, '0')}`, k));
    }
  });
  return { retailers, lines, policy, calendar: cnCalendar(), terrain };
}

const pick = <T>(rng: Random, weighted: readonly (readonly [T, number])[]): T => {
  let x = rng.next() * weighted.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of weighted) if ((x -= w) < 0) return v;
  return weighted[weighted.length - 1][0];
};

/**
 * One retailer; its index `k` on the line forces the awkward cases so every line has them:
 * 0 vulnerable, 1–2 entertainment, 3–4 must in person, 5–7 no phone (7 orders by computer,
 * so it can still be served online).
 */
function makeRetailer(rng: Random, policy: Policy, terrain: TerrainGrid, spec: LineSpec, line: string, id: string, k: number): Retailer {
  const base = BASES[spec.kind];
  const remote = spec.kind === 'remote';
  const r = base.minKm + (base.maxKm - base.minKm) * Math.sqrt(rng.next());
  // The remote line reaches south into the Dabie hills: slow, winding roads.
  const a = remote ? -Math.PI * rng.next() : 2 * Math.PI * rng.next();
  const lat = base.lat + (r * Math.sin(a)) / 110.95;
  const lon = base.lon + (r * Math.cos(a)) / (111.32 * Math.cos((base.lat * Math.PI) / 180));
  let format: Format = pick(rng, [['grocery', 60], ['tobacco_liquor', 15], ['convenience', 8], ['supermarket', 5], ['entertainment', 5], ['other', 5], ['mall', 2]] as const);
  // The remote line has no modern1/violating (those must be seen in person): all remote-eligible.
  let cls: RetailerClass = remote
    ? pick(rng, [['modern2', 30], ['ordinary', 70]] as const)
    : pick(rng, [['modern1', 10], ['modern2', 25], ['ordinary', 55], ['violating', 10]] as const);
  let ordering: Ordering = pick(rng, [['computer', 75], ['phone', 12], ['mobile', 3], ['other', 10]] as const);
  let phone = rng.next() < (remote ? 1 : 0.85) ? `13${String(100_000_000 + rng.int(899_999_999)).slice(0, 9)}` : '';
  let mustInPerson = false;
  let vulnerable = false;
  if (k === 0) {
    vulnerable = true;
    cls = 'ordinary';
  }
  if (k === 1 || k === 2) format = 'entertainment';
  if (!remote && (k === 3 || k === 4)) {
    mustInPerson = true;
    cls = 'ordinary';
  }
  if (!remote && k >= 5 && k <= 7) {
    phone = '';
    ordering = k === 7 ? 'computer' : 'other';
    cls = 'modern2';
  }
  const hours = policy.openingHours.value[format];
  return {
    id,
    name: `店${id}`,
    lon: Math.round(lon * 1e6) / 1e6,
    lat: Math.round(lat * 1e6) / 1e6,
    county: base.county,
    township: '',
    urban: rng.next() < base.urbanShare,
    format,
    class: cls,
    supplyStopped: cls === 'violating' && rng.next() < 0.5,
    mustInPerson,
    vulnerable,
    line,
    opensMin: parseClock(hours.opens),
    closesMin: parseClock(hours.closes),
    orderWeekday: 1 + rng.int(5),
    ordering,
    phone,
    elevationM: Math.round(heightAt(terrain, lon, lat)),
  };
}

/** `HH:MM` of minutes after midnight (tests write expected times this way). */
export const clock = formatClock;
