/**
 * The planner against the independent rules checker, on the small seeded city. Fixed seed and
 * a small iteration count: reproducible, no wall-clock asserts. A rule the planner breaks is
 * a `test.fails` naming the bug, never a looser checker.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { addDays, Workdays, type IsoDate } from '../../src/domain/calendar.ts';
import type { LinePlan } from '../../src/domain/plan.ts';
import type { Policy } from '../../src/domain/policy.ts';
import type { VisitRecord } from '../../src/domain/visitRecord.ts';
import type { PlanRequest } from '../../src/planner/api.ts';
import { createCityPlanner, lineTasks } from '../../src/planner/planCity.ts';
import { planLineTerrain } from '../support/planLineTerrain.ts';
import { Random } from '../../src/solver/random.ts';
import { TerrainModel, terrainModelParams } from '../../src/travel/terrainModel.ts';
import { checkPlanRules, frequencyOf, historyFromRecords, type RetailerHistory } from '../../checks/planRules.ts';
import { smallCity, START, type SmallCity } from '../support/smallCity.ts';

const ITERATIONS = 300;
const city = smallCity(7);
const model = new TerrainModel(city.terrain, terrainModelParams(city.policy));
const workdays = new Workdays(city.calendar);
/** The horizon, re-derived from the calendar (not the planner's). */
const horizon = (start: IsoDate, weeks: number) => workdays.between(start, addDays(start, 7 * weeks));

function request(c: SmallCity, over: Partial<PlanRequest> = {}): PlanRequest {
  return { dataset: { ...c, warnings: [] }, start: START, weeks: 4, seed: 1, ...over };
}
/** Every line planned in this thread, one `planLine` each. */
function planLines(req: PlanRequest): LinePlan[] {
  return lineTasks(req, { iterationsPerLine: ITERATIONS }, 1).map((t) => planLineTerrain(t, model));
}
function violations(lines: readonly LinePlan[], req: PlanRequest, c: SmallCity = city, history?: Record<string, RetailerHistory>): string[] {
  return checkPlanRules({ lines }, c, {
    travel: model,
    days: horizon(req.start, req.weeks),
    weeks: req.weeks,
    blocked: req.blocked ?? [],
    closed: req.closed ?? [],
    ...(history ? { history } : {}),
  }).violations;
}
const visitsOf = (lp: LinePlan, id: string) =>
  lp.days.flatMap((d) => [...d.stops.filter((s) => s.retailer === id).map(() => ({ date: d.date, mode: 'in_person' })), ...d.remote.filter((r) => r.retailer === id).map((r) => ({ date: d.date, mode: r.mode }))]);

const baseReq = request(city);
const basePlan = planLines(baseReq);

describe('planner rules on the small city', () => {
  test('(a) a clean 4-week plan', () => {
    expect(basePlan.map((l) => l.line)).toEqual(['L001', 'L002']);
    expect(violations(basePlan, baseReq)).toEqual([]);
    // The city has the awkward cases the rules are about.
    const rs = city.retailers;
    expect(rs.some((r) => r.mustInPerson) && rs.some((r) => r.phone === '') && rs.some((r) => r.vulnerable) && rs.some((r) => r.opensMin === 13 * 60)).toBe(true);
  });

  test('(b) a blocked day: empty, every rule holds, the other line unchanged', () => {
    const req = request(city, { blocked: [{ line: 'L001', date: '2026-11-11' }] });
    const plan = planLines(req);
    const day = plan[0].days.find((d) => d.date === '2026-11-11');
    expect(day && { blocked: day.blocked, stops: day.stops.length, remote: day.remote.length }).toEqual({ blocked: true, stops: 0, remote: 0 });
    expect(violations(plan, req)).toEqual([]);
    expect(plan[1]).toEqual(basePlan[1]);
  });

  test('(c) a shop closed all day gets no in-person visit that day', () => {
    // Close a shop on a day the unconstrained plan visits it in person.
    const day = basePlan[1].days.find((d) => d.stops.length > 0);
    const shop = day?.stops[0].retailer as string;
    const req = request(city, { closed: [{ retailer: shop, date: day?.date as string }] });
    const plan = planLines(req);
    expect(plan[1].days.find((d) => d.date === day?.date)?.stops.some((s) => s.retailer === shop)).toBe(false);
    expect(visitsOf(plan[1], shop).length).toBe(visitsOf(basePlan[1], shop).length);
    expect(violations(plan, req)).toEqual([]);
  });

  describe('(d) a line where 50% in person is tight', () => {
    // A remote mountain line, every retailer remote-eligible, visited weekly with 36-minute
    // visits: far more work than its 9.5-hour days hold, so the optimiser would phone most of
    // it; half of it in person just fits.
    // The work standard's duties (longer analysis and re-evaluation visits) are not what these
    // lines are about: at their floor they could not take the extra work, so they owe none.
    const heavy = (p: Policy, maxConsecutiveRemote: number): Policy => ({
      ...p,
      reevaluationsPerQuarter: { ...p.reevaluationsPerQuarter, value: 0 },
      analysisVisitMinutes: { ...p.analysisVisitMinutes, value: p.inPersonMinutesByClass.value.modern1 },
      visitsPer4WeeksByClass: { ...p.visitsPer4WeeksByClass, value: { modern1: 4, modern2: 4, ordinary: 4, violating: 4 } },
      inPersonMinutesByClass: { ...p.inPersonMinutesByClass, value: { ...p.inPersonMinutesByClass.value, modern2: 36, ordinary: 36 } },
      maxConsecutiveRemote: { ...p.maxConsecutiveRemote, value: maxConsecutiveRemote },
    });
    const mountain = smallCity(7, [{ kind: 'remote', retailers: 60 }]);
    const tight52 = smallCity(7, [{ kind: 'remote', retailers: 52 }]);

    test('the share stays at least 50%, every rule holds', () => {
      const c = { ...mountain, policy: heavy(mountain.policy, 1) };
      const req = request(c);
      const [lp] = planLines(req);
      const f = lp.figures;
      expect(f.visits).toBe(240);
      // Tight: the planner goes as remote as the share allows.
      expect(f.remoteVisits).toBeGreaterThanOrEqual(0.4 * f.visits);
      expect(f.inPersonVisits / f.visits).toBeGreaterThanOrEqual(0.5);
      expect(violations([lp], req, c)).toEqual([]);
    });

    // The share is the binding limit here, not the retailers' own caps (half their visits):
    // a planner asking for 60% in person gets at least that, and no fewer remote visits
    // than its budget needs to keep the days.
    test('a stricter share (60%) binds: the line keeps it, as remote as it allows', () => {
      const light = smallCity(7, [{ kind: 'remote', retailers: 40 }]);
      const p = heavy(light.policy, 1);
      const c = { ...light, policy: { ...p, inPersonShareMin: { ...p.inPersonShareMin, value: 0.6 } } };
      const req = request(c);
      const [lp] = planLines(req);
      const f = lp.figures;
      expect(f.visits).toBe(160);
      expect(f.inPersonVisits / f.visits).toBeGreaterThanOrEqual(0.6);
      // 40% is the most the share allows; 30%: issue 12's hotter search ends at 52 of 160 in
      // this short run (56 before).
      expect(f.remoteVisits).toBeGreaterThanOrEqual(0.3 * f.visits);
      expect(violations([lp], req, c)).toEqual([]);
    });

    // Once a bug: a blocked day was kept out of a pattern's in-person days only. The line
    // here is a little lighter (52 retailers) so that its other 19 days can hold the week.
    test('(b) on a tight line: a blocked day carries no remote visit either, and every rule holds', () => {
      const c = { ...tight52, policy: heavy(tight52.policy, 1) };
      const req = request(c, { blocked: [{ line: 'L001', date: '2026-11-11' }] });
      const [lp] = planLines(req);
      expect(lp.days.find((d) => d.date === '2026-11-11')).toMatchObject({ blocked: true, stops: [], remote: [] });
      expect(violations([lp], req, c)).toEqual([]);
    });

    // A line at its in-person floor that loses a whole day: its other days would have to
    // run past 9.5 h (at this seed and budget, by up to 21 minutes). The planner searches
    // from a second seed, then says it found no plan keeping the days, beside the figures.
    let floor: { c: SmallCity; req: PlanRequest; lines: LinePlan[] } | undefined;
    // Planned once for the two tests below (two searches of 5 s on the CI machine).
    const blockedFloor = () => {
      if (floor) return floor;
      const c = { ...mountain, policy: heavy(mountain.policy, 1) };
      const req = request(c, { blocked: [{ line: 'L001', date: '2026-11-11' }] });
      return (floor = { c, req, lines: planLines(req) });
    };
    test('(b) on the tight line at its floor, a blocked day: the planner says it found no plan keeping the days', () => {
      const [lp] = blockedFloor().lines;
      expect(lp.figures.longDays).toBeGreaterThan(0);
      const f = lp.figures;
      const breaks = f.longDays + f.unbalancedDays + f.backLateDays + f.firstShopLateDays + f.shortMarketDays + f.longWaitDays + f.emptyWorkdays;
      expect(lp.warnings).toEqual([`no plan keeping every day's rules was found (searched from seed 1 and from seed 2): ${breaks} break(s) of them in its days, as the figures show`]);
    });
    // The rule itself, until the planner can keep it (or refuses the blocked day).
    test.fails('(b) on the tight line at its floor, a blocked day: every rule holds (it does not: days over 9.5 h)', () => {
      const { c, req, lines } = blockedFloor();
      expect(violations(lines, req, c)).toEqual([]);
    });

    // Once a bug: each retailer's remote option counted its most remote visits (3 of 4 with
    // maxConsecutiveRemote 2) against the share's budget, so only 40 of 60 retailers could go
    // remote and the line overflowed its days; remote visits are now capped at half a retailer's.
    test('a looser maxConsecutiveRemote (2) keeps the tight line feasible', () => {
      const c = { ...mountain, policy: heavy(mountain.policy, 2) };
      const req = request(c);
      const [lp] = planLines(req);
      expect(lp.figures.inPersonVisits).toBeGreaterThanOrEqual(120);
      expect(violations([lp], req, c)).toEqual([]);
    });
  });

  test('(e) one week with a visit history: a failed visit moves to the next days within its window', () => {
    const start = '2026-11-09';
    const before = pastWorkdays(start, 25);
    // Every retailer's last done visit a random part of its interval ago; each visit done in person.
    const rng = new Random(11);
    const records: VisitRecord[] = city.retailers.map((r) => {
      const interval = 20 / frequencyOf(r, city.policy);
      return { retailer: r.id, date: before[rng.int(interval)], mode: 'in_person', outcome: 'done' };
    });
    // R1010 was due last Friday and that visit failed: its last visit is a full interval earlier.
    const failed = 'R1010';
    const interval = 20 / frequencyOf(city.retailers.find((r) => r.id === failed) as SmallCity['retailers'][number], city.policy);
    const k = records.findIndex((v) => v.retailer === failed);
    records[k] = { ...records[k], date: before[interval] };
    records.push({ retailer: failed, date: before[0], mode: 'in_person', outcome: 'failed', reason: 'owner_away' });
    const req = request(city, { start, weeks: 1, history: records });
    const plan = planLines(req);
    const history = historyFromRecords(records, city.calendar, start);
    expect(history[failed].lastVisitOffset).toBe(-interval - 1);
    expect(violations(plan, req, city, history)).toEqual([]);
    // Overdue: due at once, within the tolerance of the first day.
    const tol = interval <= 5 ? 1 : interval <= 10 ? 2 : 3;
    const days = horizon(start, 1);
    const first = visitsOf(plan[0], failed)[0];
    expect(first && days.indexOf(first.date)).toBeLessThanOrEqual(tol);
  });

  // Once a bug: a NaN coordinate made every leg to the shop 0 m long.
  test('a NaN coordinate fails its line, naming the retailer, instead of a 0 km visit', () => {
    const retailers = city.retailers.map((r) => (r.id === 'R2005' ? { ...r, lon: Number.NaN } : r));
    const req = request({ ...city, retailers });
    expect(() => planLines(req)).toThrow(/travel point \d+ \(R2005\): coordinates NaN, [\d.]+ are not finite/);
  });

  describe('(f) the city planner on 2 threads', () => {
    const planner = createCityPlanner({ terrain: city.terrain, threads: 2, iterationsPerLine: ITERATIONS });
    afterAll(() => planner.close());

    test('a clean city plan, line for line the same as planLine', async () => {
      const plan = await planner.plan(baseReq);
      expect(violations(plan.lines, baseReq)).toEqual([]);
      expect(plan.lines).toEqual(basePlan);
    });

    test('a line whose task throws fails with a clear error; the other line finishes', async () => {
      // A shop closing before it opens (the import refuses it; a copy of the dataset can carry it).
      const retailers = city.retailers.map((r) => (r.id === 'R2005' ? { ...r, opensMin: 20 * 60, closesMin: 8 * 60 } : r));
      const c = { ...city, retailers };
      const req = request(c);
      const progress: string[] = [];
      const plan = await planner.plan(req, { onProgress: (p) => progress.push(`${p.line}${p.error ? ' failed' : ''}`) });
      expect(plan.lines.map((l) => l.line)).toEqual(['L001', 'L002']);
      expect(plan.lines[1].error).toMatch(/^line L002 failed: \S/);
      expect(plan.lines[1].days).toEqual([]);
      expect(plan.lines[0]).toEqual(basePlan[0]);
      expect(violations(plan.lines.slice(0, 1), req, c)).toEqual([]);
      expect(progress.sort()).toEqual(['L001', 'L002 failed']);
    });
  });
});

/** The `n` workdays before `start`, latest first. */
function pastWorkdays(start: IsoDate, n: number): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = addDays(start, -1); out.length < n; d = addDays(d, -1)) if (workdays.isWorkday(d)) out.push(d);
  return out;
}
