import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fakePlanner } from './support/fakePlanner.ts';
import { STORES, seedPlan, startTestService, type TestService } from './support/harness.ts';
import { tinyUpload } from './support/dataset.ts';

describe.each(STORES)('on %s', (store) => {
  let svc: TestService;
  let planId = '';
  let datasetId = '';
  beforeAll(async () => {
    svc = await startTestService(fakePlanner().planner, { store });
    ({ planId, datasetId } = await seedPlan(svc, tinyUpload()));
  });
  afterAll(async () => {
    await svc?.stop();
  });

  const FORBIDDEN_L01 = { statusCode: 403, code: 'VP_FORBIDDEN', message: 'this key reads and writes only line L01' };
  const UNAUTHORIZED = { statusCode: 401, code: 'VP_UNAUTHORIZED', message: 'send a valid API key as "Authorization: Bearer <key>"' };
  const PLANNER_ONLY = { statusCode: 403, code: 'VP_FORBIDDEN', message: 'this route is for planner keys' };

  const visit = (over: Record<string, unknown> = {}) => ({ plan: planId, retailer: 'R01', date: '2026-03-10', mode: 'in_person', outcome: 'done', startedAt: '2026-03-10T08:31:00+08:00', ...over });

  describe('keys', () => {
    test('no key, a malformed key, a wrong secret, an unknown id: 401 with the same body', async () => {
      for (const key of [null, 'nodot', 'wang.wrong-secret', 'nobody.manager-secret-1']) {
        const res = await svc.call('GET', `/v1/plans/${planId}`, { key });
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual(UNAUTHORIZED);
      }
      const basic = await svc.call('GET', `/v1/plans/${planId}`, { key: null, headers: { authorization: 'Basic d2FuZzp4' } });
      expect(basic.status).toBe(401);
    });

    test('the Bearer scheme in any case, as RFC 9110 has it', async () => {
      for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
        const res = await svc.call('GET', `/v1/plans/${planId}`, { key: null, headers: { authorization: `${scheme} ${svc.keys.planner}` } });
        expect(res.status, scheme).toBe(200);
      }
      expect((await svc.call('GET', `/v1/plans/${planId}`, { key: null, headers: { authorization: `Bearer${svc.keys.planner}` } })).status).toBe(401);
    });

    test('the header is the scheme, blanks, the key and nothing else (trailing blanks allowed); public routes need none', async () => {
      const status = async (authorization: string) => (await svc.call('GET', `/v1/plans/${planId}`, { key: null, headers: { authorization } })).status;
      const k = svc.keys.planner;
      expect([await status(`Bearer \t ${k}`), await status(`Bearer ${k}  `), await status(`xBearer ${k}`), await status(`Bearer ${k} extra`), await status(`Bearer ${k}x`)]).toEqual([200, 200, 401, 401, 401]);
      expect((await svc.call('GET', '/health', { key: null })).status).toBe(200);
    });

    test('planner-only routes refuse a manager key', async () => {
      const cases: [string, string, unknown?][] = [
        ['POST', '/v1/datasets', tinyUpload()],
        ['GET', `/v1/datasets/${datasetId}`],
        ['POST', '/v1/plans', { dataset: datasetId, start: '2026-03-09', weeks: 1 }],
        ['GET', '/v1/plans'],
        ['POST', `/v1/plans/${planId}/retry`],
      ];
      for (const [method, path, body] of cases) {
        const res = await svc.call(method, path, { key: svc.keys.l01, ...(body === undefined ? {} : { body }) });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(await res.json()).toEqual(PLANNER_ONLY);
      }
    });
  });

  describe('a manager key reads and writes only its own line', () => {
    test("its own day: 200; another line's: 403 with no data", async () => {
      expect((await svc.call('GET', `/v1/plans/${planId}/lines/L01/days/2026-03-10`, { key: svc.keys.l01 })).status).toBe(200);
      const res = await svc.call('GET', `/v1/plans/${planId}/lines/L02/days/2026-03-10`, { key: svc.keys.l01 });
      expect(res.status).toBe(403);
      expect(res.headers.get('etag')).toBeNull();
      expect(await res.json()).toEqual(FORBIDDEN_L01);
    });

    test('403 before existence: an unknown plan, line or day of another line says nothing more', async () => {
      for (const path of [`/v1/plans/pl_nope/lines/L02/days/2026-03-10`, `/v1/plans/${planId}/lines/L99/days/2026-03-10`, `/v1/plans/${planId}/lines/L02/days/2030-01-01`]) {
        const res = await svc.call('GET', path, { key: svc.keys.l01 });
        expect(res.status).toBe(403);
        expect(await res.json()).toEqual(FORBIDDEN_L01);
      }
    });

    test('a planner key reads every line', async () => {
      expect((await svc.call('GET', `/v1/plans/${planId}/lines/L02/days/2026-03-10`)).status).toBe(200);
    });

    test("recording a visit to another line's retailer, or an unknown retailer: 403, nothing stored", async () => {
      for (const retailer of ['R21', 'R99']) {
        const res = await svc.call('POST', '/v1/visits', { key: svc.keys.l01, body: visit({ retailer }) });
        expect(res.status).toBe(403);
        expect(await res.json()).toEqual(FORBIDDEN_L01);
      }
      const listed = (await (await svc.call('GET', `/v1/visits?plan=${planId}&line=L02`)).json()) as { visits: unknown[] };
      expect(listed.visits).toEqual([]);
      // A planner learns that the retailer does not exist.
      const planner = await svc.call('POST', '/v1/visits', { body: visit({ retailer: 'R99' }) });
      expect(await planner.json()).toEqual({ statusCode: 404, code: 'VP_NOT_FOUND', message: `retailer R99 in plan ${planId} not found` });
    });

    test("another line's records, re-plan and exports: 403", async () => {
      const cases: [string, string, unknown?][] = [
        ['GET', `/v1/visits?plan=${planId}&line=L02`],
        ['POST', `/v1/plans/${planId}/replan`, { line: 'L02' }],
        ['GET', `/v1/plans/${planId}/export.csv?line=L02`],
      ];
      for (const [method, path, body] of cases) {
        const res = await svc.call(method, path, { key: svc.keys.l01, ...(body === undefined ? {} : { body }) });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(await res.json()).toEqual(FORBIDDEN_L01);
      }
    });

    test("a manager's export of the whole plan says to add its own line", async () => {
      for (const format of ['csv', 'xlsx', 'geojson']) {
        const res = await svc.call('GET', `/v1/plans/${planId}/export.${format}`, { key: svc.keys.l01 });
        expect(res.status, format).toBe(403);
        expect(await res.json()).toEqual({ statusCode: 403, code: 'VP_FORBIDDEN', message: 'a manager key exports only its own line: add ?line=L01 to the address' });
      }
    });

    test("the plan's status shows a manager its own line's figures, not the city's", async () => {
      const job = (await (await svc.call('GET', `/v1/plans/${planId}`, { key: svc.keys.l02 })).json()) as any;
      expect(job.status).toBe('succeeded');
      expect(job.figures).toBeNull();
      expect(job.ratios).toBeNull();
      expect(job.lines.map((l: any) => l.line)).toEqual(['L02']);
    });
  });
});
