import { join } from 'node:path';
import { pino } from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/service/config.ts';
import { etagOf } from '../../src/service/plans/dayView.ts';
import { Retention } from '../../src/service/retention/retention.ts';
import { openDatabase } from '../../src/service/store/db.ts';
import { openStore } from '../../src/service/store/index.ts';
import { MIGRATIONS } from '../../src/service/store/migrations/index.ts';
import { fakePlanner } from './support/fakePlanner.ts';
import { seedPlan, sqliteDb, startTestService, waitForJob, type TestService } from './support/harness.ts';
import { tinyUpload } from './support/dataset.ts';

let svc: TestService | undefined;
afterEach(async () => {
  await svc?.stop();
  svc = undefined;
});

async function withReplan() {
  const s = (svc = await startTestService(fakePlanner().planner));
  const { planId, datasetId } = await seedPlan(s, tinyUpload());
  const replanId = ((await (await s.call('POST', `/v1/plans/${planId}/replan`, { body: { line: 'L01', blocked: ['2026-03-10'] } })).json()) as { id: string }).id;
  expect(await waitForJob(s, replanId)).toMatchObject({ status: 'succeeded' });
  return { s, planId, datasetId, replanId };
}
const count = (s: TestService, sql: string, ...args: string[]) => (sqliteDb(s).prepare(sql).get(...args) as { n: number }).n;
const dayOf = async (s: TestService, plan: string, line: string, date: string) => {
  const res = await s.call('GET', `/v1/plans/${plan}/lines/${line}/days/${date}`);
  return { status: res.status, etag: res.headers.get('etag'), text: await res.text() };
};
const silent = pino({ level: 'silent' }) as unknown as FastifyBaseLogger;
const DAY = 86_400_000;

describe('a re-plan stores only the lines it changed', () => {
  test('one line held, the other read from the plan it revises; served days carry the re-plan id; the whole plan reads back', async () => {
    const { s, planId, replanId } = await withReplan();
    expect(await s.store.plans.heldLines(planId)).toEqual(['L01', 'L02']);
    expect(await s.store.plans.heldLines(replanId)).toEqual(['L01']);
    expect(count(s, 'SELECT COUNT(*) AS n FROM plan_days WHERE plan_id = ?', replanId)).toBe(5);

    const before = await dayOf(s, planId, 'L02', '2026-03-11');
    const after = await dayOf(s, replanId, 'L02', '2026-03-11');
    expect(after.status).toBe(200);
    expect(JSON.parse(after.text)).toEqual({ ...JSON.parse(before.text), plan: replanId });
    expect(after.etag).toBe(etagOf(after.text));
    expect((await s.call('GET', `/v1/plans/${replanId}/lines/L02/days/2026-03-11`, { headers: { 'if-none-match': after.etag! } })).status).toBe(304);
    expect(JSON.parse((await dayOf(s, replanId, 'L01', '2026-03-10')).text)).toMatchObject({ plan: replanId, blocked: true });

    const whole = (await s.store.plans.get(replanId))!.plan;
    expect(whole.lines.map((l) => l.line)).toEqual(['L01', 'L02']);
    expect(whole.lines[1]).toEqual((await s.store.plans.get(planId))!.plan.lines[1]);
    const csv = await (await s.call('GET', `/v1/plans/${replanId}/export.csv`)).text();
    expect(csv).toContain('L02');
    // A visit on the inherited line is checked against the day read from the parent.
    const visit = await s.call('POST', '/v1/visits', { body: { plan: replanId, retailer: 'R21', date: '2026-03-11', mode: 'in_person', outcome: 'done', startedAt: '2026-03-11T09:00:00+08:00' } });
    expect(visit.status).toBe(201);
  });
});

describe('migration 004 splits the plans already stored', () => {
  test('a plan stored whole before it reads back the same after, its lines in rows of their own', async () => {
    const s = (svc = await startTestService(fakePlanner().planner));
    const plan = (await s.store.plans.get((await seedPlan(s, tinyUpload())).planId))!.plan;
    const dir = join(s.dir, 'old');
    const db = openDatabase(join(dir, 'planner.db'), MIGRATIONS.slice(0, 3));
    db.exec("INSERT INTO datasets (id, created_at, files, policy, calendar, warnings) VALUES ('ds_1', 't', '[]', '{}', '{}', '[]')");
    db.exec("INSERT INTO jobs (id, kind, dataset_id, request, status, created_at, queued_at) VALUES ('pl_1', 'plan', 'ds_1', '{}', 'succeeded', 't', 't')");
    db.prepare("INSERT INTO plans VALUES ('pl_1', 'ds_1', '2026-03-09', 1, 't', ?)").run(JSON.stringify(plan));
    db.close();
    const store = await openStore(dir);
    try {
      expect((await store.plans.get('pl_1'))!.plan).toEqual(plan);
      expect((await store.plans.summary('pl_1'))!.lines.map((l) => [l.line, l.manager, l.notPlaced, l.error])).toEqual([['L01', '王磊', 0, null], ['L02', '李娜', 0, null]]);
      expect(JSON.parse((store.db.prepare("SELECT body FROM plans WHERE id = 'pl_1'").get() as { body: string }).body).lines).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});

describe('retention', () => {
  test('a superseded plan goes 30 days after its re-plan, its lines handed to the re-plan first; its id then answers 410', async () => {
    const { s, planId, replanId } = await withReplan();
    const day = await dayOf(s, replanId, 'L02', '2026-03-11');
    const retention = new Retention(s.store, { planRetentionDays: 30, visitRetentionDays: 366 }, silent);
    expect(await retention.supersededPlans(Date.now() + 29 * DAY)).toEqual([]);
    expect(await retention.run(Date.now() + 31 * DAY)).toEqual({ plans: [planId], visits: 0 });

    expect(await s.store.plans.heldLines(replanId)).toEqual(['L01', 'L02']);
    expect(await dayOf(s, replanId, 'L02', '2026-03-11')).toEqual(day);
    expect(count(s, 'SELECT COUNT(*) AS n FROM plan_days WHERE plan_id = ?', planId)).toBe(0);
    expect(await (await s.call('GET', `/v1/plans/${planId}/lines/L02/days/2026-03-11`)).json()).toEqual({
      statusCode: 410,
      code: 'VP_PLAN_GONE',
      message: `plan ${planId} was superseded and removed on ${new Date(Date.now() + 31 * DAY).toISOString().slice(0, 10)} (retention policy)`,
    });
    expect(await (await s.call('GET', `/v1/plans/${planId}`)).json()).toMatchObject({ status: 'succeeded', purgedAt: expect.any(String) });
  });

  test('a plan that visit records name is kept; visit records go after VISIT_RETENTION_DAYS, not before', async () => {
    const { s, planId, replanId } = await withReplan();
    // The re-plan as if it had finished right after the week (the test's dates are in this machine's past).
    sqliteDb(s).prepare('UPDATE jobs SET finished_at = ? WHERE id = ?').run('2026-03-14T00:00:00.000Z', replanId);
    const visit = (date: string, retailer: string) =>
      s.call('POST', '/v1/visits', { body: { plan: planId, retailer, date, mode: 'in_person', outcome: 'done', startedAt: `${date}T09:00:00+08:00` } });
    expect((await visit('2026-03-10', 'R21')).status).toBe(201);
    expect((await visit('2026-03-13', 'R22')).status).toBe(201);
    const retention = new Retention(s.store, { planRetentionDays: 30, visitRetentionDays: 100 }, silent);
    // On 2026-06-20 (100 days after 03-12) the visit of 03-10 goes; the one of 03-13 stays, and so does the superseded plan it names.
    expect(await retention.run(Date.parse('2026-06-20T12:00:00Z'))).toEqual({ plans: [], visits: 1 });
    expect(count(s, 'SELECT COUNT(*) AS n FROM visits')).toBe(1);
    // Three days later the last visit goes, and with it the plan.
    expect(await retention.run(Date.parse('2026-06-23T12:00:00Z'))).toEqual({ plans: [planId], visits: 1 });
  });

  test('VISIT_RETENTION_DAYS below the work standard is refused at start', () => {
    expect(() => loadConfig({ VISIT_RETENTION_DAYS: '30' })).toThrow('VISIT_RETENTION_DAYS must be at least 92 (got 30)');
    expect(loadConfig({}).visitRetentionDays).toBe(366);
  });

  test('a plan planned again in full is superseded too', async () => {
    const s = (svc = await startTestService(fakePlanner().planner));
    const { planId, datasetId } = await seedPlan(s, tinyUpload());
    const again = ((await (await s.call('POST', '/v1/plans', { body: { dataset: datasetId, start: '2026-03-09', weeks: 1 } })).json()) as { id: string }).id;
    await waitForJob(s, again);
    const retention = new Retention(s.store, { planRetentionDays: 30, visitRetentionDays: 366 }, silent);
    expect(await retention.supersededPlans(Date.now() + 31 * DAY)).toEqual([planId]);
  });
});
