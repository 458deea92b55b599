import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LINE_COLUMNS } from '../../src/domain/line.ts';
import { RETAILER_COLUMNS } from '../../src/domain/retailer.ts';
import { fakePlanner } from './support/fakePlanner.ts';
import { STORES, seedPlan, startTestService, type TestService } from './support/harness.ts';
import { csv, lineRow, POLICY_TEXT, retailerRow, tinyLines, tinyRetailers, tinyUpload } from './support/dataset.ts';

describe.each(STORES)('on %s', (store) => {
  let svc: TestService;
  let planId = '';
  beforeAll(async () => {
    svc = await startTestService(fakePlanner().planner, { store, bodyLimitBytes: 2048, uploadLimitBytes: 200_000 });
    ({ planId } = await seedPlan(svc, tinyUpload()));
  });
  afterAll(async () => {
    await svc?.stop();
  });

  const body = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });
  const MALFORMED = { status: 400, body: { statusCode: 400, code: 'VP_MALFORMED_JSON', message: 'the body is not valid JSON' } };
  const json = { 'content-type': 'application/json' };

  describe('malformed bodies', () => {
    test('broken JSON and an empty JSON body', async () => {
      expect(await body(await svc.call('POST', '/v1/visits', { raw: '{"plan": ', headers: json }))).toEqual(MALFORMED);
      expect(await body(await svc.call('POST', '/v1/visits', { raw: '', headers: json }))).toEqual(MALFORMED);
    });

    test('not JSON at all: 415', async () => {
      expect(await body(await svc.call('POST', '/v1/visits', { raw: 'hello', headers: { 'content-type': 'text/plain' } }))).toEqual({
        status: 415,
        body: { statusCode: 415, code: 'VP_UNSUPPORTED_MEDIA_TYPE', message: 'send the body as application/json' },
      });
    });

    test('a body over the limit: 413', async () => {
      const res = await svc.call('POST', '/v1/visits', { raw: JSON.stringify({ x: 'a'.repeat(5000) }), headers: json });
      expect(await body(res)).toEqual({ status: 413, body: { statusCode: 413, code: 'VP_BODY_TOO_LARGE', message: 'the body is larger than this route accepts' } });
    });

    test('every wrong field named, with where it is', async () => {
      const res = await svc.call('POST', '/v1/visits', {
        body: { plan: planId, retailer: 'R01', date: '2026-02-30', mode: 'walk', outcome: 'failed', startedAt: 'yesterday', extra: 1 },
      });
      expect(await body(res)).toEqual({
        status: 400,
        body: {
          statusCode: 400,
          code: 'VP_VALIDATION',
          message: "the request's body is not valid",
          issues: [
            { in: 'body', path: 'date', message: 'not a calendar date' },
            { in: 'body', path: 'mode', message: 'Invalid option: expected one of "in_person"|"phone"|"online"' },
            { in: 'body', path: 'startedAt', message: 'expected an ISO date-time with an offset, e.g. 2026-03-02T09:15:00+08:00' },
            { in: 'body', path: '', message: 'Unrecognized key: "extra"' },
          ],
        },
      });
    });

    test('cross-field rules: a failed visit needs a reason, only a failed one has one, no end before the start', async () => {
      const base = { plan: planId, retailer: 'R01', date: '2026-03-10', mode: 'in_person', startedAt: '2026-03-10T09:00:00+08:00' };
      const failed = await body(await svc.call('POST', '/v1/visits', { body: { ...base, outcome: 'failed' } }));
      expect(failed.body.issues).toEqual([{ in: 'body', path: 'reason', message: 'a failed visit needs a reason' }]);
      const done = await body(await svc.call('POST', '/v1/visits', { body: { ...base, outcome: 'done', reason: 'closed', endedAt: '2026-03-10T08:00:00+08:00' } }));
      expect(done.body.issues).toEqual([
        { in: 'body', path: 'reason', message: 'only a failed visit has a reason' },
        { in: 'body', path: 'endedAt', message: 'ends before it starts' },
      ]);
    });

    test('bad path parameters and query strings', async () => {
      expect(await body(await svc.call('GET', `/v1/plans/${planId}/lines/L01/days/tomorrow`))).toEqual({
        status: 400,
        body: { statusCode: 400, code: 'VP_VALIDATION', message: "the request's params is not valid", issues: [{ in: 'params', path: 'date', message: 'expected a date YYYY-MM-DD' }] },
      });
      const q = await body(await svc.call('GET', '/v1/visits?line=L01'));
      expect(q.body).toEqual({ statusCode: 400, code: 'VP_VALIDATION', message: "the request's querystring is not valid", issues: [{ in: 'querystring', path: 'plan', message: 'Invalid input: expected string, received undefined' }] });
    });

    test('unknown things: 404 with what was not found', async () => {
      expect(await body(await svc.call('GET', '/v1/plans/pl_nope'))).toEqual({ status: 404, body: { statusCode: 404, code: 'VP_NOT_FOUND', message: 'plan pl_nope not found' } });
      expect(await body(await svc.call('GET', '/v1/nothing'))).toEqual({ status: 404, body: { statusCode: 404, code: 'VP_NOT_FOUND', message: 'no route GET /v1/nothing' } });
      expect(await body(await svc.call('GET', `/v1/plans/${planId}/lines/L01/days/2026-03-14`))).toEqual({
        status: 404,
        body: { statusCode: 404, code: 'VP_NOT_FOUND', message: `day 2026-03-14 of line L01 in plan ${planId} not found` },
      });
      expect(await body(await svc.call('POST', '/v1/plans', { body: { dataset: 'ds_nope', start: '2026-03-09', weeks: 1 } }))).toEqual({
        status: 404,
        body: { statusCode: 404, code: 'VP_NOT_FOUND', message: 'dataset ds_nope not found' },
      });
    });
  });

  describe('malformed uploads: all or nothing, every bad row and field named', () => {
    test('bad cells, a retailer on an unknown line and a bad policy value, in one 400; nothing stored', async () => {
      const rows = tinyRetailers();
      rows[2] = retailerRow({ id: 'R03', lat: 'abc', closes: '07:00' });
      rows[5] = { ...rows[5], line: 'L09' };
      const policy = JSON.parse(POLICY_TEXT);
      policy.unplannedReserveShare.value = 2;
      const res = await svc.call('POST', '/v1/datasets', {
        body: tinyUpload({ retailers: { name: 'retailers.csv', text: csv(rows, RETAILER_COLUMNS) }, policy: { name: 'policy.json', text: JSON.stringify(policy) } }),
      });
      expect(await body(res)).toEqual({
        status: 400,
        body: {
          statusCode: 400,
          code: 'VP_IMPORT',
          message: 'the upload has 4 problems; nothing was stored',
          problems: [
            { file: 'retailers.csv', line: 4, place: 'line', column: 'lat', value: 'abc', kind: 'value', reason: 'expected a latitude in degrees', text: 'retailers.csv line 4, column lat: "abc": expected a latitude in degrees' },
            { file: 'retailers.csv', line: 4, place: 'line', column: 'closes', value: '07:00', kind: 'value', reason: 'closes at or before opens (08:00)', text: 'retailers.csv line 4, column closes: "07:00": closes at or before opens (08:00)' },
            { file: 'retailers.csv', line: 7, place: 'line', column: 'line', value: 'L09', kind: 'reference', reason: 'no such line in lines.csv', text: 'retailers.csv line 7, column line: "L09": no such line in lines.csv' },
            {
              file: 'policy.json', path: 'unplannedReserveShare.value', value: '2', kind: 'document', reason: 'Too big: expected number to be <=0.9',
              text: 'policy.json at unplannedReserveShare.value: 2: Too big: expected number to be <=0.9',
            },
          ],
          counts: [
            { file: 'retailers.csv', kind: 'value', column: 'lat', problems: 1 },
            { file: 'retailers.csv', kind: 'value', column: 'closes', problems: 1 },
            { file: 'retailers.csv', kind: 'reference', column: 'line', problems: 1 },
            { file: 'policy.json', kind: 'document', column: 'unplannedReserveShare', problems: 1 },
          ],
          warnings: [],
        },
      });
      const list = (await (await svc.call('GET', '/v1/plans')).json()) as { plans: { dataset: string }[] };
      expect(new Set(list.plans.map((p) => p.dataset)).size).toBe(1);
    });

    test('a missing column, and an XLSX that is not one', async () => {
      const noLat = RETAILER_COLUMNS.filter((c) => c !== 'lat');
      const res = await svc.call('POST', '/v1/datasets', {
        body: tinyUpload({
          retailers: { name: 'retailers.csv', text: csv(tinyRetailers(), noLat) },
          lines: { name: 'lines.xlsx', base64: Buffer.from('not a workbook').toString('base64') },
        }),
      });
      const b = await body(res);
      expect(b.status).toBe(400);
      expect(b.body.problems.map((p: { text: string }) => p.text)).toEqual(['retailers.csv: missing column lat', 'lines.xlsx: not readable as an XLSX workbook (save it again from Excel as .xlsx)']);
      // What the zip reader said stays in the log.
      expect(b.body.problems[1]).toEqual({ file: 'lines.xlsx', kind: 'file', reason: 'not readable as an XLSX workbook (save it again from Excel as .xlsx)', text: 'lines.xlsx: not readable as an XLSX workbook (save it again from Excel as .xlsx)' });
    });

    test('files that are not base64, or give both base64 and text, or are missing', async () => {
      const res = await svc.call('POST', '/v1/datasets', {
        body: { retailers: { name: 'retailers.csv', base64: '***' }, lines: { name: 'lines.csv', text: 'a', base64: 'YQ==' } },
      });
      expect(await body(res)).toEqual({
        status: 400,
        body: {
          statusCode: 400,
          code: 'VP_VALIDATION',
          message: "the request's body is not valid",
          issues: [
            { in: 'body', path: 'retailers.base64', message: 'expected base64' },
            { in: 'body', path: 'lines', message: 'give exactly one of base64 and text' },
            { in: 'body', path: 'policy', message: 'Invalid input: expected object, received undefined' },
          ],
        },
      });
    });

    test('the same files as base64 (GBK-free UTF-8 CSV) import like text', async () => {
      const b64 = (t: string) => Buffer.from(t, 'utf8').toString('base64');
      const res = await svc.call('POST', '/v1/datasets', {
        body: {
          retailers: { name: 'retailers.csv', base64: b64(csv(tinyRetailers(), RETAILER_COLUMNS)) },
          lines: { name: 'lines.csv', base64: b64(csv([...tinyLines(), lineRow({ line: 'L03' })], LINE_COLUMNS)) },
          policy: { name: 'policy.json', base64: b64(POLICY_TEXT) },
        },
      });
      const b = await body(res);
      expect(b.status).toBe(201);
      expect(b.body.warnings.map((w: { text: string }) => w.text)).toEqual(['lines.csv line 4, column line: "L03": no retailer is on this line']);
    });

    test('an upload over its own (larger) limit: 413', async () => {
      const res = await svc.call('POST', '/v1/datasets', { body: tinyUpload({ calendar: { name: 'calendar.json', text: 'x'.repeat(250_000) } }) });
      expect(res.status).toBe(413);
    });
  });

  describe('every 4xx carries a catalogued code, whoever refuses the request', () => {
    const raw = (data: string) =>
      new Promise<string>((resolve) => {
        const { hostname, port } = new URL(svc.url);
        const c = connect(Number(port), hostname, () => c.write(data));
        let got = '';
        c.on('data', (d) => (got += d));
        c.on('close', () => resolve(got));
      });
    const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));

    test("Fastify's router: a URL that is not valid percent-encoding, a path parameter past any id's length", async () => {
      expect(await body(await svc.call('GET', '/v1/plans/%zz'))).toEqual({
        status: 400,
        body: { statusCode: 400, code: 'VP_BAD_REQUEST', message: 'the URL is not valid (a % not followed by two hex digits?)' },
      });
      expect(await body(await svc.call('GET', `/v1/plans/${'a'.repeat(150)}`))).toEqual({
        status: 414,
        body: { statusCode: 414, code: 'VP_URI_TOO_LONG', message: 'a path parameter is longer than any id' },
      });
    });

    test("Node's parser: a request that is not HTTP, headers over 16 KiB", async () => {
      const garbage = await raw('GARBAGE\r\n\r\n');
      expect(garbage).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(bodyOf(garbage)).toEqual({ statusCode: 400, code: 'VP_BAD_REQUEST', message: 'the request is not valid HTTP' });
      const big = await raw(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(big).toMatch(/^HTTP\/1\.1 431 /);
      expect(bodyOf(big)).toEqual({ statusCode: 431, code: 'VP_HEADERS_TOO_LARGE', message: "the request's headers are larger than the server reads" });
    });

    test("a plugin's own 4xx (the docs' static files refuse a folder) gets the code of its status", async () => {
      expect(await body(await svc.call('GET', '/docs/static//', { key: null }))).toEqual({ status: 403, body: { statusCode: 403, code: 'VP_FORBIDDEN', message: 'Forbidden' } });
    });
  });
});
