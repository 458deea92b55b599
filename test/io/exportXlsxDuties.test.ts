/**
 * The XLSX a planner hands out (issue 15): manager, class and visit kind on every visit row,
 * holidays and blocked days as rows with their reason, a workday with no visit highlighted,
 * each sheet printable on A4 landscape with its header repeated, and a summary per line.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Calendar } from '../../src/domain/calendar.ts';
import type { Plan } from '../../src/domain/plan.ts';
import { planXlsx } from '../../src/io/exportPlanXlsx.ts';
import { cellText } from '../../src/io/xlsxRows.ts';
import { LINES, RETAILERS, fixturePlan } from './exportFixture.ts';

const CALENDAR: Calendar = {
  region: 'test',
  source: 'test',
  // A Wednesday in the plan's first week, a Saturday (no workday anyway) and a day after the plan.
  holidays: [{ date: '2025-03-05', name: '测试节' }, { date: '2025-03-08', name: '周六节' }, { date: '2025-03-20', name: '以后' }],
  workingWeekends: [],
};

const retailers = RETAILERS.map((r) => (r.id === 'R0001' ? { ...r, class: 'modern1' as const } : r.id === 'R0002' ? { ...r, class: 'modern2' as const } : r));

function dutiesPlan(): Plan {
  const plan = fixturePlan();
  const [l01, l02] = plan.lines;
  l01.days[0].stops[0].kind = 'analysis';
  l01.days[0].stops[1].kind = 'reevaluation';
  l01.duties = {
    analysis: [{ month: '2025-03', retailers: 1, doneBefore: 0, planned: 1, missing: 0, wholeMonth: false }],
    reevaluation: [{ quarter: '2025-Q1', target: 15, dueByPlanEnd: 13, doneBefore: 12, planned: 1, eligible: 1, onCourse: true, quarterWorkdays: 60, elapsedWorkdays: 50 }],
  };
  // A workday of L02 with nothing planned.
  l02.days.push({ ...l02.days[0], date: '2025-03-12', blocked: false });
  return plan;
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

const text = (sheet: ExcelJS.Worksheet, row: number) => {
  const r = sheet.getRow(row);
  return Array.from({ length: 17 }, (_, i) => cellText(r.getCell(i + 1).value));
};
const rowsOf = (sheet: ExcelJS.Worksheet) => Array.from({ length: sheet.rowCount }, (_, i) => text(sheet, i + 1));
const fillOf = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;

describe('planXlsx: the paperwork a planner hands out', async () => {
  const wb = await load(await planXlsx(dutiesPlan(), retailers, LINES, { calendar: CALENDAR }));
  const l01 = wb.getWorksheet('L01')!;
  const l02 = wb.getWorksheet('L02')!;

  it('names the manager, the class and the visit kind on every visit row', () => {
    const visits = rowsOf(l01).filter((r) => /^R\d+$/.test(r[4]));
    expect(visits.map((r) => `${r[4]} ${r[5]} ${r[6]} ${r[16]}`)).toEqual([
      'R0001 第一批现代终端 实地（经营分析） 王磊',
      'R0002 第二批现代终端 实地（季度复评） 王磊',
      'R0003 普通终端 实地（常规） 王磊',
      'R0004 普通终端 电话 王磊',
      'R0005 普通终端 实地（常规） 王磊',
      'R0001 第一批现代终端 实地（常规） 王磊',
      'R0003 普通终端 网络 王磊',
    ]);
  });

  it('shows a weekday holiday in the plan’s weeks as a grey row with its name, in date order', () => {
    for (const sheet of [l01, l02]) {
      const rows = rowsOf(sheet);
      const k = rows.findIndex((r) => r[0] === '2025-03-05');
      expect(rows[k].slice(0, 4)).toEqual(['2025-03-05', '周三', '', '节假日（测试节），无拜访']);
      expect(rows[k - 1][0] < '2025-03-05' || rows[k - 1][0].startsWith('第1周')).toBe(true);
      expect(fillOf(sheet.getCell(k + 1, 17))).toBe('FFEDEDED');
    }
    // Weekend and out-of-plan holidays are no rows.
    expect(rowsOf(l01).some((r) => r[0] === '2025-03-08' || r[0] === '2025-03-20')).toBe(false);
  });

  it('shows a blocked day grey with its reason, and highlights a workday with no visit', () => {
    const rows = rowsOf(l02);
    const blocked = rows.findIndex((r) => r[0] === '2025-03-04');
    expect(rows[blocked][3]).toBe('停线（会议、培训），无拜访');
    expect(fillOf(l02.getCell(blocked + 1, 10))).toBe('FFEDEDED');
    const empty = rows.findIndex((r) => r[0] === '2025-03-12' && r[3] === '无拜访');
    expect(empty).toBeGreaterThan(0);
    for (const col of [1, 4, 10, 17]) expect(fillOf(l02.getCell(empty + 1, col))).toBe('FFFCE4D6');
    // A day with visits is not highlighted.
    const busy = rows.findIndex((r) => r[0] === '2025-03-11');
    expect(fillOf(l02.getCell(busy + 1, 1))).toBeUndefined();
  });

  it('prints every sheet on A4 landscape, one page wide, the header row on each page', () => {
    expect(wb.worksheets).toHaveLength(5);
    for (const sheet of wb.worksheets) {
      expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    }
  });

  it('gives each line a summary: its figures beside the baseline, visits by kind, its duties', () => {
    const sheet = wb.getWorksheet('L01 汇总')!;
    const rows = rowsOf(sheet).map((r) => r.filter((c) => c !== '').join(' | '));
    expect(rows[0]).toBe('指标 | 方案 | 基线 | 差额 | 方案/基线');
    expect(rows[1]).toBe(`总费用(元) | 21.4 | 30 | -8.6 | ${21.4 / 30}`);
    expect(rows).toContain('客户经理 | 王磊');
    const kinds = rows.indexOf('按类型拜访次数');
    expect(rows.slice(kinds + 1, kinds + 6)).toEqual(['实地（常规） | 3', '实地（经营分析） | 1', '实地（季度复评） | 1', '电话 | 1', '网络 | 1']);
    const analysis = rows.indexOf('第一批现代终端月度经营分析');
    expect(rows.slice(analysis + 1, analysis + 3)).toEqual(['月份 | 零售户数 | 计划前已完成 | 本计划安排 | 未安排', '2025-03 | 1 | 0 | 1 | 0']);
    const re = rows.indexOf('第二批现代终端季度复评');
    expect(rows.slice(re + 1, re + 3)).toEqual(['季度 | 季度要求 | 至计划末应完成 | 计划前已完成 | 本计划安排 | 进度达标', '2025-Q1 | 15 | 13 | 12 | 1 | 是']);
  });
});
