import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { Mode } from './types.ts';

/** A dataset's map answer (GET /v1/datasets/:id/map). */
export interface DatasetMap {
  lines: { line: string; county: string; manager: string; base: [number, number]; territory: [number, number][][] | null }[];
  retailers: { id: string[]; name: string[]; line: string[]; class: string[]; lon: number[]; lat: number[] };
}

/** A plan's visits by retailer (GET /v1/plans/:id/retailer-visits). */
export interface RetailerVisits {
  dates: string[];
  retailer: string[];
  day: number[];
  mode: Mode[];
  arrive: (string | null)[];
}

export interface ShopVisit {
  date: string;
  mode: Mode;
  arrive: string | null;
}

/** Each retailer's visits in date order. */
export function visitsByShop(v: RetailerVisits): Map<string, ShopVisit[]> {
  const out = new Map<string, ShopVisit[]>();
  for (let i = 0; i < v.retailer.length; i++) {
    const list = out.get(v.retailer[i]) ?? [];
    list.push({ date: v.dates[v.day[i]], mode: v.mode[i], arrive: v.arrive[i] });
    out.set(v.retailer[i], list);
  }
  for (const list of out.values()) list.sort((a, b) => a.date.localeCompare(b.date));
  return out;
}

/** The mode of a shop's first visit on or after `from`; 'none' when it has none left in the horizon. */
export function nextMode(visits: ShopVisit[] | undefined, from: string): Mode | 'none' {
  return visits?.find((v) => v.date >= from)?.mode ?? 'none';
}

/**
 * The retailers as GeoJSON points for one source of 26,400 features: the feature id is the
 * retailer's index in the columns, the properties only what the map colours by (class, next
 * mode). Each property is copied to MapLibre's worker and kept in its tiles.
 */
export function retailerFeatures(map: DatasetMap, next: (id: string) => Mode | 'none'): FeatureCollection<Point> {
  const r = map.retailers;
  const features: Feature<Point>[] = new Array(r.id.length);
  for (let i = 0; i < r.id.length; i++) {
    features[i] = { type: 'Feature', id: i, geometry: { type: 'Point', coordinates: [r.lon[i], r.lat[i]] }, properties: { class: r.class[i], mode: next(r.id[i]) } };
  }
  return { type: 'FeatureCollection', features };
}

/**
 * A day's route as lines: each leg from the previous stop (or the base) to the stop, then
 * home. A leg with road geometry (`leg.geometry`, GeoJSON LineString coordinates, when
 * the service has OSRM) is drawn on the roads; otherwise straight.
 */
export function routeLegs(day: {
  base: { lon: number; lat: number };
  stops: { lon: number; lat: number; leg: { geometry?: [number, number][] } }[];
  returnLeg: { geometry?: [number, number][] };
}): FeatureCollection<LineString> {
  const base: [number, number] = [day.base.lon, day.base.lat];
  const features: Feature<LineString>[] = [];
  let from = base;
  day.stops.forEach((s, i) => {
    const to: [number, number] = [s.lon, s.lat];
    features.push({ type: 'Feature', properties: { seq: i + 1, road: s.leg.geometry !== undefined }, geometry: { type: 'LineString', coordinates: s.leg.geometry ?? [from, to] } });
    from = to;
  });
  if (day.stops.length > 0) {
    features.push({ type: 'Feature', properties: { seq: 0, road: day.returnLeg.geometry !== undefined }, geometry: { type: 'LineString', coordinates: day.returnLeg.geometry ?? [from, base] } });
  }
  return { type: 'FeatureCollection', features };
}
