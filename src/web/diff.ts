import type { LinePlan, Mode, VisitRecord } from './types.ts';

/** Why a visit moved, as far as the two plans and the records say. */
export type MoveReason = 'blocked' | 'closed' | 'failed' | 'history' | 'reoptimised';

/** One visit that is not where it was: `from` null is a visit added, `to` null one dropped. */
export interface Move {
  retailer: string;
  from: string | null;
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

/**
 * What moved on one line between two plans of the same horizon (a re-plan and its parent,
 * or two plans of the same week): each retailer's visits are matched in date order, a
 * visit kept on its day (whatever its mode) is not a move; the rest are paired in order,
 * and what is left over was added or dropped. The reason is the first that holds of the
 * visit's old day: the day is blocked in the new plan; the shop was said to be closed that
 * day; a visit of it failed that day; it has records in the horizon the old plan did not
 * know (visited already, or outside the plan); else the re-plan moved it to fit the rest.
 */
export function diffLine(before: LinePlan, after: LinePlan, records: VisitRecord[] = []): Move[] {
  const blocked = new Set(after.days.filter((d) => d.blocked).map((d) => d.date));
  const closed = new Set((after.replan?.closed ?? []).map((c) => `${c.retailer} ${c.date}`));
  const failed = new Set(records.filter((r) => r.outcome === 'failed').map((r) => `${r.retailer} ${r.date}`));
  const recorded = new Set(records.map((r) => r.retailer));
  const reasonFor = (retailer: string, date: string | null): MoveReason => {
    if (date !== null && blocked.has(date)) return 'blocked';
    if (date !== null && closed.has(`${retailer} ${date}`)) return 'closed';
    if (date !== null && failed.has(`${retailer} ${date}`)) return 'failed';
    if (recorded.has(retailer)) return 'history';
    return 'reoptimised';
  };
  const old = visitsByRetailer(before);
  const now = visitsByRetailer(after);
  const moves: Move[] = [];
  for (const retailer of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const a = old.get(retailer) ?? [];
    const b = now.get(retailer) ?? [];
    const kept = new Set<number>();
    const left = a.filter((v) => {
      const j = b.findIndex((w, k) => !kept.has(k) && w.date === v.date);
      if (j < 0) return true;
      kept.add(j);
      return false;
    });
    const right = b.filter((_, k) => !kept.has(k));
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      const from = left[i] ?? null;
      const to = right[i] ?? null;
      moves.push({ retailer, from: from?.date ?? null, to: to?.date ?? null, fromMode: from?.mode ?? null, toMode: to?.mode ?? null, reason: reasonFor(retailer, from?.date ?? null) });
    }
  }
  return moves.sort((x, y) => (x.from ?? x.to ?? '').localeCompare(y.from ?? y.to ?? '') || x.retailer.localeCompare(y.retailer));
}

/** Moves counted by the day they left and the day they reached, for the calendar. */
export function movesByDay(moves: Move[]): Map<string, { out: number; in: number }> {
  const out = new Map<string, { out: number; in: number }>();
  const at = (d: string) => out.get(d) ?? (out.set(d, { out: 0, in: 0 }), out.get(d)!);
  for (const m of moves) {
    if (m.from) at(m.from).out++;
    if (m.to) at(m.to).in++;
  }
  return out;
}
