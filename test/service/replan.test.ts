import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fakePlanner } from './support/fakePlanner.ts';
import { STORES, seedPlan, startTestService, waitForJob, type TestService } from './support/harness.ts';
import { tinyUpload } from './support/dataset.ts';

describe.each(STORES)('on %s', (store) => {
  const fake = fakePlanner();
  let svc: TestService;
  let planId = '';
  /** The service's now (the plan's week is 9 to 13 March 2026); tests move it. */
  let now = Date.parse('2026-03-11T09:00:00+08:00');
  beforeAll(async () => {
    svc = await startTestService(fake.planner, { store, clock: () => now });
    ({ planId } = await seedPlan(svc, tinyUpload()));
  });
  afterAll(async () => {
    fake.release();
    await svc?.stop();
  });

  const replan = (id: string, body: unknown, key?: string) => svc.call('POST', `/v1/plans/${id}/replan`, { body, ...(key ? { key } : {}) });

  describe('re-plan', () => {
    test('from a date: the planner is told to keep the days before it', async () => {
      const job = (await (await replan(planId, { line: 'L02', from: '2026-03-11' })).json()) as { id: string };
      expect(await waitForJob(svc, job.id)).toMatchObject({ status: 'succeeded' });
      expect(fake.calls.at(-1)).toMatchObject({ from: '2026-03-11', lines: ['L02'] });
    });

    test('with no date: from today while today is in the plan, else the whole plan', async () => {
      const fromOf = async () => {
        const job = (await (await replan(planId, { line: 'L02' })).json()) as { id: string };
        await waitForJob(svc, job.id);
        return fake.calls.at(-1)?.from;
      };
      now = Date.parse('2026-03-12T07:00:00+08:00');
      expect(await fromOf()).toBe('2026-03-12');
      // 23:30 UTC on the 12th is already the 13th in Shanghai.
      now = Date.parse('2026-03-12T23:30:00Z');
      expect(await fromOf()).toBe('2026-03-13');
      // The plan's first day keeps nothing before it; a week later the plan is all past.
      now = Date.parse('2026-03-09T08:00:00+08:00');
      expect(await fromOf()).toBeUndefined();
      now = Date.parse('2026-03-20T08:00:00+08:00');
      expect(await fromOf()).toBeUndefined();
      now = Date.parse('2026-03-11T09:00:00+08:00');
    });

    test("a phone holding the parent's day gets the re-planned day, not a 304; its own ETag then gives 304", async () => {
      const day = (id: string, etag?: string) => svc.call('GET', `/v1/plans/${id}/lines/L01/days/2026-03-12`, etag ? { headers: { 'if-none-match': etag } } : {});
      const before = await day(planId);
      const etag = before.headers.get('etag') ?? '';
      expect((await day(planId, etag)).status).toBe(304);
      const job = (await (await replan(planId, { line: 'L01', blocked: ['2026-03-12'] })).json()) as { id: string };
      await waitForJob(svc, job.id);
      const after = await day(job.id, etag);
      expect(after.status).toBe(200);
      expect(((await after.json()) as { blocked: boolean }).blocked).toBe(true);
      const fresh = after.headers.get('etag') ?? '';
      expect(fresh).not.toBe(etag);
      expect((await day(job.id, fresh)).status).toBe(304);
      // Another day of the same plan has its own tag.
      expect((await svc.call('GET', `/v1/plans/${job.id}/lines/L01/days/2026-03-13`)).headers.get('etag')).not.toBe(fresh);
    });

    test('blocked days add up over re-plans; closed shops given in the body reach the planner', async () => {
      const first = (await (await replan(planId, { line: 'L02', blocked: ['2026-03-10'] })).json()) as { id: string };
      await waitForJob(svc, first.id);
      const second = (await (await replan(first.id, { line: 'L02', blocked: ['2026-03-11'], closed: [{ retailer: 'R25', date: '2026-03-12' }] })).json()) as { id: string };
      expect(await waitForJob(svc, second.id)).toMatchObject({ status: 'succeeded', parent: first.id });
      const call = fake.calls.at(-1)!;
      expect(call.blocked).toEqual([{ line: 'L02', date: '2026-03-10' }, { line: 'L02', date: '2026-03-11' }]);
      expect(call.closed).toEqual([{ retailer: 'R25', date: '2026-03-12' }]);
      expect(call.previous?.lines.find((l) => l.line === 'L02')?.days.find((d) => d.date === '2026-03-10')?.blocked).toBe(true);
      // Three plans, each kept as it was.
      for (const [id, blocked] of [[planId, false], [first.id, true], [second.id, true]] as const) {
        const day = (await (await svc.call('GET', `/v1/plans/${id}/lines/L02/days/2026-03-10`)).json()) as { blocked: boolean };
        expect(day.blocked).toBe(blocked);
      }
    });

    test('refused: a day outside the plan, a shop of another line, an unknown line, a plan not made yet', async () => {
      expect(await (await replan(planId, { line: 'L01', blocked: ['2026-03-16'], closed: [{ retailer: 'R21', date: '2026-03-10' }] })).json()).toEqual({
        statusCode: 400,
        code: 'VP_VALIDATION',
        message: "the request's body is not valid",
        issues: [{ in: 'body', path: 'blocked.0', message: `2026-03-16 is not a workday of plan ${planId}` }],
      });
      expect(await (await replan(planId, { line: 'L01', closed: [{ retailer: 'R21', date: '2026-03-10' }] })).json()).toEqual({
        statusCode: 400,
        code: 'VP_VALIDATION',
        message: "the request's body is not valid",
        issues: [{ in: 'body', path: 'closed.0.retailer', message: 'no retailer R21 on line L01' }],
      });
      expect(await (await replan(planId, { line: 'L09' })).json()).toEqual({ statusCode: 404, code: 'VP_NOT_FOUND', message: `line L09 in plan ${planId} not found` });
      fake.hold();
      const pending = (await (await replan(planId, { line: 'L01' })).json()) as { id: string };
      expect(await (await replan(pending.id, { line: 'L01' })).json()).toMatchObject({ statusCode: 409, code: 'VP_PLAN_NOT_READY' });
      fake.release();
      await waitForJob(svc, pending.id);
    });
  });
});
