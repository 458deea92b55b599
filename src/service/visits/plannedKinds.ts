import type { LinePlan } from '../../domain/plan.ts';
import type { VisitRecord } from '../../domain/visitRecord.ts';
import { toVisitRecord, type StoredVisit } from '../store/visits.ts';

/**
 * Visit records as the planner's history, each in-person visit that took place with the kind
 * the plan it was recorded against gave it (the month's analysis, the quarter's
 * re-evaluation): the next plans learn from them who had theirs, and when.
 */
export function withPlannedKinds(stored: readonly StoredVisit[], plans: { line(id: string, line: string): LinePlan | undefined }): VisitRecord[] {
  const lines = new Map<string, Map<string, string>>();
  const kinds = (planId: string, line: string) => {
    const key = `${planId}\n${line}`;
    let byVisit = lines.get(key);
    if (!byVisit) {
      byVisit = new Map();
      for (const d of plans.line(planId, line)?.days ?? []) for (const s of d.stops) if (s.kind && s.kind !== 'routine') byVisit.set(`${d.date} ${s.retailer}`, s.kind);
      lines.set(key, byVisit);
    }
    return byVisit;
  };
  return stored.map((v) => {
    const record = toVisitRecord(v);
    if (v.mode !== 'in_person' || v.outcome !== 'done') return record;
    const kind = kinds(v.planId, v.line).get(`${v.date} ${v.retailer}`);
    return kind ? { ...record, kind: kind as VisitRecord['kind'] } : record;
  });
}
