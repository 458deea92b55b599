/**
 * The phone's day as stored (dayRows), every field traced back to the plan and the dataset
 * by hand, for every day of a ten-line plan (more lines than one turn of the event loop).
 */
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { dayRows, etagOf, unplannedAllowed } from '../../src/service/plans/dayView.ts';
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

  test('the allowance rounds down, and 20% of 15 is 3 exactly', () => {
    expect([unplannedAllowed(15, 0.2), unplannedAllowed(14, 0.2), unplannedAllowed(4, 0.2), unplannedAllowed(0, 0.2)]).toEqual([3, 2, 0, 0]);
  });

  test('the ETag follows the body, quoted', () => {
    expect(etagOf('a')).not.toBe(etagOf('b'));
    expect(etagOf('a')).toMatch(/^"[\w-]{27}"$/);
  });
});
