import { featureCollection, lineString, point } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, Point, Position } from 'geojson';
import type { Line } from '../domain/line.ts';
import type { Plan, VisitMode } from '../domain/plan.ts';
import type { Retailer } from '../domain/retailer.ts';
import { dayVisits, daysInOrder, planLookup, round } from './exportPlan.ts';

/**
 * Stroke colours by line, in plan order and cycling (d3's category10): distinct enough
 * for a reviewer to tell neighbouring lines apart in geojson.io or QGIS.
 */
export const LINE_COLOURS = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd',
  '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
] as const;

export interface RouteProperties {
  kind: 'route';
  line: string;
  manager: string;
  date: string;
  km: number;
  yuan: number;
  stops: number;
  stroke: string;
  'stroke-width': number;
}

export interface VisitProperties {
  kind: 'visit';
  retailer: string;
  name: string;
  /** Driving order; null for a remote visit. */
  order: number | null;
  arrive: string | null;
  depart: string | null;
  line: string;
  date: string;
  mode: VisitMode;
  'marker-color': string;
  'marker-size': 'small' | 'medium';
}

export interface BaseProperties {
  kind: 'base';
  line: string;
  manager: string;
  'marker-color': string;
  'marker-symbol': 'building';
}

export type PlanFeature = Feature<LineString, RouteProperties> | Feature<Point, VisitProperties | BaseProperties>;
export type PlanFeatureCollection = FeatureCollection<LineString | Point, RouteProperties | VisitProperties | BaseProperties>;

/**
 * A plan → GeoJSON for a map: per line, its base (a Point), then per day with stops a
 * LineString base → stops in order → base, and a Point per visit. Remote visits are
 * Points too (small markers, `order` null) so a map shows every retailer served; blocked
 * days and days without stops have no route. `kind` tells the three apart. Coordinates
 * are [lon, lat] at 6 decimals (about 10 cm), colours simplestyle per line.
 */
export function planGeojson(plan: Plan, retailers: readonly Retailer[], lines: readonly Line[]): PlanFeatureCollection {
  const lookup = planLookup(plan, retailers, lines);
  const features: PlanFeature[] = [];
  plan.lines.forEach((lp, i) => {
    const colour = LINE_COLOURS[i % LINE_COLOURS.length];
    const line = lookup.line(lp.line);
    const base = position(line.baseLon, line.baseLat);
    features.push(point<BaseProperties>(base, { kind: 'base', line: lp.line, manager: lp.manager, 'marker-color': colour, 'marker-symbol': 'building' }));
    for (const day of daysInOrder(lp)) {
      const visits = dayVisits(day, lookup);
      if (!day.blocked && day.stops.length > 0) {
        const path = [base, ...day.stops.map((s) => at(lookup.retailer(s.retailer))), base];
        features.push(
          lineString<RouteProperties>(path, {
            kind: 'route',
            line: lp.line,
            manager: lp.manager,
            date: day.date,
            km: round(day.km, 2),
            yuan: round(day.yuan, 2),
            stops: day.stops.length,
            stroke: colour,
            'stroke-width': 3,
          }),
        );
      }
      for (const v of visits) {
        features.push(
          point<VisitProperties>(at(v.retailer), {
            kind: 'visit',
            retailer: v.retailer.id,
            name: v.retailer.name,
            order: v.order,
            arrive: v.stop?.arrive ?? null,
            depart: v.stop?.depart ?? null,
            line: lp.line,
            date: day.date,
            mode: v.mode,
            'marker-color': colour,
            'marker-size': v.stop ? 'medium' : 'small',
          }),
        );
      }
    }
  });
  return featureCollection<LineString | Point, RouteProperties | VisitProperties | BaseProperties>(features);
}

function at(r: Retailer): Position {
  return position(r.lon, r.lat);
}

function position(lon: number, lat: number): Position {
  return [round(lon, 6), round(lat, 6)];
}
