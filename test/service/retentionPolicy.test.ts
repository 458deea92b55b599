/**
 * Visit records are never deleted before the policy's retention (issue 15; the work standard:
 * at least 3 months). A retention run over a year of daily records keeps every one younger
 * than that, recomputed here by calendar arithmetic, and a dataset whose policy keeps them
 * longer keeps them longer.
 */
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { monthsBefore, Retention } from '../../src/service/retention/retention.ts';
import type { StoredVisit } from '../../src/service/store/visits.ts';
import { fakePlanner } from './support/fakePlanner.ts';
import { STORES, seedPlan, startTestService, type TestService } from './support/harness.ts';
import { POLICY_TEXT, tinyUpload } from './support/dataset.ts';

describe.each(STORES)('on %s', (store) => {
  const silent = pino({ level: 'silent' }) as unknown as FastifyBaseLogger;
  const NOW = Date.parse('2026-06-30T12:00:00Z');

  /** True when `date` plus `months` calendar months is on or before `today`: old enough to go. */
  function olderThan(date: string, months: number, today: string): boolean {
    const d = new Date(`${date}T00:00:00Z`);
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + months);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
    return d.toISOString().slice(0, 10) <= today;
  }

  test('monthsBefore: calendar months back, on the last day of a shorter month', () => {
    expect(monthsBefore('2026-06-30', 3)).toBe('2026-03-30');
    expect(monthsBefore('2026-05-31', 3)).toBe('2026-02-28');
    expect(monthsBefore('2026-03-31', 3)).toBe('2025-12-31');
    expect(monthsBefore('2026-01-15', 13)).toBe('2024-12-15');
  });

  describe('a retention run keeps visit records for the policy’s months', () => {
    let svc: TestService;
    let standard = '';
    let longer = '';
    const days: string[] = [];
    for (let t = Date.parse('2025-10-01T00:00:00Z'); t <= NOW; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));

    beforeAll(async () => {
      svc = await startTestService(fakePlanner().planner, { store });
      const a = await seedPlan(svc, tinyUpload());
      standard = a.datasetId;
      const policy = JSON.parse(POLICY_TEXT);
      policy.visitRetentionMonths = { value: 6, reason: 'this company keeps visit records half a year' };
      const b = await seedPlan(svc, tinyUpload({ policy: { name: 'policy.json', text: JSON.stringify(policy) } }));
      longer = b.datasetId;
      for (const [ds, plan] of [[standard, a.planId], [longer, b.planId]]) {
        for (const date of days) {
          const v: StoredVisit = {
            id: `${ds}-${date}`, datasetId: ds, planId: plan, line: 'L01', retailer: 'R01', date, mode: 'in_person', outcome: 'done', reason: null,
            startedAt: `${date}T09:00:00+08:00`, endedAt: null, receivedAt: `${date}T09:30:00+08:00`, keyId: 'planner',
          };
          await svc.store.visits.insert(v);
        }
      }
    });
    afterAll(async () => {
      await svc?.stop();
    });

    test('with VISIT_RETENTION_DAYS at its floor (92), no record younger than 3 months goes; the 6-month policy keeps 6', async () => {
      const retention = new Retention(svc.store, { planRetentionDays: 30, visitRetentionDays: 92 }, silent);
      const result = await retention.run(NOW);
      const today = '2026-06-30';
      const left = async (ds: string) => (await svc.store.visits.list(ds)).map((v) => v.date);
      for (const [ds, months] of [[standard, 3], [longer, 6]] as const) {
        const kept = await left(ds);
        const gone = days.filter((d) => !kept.includes(d));
        // Every record younger than the policy's months is still there...
        expect(days.filter((d) => !olderThan(d, months, today)).every((d) => kept.includes(d))).toBe(true);
        // ...and the run deleted only what both rules let go (92 days, and the policy's months).
        expect(gone.every((d) => olderThan(d, months, today) && Date.parse(`${d}T00:00:00Z`) < NOW - 92 * 86_400_000)).toBe(true);
        expect(gone.length).toBeGreaterThan(0);
      }
      expect((await left(standard))[0]).toBe('2026-03-30');
      expect((await left(longer))[0]).toBe('2025-12-30');
      expect(result.visits).toBe(days.indexOf('2026-03-30') + days.indexOf('2025-12-30'));
      // A second run at the same time deletes nothing more.
      expect((await retention.run(NOW)).visits).toBe(0);
    });
  });
});
