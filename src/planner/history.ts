import type { Calendar, IsoDate } from '../domain/calendar.ts';
import type { LinePlan, Plan } from '../domain/plan.ts';
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

/**
 * Each retailer's rhythm at day `from` of a horizon whose days before it are kept from a
 * previous plan: its last visit that happened there (a planned one, unless a record says it
 * failed, or an unplanned one recorded), as a workday offset from `from`; else, after a
 * failed visit, one interval before it (so it is due at once); else its history before the
 * horizon; else, so that it keeps its place, one interval before its next visit in the
 * previous plan. `intervalOf(id)` gives a retailer's ideal workdays between visits.
 */
export function historyAtFrom(
  kept: LinePlan,
  dates: readonly IsoDate[],
  from: number,
  records: readonly VisitRecord[],
  before: Readonly<Record<string, VisitHistory>>,
  intervalOf: (retailer: string) => number,
): Record<string, VisitHistory> {
  const index = new Map(dates.map((d, i) => [d, i]));
  const failed = new Set(records.filter((r) => r.outcome === 'failed').map((r) => `${r.retailer} ${r.date}`));
  const happened = new Map<string, { day: number; remote: boolean }[]>();
  const add = (retailer: string, day: number, remote: boolean) => (happened.get(retailer) ?? happened.set(retailer, []).get(retailer)!).push({ day, remote });
  const next = new Map<string, number>();
  const missed = new Map<string, number>();
  for (const day of kept.days) {
    const d = index.get(day.date);
    if (d === undefined) continue;
    const visits = [...day.stops.map((s) => ({ id: s.retailer, remote: false })), ...day.remote.map((r) => ({ id: r.retailer, remote: true }))];
    for (const v of visits) {
      if (d >= from) {
        if (!next.has(v.id)) next.set(v.id, d);
      } else if (!failed.has(`${v.id} ${day.date}`)) add(v.id, d, v.remote);
      else if (!missed.has(v.id)) missed.set(v.id, d);
    }
  }
  for (const r of records) {
    const d = index.get(r.date);
    if (r.outcome === 'unplanned' && d !== undefined && d < from) add(r.retailer, d, r.mode !== 'in_person');
  }
  const out: Record<string, VisitHistory> = {};
  for (const [id, visits] of happened) {
    visits.sort((a, b) => a.day - b.day);
    let run = 0;
    for (let k = visits.length - 1; k >= 0 && visits[k].remote; k--) run++;
    out[id] = { lastVisitOffset: visits[visits.length - 1].day - from, lastRemoteRun: run };
  }
  // A missed visit is due at once: as if the last visit were one interval before it.
  for (const [id, d] of missed) out[id] ??= { lastVisitOffset: d - from - intervalOf(id), lastRemoteRun: 0 };
  for (const [id, h] of Object.entries(before)) out[id] ??= { ...h, lastVisitOffset: h.lastVisitOffset - from };
  for (const [id, d] of next) out[id] ??= { lastVisitOffset: d - from - intervalOf(id), lastRemoteRun: 0 };
  return out;
}
