/** The service's visit records become the planner's history with the kinds their plan gave them (issue 15). */
import { expect, test } from 'vitest';
import type { LinePlan } from '../../src/domain/plan.ts';
import type { StoredVisit } from '../../src/service/store/visits.ts';
import { withPlannedKinds } from '../../src/service/visits/plannedKinds.ts';
import { fixturePlan } from '../io/exportFixture.ts';

test('a done in-person visit takes the kind its plan gave the stop; failed, remote and unplanned ones none', async () => {
  const plan = fixturePlan();
  plan.lines[0].days[0].stops[0].kind = 'analysis'; // R0001 on 2025-03-04
  plan.lines[0].days[0].stops[1].kind = 'reevaluation'; // R0002 on 2025-03-04
  let reads = 0;
  const plans = {
    line: async (id: string, line: string): Promise<LinePlan | undefined> => {
      reads++;
      return id === 'p1' ? plan.lines.find((l) => l.line === line) : undefined;
    },
  };
  const v = (retailer: string, date: string, over: Partial<StoredVisit> = {}): StoredVisit => ({
    id: `${retailer}-${date}`, datasetId: 'd', planId: 'p1', line: 'L01', retailer, date, mode: 'in_person', outcome: 'done', reason: null,
    startedAt: `${date}T09:00:00+08:00`, endedAt: null, receivedAt: `${date}T09:30:00+08:00`, keyId: 'k', ...over,
  });
  const records = await withPlannedKinds(
    [
      v('R0001', '2025-03-04'),
      v('R0002', '2025-03-04', { outcome: 'failed', reason: 'closed' }),
      v('R0003', '2025-03-04'),
      v('R0001', '2025-03-11'),
      v('R0002', '2025-03-04', { planId: 'gone' }),
      v('R0004', '2025-03-04', { mode: 'phone' }),
      // Phoned on the day its re-evaluation was planned: a duty is done in person only.
      v('R0002', '2025-03-04', { mode: 'phone' }),
      // Lines named only by a call or a failed visit: nothing to learn from them, never read.
      v('R0005', '2025-03-04', { line: 'L02', mode: 'phone' }),
      v('R0006', '2025-03-04', { line: 'L03', outcome: 'failed', reason: 'closed' }),
    ],
    plans,
  );
  expect(records.map((r) => r.kind ?? '-')).toEqual(['analysis', '-', '-', '-', '-', '-', '-', '-', '-']);
  expect(records[1]).toEqual({ retailer: 'R0002', date: '2025-03-04', mode: 'in_person', outcome: 'failed', reason: 'closed' });
  // Each plan's line is read once, and only for a visit done in person.
  expect(reads).toBe(2);
});
