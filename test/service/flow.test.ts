import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fakePlanner } from './support/fakePlanner.ts';
import { STORES, startTestService, waitForJob, type TestService } from './support/harness.ts';
import { tinyUpload } from './support/dataset.ts';

describe.each(STORES)('on %s', (store) => {
  const fake = fakePlanner();
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(fake.planner, { store });
  });
  afterAll(async () => {
    await svc?.stop();
  });

  const json = async (res: Response) => (await res.json()) as any;

  describe('the whole flow over HTTP: upload, plan, fetch a day, record visits, re-plan', () => {
    let datasetId = '';
    let planId = '';
    let replanId = '';

    test('upload a dataset', async () => {
      const res = await svc.call('POST', '/v1/datasets', { body: tinyUpload() });
      expect(res.status).toBe(201);
      const body = await json(res);
      expect(body).toMatchObject({ files: ['retailers.csv', 'lines.csv', 'policy.json'], retailers: 23, lines: 2, warnings: [] });
      expect(body.id).toMatch(/^ds_[A-Za-z0-9_-]{12}$/);
      expect(res.headers.get('location')).toBe(`/v1/datasets/${body.id}`);
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      datasetId = body.id;
      const again = await json(await svc.call('GET', `/v1/datasets/${datasetId}`));
      expect(again).toMatchObject({ id: datasetId, retailers: 23, lines: 2 });
    });

    test('start a plan job: 202 and a job id; it runs to succeeded with progress and figures', async () => {
      const res = await svc.call('POST', '/v1/plans', { body: { dataset: datasetId, start: '2026-03-09', weeks: 1, seed: 7 } });
      expect(res.status).toBe(202);
      const accepted = await json(res);
      expect(accepted).toEqual({ id: accepted.id, status: 'queued', parent: null, links: { self: `/v1/plans/${accepted.id}`, events: `/v1/plans/${accepted.id}/events` } });
      planId = accepted.id;
      const job = await waitForJob(svc, planId);
      expect(job).toMatchObject({ status: 'succeeded', kind: 'plan', dataset: datasetId, start: '2026-03-09', weeks: 1, progress: { linesDone: 2, linesTotal: 2 }, error: null, attempts: 1 });
      expect((job.figures as any).visits).toBe(2 * 5 * 10);
      expect((job.lines as any[]).map((l) => l.line)).toEqual(['L01', 'L02']);
      expect(fake.calls.at(-1)).toMatchObject({ start: '2026-03-09', weeks: 1, seed: 7 });
      expect(fake.calls.at(-1)!.lines).toBeUndefined();
    });

    test("a manager's day: ordered stops with times, shop, phone, coordinates, legs; remote visits; figures", async () => {
      const res = await svc.call('GET', `/v1/plans/${planId}/lines/L01/days/2026-03-10`, { key: svc.keys.l01 });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const day = await json(res);
      expect(day).toMatchObject({ plan: planId, line: 'L01', manager: '王磊', date: '2026-03-10', blocked: false, base: { lon: 114.06, lat: 32.13 }, leaveBase: '08:00' });
      expect(day.stops).toHaveLength(8);
      expect(day.stops[0]).toEqual({
        seq: 1, retailer: 'R01', name: '一号店1', phone: '13800130100', lon: 114.01, lat: 32.1234, county: '浉河区', township: '老城街道',
        mode: 'in_person', kind: 'routine', arrive: '08:30', start: '08:30', depart: '08:50',
        // No travel source given to this app: a straight leg, no turn-by-turn.
        leg: { km: 2, minutes: 5, instructions: [] },
        navigation: {
          amap: { app: expect.stringMatching(/^amapuri:\/\/route\/plan\/\?dlat=32\.12\d{4}&dlon=114\.01\d{4}&dname=%E4%B8%80/), web: expect.stringMatching(/^https:\/\/uri\.amap\.com\/navigation\?to=114\.01\d{4},32\.12\d{4},/) },
          baidu: { app: expect.stringMatching(/^baidumap:\/\/map\/direction\?destination=latlng:32\.1\d{5},114\.0\d{5}\|name:/), web: expect.stringMatching(/^https:\/\/api\.map\.baidu\.com\/direction\?origin=latlng:/) },
        },
      });
      expect(day.coordinateSystem).toBe('WGS-84');
      expect(day.directions).toMatchObject({ source: 'terrain', roads: false });
      expect(day.directions.note).toMatch(/^地形模型没有道路数据/);
      expect(day.returnLeg).toMatchObject({ minutes: null, instructions: [] });
      expect(day.stops.map((s: any) => s.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(day.remote).toEqual([
        { retailer: 'R09', name: '一号店9', phone: '13800130900', mode: 'phone' },
        { retailer: 'R10', name: '一号店10', phone: '13800131000', mode: 'phone' },
      ]);
      expect(day.figures).toMatchObject({ visits: 10, inPersonVisits: 8, remoteVisits: 2, km: 19, unplannedAllowed: 2 });
    });

    test('ETag: the phone that has the day gets 304 with no body', async () => {
      const path = `/v1/plans/${planId}/lines/L01/days/2026-03-10`;
      const first = await svc.call('GET', path, { key: svc.keys.l01 });
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      const again = await svc.call('GET', path, { key: svc.keys.l01, headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      expect(again.headers.get('content-length')).toBeNull();
      const weak = await svc.call('GET', path, { key: svc.keys.l01, headers: { 'if-none-match': `"other", W/${etag}` } });
      expect(weak.status).toBe(304);
      const stale = await svc.call('GET', path, { key: svc.keys.l01, headers: { 'if-none-match': '"stale"' } });
      expect(stale.status).toBe(200);
    });

    test('record what happened: done, failed with a reason, unplanned', async () => {
      const base = { plan: planId, date: '2026-03-10', mode: 'in_person' };
      const done = await svc.call('POST', '/v1/visits', { key: svc.keys.l01, body: { ...base, retailer: 'R01', outcome: 'done', startedAt: '2026-03-10T08:31:00+08:00', endedAt: '2026-03-10T08:50:00+08:00' } });
      expect(done.status).toBe(201);
      const d = await json(done);
      expect(d).toMatchObject({ duplicate: false, unplanned: { count: 0, allowed: 2 }, visit: { plan: planId, line: 'L01', retailer: 'R01', outcome: 'done', reason: null, endedAt: '2026-03-10T08:50:00+08:00' } });
      const failed = await svc.call('POST', '/v1/visits', { key: svc.keys.l01, body: { ...base, retailer: 'R02', outcome: 'failed', reason: 'closed', startedAt: '2026-03-10T09:00:00+08:00' } });
      expect(failed.status).toBe(201);
      expect((await json(failed)).visit).toMatchObject({ outcome: 'failed', reason: 'closed' });
      const unplanned = await svc.call('POST', '/v1/visits', { key: svc.keys.l01, body: { ...base, retailer: 'R11', outcome: 'unplanned', startedAt: '2026-03-10T10:00:00+08:00' } });
      expect(unplanned.status).toBe(201);
      expect((await json(unplanned)).unplanned).toEqual({ count: 1, allowed: 2 });
      const list = await json(await svc.call('GET', `/v1/visits?plan=${planId}&line=L01&date=2026-03-10`, { key: svc.keys.l01 }));
      expect(list.visits.map((v: any) => [v.retailer, v.outcome])).toEqual([['R01', 'done'], ['R02', 'failed'], ['R11', 'unplanned']]);
    });

    test('re-plan one line after a blocked day and a closed shop: a new plan id, the planner asked for that line only, with history and previous', async () => {
      const res = await svc.call('POST', `/v1/plans/${planId}/replan`, { key: svc.keys.l01, body: { line: 'L01', blocked: ['2026-03-12'] } });
      expect(res.status).toBe(202);
      const accepted = await json(res);
      expect(accepted.parent).toBe(planId);
      expect(accepted.id).not.toBe(planId);
      replanId = accepted.id;
      const job = await waitForJob(svc, replanId);
      expect(job).toMatchObject({ status: 'succeeded', kind: 'replan', parent: planId, progress: { linesDone: 1, linesTotal: 1 } });

      const call = fake.calls.at(-1)!;
      expect(call.lines).toEqual(['L01']);
      expect(call.blocked).toEqual([{ line: 'L01', date: '2026-03-12' }]);
      expect(call.history).toEqual([
        { retailer: 'R01', date: '2026-03-10', mode: 'in_person', outcome: 'done' },
        { retailer: 'R02', date: '2026-03-10', mode: 'in_person', outcome: 'failed', reason: 'closed' },
        { retailer: 'R11', date: '2026-03-10', mode: 'in_person', outcome: 'unplanned' },
      ]);
      expect(call.previous?.lines.map((l) => l.line)).toEqual(['L01', 'L02']);
      expect(call.closed).toEqual([{ retailer: 'R02', date: '2026-03-10' }]);

      // The new plan: L01 re-planned (blocked day empty, the closed shop gone), L02 copied; the old plan unchanged.
      const blocked = await json(await svc.call('GET', `/v1/plans/${replanId}/lines/L01/days/2026-03-12`));
      expect(blocked).toMatchObject({ blocked: true, stops: [], remote: [] });
      const later = await json(await svc.call('GET', `/v1/plans/${replanId}/lines/L01/days/2026-03-13`));
      expect(later.stops.map((s: any) => s.retailer)).not.toContain('R02');
      const other = await svc.call('GET', `/v1/plans/${replanId}/lines/L02/days/2026-03-12`);
      const otherBefore = await svc.call('GET', `/v1/plans/${planId}/lines/L02/days/2026-03-12`);
      expect((await json(other)).stops).toEqual((await json(otherBefore)).stops);
      const old = await json(await svc.call('GET', `/v1/plans/${planId}/lines/L01/days/2026-03-12`));
      expect(old.blocked).toBe(false);
    });

    test('exports: CSV of one line, XLSX and GeoJSON', async () => {
      const res = await svc.call('GET', `/v1/plans/${planId}/export.csv?line=L01`, { key: svc.keys.l01 });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="plan-${planId}-L01.csv"`);
      const text = await res.text();
      const rows = text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
      expect(rows[0]).toBe('线路,客户经理,日期,顺序,零售户编号,零售户,客户类别,拜访类型,到达,开始,离开,路段里程(公里),路段时间(分钟),电话,经度,纬度');
      expect(rows).toHaveLength(1 + 5 * 10);
      // English on request, built apart from the Chinese file.
      const en = await (await svc.call('GET', `/v1/plans/${planId}/export.csv?line=L01&language=en`, { key: svc.keys.l01 })).text();
      const enRows = en.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
      expect(enRows[0]).toBe('line,manager,date,order,retailer,name,class,kind,arrive,start,depart,leg_km,leg_minutes,phone,lon,lat');
      expect(enRows.slice(1).map((r) => r.split(',')[3])).toEqual(rows.slice(1).map((r) => r.split(',')[3]));
      const xlsx = await svc.call('GET', `/v1/plans/${planId}/export.xlsx`);
      expect(xlsx.status).toBe(200);
      expect(new Uint8Array(await xlsx.arrayBuffer()).subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
      const geo = await svc.call('GET', `/v1/plans/${planId}/export.geojson?line=L02`);
      expect(geo.status).toBe(200);
      expect((await json(geo)).type).toBe('FeatureCollection');
    });

    test('the OpenAPI document lists the routes, /health and /metrics answer', async () => {
      const doc = await json(await fetch(`${svc.url}/docs/json`));
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/v1/datasets', '/v1/plans', '/v1/plans/{id}', '/v1/plans/{id}/events', '/v1/plans/{id}/lines/{line}/days/{date}', '/v1/visits', '/v1/plans/{id}/replan', '/health']),
      );
      const ui = await fetch(`${svc.url}/docs`, { redirect: 'manual' });
      expect([200, 302]).toContain(ui.status);
      const health = await fetch(`${svc.url}/health`);
      expect(await health.json()).toEqual({ status: 'ok', store: 'ok', jobs: { running: null, queued: 0 }, imports: { checking: 0, waiting: 0 }, exports: { building: 0 } });
      const metrics = await (await fetch(`${svc.url}/metrics`)).text();
      expect(metrics).toContain('http_requests_total{method="GET",route="/v1/plans/:id/lines/:line/days/:date",status="200"}');
      expect(metrics).toMatch(/plan_job_duration_seconds_count\{outcome="succeeded"\} 2/);
      expect(metrics).toContain('plan_jobs_succeeded 2');
    });
  });
});
