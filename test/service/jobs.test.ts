import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fakePlanner } from './support/fakePlanner.ts';
import { reopenStore, STORES, startTestService, waitForJob, waitForStatus, type TestService } from './support/harness.ts';
import { tinyUpload } from './support/dataset.ts';
import { poll } from '../support/poll.ts';

describe.each(STORES)('on %s', (store) => {
  const fake = fakePlanner();
  let svc: TestService;
  let datasetId = '';
  beforeAll(async () => {
    svc = await startTestService(fake.planner, { store });
    datasetId = ((await (await svc.call('POST', '/v1/datasets', { body: tinyUpload() })).json()) as { id: string }).id;
  });
  afterAll(async () => {
    fake.release();
    await svc?.stop();
  });

  const start = async () => ((await (await svc.call('POST', '/v1/plans', { body: { dataset: datasetId, start: '2026-03-09', weeks: 1 } })).json()) as { id: string }).id;

  /** The events of a server-sent event stream, until it ends. */
  async function events(path: string): Promise<{ event: string; data: any }[]> {
    const res = await svc.call('GET', path);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const text = await res.text();
    return text
      .split('\n\n')
      .filter((block) => block.includes('event:'))
      .map((block) => {
        const event = /^event: (.*)$/m.exec(block)![1];
        const data = JSON.parse(/^data: (.*)$/m.exec(block)![1]);
        return { event, data };
      });
  }

  describe('plan jobs', () => {
    test('a planner that throws fails its job with a clear error; the service stays up; a retry succeeds under the same id', async () => {
      fake.failWith('the solver ran out of patience');
      const id = await start();
      const job = await waitForJob(svc, id);
      expect(job).toMatchObject({ status: 'failed', error: { code: 'PLANNER_FAILED', message: 'the planner failed; the service log has the details under this job id' }, attempts: 1 });
      expect((await fetch(`${svc.url}/health`)).status).toBe(200);
      const day = await svc.call('GET', `/v1/plans/${id}/lines/L01/days/2026-03-10`);
      expect(await day.json()).toEqual({ statusCode: 409, code: 'VP_PLAN_NOT_READY', message: `plan ${id} is failed (PLANNER_FAILED)` });

      fake.failWith(undefined);
      const retry = await svc.call('POST', `/v1/plans/${id}/retry`);
      expect(retry.status).toBe(202);
      expect(await waitForJob(svc, id)).toMatchObject({ status: 'succeeded', error: null, attempts: 2 });
      const again = await svc.call('POST', `/v1/plans/${id}/retry`);
      expect(await again.json()).toEqual({ statusCode: 409, code: 'VP_JOB_NOT_RETRYABLE', message: `plan ${id} is succeeded; only a failed job can be retried` });
    });

    test('progress as server-sent events: progress events, then succeeded, then the stream ends', async () => {
      fake.hold();
      const id = await start();
      const stream = events(`/v1/plans/${id}/events`);
      await waitForStatus(svc, id, 'running');
      // A store that answers asynchronously (PostgreSQL) may show the job running a moment before its lines are counted.
      await poll(async () => (await (await svc.call('GET', `/v1/plans/${id}`)).json()) as any, (j) => j.progress.linesTotal === 2, 'the job to count its lines');
      fake.release();
      const got = await stream;
      expect(got.at(-1)!.event).toBe('succeeded');
      expect(got.at(-1)!.data).toMatchObject({ id, status: 'succeeded', progress: { linesDone: 2, linesTotal: 2 } });
      expect(got.slice(0, -1).every((e) => e.event === 'progress')).toBe(true);
      // The state read when the stream opens may repeat the runner's first announcement (on PostgreSQL, where reads take a round trip).
      expect([...new Set(got.map((e) => e.data.progress.linesDone))]).toEqual([0, 1, 2]);
      expect(got.length).toBeLessThanOrEqual(5);
    });

    test('events of a finished job: one event and the end', async () => {
      const id = await start();
      await waitForJob(svc, id);
      const got = await events(`/v1/plans/${id}/events`);
      expect(got.map((e) => e.event)).toEqual(['succeeded']);
    });

    test('jobs run one at a time, in order', async () => {
      fake.hold();
      const a = await start();
      await waitForStatus(svc, a, 'running');
      const b = await start();
      const statuses = async () => Promise.all([a, b].map(async (id) => ((await (await svc.call('GET', `/v1/plans/${id}`)).json()) as any).status));
      expect(await statuses()).toEqual(['running', 'queued']);
      fake.release();
      await waitForJob(svc, b);
      expect(await statuses()).toEqual(['succeeded', 'succeeded']);
    });

    test('a full queue refuses new jobs with 503 instead of piling them up', async () => {
      const small = await startTestService(fake.planner, { store, maxQueuedJobs: 1 });
      try {
        const ds = ((await (await small.call('POST', '/v1/datasets', { body: tinyUpload() })).json()) as { id: string }).id;
        fake.hold();
        const post = (key: string) => small.call('POST', '/v1/plans', { key, body: { dataset: ds, start: '2026-03-09', weeks: 1 } });
        const first = await post(small.keys.planner);
        expect(first.status).toBe(202); // runs
        await waitForStatus(small, ((await first.json()) as { id: string }).id, 'running');
        expect((await post(small.keys.planner)).status).toBe(202); // waits
        const third = await post(small.keys.planner2);
        expect(third.status).toBe(503);
        expect(await third.json()).toEqual({ statusCode: 503, code: 'VP_UNAVAILABLE', message: 'too many plan jobs are waiting; retry when some have finished' });
      } finally {
        fake.release();
        await small.stop();
      }
    });

    test('shutdown does not wait for a planner that ignores its abort signal: the job is recorded as interrupted', async () => {
      const svc2 = await startTestService(fake.planner, { store, shutdownGraceMs: 200 });
      const ds = ((await (await svc2.call('POST', '/v1/datasets', { body: tinyUpload() })).json()) as { id: string }).id;
      fake.hold();
      const id = ((await (await svc2.call('POST', '/v1/plans', { body: { dataset: ds, start: '2026-03-09', weeks: 1 } })).json()) as { id: string }).id;
      await waitForStatus(svc2, id, 'running');
      const t0 = performance.now();
      await svc2.close();
      expect(performance.now() - t0).toBeLessThan(2000);
      fake.release();
      const reopened = await reopenStore(svc2.config);
      expect(await reopened.jobs.get(id)).toMatchObject({ status: 'failed', errorCode: 'JOB_INTERRUPTED' });
      await reopened.close();
      await svc2.stop();
    });

    test('a plan request naming unknown lines is refused before it is queued', async () => {
      const res = await svc.call('POST', '/v1/plans', { body: { dataset: datasetId, start: '2026-03-09', weeks: 1, lines: ['L01', 'L7'], blocked: [{ line: 'L8', date: '2026-03-10' }] } });
      expect(await res.json()).toEqual({
        statusCode: 400,
        code: 'VP_VALIDATION',
        message: "the request's body is not valid",
        issues: [
          { in: 'body', path: 'lines.1', message: `no line L7 in dataset ${datasetId}` },
          { in: 'body', path: 'blocked.0.line', message: `no line L8 in dataset ${datasetId}` },
        ],
      });
    });
  });

  describe('a plan that does not match the plan schema', () => {
    test('fails its job with PLAN_INVALID and the count of issues, checked line by line; nothing is stored', async () => {
      const { fakePlan } = await import('./support/fakePlanner.ts');
      const broken = await startTestService(async (request) => {
        const plan = fakePlan(request);
        // Two lines each with one bad field: the issues of every line are counted.
        return { ...plan, lines: plan.lines.map((l) => ({ ...l, manager: 7 as unknown as string })) };
      }, { store });
      try {
        const ds = ((await (await broken.call('POST', '/v1/datasets', { body: tinyUpload() })).json()) as { id: string }).id;
        const id = ((await (await broken.call('POST', '/v1/plans', { body: { dataset: ds, start: '2026-03-09', weeks: 1 } })).json()) as { id: string }).id;
        expect(await waitForJob(broken, id)).toMatchObject({ status: 'failed', error: { code: 'PLAN_INVALID', message: 'the planner returned a plan that does not match the plan schema (2 issues)' } });
        expect(await broken.store.plans.meta(id)).toBeUndefined();
      } finally {
        await broken.stop();
      }
    });
  });

  describe('logs', () => {
    test('an expected 503 (a full queue) is a warning with its code, no error and no stack', async () => {
      const logs: Record<string, unknown>[] = [];
      const s = await startTestService(fakePlanner().planner, { store, maxQueuedJobs: 0 }, logs);
      try {
        // No place in the queue at all: the job is refused with the catalogue's 503.
        const ds = ((await (await s.call('POST', '/v1/datasets', { body: tinyUpload() })).json()) as { id: string }).id;
        const full = await s.call('POST', '/v1/plans', { body: { dataset: ds, start: '2026-03-09', weeks: 1 } });
        expect(full.status).toBe(503);
        const line = logs.find((l) => l.code === 'VP_UNAVAILABLE');
        expect(line).toMatchObject({ level: 40, statusCode: 503, msg: 'too many plan jobs are waiting; retry when some have finished' });
        expect(line).not.toHaveProperty('err');
        expect(logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
      } finally {
        await s.stop();
      }
    });
  });

  describe("the planner's own error text", () => {
    test('goes to the log under the job id; the client gets a fixed text', async () => {
      const logs: Record<string, unknown>[] = [];
      const s = await startTestService(async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'x') at /srv/planner/src/solver/route.ts:42");
      }, { store }, logs);
      try {
        const ds = ((await (await s.call('POST', '/v1/datasets', { body: tinyUpload() })).json()) as { id: string }).id;
        const id = ((await (await s.call('POST', '/v1/plans', { body: { dataset: ds, start: '2026-03-09', weeks: 1 } })).json()) as { id: string }).id;
        const job = await waitForJob(s, id);
        expect(job.error).toEqual({ code: 'PLANNER_FAILED', message: 'the planner failed; the service log has the details under this job id' });
        expect(JSON.stringify(job)).not.toContain('/srv/planner');
        const line = logs.find((l) => l.msg === 'planner failed') as { job: string; level: number; err: { message: string; stack: string } };
        expect(line).toMatchObject({ job: id, level: 50, err: { message: "Cannot read properties of undefined (reading 'x') at /srv/planner/src/solver/route.ts:42" } });
      } finally {
        await s.stop();
      }
    });
  });
});
