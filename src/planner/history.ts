import type { Calendar, IsoDate } from '../domain/calendar.ts';
import type { Plan } from '../domain/plan.ts';
import type { VisitRecord } from '../domain/visitRecord.ts';
import { workdayOffset } from './horizon.ts';
import type { VisitHistory } from './serviceRules.ts';

/**
 * Each retailer's rhythm from what happened before `start`: its last visit that took place
 * (done, or unplanned), and how many of its latest visits in a row were remote. A failed
 * visit is not a visit: the retailer stays due, so a missed visit moves to the next days.
 */
export function historyByRetailer(records: readonly VisitRecord[], calendar: Calendar, start: IsoDate): Record<string, VisitHistory> {
  const byRetailer = new Map<string, VisitRecord[]>();
  for (const r of records) {
    if (r.date >= start || r.outcome === 'failed') continue;
    const list = byRetailer.get(r.retailer);
    if (list) list.push(r);
    else byRetailer.set(r.retailer, [r]);
  }
  const out: Record<string, VisitHistory> = {};
  for (const [id, list] of byRetailer) {
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    let run = 0;
    for (let k = list.length - 1; k >= 0 && list[k].mode !== 'in_person'; k--) run++;
    out[id] = { lastVisitOffset: workdayOffset(calendar, start, list[list.length - 1].date), lastRemoteRun: run };
  }
  return out;
}

/** Retailer id → the horizon's day indices on which a previous plan visits it in person. */
export function previousDays(previous: Plan, line: string, dates: readonly IsoDate[]): Record<string, number[]> {
  const index = new Map(dates.map((d, i) => [d, i]));
  const out: Record<string, number[]> = {};
  for (const day of previous.lines.find((l) => l.line === line)?.days ?? []) {
    const d = index.get(day.date);
    if (d === undefined) continue;
    for (const s of day.stops) (out[s.retailer] ??= []).push(d);
  }
  return out;
}
