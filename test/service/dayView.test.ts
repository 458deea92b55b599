/**
 * The phone's day as stored (dayRows), every field traced back to the plan and the dataset
 * by hand, for every day of a ten-line plan (more lines than one turn of the event loop).
 */
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { dayRows, etagOf, unplannedAllowed } from '../../src/service/plans/dayView.ts';
import { convert } from '../../src/travel/coordinateSystems.ts';
import { navigationLinks } from '../../src/travel/navigationLinks.ts';
import type { RouteStep, TravelPoint, TravelSource } from '../../src/travel/travelSource.ts';
import { smallCity, START } from '../support/smallCity.ts';
import { fakePlan } from './support/fakePlanner.ts';

const city = smallCity(3, Array.from({ length: 10 }, (_, i) => ({ kind: (['town', 'rural', 'remote'] as const)[i % 3], retailers: 12 })));
const dataset = { ...city, warnings: [] };
const plan = fakePlan({ dataset, start: START, weeks: 1, blocked: [{ line: 'L003', date: '2026-11-04' }] });
// The fake planner's legs are whole numbers: give one day odd ones to see the rounding.
plan.lines[0].days[0].stops[0] = { ...plan.lines[0].days[0].stops[0], legKm: 2.345678, legMinutes: 5.56 };
plan.lines[0].days[0].km = 19.876543;
const rows = await dayRows('pl-1', plan, dataset);

describe('the stored days', () => {
  test('one row per line and day, in the plan order, none lost between turns', () => {
    expect(rows.map((r) => `${r.line} ${r.date}`)).toEqual(plan.lines.flatMap((l) => l.days.map((d) => `${l.line} ${d.date}`)));
    expect(rows).toHaveLength(50);
  });

  test('every field from the plan and the retailers', () => {
    const share = city.policy.unplannedReserveShare.value;
    for (const row of rows) {
      const lp = plan.lines.find((l) => l.line === row.line)!;
      const d = lp.days.find((x) => x.date === row.date)!;
      const line = city.lines.find((l) => l.line === row.line)!;
      const body = JSON.parse(row.body);
      const visits = d.stops.length + d.remote.length;
      expect(row.plannedVisits).toBe(visits);
      expect(row.retailers).toEqual([...d.stops.map((s) => s.retailer), ...d.remote.map((r) => r.retailer)]);
      expect(body).toMatchObject({ plan: 'pl-1', line: row.line, manager: lp.manager, date: row.date, blocked: d.blocked, base: { lon: line.baseLon, lat: line.baseLat }, leaveBase: d.leaveBase, backAtBase: d.backAtBase, lunch: d.lunch });
      body.stops.forEach((s: Record<string, unknown>, i: number) => {
        const r = city.retailers.find((x) => x.id === d.stops[i].retailer)!;
        expect(s).toMatchObject({ seq: i + 1, retailer: r.id, name: r.name, phone: r.phone, lon: r.lon, lat: r.lat, county: r.county, township: r.township, mode: 'in_person', arrive: d.stops[i].arrive, start: d.stops[i].start, depart: d.stops[i].depart });
      });
      expect(body.remote).toEqual(d.remote.map((v) => {
        const r = city.retailers.find((x) => x.id === v.retailer)!;
        return { retailer: r.id, name: r.name, phone: r.phone, mode: v.mode };
      }));
      expect(body.figures).toMatchObject({ visits, inPersonVisits: d.stops.length, remoteVisits: d.remote.length, unplannedAllowed: Math.floor(visits * share + 1e-9) });
      expect(row.etag).toBe(`"${createHash('sha256').update(row.body).digest('base64url').slice(0, 27)}"`);
    }
  });

  test('legs and figures rounded for the phone: km to 10 m, minutes to 6 s', () => {
    const body = JSON.parse(rows[0].body);
    expect(body.stops[0].leg).toMatchObject({ km: 2.35, minutes: 5.6 });
    expect(body.figures.km).toBe(19.88);
    expect(body.returnLeg).toMatchObject({ km: 3 });
  });

  test('a blocked day: no stops, no visits allowed outside the plan', () => {
    const blocked = JSON.parse(rows.find((r) => r.line === 'L003' && r.date === '2026-11-04')!.body);
    expect(blocked).toMatchObject({ blocked: true, stops: [], remote: [], leaveBase: null, figures: { visits: 0, unplannedAllowed: 0 } });
  });

  test('a retailer the dataset no longer has: empty texts, not a crash', async () => {
    const gone = structuredClone(plan);
    gone.lines = [gone.lines[0]];
    gone.lines[0].days = [gone.lines[0].days[0]];
    gone.lines[0].days[0].stops[0].retailer = 'R-GONE';
    gone.lines[0].days[0].remote[0].retailer = 'R-GONE2';
    const [row] = await dayRows('pl-3', gone, dataset);
    const day = JSON.parse(row.body);
    expect(day.stops[0]).toMatchObject({ retailer: 'R-GONE', name: '', phone: '', county: '', township: '', lon: 0, lat: 0 });
    expect(day.remote[0]).toEqual({ retailer: 'R-GONE2', name: '', phone: '', mode: 'phone' });
  });

  test('the allowance rounds down, and 20% of 15 is 3 exactly', () => {
    expect([unplannedAllowed(15, 0.2), unplannedAllowed(14, 0.2), unplannedAllowed(4, 0.2), unplannedAllowed(0, 0.2)]).toEqual([3, 2, 0, 0]);
  });

  test('the ETag follows the body, quoted', () => {
    expect(etagOf('a')).not.toBe(etagOf('b'));
    expect(etagOf('a')).toMatch(/^"[\w-]{27}"$/);
  });
});

// A stand-in road engine that answers as OSRM does.
const asked: TravelPoint[][] = [];
const step = (type: string, name: string, at: readonly [number, number], metres: number): RouteStep => ({
  distance: metres, duration: metres / 10, name, mode: 'driving', maneuver: { type, bearing_before: 0, bearing_after: 90, location: at },
});
const osrm: TravelSource = {
  name: 'osrm',
  matrix: () => Promise.reject(new Error('not asked here')),
  route: async (points) => {
    asked.push([...points]);
    const legs = points.slice(1).map((p, i) => {
      const from = points[i];
      const path: [number, number][] = [[from.lon, from.lat], [(from.lon + p.lon) / 2, from.lat], [p.lon, p.lat]];
      return { metres: 1000 * (i + 1), seconds: 90 * (i + 1), ascentM: 0, path, steps: [step('depart', '义阳路', path[0], 1000 * (i + 1)), step('arrive', '', path[2], 0)] };
    });
    return { roads: true, legs };
  },
};
// The same city declared in GCJ-02: the engine and the phone get WGS-84.
const gcj = { ...dataset, policy: { ...city.policy, coordinateSystem: { ...city.policy.coordinateSystem, value: 'GCJ-02' as const } } };
const roadRows = await dayRows('pl-2', plan, gcj, osrm);

describe('with a road engine', () => {
  test('one route a day with stops, none for a blocked day, in WGS-84', () => {
    expect(asked).toHaveLength(rows.filter((r) => JSON.parse(r.body).stops.length > 0).length);
    const day = JSON.parse(roadRows[0].body);
    const first = city.retailers.find((r) => r.id === plan.lines[0].days[0].stops[0].retailer)!;
    const [lon, lat] = convert([first.lon, first.lat], 'GCJ-02', 'WGS-84');
    expect(asked[0][1]).toMatchObject({ lon, lat, id: first.id, urban: first.urban });
    // The day starts and ends at the line's base, a town office.
    const base = { id: `base:${plan.lines[0].line}`, urban: true };
    expect([asked[0][0], asked[0].at(-1)]).toMatchObject([base, base]);
    expect(day.stops[0]).toMatchObject({ lon, lat });
    expect(Math.abs(lon - first.lon)).toBeGreaterThan(1e-4);
    expect(day.coordinateSystem).toBe('WGS-84');
  });

  test("each leg carries the engine's path and Chinese directions; the way back too, with its minutes", () => {
    const day = JSON.parse(roadRows[0].body);
    expect(day.directions).toEqual({ source: 'osrm', roads: true });
    const route = asked[0];
    day.stops.forEach((s: { leg: { geometry: number[][]; instructions: { text: string; metres: number }[] }; name: string }, i: number) => {
      expect(s.leg.geometry).toEqual([[route[i].lon, route[i].lat], [(route[i].lon + route[i + 1].lon) / 2, route[i].lat], [route[i + 1].lon, route[i + 1].lat]]);
      expect(s.leg.instructions.map((x) => x.metres)).toEqual([1000 * (i + 1), 0]);
      expect(s.leg.instructions[0].text).toMatch(/义阳路/);
      expect(s.leg.instructions[1].text).toContain(s.name);
    });
    const n = day.stops.length;
    expect(day.returnLeg).toMatchObject({ minutes: round1((90 * (n + 1)) / 60), geometry: [[route[n].lon, route[n].lat], [(route[n].lon + route[0].lon) / 2, route[n].lat], [route[0].lon, route[0].lat]] });
    expect(day.returnLeg.instructions[1].text).toContain('基地');
  });

  test('every stop links to AMap and Baidu navigation from the stop before it (the base for the first)', () => {
    const day = JSON.parse(roadRows[0].body);
    const line = city.lines.find((l) => l.line === day.line)!;
    const raw = [{ lon: line.baseLon, lat: line.baseLat, name: '基地' }, ...plan.lines[0].days[0].stops.map((x) => city.retailers.find((r) => r.id === x.retailer)!)];
    day.stops.forEach((s: { navigation: unknown }, i: number) => expect(s.navigation).toEqual(navigationLinks(raw[i + 1], raw[i], 'GCJ-02')));
    expect(Object.keys(day.stops[0].navigation).sort()).toEqual(['amap', 'baidu']);
  });

  test('with the terrain model: straight legs, no directions, and the day says so', () => {
    const day = JSON.parse(rows[0].body);
    expect(day.directions).toMatchObject({ source: 'terrain', roads: false });
    expect(day.directions.note).toMatch(/没有逐向导航/);
    expect(day.stops.every((s: { leg: Record<string, unknown> }) => !('geometry' in s.leg) && (s.leg.instructions as unknown[]).length === 0)).toBe(true);
    expect(day.returnLeg).toEqual({ km: 3, minutes: null, instructions: [] });
  });
});

const round1 = (x: number) => Number(x.toFixed(1));
