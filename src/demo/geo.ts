import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import { parse } from 'csv-parse/sync';
import type { Feature, MultiPolygon, Polygon } from 'geojson';

export type LonLat = readonly [number, number];

export interface County {
  readonly code: string;
  readonly name: string;
  readonly shape: Feature<Polygon | MultiPolygon>;
  /** [west, south, east, north] */
  readonly bbox: readonly [number, number, number, number];
  /** The county seat (GeoNames): the county branch office, base of the county's lines. */
  readonly seat: LonLat;
}

/** 街道 = urban subdistrict of a seat; 镇 town; 乡 rural township; special = farm, park, zone. */
export type TownshipKind = 'subdistrict' | 'town' | 'township' | 'special';

export interface TownshipRecord {
  readonly code: string;
  readonly name: string;
  /** The county it is placed in (the high-tech zone, without a polygon, goes to 平桥区). */
  readonly countyCode: string;
  readonly kind: TownshipKind;
}

export interface VillageRecord {
  readonly code: string;
  readonly name: string;
  readonly townshipCode: string;
  /** 社区 (community, the built-up part of a town) rather than 村 (village). */
  readonly community: boolean;
}

export interface Geography {
  readonly counties: readonly County[];
  readonly townships: readonly TownshipRecord[];
  readonly villages: readonly VillageRecord[];
  /** Real point locations of towns other than seats (明港镇), by township name. */
  readonly knownTowns: ReadonlyMap<string, LonLat>;
}

const HIGH_TECH_ZONE = '411571';
const HIGH_TECH_ZONE_HOST = '411503';

function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true });
}

function kindOf(name: string): TownshipKind {
  if (name.endsWith('街道')) return 'subdistrict';
  if (name.endsWith('镇')) return 'town';
  if (name.endsWith('乡')) return 'township';
  return 'special';
}

/** Reads the copies in `data/geo/` (see its ATTRIBUTION.md). Counties come in code order. */
export function loadGeography(geoDir: string): Geography {
  const names = new Map(readCsv(join(geoDir, 'xinyang-counties.csv')).map((r) => [r.code, r.name]));
  const seats = readCsv(join(geoDir, 'seats.csv'));
  const collection = JSON.parse(readFileSync(join(geoDir, 'xinyang-counties.geojson'), 'utf8')) as {
    features: (Feature<Polygon | MultiPolygon> & { id: string })[];
  };
  const counties = collection.features
    .map((f): County => {
      const name = names.get(String(f.id));
      if (!name) throw new Error(`county ${f.id} missing from xinyang-counties.csv`);
      const seat = seats.find((s) => s.name_zh.includes(name));
      if (!seat) throw new Error(`no seat for ${name} in seats.csv`);
      const b = turf.bbox(f);
      return { code: String(f.id), name, shape: f, bbox: [b[0], b[1], b[2], b[3]], seat: [Number(seat.lon), Number(seat.lat)] };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
  const known = new Set(counties.map((c) => c.code));
  const townships = readCsv(join(geoDir, 'xinyang-townships.csv')).map((r): TownshipRecord => {
    const countyCode = r.areaCode === HIGH_TECH_ZONE ? HIGH_TECH_ZONE_HOST : r.areaCode;
    if (!known.has(countyCode)) throw new Error(`township ${r.code}: unknown county ${r.areaCode}`);
    return { code: r.code, name: r.name, countyCode, kind: kindOf(r.name) };
  });
  const villages = readCsv(join(geoDir, 'xinyang-villages.csv')).map(
    (r): VillageRecord => ({ code: r.code, name: r.name, townshipCode: r.streetCode, community: r.name.includes('社区') || r.name.includes('居民') }),
  );
  const knownTowns = new Map<string, LonLat>();
  for (const s of seats) {
    if (s.name_zh.endsWith('镇')) knownTowns.set(s.name_zh, [Number(s.lon), Number(s.lat)]);
  }
  return { counties, townships, villages, knownTowns };
}

export function inCounty(county: County, p: LonLat): boolean {
  const [w, s, e, n] = county.bbox;
  if (p[0] < w || p[0] > e || p[1] < s || p[1] > n) return false;
  return turf.booleanPointInPolygon([p[0], p[1]], county.shape);
}

/** Kilometres per degree at the region's middle latitude (32°N); equirectangular is exact enough over 200 km. */
export const KM_PER_DEG_LAT = 110.95;
export const KM_PER_DEG_LON = 111.32 * Math.cos((32 * Math.PI) / 180);

export function distanceKm(a: LonLat, b: LonLat): number {
  const dx = (a[0] - b[0]) * KM_PER_DEG_LON;
  const dy = (a[1] - b[1]) * KM_PER_DEG_LAT;
  return Math.sqrt(dx * dx + dy * dy);
}

/** The point as written to the CSV files (6 decimals, ~0.1 m), so checks made here hold for the file. */
export function roundPoint(p: LonLat): LonLat {
  return [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];
}

/** The point `dxKm` east and `dyKm` north of `p`. */
export function offsetKm(p: LonLat, dxKm: number, dyKm: number): LonLat {
  return [p[0] + dxKm / KM_PER_DEG_LON, p[1] + dyKm / KM_PER_DEG_LAT];
}
