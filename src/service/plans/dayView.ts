import { createHash } from 'node:crypto';
import { setImmediate as yieldTurn } from 'node:timers/promises';
import type { CoordinateSystem } from '../../domain/coordinateSystem.ts';
import type { LinePlan, Plan, PlannedDay } from '../../domain/plan.ts';
import type { Retailer } from '../../domain/retailer.ts';
import type { Line } from '../../domain/line.ts';
import type { Dataset } from '../../io/dataset.ts';
import { convert } from '../../travel/coordinateSystems.ts';
import { legInstructions } from '../../travel/instructions.ts';
import { navigationLinks } from '../../travel/navigationLinks.ts';
import { BASE_PREFIX, type DayRoute, type Leg, type TravelPoint, type TravelSource } from '../../travel/travelSource.ts';
import type { ManagerDay } from './daySchema.ts';

/** A day ready to serve: its JSON, made once, and the ETag of that JSON. */
export interface DayRow {
  line: string;
  date: string;
  plannedVisits: number;
  /** Every retailer planned that day, in person or remote. */
  retailers: string[];
  etag: string;
  body: string;
}

/** The largest number of visits outside the plan a day may take (DOMAIN: at most 20% of the day's visits). */
export function unplannedAllowed(plannedVisits: number, share: number): number {
  // The epsilon keeps 0.2 × 15 = 3.0000000000000004 from rounding the wrong way.
  return Math.floor(plannedVisits * share + 1e-9);
}

export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** Day routes asked of a road engine at once while a plan's days are built. */
const ROUTES_AT_ONCE = 4;
const BASE_NAME = '基地';
const NO_ROADS_NOTE = '地形模型没有道路数据：路段为两点间直线，没有逐向导航；请点开高德或百度地图导航到店。';

/**
 * Every (line, day) of a plan as the manager's phone receives it, built once when the plan
 * is stored. With a road engine each leg carries its road geometry and turn-by-turn text in
 * Chinese; with the terrain model (or none) legs are straight and the day says so. Every stop
 * links to AMap and Baidu navigation. A road engine's error (down, no road) is thrown: the
 * caller stores nothing.
 */
export async function dayRows(planId: string, plan: Plan, dataset: Dataset, travel?: TravelSource): Promise<DayRow[]> {
  const retailers = new Map<string, Retailer>(dataset.retailers.map((r) => [r.id, r]));
  const lines = new Map(dataset.lines.map((l) => [l.line, l]));
  const system = dataset.policy.coordinateSystem.value;
  const share = dataset.policy.unplannedReserveShare.value;
  const jobs: { lp: LinePlan; line: Line | undefined; day: PlannedDay }[] = plan.lines.flatMap((lp) => lp.days.map((day) => ({ lp, line: lines.get(lp.line), day })));
  const rows: DayRow[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    for (let k = next++; k < jobs.length; k = next++) {
      // A city's week is ~500 days of JSON and hashing: the event loop gets turns between them.
      if (k % 64 === 63) await yieldTurn();
      const { lp, line, day } = jobs[k];
      rows[k] = await dayRow(planId, lp, line, day, { retailers, system, share, ...(travel ? { travel } : {}) });
    }
  };
  await Promise.all(Array.from({ length: travel?.name === 'osrm' ? ROUTES_AT_ONCE : 1 }, worker));
  return rows;
}

interface DayContext {
  readonly retailers: ReadonlyMap<string, Retailer>;
  readonly system: CoordinateSystem;
  readonly share: number;
  readonly travel?: TravelSource;
}

async function dayRow(planId: string, lp: LinePlan, line: Line | undefined, d: PlannedDay, ctx: DayContext): Promise<DayRow> {
  const shop = (id: string) => ctx.retailers.get(id);
  const wgs = (lon: number, lat: number): [number, number] => (ctx.system === 'WGS-84' ? [lon, lat] : convert([lon, lat], ctx.system, 'WGS-84'));
  const baseRaw = { lon: line?.baseLon ?? 0, lat: line?.baseLat ?? 0, name: BASE_NAME };
  const stopsRaw = d.stops.map((s) => {
    const r = shop(s.retailer);
    return { lon: r?.lon ?? 0, lat: r?.lat ?? 0, name: r?.name ?? s.retailer, urban: r?.urban ?? false, id: s.retailer };
  });
  const points: TravelPoint[] = [{ ...baseRaw, urban: true, id: `${BASE_PREFIX}${lp.line}` }, ...stopsRaw, { ...baseRaw, urban: true, id: `${BASE_PREFIX}${lp.line}` }].map((p) => {
    const [lon, lat] = wgs(p.lon, p.lat);
    return { lon, lat, urban: p.urban, id: p.id };
  });
  const route: DayRoute | undefined = d.stops.length > 0 && ctx.travel ? await ctx.travel.route(points) : undefined;
  const roads = ctx.travel?.name === 'osrm';
  /** A leg's road geometry and instructions where the route has roads; nothing else (a straight leg, drawn by the client). */
  const legOf = (k: number, to: string): { geometry?: [number, number][]; instructions: { text: string; metres: number }[]; leg?: Leg } => {
    const leg = route?.legs[k];
    const roadLeg = route?.roads && leg;
    return {
      ...(roadLeg ? { geometry: leg.path.map(([lon, lat]): [number, number] => [lon, lat]) } : {}),
      instructions: roadLeg && leg.steps ? legInstructions(leg.steps, to) : [],
      ...(leg ? { leg } : {}),
    };
  };
  const visits = d.stops.length + d.remote.length;
  const back = d.stops.length > 0 ? legOf(d.stops.length, BASE_NAME) : { instructions: [] };
  const day: ManagerDay = {
    plan: planId,
    line: lp.line,
    manager: lp.manager,
    date: d.date,
    blocked: d.blocked,
    coordinateSystem: 'WGS-84',
    directions: roads ? { source: 'osrm', roads: true } : { source: 'terrain', roads: false, note: NO_ROADS_NOTE },
    base: { lon: points[0].lon, lat: points[0].lat },
    leaveBase: d.leaveBase,
    backAtBase: d.backAtBase,
    lunch: d.lunch,
    stops: d.stops.map((s, i) => {
      const r = shop(s.retailer);
      const { geometry, instructions } = legOf(i, r?.name ?? s.retailer);
      return {
        seq: i + 1,
        retailer: s.retailer,
        name: r?.name ?? '',
        phone: r?.phone ?? '',
        lon: points[i + 1].lon,
        lat: points[i + 1].lat,
        county: r?.county ?? '',
        township: r?.township ?? '',
        mode: 'in_person' as const,
        kind: s.kind ?? 'routine',
        arrive: s.arrive,
        start: s.start,
        depart: s.depart,
        leg: { km: round(s.legKm, 2), minutes: round(s.legMinutes, 1), ...(geometry ? { geometry } : {}), instructions },
        navigation: navigationLinks(stopsRaw[i], i === 0 ? baseRaw : stopsRaw[i - 1], ctx.system),
      };
    }),
    returnLeg: {
      km: round(d.returnKm, 2),
      minutes: 'leg' in back && back.leg ? round(back.leg.seconds / 60, 1) : null,
      ...('geometry' in back && back.geometry ? { geometry: back.geometry } : {}),
      instructions: back.instructions,
    },
    remote: d.remote.map((v) => ({ retailer: v.retailer, name: shop(v.retailer)?.name ?? '', phone: shop(v.retailer)?.phone ?? '', mode: v.mode })),
    figures: {
      visits,
      inPersonVisits: d.stops.length,
      remoteVisits: d.remote.length,
      km: round(d.km, 2),
      ascentM: round(d.ascentM, 0),
      litres: round(d.litres, 2),
      yuan: round(d.yuan, 2),
      marketMinutes: round(d.marketMinutes, 0),
      lateMinutes: round(d.lateMinutes, 0),
      unplannedAllowed: unplannedAllowed(visits, ctx.share),
    },
  };
  const body = JSON.stringify(day);
  return {
    line: lp.line,
    date: d.date,
    plannedVisits: visits,
    retailers: [...d.stops.map((s) => s.retailer), ...d.remote.map((v) => v.retailer)],
    etag: etagOf(body),
    body,
  };
}
