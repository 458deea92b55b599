/**
 * The month's audit sample (issue 15): at least the policy's share (2%) of each manager's
 * completed visits, seeded and the same on every draw, read by planners as JSON and XLSX,
 * refused to managers.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditSample } from '../../src/service/audit/sample.ts';
import type { StoredVisit } from '../../src/service/store/visits.ts';
import { cellText } from '../../src/io/xlsxRows.ts';
import { fakePlanner } from './support/fakePlanner.ts';
import { STORES, seedPlan, startTestService, type TestService } from './support/harness.ts';
import { POLICY_TEXT, tinyUpload } from './support/dataset.ts';

describe.each(STORES)('on %s', (store) => {
  /** `n` records of a line in a month, one a day round the month, ids in order. */
  function records(line: string, month: string, n: number, over: Partial<StoredVisit> = {}): StoredVisit[] {
    return Array.from({ length: n }, (_, k) => {
      const date = `${month}-${String((k % 28) + 1).padStart(2, '0')}`;
      return {
        id: `${line}-${month}-${k}`, datasetId: 'd', planId: 'p', line, retailer: line === 'L01' ? 'R01' : 'R21', date, mode: 'in_person', outcome: 'done',
        reason: null, startedAt: `${date}T10:00:00+08:00`, endedAt: null, receivedAt: `${date}T10:30:00+08:00`, keyId: 'k', ...over,
      } as StoredVisit;
    });
  }

  describe('auditSample', () => {
    const visits = [
      ...records('L01', '2026-03', 120),
      ...records('L01', '2026-03', 30, { outcome: 'failed', reason: 'closed' }).map((v) => ({ ...v, id: `${v.id}-f` })),
      ...records('L01', '2026-04', 40),
      ...records('L02', '2026-03', 49),
      ...records('L02', '2026-03', 2, { outcome: 'unplanned' }).map((v) => ({ ...v, id: `${v.id}-u` })),
    ];

    test("draws the share of each line's completed visits of the month, rounded up", () => {
      const sample = auditSample(visits, '2026-03', 7, 0.02);
      expect(sample.map((s) => [s.line, s.completed, s.sampled.length])).toEqual([
        ['L01', 120, 3],
        ['L02', 51, 2],
      ]);
      for (const s of sample) {
        expect(s.sampled.length / s.completed).toBeGreaterThanOrEqual(0.02);
        for (const v of s.sampled) expect(v.line === s.line && v.date.startsWith('2026-03-') && v.outcome !== 'failed').toBe(true);
      }
      expect(auditSample(visits, '2026-03', 7, 0.05).map((s) => s.sampled.length)).toEqual([6, 3]);
      // A line with one visit gets it sampled; a month with none has no line.
      expect(auditSample(records('L09', '2026-05', 1), '2026-05', 1, 0.02).map((s) => s.sampled.length)).toEqual([1]);
      expect(auditSample(visits, '2026-06', 1, 0.02)).toEqual([]);
    });

    test('the same month and seed give the same sample, whatever order the records come in', () => {
      const ids = (s: ReturnType<typeof auditSample>) => s.flatMap((l) => l.sampled.map((v) => v.id));
      const first = ids(auditSample(visits, '2026-03', 7, 0.02));
      expect(ids(auditSample([...visits].reverse(), '2026-03', 7, 0.02))).toEqual(first);
      expect(ids(auditSample(visits, '2026-03', 7, 0.02))).toEqual(first);
      // Another seed draws other records (fixed: the ranks are hashes of seed, month and id).
      expect(ids(auditSample(visits, '2026-03', 8, 0.02))).not.toEqual(first);
    });
  });

  describe('GET /v1/audit/sample', () => {
    let svc: TestService;
    let datasetId = '';
    let wide = '';
    beforeAll(async () => {
      svc = await startTestService(fakePlanner().planner, { store });
      let planId: string;
      ({ datasetId, planId } = await seedPlan(svc, tinyUpload()));
      const policy = JSON.parse(POLICY_TEXT);
      policy.auditSampleShare = { value: 0.1, reason: 'auditors of this test sample a tenth' };
      wide = (await seedPlan(svc, tinyUpload({ policy: { name: 'policy.json', text: JSON.stringify(policy) } }))).datasetId;
      for (const ds of [datasetId, wide]) {
        for (const v of [...records('L01', '2026-03', 120), ...records('L02', '2026-03', 60), ...records('L01', '2026-03', 10, { outcome: 'failed', reason: 'closed' }).map((x) => ({ ...x, id: `${x.id}-f` }))]) {
          await svc.store.visits.insert({ ...v, id: `${ds}-${v.id}`, datasetId: ds, planId });
        }
      }
    });
    afterAll(async () => {
      await svc?.stop();
    });

    const get = async (path: string, key?: string) => {
      const res = await svc.call('GET', path, key === undefined ? {} : { key });
      return { status: res.status, body: (await res.json()) as any };
    };

    test("a planner reads each line's sample, the same on every draw", async () => {
      const a = await get(`/v1/audit/sample?dataset=${datasetId}&month=2026-03&seed=42`);
      expect(a.status).toBe(200);
      expect(a.body.share).toBe(0.02);
      expect(a.body.lines.map((l: any) => [l.line, l.completed, l.sampled.length])).toEqual([
        ['L01', 120, 3],
        ['L02', 60, 2],
      ]);
      const again = await get(`/v1/audit/sample?dataset=${datasetId}&month=2026-03&seed=42`);
      expect(again.body).toEqual(a.body);
      const other = await get(`/v1/audit/sample?dataset=${datasetId}&month=2026-03&seed=43`);
      expect(other.body.lines.flatMap((l: any) => l.sampled.map((v: any) => v.id))).not.toEqual(a.body.lines.flatMap((l: any) => l.sampled.map((v: any) => v.id)));
      // The dataset's own policy sets the share.
      const tenth = await get(`/v1/audit/sample?dataset=${wide}&month=2026-03&seed=42`);
      expect(tenth.body.lines.map((l: any) => l.sampled.length)).toEqual([12, 6]);
    });

    test('refused to a manager key, and a bad month or an unknown dataset named', async () => {
      for (const path of [`/v1/audit/sample?dataset=${datasetId}&month=2026-03`, `/v1/audit/sample.xlsx?dataset=${datasetId}&month=2026-03`]) {
        expect(await get(path, svc.keys.l01)).toEqual({ status: 403, body: { statusCode: 403, code: 'VP_FORBIDDEN', message: 'this route is for planner keys' } });
      }
      const bad = await get(`/v1/audit/sample?dataset=${datasetId}&month=2026-13`);
      expect(bad.status).toBe(400);
      expect(bad.body.issues).toEqual([{ in: 'querystring', path: 'month', message: 'expected a month YYYY-MM' }]);
      expect(await get('/v1/audit/sample?dataset=nope&month=2026-03')).toEqual({ status: 404, body: { statusCode: 404, code: 'VP_NOT_FOUND', message: 'dataset nope not found' } });
    });

    test('the XLSX lists the sampled records with the manager and the retailer, and sums them up per line', async () => {
      const json = await get(`/v1/audit/sample?dataset=${datasetId}&month=2026-03&seed=42`);
      const res = await svc.call('GET', `/v1/audit/sample.xlsx?dataset=${datasetId}&month=2026-03&seed=42`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="audit-${datasetId}-2026-03-seed42.xlsx"`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
      expect(wb.worksheets.map((s) => s.name)).toEqual(['抽查汇总', '抽查名单']);
      const rows = (s: ExcelJS.Worksheet) => Array.from({ length: s.rowCount }, (_, i) => (s.getRow(i + 1).values as ExcelJS.CellValue[]).slice(1).map((v) => cellText(v)));
      const list = rows(wb.getWorksheet('抽查名单')!);
      expect(list[0]).toEqual(['线路', '客户经理', '日期', '记录编号', '零售户编号', '零售户', '客户类别', '拜访方式', '结果', '开始', '结束']);
      expect(list.slice(1).map((r) => r[3])).toEqual(json.body.lines.flatMap((l: any) => l.sampled.map((v: any) => v.id)));
      expect(list[1].slice(4, 9)).toEqual(['R01', '一号店1', '普通终端', '实地', '完成']);
      expect(rows(wb.getWorksheet('抽查汇总')!).slice(0, 3)).toEqual([
        ['线路', '客户经理', '完成拜访', '抽查', '抽查比例'],
        ['L01', '王磊', '120', '3', '0.025'],
        ['L02', '李娜', '60', '2', String(2 / 60)],
      ]);
      expect(wb.getWorksheet('抽查名单')!.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, printTitlesRow: '1:1' });
    });
  });
});
