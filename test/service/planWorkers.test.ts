/**
 * Plan jobs on the shared queue (PostgreSQL, pg-boss): API instances that plan nothing
 * themselves, planner workers that take a job's split, lines and merge, and events that
 * reach every API instance. The workers here run in this process, each with its own
 * queue connection and pool, as separate processes would; planWorkerFaults.test.ts kills
 * real worker processes.
 */
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCityPlanner, failedLine } from '../../src/planner/planCity.ts';
import { jobInputs, planRequest } from '../../src/service/jobs/jobInputs.ts';
import { startQueue } from '../../src/service/jobs/queue/queues.ts';
import { startPlanWorker } from '../../src/service/jobs/queue/startWorker.ts';
import type { PgStore } from '../../src/service/store/pg/index.ts';
import { transaction } from '../../src/service/store/pg/db.ts';
import { PgJobLines, startAttempt } from '../../src/service/store/pg/jobLines.ts';
import type { Line } from '../../src/domain/line.ts';
import { TERRAIN } from '../../src/travel/travelSpec.ts';
import { demoTerrain } from '../support/smallCity.ts';
import { fourLineUpload } from './support/dataset.ts';
import { loadConfig } from '../../src/service/config.ts';
import { startTestService, waitForJob, waitForStatus, type TestService } from './support/harness.ts';
import { poll } from '../support/poll.ts';

const silent = pino({ level: process.env.TEST_LOG ?? 'silent' }) as unknown as FastifyBaseLogger;
/** Enough rounds that a line takes a moment, few enough for a quick test. */
const ITERATIONS = 150;

describe('who runs plan jobs', () => {
  test('the queue with DATABASE_URL, in process without; a queue without PostgreSQL, an unknown choice or a heartbeat under pg-boss\'s least are refused at start', () => {
    expect(loadConfig({}).planJobs).toBe('in-process');
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/planner' }).planJobs).toBe('queue');
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/planner', PLAN_JOBS: 'in-process' }).planJobs).toBe('in-process');
    expect(() => loadConfig({ PLAN_JOBS: 'queue' })).toThrow('PLAN_JOBS=queue needs DATABASE_URL: the queue is in PostgreSQL');
    expect(() => loadConfig({ DATABASE_URL: 'postgresql://db/planner', PLAN_JOBS: 'redis' })).toThrow('PLAN_JOBS: expected queue or in-process (got redis)');
    expect(() => loadConfig({ QUEUE_HEARTBEAT_SECONDS: '5' })).toThrow('QUEUE_HEARTBEAT_SECONDS must be at least 10 (got 5)');
  });
});

describe('plan jobs on the shared queue', () => {
  let a: TestService;
  let b: TestService;
  let store: PgStore;
  const workers: { boss: PgBoss; stop: () => Promise<void> }[] = [];
  let datasetId = '';
  const noPlanner = () => Promise.reject(new Error('an API instance on the queue plans nothing itself'));

  async function startWorker(name: string) {
    const boss = await startQueue(store.location.kind === 'postgres' ? store.location.url : '', { heartbeatSeconds: 10, monitorSeconds: 1 }, silent);
    const w = await startPlanWorker({ plannerThreads: 1, workerName: name, planIterationsPerLine: ITERATIONS, queueHeartbeatSeconds: 10 }, store, boss, { terrain: demoTerrain(), travel: TERRAIN, days: undefined }, silent);
    workers.push({ boss, stop: w.stop });
  }

  beforeAll(async () => {
    const queue = { store: 'postgres' as const, planJobs: 'queue' as const, plannerThreads: 0, queueHeartbeatSeconds: 10, queueMonitorSeconds: 1 };
    a = await startTestService(noPlanner, queue);
    store = a.store as PgStore;
    // A second API instance on the same database, as behind a load balancer.
    b = await startTestService(noPlanner, { ...queue, databaseUrl: a.config.databaseUrl });
    const upload = await a.call('POST', '/v1/datasets', { body: fourLineUpload() });
    expect(upload.status).toBe(201);
    datasetId = ((await upload.json()) as { id: string }).id;
  });
  afterAll(async () => {
    for (const w of workers) {
      await w.stop();
      await w.boss.stop({ graceful: false });
    }
    await b?.stop();
    await a?.stop();
  });

  test('with no worker a job waits queued; two workers plan it line by line, and the plan is the one the in-process planner makes', async () => {
    const res = await a.call('POST', '/v1/plans', { body: { dataset: datasetId, start: '2026-03-09', weeks: 1, seed: 3 } });
    expect(res.status).toBe(202);
    const id = ((await res.json()) as { id: string }).id;
    await new Promise((r) => setTimeout(r, 300));
    expect(await (await a.call('GET', `/v1/plans/${id}`)).json()).toMatchObject({ status: 'queued' });

    await startWorker('w1');
    await startWorker('w2');
    const job = await waitForJob(b, id, 60_000);
    expect(job).toMatchObject({ status: 'succeeded', progress: { linesDone: 4, linesTotal: 4 } });

    const stored = (await store.plans.get(id))!.plan;
    expect(stored.lines.map((l) => l.line)).toEqual(['L01', 'L02', 'L03', 'L04']);
    expect(stored.lines.filter((l) => l.error)).toEqual([]);
    // Which worker ran each line is kept; every line once.
    const ran = await new PgJobLines(store.pool).workers(id, 1);
    expect(ran.map((r) => r.line)).toEqual(['L01', 'L02', 'L03', 'L04']);
    expect(ran.every((r) => r.worker === 'w1' || r.worker === 'w2')).toBe(true);

    // The same job planned in one process, from the same inputs: the same plan.
    const city = createCityPlanner({ terrain: demoTerrain(), threads: 1, iterationsPerLine: ITERATIONS });
    try {
      const row = (await store.jobs.get(id))!;
      const inputs = await jobInputs(store, row);
      if ('code' in inputs) throw new Error(inputs.message);
      const direct = await city.plan(await planRequest(store, row, inputs));
      expect(stored.figures).toEqual(direct.figures);
      expect(stored.lines.map((l) => l.days.map((d) => d.stops.map((s) => s.retailer)))).toEqual(direct.lines.map((l) => l.days.map((d) => d.stops.map((s) => s.retailer))));
    } finally {
      await city.close();
    }
    // The phone's day, through either instance.
    const day = await b.call('GET', `/v1/plans/${id}/lines/L02/days/2026-03-10`);
    expect(day.status).toBe(200);

    // A re-plan of one line through the queue: that line only, without its lost day; the others as they were.
    const replan = await a.call('POST', `/v1/plans/${id}/replan`, { body: { line: 'L02', blocked: ['2026-03-11'] } });
    expect(replan.status).toBe(202);
    const child = ((await replan.json()) as { id: string }).id;
    expect(await waitForJob(b, child, 60_000)).toMatchObject({ status: 'succeeded', progress: { linesDone: 1, linesTotal: 1 } });
    const replanned = (await store.plans.get(child))!.plan;
    expect(replanned.lines.filter((l) => l.line !== 'L02')).toEqual(stored.lines.filter((l) => l.line !== 'L02'));
    const l02 = replanned.lines.find((l) => l.line === 'L02')!;
    expect(l02.days.find((d) => d.date === '2026-03-11')?.stops ?? []).toEqual([]);
    expect(l02.days.flatMap((d) => d.stops).length).toBeGreaterThan(0);
  });

  test("a job's events reach an API instance other than the one that queued it, and a cancel through either stops its lines", async () => {
    const res = await a.call('POST', '/v1/plans', { body: { dataset: datasetId, start: '2026-03-16', weeks: 4, seed: 1 } });
    const id = ((await res.json()) as { id: string }).id;
    const stream = await b.call('GET', `/v1/plans/${id}/events`);
    const text = stream.text();
    await waitForStatus(a, id, 'running');
    const cancel = await b.call('POST', `/v1/plans/${id}/cancel`);
    expect(cancel.status).toBe(200);
    const events = (await text).split('\n\n').filter((e) => e.includes('event:'));
    expect(events.at(-1)).toMatch(/^id: \d+\nevent: failed\ndata: .*"code":"JOB_CANCELLED"/);
    expect(events.slice(0, -1).every((e) => e.includes('event: progress'))).toBe(true);
    // The workers stop its lines within their next look (a second): nothing more is recorded.
    const lines = new PgJobLines(store.pool);
    await new Promise((r) => setTimeout(r, 1500));
    const after = (await lines.workers(id, 1)).length;
    await new Promise((r) => setTimeout(r, 1500));
    expect((await lines.workers(id, 1)).length).toBe(after);
    expect(await (await a.call('GET', `/v1/plans/${id}`)).json()).toMatchObject({ status: 'failed', error: { code: 'JOB_CANCELLED' } });

    // A retry runs it again, as attempt 2, from a clean slate.
    expect((await a.call('POST', `/v1/plans/${id}/retry`)).status).toBe(202);
    expect(await waitForJob(a, id, 120_000)).toMatchObject({ status: 'succeeded', attempts: 2, progress: { linesDone: 4, linesTotal: 4 } });
    expect((await lines.workers(id, 1)).length).toBe(0);
  }, 150_000);

  test("a line's result is recorded once: a second worker's (after a lease ran out) is not kept, nor one for an attempt or a job no longer running", async () => {
    const row = await store.jobs.create('plan', datasetId, { start: '2026-03-09', weeks: 1 });
    const attempt = await transaction(store.pool, (c) => startAttempt(c, row.id, 2));
    expect(attempt).toBe(1);
    const lines = new PgJobLines(store.pool);
    const line = (manager: string) => failedLine({ line: { line: 'L01', manager } as Line }, new Error('for the test'));
    expect(await lines.record(row.id, 1, 0, line('first'), 'w1')).toEqual({ done: 1, total: 2 });
    expect(await lines.record(row.id, 1, 0, line('second'), 'w2')).toEqual({ done: 1, total: 2 });
    expect((await lines.list(row.id, 1)).map((l) => l.manager)).toEqual(['first']);
    expect(await lines.workers(row.id, 1)).toEqual([{ line: 'L01', worker: 'w1' }]);
    expect(await lines.record(row.id, 2, 1, line('stale'), 'w1')).toBeUndefined();
    expect(await store.jobs.markCancelled(row.id, 'test', 'JOB_CANCELLED', 'cancelled by test')).toBe(true);
    expect(await lines.record(row.id, 1, 1, line('late'), 'w1')).toBeUndefined();
    expect(await lines.progress(row.id, 1)).toBeUndefined();
    expect(await lines.list(row.id, 1)).toHaveLength(1);
  });

  test('a key issued through one instance works through the other at once, and stops there when revoked', async () => {
    const issued = await a.call('POST', '/v1/keys', { body: { role: 'manager', line: 'L03' } });
    expect(issued.status).toBe(201);
    const { id, token } = (await issued.json()) as { id: string; token: string };
    const me = () => b.call('GET', '/v1/me', { key: token });
    await poll(me, (r) => r.status === 200, `key ${id} on the other instance`, { timeoutMs: 5000, everyMs: 50 });
    expect((await a.call('DELETE', `/v1/keys/${id}`)).status).toBe(200);
    await poll(me, (r) => r.status === 401, `key ${id} refused on the other instance`, { timeoutMs: 5000, everyMs: 50 });
  });

  test('a changed heartbeat reaches the queues that a first start made', async () => {
    const url = store.location.kind === 'postgres' ? store.location.url : '';
    const boss = await startQueue(url, { heartbeatSeconds: 25, monitorSeconds: 1 }, silent);
    try {
      expect((await boss.getQueue('plan-line'))?.heartbeatSeconds).toBe(25);
      expect((await boss.getQueue('plan-split'))?.heartbeatSeconds).toBe(25);
    } finally {
      await startQueue(url, { heartbeatSeconds: 10, monitorSeconds: 1 }, silent).then((b) => b.stop({ graceful: false }));
      await boss.stop({ graceful: false });
    }
  });

  test('health counts jobs from the store, whichever instance is asked', async () => {
    const health = (await (await fetch(`${b.url}/health`)).json()) as { jobs: unknown };
    expect(health.jobs).toEqual({ running: null, queued: 0 });
  });
});

