import { createHash } from 'node:crypto';
import type { StoredVisit } from '../store/visits.ts';

/** One manager's (line's) part of a month's audit sample. */
export interface LineSample {
  readonly line: string;
  /** Visits that took place in the month (done, or unplanned); failed ones are no visit. */
  readonly completed: number;
  readonly sampled: readonly StoredVisit[];
}

/**
 * A month's audit sample (the work standard: auditors sample at least 2% of each manager's
 * visits every month): of each line's completed visits in `month` (YYYY-MM), the share's
 * count rounded up (at least one where there is any). Seeded and reproducible: each visit is
 * ranked by a hash of the seed, the month and its id, and the lowest ranks are drawn, so the
 * same month and seed give the same sample whatever order the records come in, and a record
 * added later leaves the others' ranks as they were.
 */
export function auditSample(visits: readonly StoredVisit[], month: string, seed: number, share: number): LineSample[] {
  const byLine = new Map<string, StoredVisit[]>();
  for (const v of visits) {
    if (!v.date.startsWith(`${month}-`) || v.outcome === 'failed') continue;
    (byLine.get(v.line) ?? byLine.set(v.line, []).get(v.line)!).push(v);
  }
  return [...byLine.keys()].sort().map((line) => {
    const all = byLine.get(line)!;
    const count = Math.ceil(all.length * share - 1e-9);
    const ranked = all.map((v) => ({ v, rank: createHash('sha256').update(`${seed}\n${month}\n${v.id}`).digest('hex') }));
    ranked.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
    const sampled = ranked.slice(0, count).map((x) => x.v).sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
    return { line, completed: all.length, sampled };
  });
}
