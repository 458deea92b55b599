/**
 * A retailer's visits keep their rhythm: the work standard's spacing, as the demo policy
 * writes it (weekly ±1 workday, fortnightly ±2, monthly ±3), recomputed here from the last
 * visit rather than read back from the planner's windows.
 */
import { describe, expect, test } from 'vitest';
import { retailerService } from '../../src/planner/serviceRules.ts';
import { demoPolicy, smallCity } from '../support/smallCity.ts';

const policy = demoPolicy();
const shop = smallCity(7).retailers.find((r) => !r.mustInPerson && !r.vulnerable && !r.supplyStopped && r.phone !== '');
const weekdays = Array.from({ length: 20 }, (_, d) => 1 + (d % 5));

describe('spacing of a retailer with history', () => {
  test.each([
    { cls: 'modern1', every: 5, tolerance: 1 },
    { cls: 'modern2', every: 10, tolerance: 2 },
    { cls: 'ordinary', every: 20, tolerance: 3 },
  ] as const)('$cls: every $every workdays, each visit within ±$tolerance of its rhythm, and the tolerance used', ({ cls, every, tolerance }) => {
    if (!shop) throw new Error('the small city has no plain retailer');
    const last = -3;
    const s = retailerService({ ...shop, class: cls }, policy, weekdays, { lastVisitOffset: last, lastRemoteRun: 0 });
    const strays = s.patterns.flatMap((p) => p.days.map((d, k) => d - (last + (k + 1) * every)));
    expect(Math.max(...strays.map(Math.abs))).toBe(tolerance);
    // Monthly: the ideal day (17) and ±3 of it fit in the horizon; nothing falls outside.
    expect(s.patterns.every((p) => p.days.every((d) => d >= 0 && d < 20))).toBe(true);
  });
});

describe('prices of a monthly retailer with no history', () => {
  // One visit in the 20 workdays (Monday to Friday, four times), on any of them.
  test('in person: nothing on its ordering weekday, the preference price on the others', () => {
    if (!shop) throw new Error('the small city has no plain retailer');
    const s = retailerService({ ...shop, class: 'ordinary', orderWeekday: 3 }, policy, weekdays, undefined);
    const inPerson = s.patterns.filter((p) => p.inPersonMask !== 0).sort((a, b) => a.days[0] - b.days[0]);
    // Wednesdays are days 2, 7, 12 and 17.
    expect(inPerson.map((p) => [p.days[0], p.cost])).toEqual(weekdays.map((w, d) => [d, w === 3 ? 0 : policy.orderWeekdayPreferenceYuan.value]));
  });

  test('remote: a call costs its minutes at the phone rate, an online order nothing', () => {
    if (!shop) throw new Error('the small city has no plain retailer');
    const phone = retailerService({ ...shop, class: 'ordinary' }, policy, weekdays, undefined);
    expect(phone.remoteMode).toBe('phone');
    // The demo policy's call: 5 minutes at 0.6 yuan.
    expect(phone.patterns.find((p) => p.inPersonMask === 0)?.cost).toBe(3);
    const online = retailerService({ ...shop, class: 'ordinary', phone: '', ordering: 'computer' }, policy, weekdays, undefined);
    expect(online.remoteMode).toBe('online');
    expect(online.patterns.find((p) => p.inPersonMask === 0)?.cost).toBe(0);
  });
});
