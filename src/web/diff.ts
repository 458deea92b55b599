import type { LinePlan, Mode, VisitRecord } from './types.ts';
import { dateAtPlace, placeInHorizon } from './weekPlace.ts';

/** Why a visit moved, as far as the two plans and the records say. */
export type MoveReason = 'blocked' | 'closed' | 'failed' | 'history' | 'reoptimised';

/**
 * One visit that is not where it was: `from` null is a visit added, `to` null one dropped.
 * `from` is the visit's date in the plan compared against, `to` in the plan shown; `vacated`
 * is the shown plan's day in the old visit's place (the same date for plans of one horizon,
 * the same weekday of the same week for plans of different weeks), where the calendar counts
 * the visit out.
 */
export interface Move {
  retailer: string;
  from: string | null;
  vacated: string | null;
  to: string | null;
  fromMode: Mode | null;
  toMode: Mode | null;
  reason: MoveReason;
}

interface Visit {
  date: string;
  mode: Mode;
}

function visitsByRetailer(plan: LinePlan): Map<string, Visit[]> {
  const out = new Map<string, Visit[]>();
  const add = (retailer: string, v: Visit) => {
    const list = out.get(retailer);
    if (list) list.push(v);
    else out.set(retailer, [v]);
  };
  for (const d of plan.days) {
    for (const s of d.stops) add(s.retailer, { date: d.date, mode: 'in_person' });
    for (const r of d.remote) add(r.retailer, { date: d.date, mode: r.mode });
  }
  for (const list of out.values()) list.sort((a, b) => a.date.localeCompare(b.date));
  return out;
}

/** Two plans of one horizon (a re-plan and its parent, two plans of a week) compare dates; others compare places in the week. */
export function sameHorizon(before: LinePlan, after: LinePlan): boolean {
  return before.days[0]?.date === after.days[0]?.date;
}

/**
 * What moved on one line between two plans: a re-plan and its parent, two plans of the same
 * week, or this week and last. Plans of one horizon match visits by date; plans of different
 * horizons by their place in it (a visit last Tuesday and one this Tuesday are in the same
 * place). Each retailer's visits are matched in date order, a visit kept in its place
 * (whatever its mode) is not a move; the rest are paired in order, and what is left over was
 * added or dropped. The reason is the first that holds of the visit's old place: the shown
 * plan's day there is blocked; the shop was said to be closed that day; the visit failed on
 * its old date; the retailer has records the plan compared against did not foresee (an
 * unplanned visit, or a visit done on a day that plan did not hold); else re-optimised.
 */
export function diffLine(before: LinePlan, after: LinePlan, records: VisitRecord[] = []): Move[] {
  const firstBefore = before.days[0]?.date ?? '';
  const firstAfter = after.days[0]?.date ?? '';
  const placeInAfter = sameHorizon(before, after) ? (date: string) => date : (date: string) => dateAtPlace(placeInHorizon(date, firstBefore), firstAfter);
  const old = visitsByRetailer(before);
  const now = visitsByRetailer(after);
  const foreseen = new Set([...old].flatMap(([retailer, visits]) => visits.map((v) => `${retailer} ${v.date}`)));
  const blocked = new Set(after.days.filter((d) => d.blocked).map((d) => d.date));
  const closed = new Set((after.replan?.closed ?? []).map((c) => `${c.retailer} ${c.date}`));
  const failed = new Set(records.filter((r) => r.outcome === 'failed').map((r) => `${r.retailer} ${r.date}`));
  const news = new Set(records.filter((r) => r.outcome === 'unplanned' || (r.outcome === 'done' && !foreseen.has(`${r.retailer} ${r.date}`))).map((r) => r.retailer));
  const reasonFor = (retailer: string, from: string | null, vacated: string | null): MoveReason => {
    if (vacated !== null && blocked.has(vacated)) return 'blocked';
    if (vacated !== null && closed.has(`${retailer} ${vacated}`)) return 'closed';
    if (from !== null && failed.has(`${retailer} ${from}`)) return 'failed';
    if (news.has(retailer)) return 'history';
    return 'reoptimised';
  };
  const moves: Move[] = [];
  for (const retailer of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const a = old.get(retailer) ?? [];
    const b = now.get(retailer) ?? [];
    const kept = new Set<number>();
    const left = a.filter((v) => {
      const j = b.findIndex((w, k) => !kept.has(k) && w.date === placeInAfter(v.date));
      if (j < 0) return true;
      kept.add(j);
      return false;
    });
    const right = b.filter((_, k) => !kept.has(k));
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      const from = left[i]?.date ?? null;
      const vacated = from === null ? null : placeInAfter(from);
      const to = right[i] ?? null;
      moves.push({ retailer, from, vacated, to: to?.date ?? null, fromMode: left[i]?.mode ?? null, toMode: to?.mode ?? null, reason: reasonFor(retailer, from, vacated) });
    }
  }
  return moves.sort((x, y) => (x.vacated ?? x.to ?? '').localeCompare(y.vacated ?? y.to ?? '') || x.retailer.localeCompare(y.retailer));
}

/** Moves counted by the day they left and the day they reached, for the calendar. */
export function movesByDay(moves: Move[]): Map<string, { out: number; in: number }> {
  const out = new Map<string, { out: number; in: number }>();
  const at = (d: string) => out.get(d) ?? (out.set(d, { out: 0, in: 0 }), out.get(d)!);
  for (const m of moves) {
    if (m.vacated) at(m.vacated).out++;
    if (m.to) at(m.to).in++;
  }
  return out;
}
