/**
 * The rules checker itself, on hand-made plans: a clean one, then one rule broken at a time,
 * each with its exact message. Legs come from the travel model (the ground truth); times are
 * written by hand with room to spare, so only the broken rule speaks.
 */
import { describe, expect, test } from 'vitest';
import type { Line } from '../../src/domain/line.ts';
import type { LinePlan, PlannedDay, PlannedStop } from '../../src/domain/plan.ts';
import type { Policy } from '../../src/domain/policy.ts';
import type { Retailer } from '../../src/domain/retailer.ts';
import { cityFigures } from '../../src/planner/dayFigures.ts';
import { TerrainModel, terrainModelParams } from '../../src/travel/terrainModel.ts';
import { checkPlanRules, historyFromRecords, type RetailerHistory, type RulesContext, type RulesDataset } from '../support/planRules.ts';
import { cnCalendar, demoPolicy, demoTerrain } from '../support/smallCity.ts';

const policy = demoPolicy();
const model = new TerrainModel(demoTerrain(), terrainModelParams(policy));
const line: Line = { line: 'L001', county: '浉河区', manager: '张三', baseLon: 114.06556, baseLat: 32.12278, vehicle: 'car', litresPer100Km: 8 };
const base = { lon: line.baseLon, lat: line.baseLat, urban: true };

const shop = (id: string, dLon: number, dLat: number, over: Partial<Retailer>): Retailer => ({
  id, name: `店${id}`, lon: line.baseLon + dLon, lat: line.baseLat + dLat, county: '浉河区', township: '', urban: true,
  format: 'grocery', class: 'ordinary', supplyStopped: false, mustInPerson: false, vulnerable: false, line: 'L001',
  opensMin: 7 * 60, closesMin: 21 * 60, orderWeekday: 1, ordering: 'computer', phone: '13800000000', elevationM: 80, ...over,
});
// A weekly key account, a monthly grocery, an entertainment venue opening 13:00, a shop with no phone.
const RA = shop('RA', 0.005, 0.002, { class: 'modern1' });
const RB = shop('RB', -0.004, 0.006, {});
const RC = shop('RC', 0.008, -0.005, { class: 'modern2', format: 'entertainment', opensMin: 13 * 60, closesMin: 23 * 60 + 30 });
const RD = shop('RD', 0.02, 0.01, { phone: '' });
const data = (over: Partial<RulesDataset> = {}): RulesDataset => ({ retailers: [RA, RB, RC, RD], lines: [line], policy, ...over });

const days = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'];
// Last visits: RA a week ago (due Monday ±1), RB 18 workdays ago (monthly), RC 10 ago (fortnightly, due Monday), RD 19 ago.
const history: Record<string, RetailerHistory> = {
  RA: { lastVisitOffset: -5, lastRemoteRun: 0 },
  RB: { lastVisitOffset: -18, lastRemoteRun: 0 },
  RC: { lastVisitOffset: -10, lastRemoteRun: 0 },
  RD: { lastVisitOffset: -19, lastRemoteRun: 0 },
};
const ctx = (over: Partial<RulesContext> = {}): RulesContext => ({ travel: model, days, history, ...over });

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
interface StopTimes { r: Retailer; arrive: string; start?: string; depart: string }

/** A day over the given stops, legs measured by the model. */
function day(date: string, stops: StopTimes[], times: { leave: string; lunch: string | null; back: string }): PlannedDay {
  const legs = model.legsSync([base, ...stops.map((s) => s.r), base]);
  const planned: PlannedStop[] = stops.map((s, k) => ({
    retailer: s.r.id, arrive: s.arrive, start: s.start ?? s.arrive, depart: s.depart,
    legKm: round(legs[k].metres / 1000, 2), legMinutes: round(legs[k].seconds / 60, 1),
  }));
  return {
    ...empty(date), leaveBase: times.leave, backAtBase: times.back, lunch: times.lunch, stops: planned,
    returnKm: round(legs[stops.length].metres / 1000, 2), km: legs.reduce((s, l) => s + l.metres, 0) / 1000,
  };
}
function empty(date: string): PlannedDay {
  return {
    date, blocked: false, leaveBase: null, backAtBase: null, lunch: null, stops: [], remote: [], returnKm: 0, km: 0, ascentM: 0, litres: 0,
    yuan: 0, marketMinutes: 0, freeMarketMinutes: 0, waitMinutes: 0, lateMinutes: 0, firstShopLateMinutes: 0, backLateMinutes: 0,
  };
}
const figures = cityFigures([]);

/** Monday: RA, RB, lunch, RC at opening; Tuesday: RD served online. Market 08:00–14:2x less lunch. */
function cleanPlan(): { lines: LinePlan[] } {
  const monday = day(days[0], [
    { r: RA, arrive: '08:00', depart: '08:25' },
    { r: RB, arrive: '09:30', depart: '09:40' },
    { r: RC, arrive: '13:00', depart: '13:15' },
  ], { leave: '07:50', lunch: '11:30', back: '14:30' });
  const tuesday = { ...empty(days[1]), remote: [{ retailer: 'RD', mode: 'online' as const }] };
  const lp: LinePlan = { line: 'L001', manager: '张三', figures, baseline: figures, notPlaced: [], days: [monday, tuesday, ...days.slice(2).map(empty)] };
  return { lines: [lp] };
}
const check = (plan = cleanPlan(), d = data(), c = ctx()) => checkPlanRules(plan, d, c).violations;
/** The clean plan with its Monday's stops or times changed. */
function monday(edit: (d: PlannedDay) => void) {
  const plan = cleanPlan();
  edit(plan.lines[0].days[0]);
  return plan;
}
const stopOf = (d: PlannedDay, id: string) => d.stops.find((s) => s.retailer === id) as PlannedStop;

describe('rules checker on hand-made plans', () => {
  test('a clean plan has no violation; the grid builds the same model', () => {
    expect(check()).toEqual([]);
    expect(check(cleanPlan(), data(), ctx({ travel: demoTerrain() }))).toEqual([]);
  });

  describe('rule 1: frequency', () => {
    test('a visit more than due', () => {
      const plan = cleanPlan();
      plan.lines[0].days[3].remote.push({ retailer: 'RB', mode: 'phone' });
      expect(check(plan)).toEqual(['L001 RB: 2 visits, expected 1 (last visit 18 workdays before the start, every 20 workdays)']);
    });

    test('a visit outside its window', () => {
      // RC last seen 6 workdays ago: due Friday ±2, so Monday is too early.
      const h = { ...history, RC: { lastVisitOffset: -6, lastRemoteRun: 0 } };
      expect(check(cleanPlan(), data(), ctx({ history: h }))).toEqual(['L001 2026-12-07 RC: visit 1 on workday 1, outside workdays 3 to 5 (ideal 5, ±2)']);
    });

    test('more than 20 workdays since the last visit', () => {
      const plan = cleanPlan();
      plan.lines[0].days[1].remote = [];
      plan.lines[0].days[4].remote = [{ retailer: 'RD', mode: 'online' }];
      expect(check(plan)).toEqual(['L001 2026-12-11 RD: 23 workdays after the last visit 19 workdays before the start, over 20']);
    });

    test('a failed visit is no visit: history from records', () => {
      const h = historyFromRecords([
        { retailer: 'RB', date: '2026-11-30', mode: 'in_person', outcome: 'done' },
        { retailer: 'RB', date: '2026-12-04', mode: 'in_person', outcome: 'failed', reason: 'closed' },
        { retailer: 'RD', date: '2026-12-03', mode: 'phone', outcome: 'done' },
        { retailer: 'RD', date: '2026-12-07', mode: 'in_person', outcome: 'done' },
      ], cnCalendar(), '2026-12-07');
      expect(h).toEqual({ RB: { lastVisitOffset: -5, lastRemoteRun: 0 }, RD: { lastVisitOffset: -2, lastRemoteRun: 1 } });
    });

    test('four weeks with no history: the count and even spacing', () => {
      // 20 workdays: RC (fortnightly) is due twice, 10 workdays apart; here 12 apart, and RA/RB/RD not at all.
      const weeks = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'].flatMap((m) => [0, 1, 2, 3, 4].map((k) => `2026-11-${String(Number(m.slice(8)) + k).padStart(2, '0')}`));
      const plan = cleanPlan();
      const lp = plan.lines[0];
      lp.days = weeks.map(empty);
      lp.days[0].remote = [{ retailer: 'RC', mode: 'phone' }];
      lp.days[12] = day(weeks[12], [{ r: RC, arrive: '13:00', depart: '13:15' }], { leave: '12:50', lunch: '11:30', back: '18:20' });
      lp.days[12].backAtBase = '17:30';
      lp.days[12].lunch = '13:20';
      expect(check(plan, data(), ctx({ days: weeks, history: {} }))).toEqual([
        'L001 2026-11-18 RC: first shop reached at 13:00, after 08:30',
        'L001 2026-11-18: 208 market minutes (13:00–17:28 less lunch), under 300',
        'L001 RA: 0 visits, expected 4 (4 per 4 weeks over 20 workdays)',
        'L001 RB: 0 visits, expected 1 (1 per 4 weeks over 20 workdays)',
        'L001 2026-11-18 RC: 12 workdays after the visit on 2026-11-02, expected 10',
        'L001 RD: 0 visits, expected 1 (1 per 4 weeks over 20 workdays)',
      ]);
    });
  });

  describe('rule 2: modes', () => {
    test('no phone, must in person, no online ordering', () => {
      const phone = cleanPlan();
      phone.lines[0].days[1].remote = [{ retailer: 'RD', mode: 'phone' }];
      expect(check(phone)).toEqual(['L001 2026-12-08 RD: phone visit, but no phone number']);
      expect(check(cleanPlan(), data({ retailers: [RA, RB, RC, { ...RD, mustInPerson: true, ordering: 'other' }] }))).toEqual([
        'L001 2026-12-08 RD: online visit, but must_in_person',
        'L001 2026-12-08 RD: online visit, but orders by other',
      ]);
      const key = cleanPlan();
      key.lines[0].days[1].remote = [{ retailer: 'RD', mode: 'online' }, { retailer: 'RA', mode: 'phone' }];
      expect(check(key, data(), ctx({ history: { ...history, RA: { lastVisitOffset: -4, lastRemoteRun: 0 } } }))).toEqual([
        'L001 2026-12-08 RA: phone visit, but class modern1 is visited in person',
        'L001 RA: 2 visits, expected 1 (last visit 4 workdays before the start, every 5 workdays)',
      ]);
    });

    test('remote twice in a row, counting history', () => {
      const h = { ...history, RD: { lastVisitOffset: -19, lastRemoteRun: 1 } };
      expect(check(cleanPlan(), data(), ctx({ history: h }))).toEqual(['L001 2026-12-08 RD: remote visit 2 in a row, over 1']);
    });

    test('in-person share', () => {
      const p: Policy = { ...policy, inPersonShareMin: { ...policy.inPersonShareMin, value: 0.8 } };
      expect(check(cleanPlan(), data({ policy: p }))).toEqual(['L001: 3 of 4 visits in person (75.0%), under 80%']);
    });
  });

  describe('rule 3: days', () => {
    test('blocked day with a visit, closed shop visited', () => {
      const plan = cleanPlan();
      plan.lines[0].days[1].blocked = true;
      expect(check(plan, data(), ctx({ blocked: [{ line: 'L001', date: '2026-12-08' }] }))).toEqual(['L001 2026-12-08 RD: online visit on a blocked day']);
      expect(check(cleanPlan(), data(), ctx({ blocked: [{ line: 'L001', date: '2026-12-09' }] }))).toEqual(['L001 2026-12-09: marked blocked false, expected true']);
      expect(check(cleanPlan(), data(), ctx({ closed: [{ retailer: 'RB', date: '2026-12-07' }] }))).toEqual(['L001 2026-12-07 RB: in-person visit while the shop is closed all day']);
    });

    test('leaving early, first shop late, back late', () => {
      expect(check(monday((d) => (d.leaveBase = '06:20')))).toEqual(['L001 2026-12-07: leaves base at 06:20, before 06:30']);
      expect(check(monday((d) => {
        Object.assign(d.stops[0], { arrive: '08:35', start: '08:35', depart: '09:00' });
        d.backAtBase = '14:40';
      }))).toEqual(['L001 2026-12-07 RA: first shop reached at 08:35, after 08:30']);
      expect(check(monday((d) => (d.backAtBase = '17:40')))).toEqual(['L001 2026-12-07: back at base at 17:40, after 17:30']);
    });

    test('opening, closing, visit length, start before arrival', () => {
      expect(check(monday((d) => Object.assign(stopOf(d, 'RC'), { arrive: '12:50', start: '12:50', depart: '13:05' })))).toEqual(['L001 2026-12-07 RC: starts 12:50, before opening 13:00']);
      expect(check(monday((d) => (stopOf(d, 'RB').start = '09:28')))).toEqual(['L001 2026-12-07 RB: starts 09:28, before arriving 09:30', 'L001 2026-12-07 RB: visit lasts 12 min, expected 10 (class ordinary)']);
      expect(check(monday((d) => (stopOf(d, 'RA').depart = '08:15')))).toEqual(['L001 2026-12-07 RA: visit lasts 15 min, expected 25 (class modern1)']);
      expect(check(cleanPlan(), data({ retailers: [RA, { ...RB, closesMin: 9 * 60 + 35 }, RC, RD] }))).toEqual(['L001 2026-12-07 RB: departs 09:40, after closing 09:35']);
      expect(check(cleanPlan(), data({ retailers: [RA, { ...RB, closesMin: 9 * 60 + 20 }, RC, RD] }))).toEqual(['L001 2026-12-07 RB: arrives 09:30, after closing 09:20']);
    });

    test('arriving faster than the drive', () => {
      expect(check(monday((d) => Object.assign(stopOf(d, 'RB'), { arrive: '08:26', start: '08:26', depart: '08:36' })))).toEqual(['L001 2026-12-07 RB: arrives 08:26, before 08:27 (2.4 min drive after leaving RA 08:25)']);
      expect(check(monday((d) => (d.leaveBase = '07:59')))).toEqual([]);
      expect(check(monday((d) => (d.backAtBase = '13:16')))).toEqual([
        'L001 2026-12-07: back at base at 13:16, before 13:17 (2.3 min drive after leaving RC 13:15)',
        'L001 2026-12-07: 254 market minutes (08:00–13:14 less lunch), under 300',
      ]);
    });

    test('legs, return and km against the travel model', () => {
      expect(check(monday((d) => (d.stops[1].legKm += 0.2)))).toEqual([expect.stringMatching(/^L001 2026-12-07 RB: legKm [\d.]+, travel model says [\d.]+$/)]);
      expect(check(monday((d) => (d.stops[0].legMinutes += 0.3)))).toEqual([expect.stringMatching(/^L001 2026-12-07 RA: legMinutes [\d.]+, travel model says [\d.]+$/)]);
      expect(check(monday((d) => (d.returnKm += 1)))).toEqual([expect.stringMatching(/^L001 2026-12-07: returnKm [\d.]+, travel model says [\d.]+$/)]);
      expect(check(monday((d) => (d.km += 1)))).toEqual([expect.stringMatching(/^L001 2026-12-07: km [\d.]+, legs and return sum to [\d.]+$/)]);
    });
  });

  describe('rule 4: lunch', () => {
    test('missing, outside its window, over a visit', () => {
      expect(check(monday((d) => (d.lunch = null)))).toEqual(['L001 2026-12-07: no lunch, though the market time runs to 14:28']);
      expect(check(monday((d) => (d.lunch = '11:00')))).toEqual(['L001 2026-12-07: lunch at 11:00, outside 11:30–13:30']);
      expect(check(monday((d) => (d.lunch = '12:30')))).toEqual(['L001 2026-12-07 RC: visit 13:00–13:15 overlaps lunch 12:30–13:30']);
    });

    test('no time for lunch and the drive between two stops', () => {
      // RB until 12:05, lunch 12:05–13:05, RC at 13:05: the drive has no room (driving before lunch would be fine).
      const plan = monday((d) => {
        Object.assign(stopOf(d, 'RB'), { arrive: '11:55', start: '11:55', depart: '12:05' });
        Object.assign(stopOf(d, 'RC'), { arrive: '13:05', start: '13:05', depart: '13:20' });
        d.lunch = '12:05';
      });
      expect(check(plan)).toEqual(['L001 2026-12-07 RC: arrives 13:05, before 13:09 (4.5 min drive and 60 min lunch after leaving RB 12:05)']);
      expect(check(monday((d) => (d.lunch = '12:00')))).toEqual([]);
    });
  });

  test('rule 5: market minutes', () => {
    // Back 13:45: the market ends at 13:43 (the drive home), less lunch: 283 minutes.
    expect(check(monday((d) => (d.backAtBase = '13:45')))).toEqual(['L001 2026-12-07: 283 market minutes (08:00–13:43 less lunch), under 300']);
  });

  test('rule 6: the reserve for unplanned visits', () => {
    // Visits of 100 minutes fill the market: 20% of 300 needs 60 free minutes.
    const p: Policy = { ...policy, inPersonMinutesByClass: { ...policy.inPersonMinutesByClass, value: { modern1: 100, modern2: 100, ordinary: 100, violating: 100 } } };
    const plan = cleanPlan();
    plan.lines[0].days[0] = day(days[0], [
      { r: RA, arrive: '08:00', depart: '09:40' },
      { r: RB, arrive: '09:45', depart: '11:25' },
      { r: RC, arrive: '13:00', depart: '14:40' },
    ], { leave: '07:50', lunch: '11:30', back: '14:50' });
    expect(check(plan, data({ policy: p }))).toEqual([expect.stringMatching(/^L001 2026-12-07: 4\d min free for unplanned visits, under 60 \(20% of 300 visit minutes\)$/)]);
  });

  test('rule 7: unplaced visits and failed lines', () => {
    const plan = cleanPlan();
    plan.lines[0].notPlaced.push({ retailer: 'RB', reason: 'no day in its visit window is open for both the shop and the line' });
    expect(check(plan)).toEqual(['L001 RB: not placed (no day in its visit window is open for both the shop and the line)']);
    const failed = cleanPlan();
    failed.lines[0] = { ...failed.lines[0], days: [], error: 'line L001 failed: boom' };
    expect(check(failed)).toEqual(['L001: line failed: line L001 failed: boom']);
    const short = cleanPlan();
    short.lines[0].days.pop();
    expect(check(short)).toEqual(['L001: plans days 2026-12-07, 2026-12-08, 2026-12-09, 2026-12-10, expected the horizon\'s 2026-12-07, 2026-12-08, 2026-12-09, 2026-12-10, 2026-12-11']);
  });
});
