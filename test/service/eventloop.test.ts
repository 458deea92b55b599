import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { LINE_COLUMNS } from '../../src/domain/line.ts';
import { RETAILER_COLUMNS } from '../../src/domain/retailer.ts';
import { fakePlanner } from './support/fakePlanner.ts';
import { seedPlan, startTestService, waitForJob, type TestService } from './support/harness.ts';
import { csv, lineRow, retailerRow, tinyUpload } from './support/dataset.ts';
import { poll } from '../support/poll.ts';

let svc: TestService | undefined;
afterEach(async () => {
  await svc?.stop();
  svc = undefined;
});

describe('requests read columns, not whole plans or datasets', () => {
  test('listing plans, serving a day, recording a visit, asking for a re-plan: no plan or dataset is parsed whole', async () => {
    const fake = fakePlanner();
    const s = (svc = await startTestService(fake.planner));
    const { planId, datasetId } = await seedPlan(s, tinyUpload());
    // A job held running, so that the re-plan asked for below waits (the runner, not the route, reads plans whole).
    fake.hold();
    await s.call('POST', '/v1/plans', { key: s.keys.planner2, body: { dataset: datasetId, start: '2026-03-16', weeks: 1 } });
    const plans = vi.spyOn(s.store.plans, 'get');
    const datasets = [vi.spyOn(s.store.datasets, 'get'), vi.spyOn(s.store.datasets, 'load')];

    const list = (await (await s.call('GET', '/v1/plans')).json()) as { plans: Record<string, unknown>[] };
    expect(list.plans.find((p) => p.id === planId)).toMatchObject({ status: 'succeeded', figures: { visits: 100 } });
    expect(list.plans[0]).not.toHaveProperty('lines');
    expect((await s.call('GET', `/v1/plans/${planId}`)).status).toBe(200);
    expect((await s.call('GET', `/v1/plans/${planId}/lines/L01/days/2026-03-10`, { key: s.keys.l01 })).status).toBe(200);
    const visit = { plan: planId, retailer: 'R01', date: '2026-03-10', mode: 'in_person', outcome: 'done', startedAt: '2026-03-10T09:00:00+08:00' };
    expect((await s.call('POST', '/v1/visits', { key: s.keys.l01, body: visit })).status).toBe(201);
    expect((await s.call('POST', `/v1/plans/${planId}/replan`, { key: s.keys.l01, body: { line: 'L01', blocked: ['2026-03-11'] } })).status).toBe(202);

    expect(plans).not.toHaveBeenCalled();
    for (const d of datasets) expect(d).not.toHaveBeenCalled();
    fake.release();
  });
});

describe('exports are built off the event loop and kept', () => {
  test('other requests are answered while a large XLSX is built; the file is built once, then served from disk', async () => {
    // 40 lines of 60 shops, four weeks: 8,000 visits for exceljs to lay out.
    const rows = Array.from({ length: 2400 }, (_, i) => retailerRow({ id: `R${i}`, line: `L${Math.floor(i / 60)}` }));
    const lines = Array.from({ length: 40 }, (_, i) => lineRow({ line: `L${i}` }));
    const upload = tinyUpload({ retailers: { name: 'retailers.csv', text: csv(rows, RETAILER_COLUMNS) }, lines: { name: 'lines.csv', text: csv(lines, LINE_COLUMNS) } });
    const s = (svc = await startTestService(fakePlanner().planner, { uploadLimitBytes: 8 * 1024 * 1024 }));
    const ds = ((await (await s.call('POST', '/v1/datasets', { body: upload })).json()) as { id: string }).id;
    const plan = ((await (await s.call('POST', '/v1/plans', { body: { dataset: ds, start: '2026-03-02', weeks: 4 } })).json()) as { id: string }).id;
    expect(await waitForJob(s, plan)).toMatchObject({ status: 'succeeded' });

    const first = s.call('GET', `/v1/plans/${plan}/export.xlsx`);
    await poll(async () => ((await (await fetch(`${s.url}/health`)).json()) as { exports: unknown }).exports, (e) => (e as { building: number }).building === 1, 'an export building', { timeoutMs: 20_000, everyMs: 5 });
    const a = Buffer.from(await (await first).arrayBuffer());
    expect(a.subarray(0, 2).toString()).toBe('PK');
    const dir = join(s.dir, 'exports');
    const [file] = readdirSync(dir);
    expect(file).toBe(`${plan}.zh.xlsx`);
    const built = statSync(join(dir, file)).mtimeMs;
    const again = await s.call('GET', `/v1/plans/${plan}/export.xlsx`);
    expect(again.headers.get('content-disposition')).toBe(`attachment; filename="plan-${plan}.xlsx"`);
    expect(Buffer.from(await again.arrayBuffer()).equals(a)).toBe(true);
    expect(statSync(join(dir, file)).mtimeMs).toBe(built);
  });
});
