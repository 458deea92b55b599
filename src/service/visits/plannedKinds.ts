import type { LinePlan } from '../../domain/plan.ts';
import type { VisitRecord } from '../../domain/visitRecord.ts';
import { toVisitRecord, type StoredVisit } from '../store/visits.ts';

/**
 * Visit records as the planner's history, each in-person visit that took place with the kind
 * the plan it was recorded against gave it (the month's analysis, the quarter's
 * re-evaluation): the next plans learn from them who had theirs, and when.
 */
export async function withPlannedKinds(stored: readonly StoredVisit[], plans: { line(id: string, line: string): Promise<LinePlan | undefined> }): Promise<VisitRecord[]> {
  // Each plan's line is read once, however many records name it.
  const lines = new Map<string, Map<string, string>>();
  for (const v of stored) {
    const key = `${v.planId}\n${v.line}`;
    if (lines.has(key) || v.mode !== 'in_person' || v.outcome !== 'done') continue;
    const byVisit = new Map<string, string>();
    for (const d of (await plans.line(v.planId, v.line))?.days ?? []) for (const s of d.stops) if (s.kind && s.kind !== 'routine') byVisit.set(`${d.date} ${s.retailer}`, s.kind);
    lines.set(key, byVisit);
  }
  return stored.map((v) => {
    const record = toVisitRecord(v);
    if (v.mode !== 'in_person' || v.outcome !== 'done') return record;
    const kind = lines.get(`${v.planId}\n${v.line}`)!.get(`${v.date} ${v.retailer}`);
    return kind ? { ...record, kind: kind as VisitRecord['kind'] } : record;
  });
}
