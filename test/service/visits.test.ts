import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLOCK_SKEW_MS, visitTimeIssues } from '../../src/service/visits/timeChecks.ts';
import { fakePlanner } from './support/fakePlanner.ts';
import { STORES, seedPlan, startTestService, type TestService } from './support/harness.ts';
import { POLICY_TEXT, tinyUpload } from './support/dataset.ts';

describe.each(STORES)('on %s', (store) => {
  let svc: TestService;
  let planId = '';
  /** The service's now: Wednesday evening of the week after the plan's (9 to 13 March 2026), in Shanghai. */
  const NOW = Date.parse('2026-03-18T18:00:00+08:00');
  beforeAll(async () => {
    svc = await startTestService(fakePlanner().planner, { store, clock: () => NOW });
    ({ planId } = await seedPlan(svc, tinyUpload()));
  });
  afterAll(async () => {
    await svc?.stop();
  });

  /** A record; it starts at 10:00 on its own date (in Asia/Shanghai, as the service checks). */
  const record = (over: Record<string, unknown>, key = svc.keys.l01) => {
    const date = (over.date as string | undefined) ?? '2026-03-11';
    return svc.call('POST', '/v1/visits', { key, body: { plan: planId, date, mode: 'in_person', outcome: 'unplanned', startedAt: `${date}T10:00:00+08:00`, ...over } });
  };
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

    test('a share that allows one: the second is refused, "1 visit" in the singular', async () => {
      const policy = JSON.parse(POLICY_TEXT);
      policy.unplannedReserveShare.value = 0.1;
      const tight = await seedPlan(svc, tinyUpload({ policy: { name: 'policy.json', text: JSON.stringify(policy) } }));
      const rec = (retailer: string) => svc.call('POST', '/v1/visits', { key: svc.keys.l01, body: { plan: tight.planId, retailer, date: '2026-03-11', mode: 'in_person', outcome: 'unplanned', startedAt: '2026-03-11T10:00:00+08:00' } });
      expect((await body(await rec('R11'))).body.unplanned).toEqual({ count: 1, allowed: 1 });
      expect((await body(await rec('R12'))).body.message).toBe('line L01 on 2026-03-11 already has 1 visit outside the plan, the most the policy allows (10% of 10 planned visits)');
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

    // A retry is the same record in every field; one field changed is another record under a
    // reused id. (The date alone cannot change: the start must fall on it, so a new date is a
    // new start too.)
    test('a retry that differs in any one field is refused, naming the id', async () => {
      const other = await seedPlan(svc, tinyUpload());
      const v = { id: 'phone-0002-abcdef', retailer: 'R03', mode: 'in_person', outcome: 'failed', reason: 'owner_away', date: '2026-03-10', startedAt: '2026-03-10T10:00:00+08:00' };
      expect((await record(v)).status).toBe(201);
      const changes: Record<string, unknown>[] = [
        { plan: other.planId },
        { retailer: 'R04' },
        { mode: 'phone' },
        { outcome: 'done', reason: undefined },
        { reason: 'closed' },
        { startedAt: '2026-03-10T10:05:00+08:00' },
        { endedAt: '2026-03-10T10:20:00+08:00' },
      ];
      const answers = [];
      for (const change of changes) answers.push(await body(await record({ ...v, ...change })));
      const refused = { status: 409, body: { statusCode: 409, code: 'VP_VISIT_ID_REUSED', message: 'visit phone-0002-abcdef was recorded before with different content' } };
      expect(answers).toEqual(changes.map(() => refused));
      expect((await body(await record(v))).status).toBe(200);
      // The outcome alone: a done visit retried as unplanned (neither has a reason).
      const done = { ...v, id: 'phone-0003-abcdef', outcome: 'done', reason: undefined };
      expect((await record(done)).status).toBe(201);
      expect((await body(await record({ ...done, outcome: 'unplanned' }))).body.code).toBe('VP_VISIT_ID_REUSED');
    });
  });

  describe("a record's times agree with its day and with now", () => {
    const at = (iso: string) => Date.parse(iso);

    test('the rules, with a fixed now (Asia/Shanghai)', () => {
      const now = at('2026-12-02T04:00:00Z'); // 12:00 on 2026-12-02 in Shanghai
      const tz = 'Asia/Shanghai';
      expect(visitTimeIssues({ date: '2026-12-01', startedAt: '2026-12-01T09:00:00+08:00' }, now, tz)).toEqual([]);
      // The audit's record: dated the 1st, started the 3rd.
      expect(visitTimeIssues({ date: '2026-12-01', startedAt: '2026-12-03T09:00:00+08:00' }, now, tz)).toEqual([
        { in: 'body', path: 'startedAt', message: "starts on 2026-12-03 (Asia/Shanghai), not on the visit's date 2026-12-01" },
        { in: 'body', path: 'startedAt', message: 'is in the future' },
      ]);
      expect(visitTimeIssues({ date: '2026-12-04', startedAt: '2026-12-04T09:00:00+08:00' }, now, tz).map((i) => i.message)).toEqual([
        '2026-12-04 is after today (2026-12-02 in Asia/Shanghai): a visit is recorded once it happened',
        'is in the future',
      ]);
      // A phone writing UTC: 23:30 on the 1st in UTC is 07:30 on the 2nd in Shanghai.
      expect(visitTimeIssues({ date: '2026-12-02', startedAt: '2026-12-01T23:30:00Z' }, now, tz)).toEqual([]);
      expect(visitTimeIssues({ date: '2026-12-02', startedAt: '2026-12-02T11:00:00+08:00', endedAt: '2026-12-02T15:00:00+08:00' }, now, tz)).toEqual([
        { in: 'body', path: 'endedAt', message: 'is in the future' },
      ]);
      // A few minutes of a phone's clock running ahead are forgiven: five exactly, not a millisecond more.
      expect(visitTimeIssues({ date: '2026-12-02', startedAt: '2026-12-02T12:04:00+08:00' }, now, tz)).toEqual([]);
      const ahead = (ms: number) => new Date(now + ms).toISOString();
      expect(visitTimeIssues({ date: '2026-12-02', startedAt: ahead(CLOCK_SKEW_MS) }, now, tz)).toEqual([]);
      expect(visitTimeIssues({ date: '2026-12-02', startedAt: ahead(CLOCK_SKEW_MS + 1) }, now, tz)).toEqual([{ in: 'body', path: 'startedAt', message: 'is in the future' }]);
      expect(visitTimeIssues({ date: '2026-12-02', startedAt: '2026-12-02T11:00:00+08:00', endedAt: ahead(CLOCK_SKEW_MS) }, now, tz)).toEqual([]);
      expect(visitTimeIssues({ date: '2026-12-02', startedAt: '2026-12-02T11:00:00+08:00', endedAt: ahead(60_000) }, now, tz)).toEqual([]);
      expect(visitTimeIssues({ date: '2026-12-02', startedAt: '2026-12-02T11:00:00+08:00', endedAt: '2026-12-02T11:40:00+08:00' }, now, tz)).toEqual([]);
      expect(visitTimeIssues({ date: '2026-12-02', startedAt: '2026-12-02T11:00:00+08:00', endedAt: ahead(CLOCK_SKEW_MS + 1) }, now, tz)).toEqual([{ in: 'body', path: 'endedAt', message: 'is in the future' }]);
    });

    test('through the route: a start on another day is refused naming the field; a UTC time on the day is accepted; a day after today is refused', async () => {
      const base = { plan: planId, retailer: 'R01', mode: 'in_person', outcome: 'done' };
      expect(await body(await svc.call('POST', '/v1/visits', { key: svc.keys.l01, body: { ...base, date: '2026-03-10', startedAt: '2026-03-12T09:00:00+08:00' } }))).toEqual({
        status: 400,
        body: {
          statusCode: 400,
          code: 'VP_VALIDATION',
          message: "the request's body is not valid",
          issues: [{ in: 'body', path: 'startedAt', message: "starts on 2026-03-12 (Asia/Shanghai), not on the visit's date 2026-03-10" }],
        },
      });
      expect((await svc.call('POST', '/v1/visits', { key: svc.keys.l01, body: { ...base, date: '2026-03-10', startedAt: '2026-03-09T23:30:00Z' } })).status).toBe(201);
      const res = await body(await svc.call('POST', '/v1/visits', { key: svc.keys.l01, body: { ...base, date: '2026-03-19', startedAt: '2026-03-19T09:00:00+08:00' } }));
      expect(res.status).toBe(400);
      expect(res.body.issues[0]).toEqual({ in: 'body', path: 'date', message: '2026-03-19 is after today (2026-03-18 in Asia/Shanghai): a visit is recorded once it happened' });
    });
  });

  describe('GET /v1/visits a page at a time', () => {
    test('limit and the next cursor walk every record once, oldest first; a bad cursor is a 400', async () => {
      const all = (await (await svc.call('GET', `/v1/visits?plan=${planId}&line=L01`)).json()) as { visits: { id: string; date: string }[]; next: string | null };
      expect(all.next).toBeNull();
      expect(all.visits.length).toBeGreaterThanOrEqual(5);
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const page = (await (await svc.call('GET', `/v1/visits?plan=${planId}&line=L01&limit=2${after ? `&after=${after}` : ''}`)).json()) as { visits: { id: string }[]; next: string | null };
        expect(page.visits.length).toBeLessThanOrEqual(2);
        seen.push(...page.visits.map((v) => v.id));
        after = page.next;
        pages += 1;
      } while (after !== null && pages < 50);
      expect(seen).toEqual(all.visits.map((v) => v.id));
      expect(pages).toBe(Math.ceil(all.visits.length / 2));
      expect(await body(await svc.call('GET', `/v1/visits?plan=${planId}&line=L01&after=yesterday`))).toEqual({
        status: 400,
        body: { statusCode: 400, code: 'VP_VALIDATION', message: "the request's querystring is not valid", issues: [{ in: 'querystring', path: 'after', message: 'expected the `next` of a previous page' }] },
      });
      expect((await svc.call('GET', `/v1/visits?plan=${planId}&line=L01&limit=1001`)).status).toBe(400);
    });
  });
});
