import { afterEach, describe, expect, test } from 'vitest';
import { JobRunner } from '../../src/service/jobs/runner.ts';
import { Metrics } from '../../src/service/metrics/registry.ts';
import { notWanted } from '../../src/service/plugins/jobs.ts';
import type { ServiceConfig } from '../../src/service/config.ts';
import { fakePlanner, type FakePlanner } from './support/fakePlanner.ts';
import { exec, STORES, seedPlan, startTestService, waitForJob, waitForStatus, type TestService } from './support/harness.ts';
import { tinyUpload } from './support/dataset.ts';
import { pino } from 'pino';
import type { FastifyBaseLogger } from 'fastify';

describe.each(STORES)('on %s', (store) => {
  let svc: TestService | undefined;
  let fake: FakePlanner;
  afterEach(async () => {
    fake?.release();
    await svc?.stop();
    svc = undefined;
  });

  /** A service with a plan of the tiny dataset, and the fake planner. */
  async function start(over: Partial<ServiceConfig> = {}) {
    fake = fakePlanner();
    svc = await startTestService(fake.planner, { store, ...over });
    const seeded = await seedPlan(svc, tinyUpload());
    return { s: svc, ...seeded };
  }
  const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });
  const replan = (s: TestService, plan: string, key: string, body: Record<string, unknown> = {}) => s.call('POST', `/v1/plans/${plan}/replan`, { key, body: { line: key === s.keys.l02 ? 'L02' : 'L01', ...body } });

  describe('a manager key cannot hog the queue', () => {
    test("a manager's re-plan gets MANAGER_REPLAN_TIME_LIMIT_MS at most, and that when it asks for none; a planner asks for what it wants", async () => {
      const { s, planId } = await start({ managerReplanTimeLimitMs: 4000 });
      expect(await json(await replan(s, planId, s.keys.l01, { timeLimitMs: 3_600_000 }))).toEqual({
        status: 400,
        body: { statusCode: 400, code: 'VP_VALIDATION', message: "the request's body is not valid", issues: [{ in: 'body', path: 'timeLimitMs', message: 'a manager key may ask for at most 4000 ms' }] },
      });
      const mine = await json(await replan(s, planId, s.keys.l01));
      await waitForJob(s, mine.body.id);
      expect(fake.calls.at(-1)!.timeLimitMs).toBe(4000);
      const planners = await json(await replan(s, planId, s.keys.planner, { timeLimitMs: 60_000 }));
      await waitForJob(s, planners.body.id);
      expect(fake.calls.at(-1)!.timeLimitMs).toBe(60_000);
    });

    test('a key has at most one job waiting: the second is a 429 naming the first', async () => {
      const { s, planId } = await start();
      fake.hold();
      const running = await json(await replan(s, planId, s.keys.l01));
      await waitForStatus(s, running.body.id, 'running');
      const waiting = await json(await replan(s, planId, s.keys.l01));
      expect([running.status, waiting.status]).toEqual([202, 202]);
      expect(await json(await replan(s, planId, s.keys.l01))).toEqual({
        status: 429,
        body: { statusCode: 429, code: 'VP_TOO_MANY_JOBS', message: `this key already has plan job ${waiting.body.id} waiting; wait for it or cancel it (POST /v1/plans/${waiting.body.id}/cancel)` },
      });
      // Another key on the same line may still queue one.
      expect((await replan(s, planId, s.keys.l01b)).status).toBe(202);
    });

    test('managers never take the places kept for planners', async () => {
      const { s, planId, datasetId } = await start({ maxQueuedJobs: 2, plannerReservedJobs: 1 });
      fake.hold();
      const plan = (key: string) => s.call('POST', '/v1/plans', { key, body: { dataset: datasetId, start: '2026-03-16', weeks: 1 } });
      const first = await plan(s.keys.planner);
      expect(first.status).toBe(202); // runs
      await waitForStatus(s, ((await first.json()) as { id: string }).id, 'running');
      expect((await replan(s, planId, s.keys.l01)).status).toBe(202); // the one place for managers
      expect(await json(await replan(s, planId, s.keys.l02))).toEqual({
        status: 503,
        body: { statusCode: 503, code: 'VP_UNAVAILABLE', message: "the queue's places for manager re-plans are taken; retry when some have finished" },
      });
      expect((await plan(s.keys.planner2)).status).toBe(202); // the planners' place
      expect((await json(await plan(s.keys.planner))).body.message).toBe('too many plan jobs are waiting; retry when some have finished');
    });
  });

  describe('cancel', () => {
    test('a queued job leaves the queue; a running one is stopped; both say who cancelled them and when; the queue moves on', async () => {
      const { s, planId, datasetId } = await start();
      fake.hold({ honourAbort: true });
      const running = (await json(await s.call('POST', '/v1/plans', { body: { dataset: datasetId, start: '2026-03-16', weeks: 1 } }))).body.id as string;
      await waitForStatus(s, running, 'running');
      const queued = (await json(await replan(s, planId, s.keys.l01))).body.id as string;
      const after = (await json(await replan(s, planId, s.keys.l02))).body.id as string;

      // A manager cancels only its own jobs.
      expect(await json(await s.call('POST', `/v1/plans/${running}/cancel`, { key: s.keys.l01 }))).toEqual({
        status: 403,
        body: { statusCode: 403, code: 'VP_FORBIDDEN', message: 'a manager key cancels only the jobs it asked for' },
      });
      const q = await json(await s.call('POST', `/v1/plans/${queued}/cancel`, { key: s.keys.l01 }));
      expect(q.status).toBe(200);
      expect(q.body).toMatchObject({ id: queued, status: 'failed', error: { code: 'JOB_CANCELLED', message: 'cancelled by wang' }, cancelled: { by: 'wang' } });
      expect(Date.parse(q.body.cancelled.at)).not.toBeNaN();

      const r = await json(await s.call('POST', `/v1/plans/${running}/cancel`));
      expect(r.body).toMatchObject({ status: 'failed', error: { code: 'JOB_CANCELLED', message: 'cancelled by plan' }, cancelled: { by: 'plan' } });
      fake.release();
      // The queue moved on past the cancelled job; the stopped one stays cancelled.
      expect(await waitForJob(s, after)).toMatchObject({ status: 'succeeded' });
      expect(fake.calls.filter((c) => c.lines?.[0] === 'L01' && c.start === '2026-03-09' && c.previous)).toHaveLength(0);
      expect((await json(await s.call('GET', `/v1/plans/${running}`))).body).toMatchObject({ status: 'failed', error: { code: 'JOB_CANCELLED' } });
      expect(await json(await s.call('POST', `/v1/plans/${after}/cancel`))).toEqual({
        status: 409,
        body: { statusCode: 409, code: 'VP_JOB_NOT_CANCELLABLE', message: `plan ${after} is succeeded; only a queued or running job can be cancelled` },
      });
      // A cancelled job can be run again.
      expect((await s.call('POST', `/v1/plans/${queued}/retry`)).status).toBe(202);
      expect(await waitForJob(s, queued)).toMatchObject({ status: 'succeeded', cancelled: null });
    });
  });

  describe('after a restart, a queued job runs only if it is still wanted', () => {
    test('the rule: queued within RESUME_QUEUED_WITHIN_MS, and its key still valid', () => {
      const job = { queuedAt: '2026-03-09T08:00:00.000Z', keyId: 'wang' } as Parameters<typeof notWanted>[0];
      const at = (iso: string) => Date.parse(iso);
      expect(notWanted(job, 3_600_000, () => true, at('2026-03-09T08:59:00.000Z'))).toBeUndefined();
      expect(notWanted(job, 3_600_000, () => true, at('2026-03-09T09:30:00.000Z'))).toBe('it had waited 90 min, more than 60 min');
      expect(notWanted(job, 3_600_000, () => false, at('2026-03-09T08:10:00.000Z'))).toBe('the key wang that asked for it is no longer valid');
      expect(notWanted({ ...job, keyId: null }, 3_600_000, () => false, at('2026-03-09T08:10:00.000Z'))).toBeUndefined();
    });

    test('recover() resumes the wanted ones and records the others as not resumed, cancelled by the service', async () => {
      const { s, datasetId } = await start();
      const fresh = await s.store.jobs.create('plan', datasetId, { start: '2026-03-09', weeks: 1 }, null, 'plan');
      const stale = await s.store.jobs.create('plan', datasetId, { start: '2026-03-09', weeks: 1 }, null, 'plan');
      await exec(s, `UPDATE jobs SET queued_at = '2020-01-01T00:00:00.000Z' WHERE id = '${stale.id}'`);
      const orphan = await s.store.jobs.create('plan', datasetId, { start: '2026-03-09', weeks: 1 }, null, 'revoked');
      const runner = new JobRunner({ store: s.store, planner: fake.planner, log: pino({ level: 'silent' }) as unknown as FastifyBaseLogger, metrics: new Metrics() });
      const got = await runner.recover((j) => notWanted(j, 3_600_000, (id) => id !== 'revoked'));
      expect(got).toMatchObject({ resumed: [fresh.id], dropped: [stale.id, orphan.id] });
      await runner.idle();
      expect((await s.store.jobs.get(fresh.id))!.status).toBe('succeeded');
      expect(await s.store.jobs.get(stale.id)).toMatchObject({ status: 'failed', errorCode: 'JOB_NOT_RESUMED', cancelledBy: 'service' });
      expect((await s.store.jobs.get(stale.id))!.error).toMatch(/^not resumed after a restart: it had waited \d+ min, more than 60 min; POST \/v1\/plans\/\{id\}\/retry runs it$/);
      expect((await s.store.jobs.get(orphan.id))!.error).toBe('not resumed after a restart: the key revoked that asked for it is no longer valid; POST /v1/plans/{id}/retry runs it');
    });
  });
});
