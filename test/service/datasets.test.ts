import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LINE_COLUMNS } from '../../src/domain/line.ts';
import { RETAILER_COLUMNS } from '../../src/domain/retailer.ts';
import { fakePlanner } from './support/fakePlanner.ts';
import { STORES, startTestService, waitForJob, type TestService } from './support/harness.ts';
import { csv, POLICY_TEXT, tinyLines, tinyRetailers } from './support/dataset.ts';

describe.each(STORES)('on %s', (store) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(fakePlanner().planner, { store });
  });
  afterAll(async () => {
    await svc?.stop();
  });

  async function xlsxBase64(rows: Record<string, string>[], columns: readonly string[]): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('retailers');
    ws.addRow([...columns]);
    for (const r of rows) ws.addRow(columns.map((c) => r[c]));
    return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  }

  test('retailers as XLSX (base64), lines as CSV in GBK (base64): imported like the UTF-8 CSV', async () => {
    const { default: iconv } = await import('iconv-lite');
    const res = await svc.call('POST', '/v1/datasets', {
      body: {
        retailers: { name: 'retailers.xlsx', base64: await xlsxBase64(tinyRetailers(), RETAILER_COLUMNS) },
        lines: { name: 'lines.csv', base64: iconv.encode(csv(tinyLines(), LINE_COLUMNS), 'gbk').toString('base64') },
        policy: { name: 'policy.json', text: POLICY_TEXT },
      },
    });
    expect(res.status).toBe(201);
    const ds = (await res.json()) as { id: string; retailers: number; lines: number; files: string[] };
    expect(ds).toMatchObject({ retailers: 23, lines: 2, files: ['retailers.xlsx', 'lines.csv', 'policy.json'] });
    // The GBK names came through: the manager of L02 reads 李娜 in the plan.
    const job = (await (await svc.call('POST', '/v1/plans', { body: { dataset: ds.id, start: '2026-03-09', weeks: 1 } })).json()) as { id: string };
    const j = (await waitForJob(svc, job.id)) as { status: string; lines: { manager: string }[] };
    expect(j.status).toBe('succeeded');
    expect(j.lines.map((l) => l.manager)).toEqual(['王磊', '李娜']);
  });

  test('a bad cell in the XLSX is named by its worksheet row', async () => {
    const rows = tinyRetailers();
    rows[4] = { ...rows[4], order_weekday: '9' };
    const res = await svc.call('POST', '/v1/datasets', {
      body: {
        retailers: { name: 'retailers.xlsx', base64: await xlsxBase64(rows, RETAILER_COLUMNS) },
        lines: { name: 'lines.csv', text: csv(tinyLines(), LINE_COLUMNS) },
        policy: { name: 'policy.json', text: POLICY_TEXT },
      },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { message: string; problems: { text: string }[] };
    expect(body.message).toBe('the upload has 1 problem; nothing was stored');
    expect(body.problems.map((p) => p.text)).toEqual(['retailers.xlsx line 6, column order_weekday: "9": expected a weekday 1 to 5']);
  });
});
