import { describe, expect, test } from 'vitest';
import type { Plan } from '../../src/domain/plan.ts';
import type { VisitRecord } from '../../src/domain/visitRecord.ts';
import type { PlanRequest } from '../../src/planner/api.ts';
import { lineTasks, mergePlan } from '../../src/planner/planCity.ts';
import { planLineTerrain } from '../support/planLineTerrain.ts';
import { TerrainModel, terrainModelParams } from '../../src/travel/terrainModel.ts';
import { smallCity, START } from '../support/smallCity.ts';

const city = smallCity(5);
const model = new TerrainModel(city.terrain, terrainModelParams(city.policy));
const dataset = { retailers: city.retailers, lines: city.lines, policy: city.policy, calendar: city.calendar, warnings: [] };
const run = (req: PlanRequest): Plan => mergePlan(req, lineTasks(req, { iterationsPerLine: 200 }, 1).map((t) => planLineTerrain(t, model)));
const base: PlanRequest = { dataset, start: START, weeks: 4, seed: 1 };
const first = run(base);
const line = first.lines[0];
const dates = line.days.map((d) => d.date);
const from = dates[6];

describe('a re-plan from a date', () => {
  // A monthly shop (visited once in the four weeks) whose in-person visit on a kept day failed:
  // unless the failure counts, it would get no visit at all after the re-plan's date.
  const visits = (id: string) => line.days.filter((d) => d.stops.some((s) => s.retailer === id) || d.remote.some((r) => r.retailer === id)).length;
  const day = line.days.slice(0, 6).find((d) => d.stops.some((s) => visits(s.retailer) === 1))!;
  const missed = day.stops.find((s) => visits(s.retailer) === 1)!.retailer;
  const records: VisitRecord[] = [{ retailer: missed, date: day.date, mode: 'in_person', outcome: 'failed', reason: 'owner_away' }];
  const req: PlanRequest = { ...base, previous: first, lines: [line.line], from, history: records };
  const again = run(req);
  const replanned = again.lines[0];

  test('keeps the days before it exactly, and plans every workday of the horizon', () => {
    expect(replanned.days.map((d) => d.date)).toEqual(dates);
    expect(replanned.days.slice(0, 6)).toEqual(line.days.slice(0, 6));
    expect(replanned.baseline).toEqual(line.baseline);
  });

  test('a visit that failed before it is due again at once, within the tolerance', () => {
    const tolerance = city.policy.spacingToleranceWorkdays.value;
    const after = replanned.days.slice(6).findIndex((d) => d.stops.some((s) => s.retailer === missed) || d.remote.some((r) => r.retailer === missed));
    expect(after).toBeGreaterThanOrEqual(0);
    expect(after).toBeLessThanOrEqual(Math.max(tolerance.weekly, tolerance.fortnightly, tolerance.monthly));
  });

  test('the other lines are as the previous plan had them', () => {
    expect(again.lines.slice(1)).toEqual(first.lines.slice(1));
  });

  test('a date past the horizon is refused', () => {
    expect(() => lineTasks({ ...req, from: '2027-03-01' }, {}, 1)).toThrow("2027-03-01 is after the horizon's last workday");
  });
});
