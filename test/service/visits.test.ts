import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fakePlanner } from './support/fakePlanner.ts';
import { seedPlan, startTestService, type TestService } from './support/harness.ts';
import { tinyUpload } from './support/dataset.ts';

let svc: TestService;
let planId = '';
beforeAll(async () => {
  svc = await startTestService(fakePlanner().planner);
  ({ planId } = await seedPlan(svc, tinyUpload()));
});
afterAll(async () => {
  await svc?.stop();
});

const record = (over: Record<string, unknown>, key = svc.keys.l01) =>
  svc.call('POST', '/v1/visits', { key, body: { plan: planId, date: '2026-03-11', mode: 'in_person', outcome: 'unplanned', startedAt: '2026-03-11T10:00:00+08:00', ...over } });
const body = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });

describe('visits outside the plan: at most 20% of the day\'s planned visits', () => {
  test('10 planned visits allow 2; the third is refused and says why; another day and another line are apart', async () => {
    expect((await body(await record({ retailer: 'R11' }))).body.unplanned).toEqual({ count: 1, allowed: 2 });
    expect((await body(await record({ retailer: 'R12' }))).body.unplanned).toEqual({ count: 2, allowed: 2 });
    expect(await body(await record({ retailer: 'R13' }))).toEqual({
      status: 409,
      body: {
        statusCode: 409,
        code: 'VP_UNPLANNED_LIMIT',
        message: 'line L01 on 2026-03-11 already has 2 visits outside the plan, the most the policy allows (20% of 10 planned visits)',
      },
    });
    // Done and failed visits are not limited by it.
    expect((await record({ retailer: 'R01', outcome: 'done' })).status).toBe(201);
    expect((await record({ retailer: 'R13', date: '2026-03-12' })).status).toBe(201);
    const listed = (await (await svc.call('GET', `/v1/visits?plan=${planId}&line=L01&date=2026-03-11`)).json()) as { visits: { retailer: string }[] };
    expect(listed.visits.map((v) => v.retailer)).toEqual(['R11', 'R12', 'R01']);
  });

  test('concurrent unplanned records on one day: exactly the allowed number get in', async () => {
    const results = await Promise.all(['R11', 'R12', 'R13', 'R11', 'R12'].map((retailer) => record({ retailer, date: '2026-03-13' })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409]);
  });

  test('a done visit to a retailer the day does not plan, and an unplanned one to a retailer it does', async () => {
    expect(await body(await record({ retailer: 'R12', outcome: 'done' }))).toEqual({
      status: 409,
      body: { statusCode: 409, code: 'VP_VISIT_NOT_PLANNED', message: 'retailer R12 is not in the plan of line L01 on 2026-03-11: record the visit as unplanned' },
    });
    expect(await body(await record({ retailer: 'R02' }))).toEqual({
      status: 409,
      body: { statusCode: 409, code: 'VP_VISIT_IS_PLANNED', message: 'retailer R02 is in the plan of line L01 on 2026-03-11: record the visit as done' },
    });
  });

  test('a day outside the plan', async () => {
    expect(await body(await record({ retailer: 'R01', outcome: 'done', date: '2026-03-16' }))).toEqual({
      status: 404,
      body: { statusCode: 404, code: 'VP_NOT_FOUND', message: `day 2026-03-16 of line L01 in plan ${planId} not found` },
    });
  });
});

describe('retries', () => {
  test('the same id twice: stored once, the retry answered 200 with the first record', async () => {
    const v = { id: 'phone-0001-abcdef', retailer: 'R03', outcome: 'failed', reason: 'owner_away', date: '2026-03-09' };
    const first = await body(await record(v));
    expect(first.status).toBe(201);
    const again = await body(await record(v));
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, duplicate: true });
    const changed = await body(await record({ ...v, reason: 'closed' }));
    expect(changed).toEqual({ status: 409, body: { statusCode: 409, code: 'VP_VISIT_ID_REUSED', message: 'visit phone-0001-abcdef was recorded before with different content' } });
    const listed = (await (await svc.call('GET', `/v1/visits?plan=${planId}&line=L01&date=2026-03-09`)).json()) as { visits: unknown[] };
    expect(listed.visits).toHaveLength(1);
  });
});
