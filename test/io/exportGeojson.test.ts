import type { LineString, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { PlanExportError } from '../../src/io/exportPlan.ts';
import { LINE_COLOURS, planGeojson } from '../../src/io/exportPlanGeojson.ts';
import { LINES, RETAILERS, expectGolden, fixturePlan } from './exportFixture.ts';

describe('planGeojson', () => {
  const fc = planGeojson(fixturePlan(), RETAILERS, LINES);
  const routes = fc.features.filter((f) => f.properties.kind === 'route');
  const visits = fc.features.filter((f) => f.properties.kind === 'visit');
  const bases = fc.features.filter((f) => f.properties.kind === 'base');

  it('matches the golden file', () => {
    expectGolden('plan.geojson', `${JSON.stringify(fc, null, 2)}\n`);
  });

  it('has one LineString per line-day that is not blocked, base → stops in order → base', () => {
    expect(routes.map((f) => [f.properties, f.geometry.type])).toEqual([
      [{ kind: 'route', line: 'L01', manager: '王磊', date: '2025-03-04', km: 14.95, yuan: 9.21, stops: 3, stroke: LINE_COLOURS[0], 'stroke-width': 3 }, 'LineString'],
      [{ kind: 'route', line: 'L01', manager: '王磊', date: '2025-03-11', km: 12.55, yuan: 7.73, stops: 2, stroke: LINE_COLOURS[0], 'stroke-width': 3 }, 'LineString'],
      [{ kind: 'route', line: 'L02', manager: '李娜', date: '2025-03-11', km: 8.85, yuan: 1.7, stops: 2, stroke: LINE_COLOURS[1], 'stroke-width': 3 }, 'LineString'],
    ]);
    for (const f of routes) {
      const coords = (f.geometry as LineString).coordinates;
      const line = LINES.find((l) => l.line === f.properties.line)!;
      expect(coords[0]).toEqual([line.baseLon, line.baseLat]);
      expect(coords.at(-1)).toEqual([line.baseLon, line.baseLat]);
    }
    expect((routes[0].geometry as LineString).coordinates).toEqual([
      [114.06, 32.13], [114.071235, 32.123457], [114.0801, 32.1302], [114.0905, 32.1411], [114.06, 32.13],
    ]);
  });

  it('has a Point per visit, remote ones small and without order or times, and a Point per base', () => {
    expect(visits).toHaveLength(10);
    expect(visits[0].properties).toEqual({
      kind: 'visit', retailer: 'R0001', name: '张记烟酒', order: 1, arrive: '08:00', depart: '08:20',
      line: 'L01', date: '2025-03-04', mode: 'in_person', 'marker-color': LINE_COLOURS[0], 'marker-size': 'medium',
    });
    expect((visits[0].geometry as Point).coordinates).toEqual([114.071235, 32.123457]);
    expect(visits[3].properties).toMatchObject({ retailer: 'R0004', order: null, arrive: null, depart: null, mode: 'phone', 'marker-size': 'small' });
    expect(bases.map((f) => [f.properties.line, (f.geometry as Point).coordinates])).toEqual([['L01', [114.06, 32.13]], ['L02', [114.1, 32.2]]]);
  });

  it('refuses a plan naming a retailer the dataset lacks, naming it', () => {
    const plan = fixturePlan();
    plan.lines[0].days[0].stops[2].retailer = 'R9999';
    expect(() => planGeojson(plan, RETAILERS, LINES)).toThrow(PlanExportError);
    expect(() => planGeojson(plan, RETAILERS, LINES)).toThrow('the plan names retailers missing from the dataset: R9999 (line L01 on 2025-03-04)');
  });
});
