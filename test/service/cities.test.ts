import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fakePlanner } from './support/fakePlanner.ts';
import { STORES, startTestService, waitForJob, type TestService } from './support/harness.ts';
import { tinyUpload } from './support/dataset.ts';

describe.each(STORES)('on %s', (store) => {
  let svc: TestService;
  /** City `default` (uploaded by a planner of every city) and city `other`, both with a line L01. */
  const A = { dataset: '', plan: '' };
  const B = { dataset: '', plan: '' };

  beforeAll(async () => {
    svc = await startTestService(fakePlanner().planner, { store });
    const plan = async (key: string, city?: string) => {
      const ds = (await (await svc.call('POST', '/v1/datasets', { key, body: { ...tinyUpload(), ...(city ? { city } : {}) } })).json()) as { id: string; city: string };
      const job = (await (await svc.call('POST', '/v1/plans', { key, body: { dataset: ds.id, start: '2026-03-09', weeks: 1 } })).json()) as { id: string };
      await waitForJob(svc, job.id);
      return { dataset: ds.id, plan: job.id, city: ds.city };
    };
    const a = await plan(svc.keys.planner);
    const b = await plan(svc.keys.otherPlanner);
    expect([a.city, b.city]).toEqual(['default', 'other']);
    Object.assign(A, a);
    Object.assign(B, b);
  });
  afterAll(async () => {
    await svc?.stop();
  });

  const status = async (res: Promise<Response>) => {
    const r = await res;
    return { status: r.status, body: (await r.json()) as { code?: string; message?: string } };
  };
  const notFound = (what: string) => ({ status: 404, body: { statusCode: 404, code: 'VP_NOT_FOUND', message: `${what} not found` } });

  describe("a manager key reads its line of its own city only", () => {
    test("L01 of the default city reads its day; the other city's L01 is not there for it, on every route", async () => {
      const key = svc.keys.l01;
      expect((await svc.call('GET', `/v1/plans/${A.plan}/lines/L01/days/2026-03-10`, { key })).status).toBe(200);
      const visit = { retailer: 'R01', date: '2026-03-10', mode: 'in_person', outcome: 'done', startedAt: '2026-03-10T09:00:00+08:00' };
      for (const [method, path, body] of [
        ['GET', `/v1/plans/${B.plan}/lines/L01/days/2026-03-10`],
        ['GET', `/v1/plans/${B.plan}/export.csv?line=L01`],
        ['GET', `/v1/plans/${B.plan}`],
        ['GET', `/v1/plans/${B.plan}/events`],
        ['GET', `/v1/visits?plan=${B.plan}&line=L01`],
        ['POST', `/v1/plans/${B.plan}/replan`, { line: 'L01' }],
        ['POST', `/v1/plans/${B.plan}/cancel`],
        ['POST', '/v1/visits', { ...visit, plan: B.plan }],
      ] as const) {
        expect(await status(svc.call(method, path, { key, ...(body ? { body } : {}) })), `${method} ${path}`).toEqual(notFound(`plan ${B.plan}`));
      }
      // And the other city's L01 key the reverse.
      expect((await svc.call('GET', `/v1/plans/${B.plan}/lines/L01/days/2026-03-10`, { key: svc.keys.otherL01 })).status).toBe(200);
      expect(await status(svc.call('GET', `/v1/plans/${A.plan}/lines/L01/days/2026-03-10`, { key: svc.keys.otherL01 }))).toEqual(notFound(`plan ${A.plan}`));
    });
  });

  describe("a planner key of a city sees that city only; one of every city sees all", () => {
    test('lists, datasets, plans', async () => {
      const list = async (key: string) => ((await (await svc.call('GET', '/v1/plans', { key })).json()) as { plans: { id: string }[] }).plans.map((p) => p.id);
      expect(await list(svc.keys.otherPlanner)).toEqual([B.plan]);
      expect((await list(svc.keys.planner)).sort()).toEqual([A.plan, B.plan].sort());
      expect(await status(svc.call('GET', `/v1/datasets/${A.dataset}`, { key: svc.keys.otherPlanner }))).toEqual(notFound(`dataset ${A.dataset}`));
      expect(await status(svc.call('POST', '/v1/plans', { key: svc.keys.otherPlanner, body: { dataset: A.dataset, start: '2026-03-16', weeks: 1 } }))).toEqual(notFound(`dataset ${A.dataset}`));
      expect((await svc.call('GET', `/v1/datasets/${B.dataset}`, { key: svc.keys.planner })).status).toBe(200);
    });

    test("a city's planner uploads to its own city only", async () => {
      expect(await status(svc.call('POST', '/v1/datasets', { key: svc.keys.otherPlanner, body: { ...tinyUpload(), city: 'default' } }))).toEqual({
        status: 400,
        body: { statusCode: 400, code: 'VP_VALIDATION', message: "the request's body is not valid", issues: [{ in: 'body', path: 'city', message: 'this key uploads to city other only' }] } as never,
      });
    });
  });
});
