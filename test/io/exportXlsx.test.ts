import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { PlanExportError } from '../../src/io/exportPlan.ts';
import { planXlsx } from '../../src/io/exportPlanXlsx.ts';
import { sheetNamer, textWidth } from '../../src/io/xlsxSheet.ts';
import { cellText } from '../../src/io/xlsxRows.ts';
import { LINES, RETAILERS, expectGolden, fixturePlan, regenerate } from './exportFixture.ts';

async function workbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

/**
 * A row's cells as text (numbers unformatted), trailing blanks dropped; a merged range
 * shows its text once, in its first cell, as Excel does.
 */
function cells(sheet: ExcelJS.Worksheet, row: number): string[] {
  const r = sheet.getRow(row);
  const values = Array.from({ length: r.cellCount }, (_, i) => {
    const cell = r.getCell(i + 1);
    return cell.isMerged && cell.master !== cell ? '' : cellText(cell.value);
  });
  while (values.length > 0 && values.at(-1) === '') values.pop();
  return values;
}

/** The whole workbook as text, one line per row: what the golden files hold. */
function dump(wb: ExcelJS.Workbook): string {
  const out: string[] = [];
  for (const sheet of wb.worksheets) {
    out.push(`## ${sheet.name}`);
    for (let r = 1; r <= sheet.rowCount; r++) out.push(`${r}: ${cells(sheet, r).join(' | ')}`);
  }
  return `${out.join('\n')}\n`;
}

describe('planXlsx in Chinese (the default)', async () => {
  const bytes = await planXlsx(fixturePlan(), RETAILERS, LINES);
  const wb = await workbook(bytes);
  const l01 = wb.getWorksheet('L01')!;
  const l02 = wb.getWorksheet('L02')!;

  it('matches the golden dump', () => {
    regenerate('plan.zh.xlsx', bytes);
    expectGolden('plan.zh.xlsx.txt', dump(wb));
  });

  it('has a summary sheet first, then per line its summary and its days', () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual(['汇总', 'L01 汇总', 'L01', 'L02 汇总', 'L02']);
  });

  it('heads a line sheet in Chinese and freezes the header row', () => {
    expect(cells(l01, 1)).toEqual(['日期', '星期', '顺序', '零售户', '编号', '客户类别', '拜访类型', '到达', '开始', '离开', '里程(公里)', '油耗(升)', '油费(元)', '市场时长(小时)', '电话', '地址', '客户经理']);
    expect(l01.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(l01.getColumn(4).width).toBeGreaterThanOrEqual(textWidth('好又多超市, "旗舰店"'));
  });

  it('lays out a week: heading, leaving base, stops with lunch where it falls, return, remote visits, totals', () => {
    expect([2, 3, 4, 5, 6, 7, 8, 9, 10].map((r) => cells(l01, r))).toEqual([
      ['第1周（2025-03-03 至 2025-03-09）'],
      ['2025-03-04', '周二', '', '驻地出发', '', '', '', '', '', '07:52', '', '', '', '', '', '', '王磊'],
      ['2025-03-04', '周二', '1', '张记烟酒', 'R0001', '普通终端', '实地（常规）', '08:00', '08:00', '08:20', '2.31', '', '', '', '13800138001', '浉河区 老城街道', '王磊'],
      ['2025-03-04', '周二', '2', '李家便利店', 'R0002', '普通终端', '实地（常规）', '08:40', '08:40', '11:30', '3.1', '', '', '', '0376-6221234', '浉河区 五星街道', '王磊'],
      ['2025-03-04', '周二', '', '午餐', '', '', '', '', '11:35', '', '', '', '', '', '', '', '王磊'],
      ['2025-03-04', '周二', '3', '好又多超市, "旗舰店"', 'R0003', '普通终端', '实地（常规）', '12:50', '12:50', '13:10', '4.04', '', '', '', '13800138003', '浉河区 老城街道', '王磊'],
      ['2025-03-04', '周二', '', '返回驻地', '', '', '', '13:40', '', '', '5.5', '', '', '', '', '', '王磊'],
      ['2025-03-04', '周二', '', '王姐小卖部', 'R0004', '普通终端', '电话', '', '', '', '', '', '', '', '', '浉河区', '王磊'],
      ['2025-03-04', '周二', '', '当日合计', '', '', '', '', '', '', '14.95', '1.2', '9.21', '4.17', '', '', '王磊'],
    ]);
    expect(l01.getCell('K10').numFmt).toBe('0.0');
    expect(l01.getCell('M10').numFmt).toBe('0.00');
    expect(cells(l01, 11)).toEqual(['第2周（2025-03-10 至 2025-03-16）']);
  });

  it('says when a day is blocked, and lists the visits not placed with why', () => {
    expect(cells(l02, 3)).toEqual(['2025-03-04', '周二', '', '停线（会议、培训），无拜访', '', '', '', '', '', '', '', '', '', '', '', '', '李娜']);
    const last = l02.rowCount;
    expect(cells(l02, last - 1)).toEqual(['未安排的拜访']);
    expect(cells(l02, last)).toEqual(['', '', '', '山里人家', 'R0104', '普通终端', '原因：no day of the horizon fits its window', '', '', '', '', '', '', '', '13900139004', '平桥区 邢集镇', '李娜']);
  });

  it('sets the plan figures beside the baseline, with the plan’s ratios', () => {
    const summary = wb.getWorksheet('汇总')!;
    expect(cells(summary, 1)).toEqual(['指标', '方案', '基线', '差额', '方案/基线']);
    expect(cells(summary, 2)).toEqual(['总费用(元)', '40', '52.5', '-12.5', String(40 / 52.5)]);
    expect(summary.getCell('E2').numFmt).toBe('0.0%');
    expect(cells(summary, 12)).toEqual(['实地拜访占比', '0.7', '1', '-0.3']);
    // Figures, a blank, start/weeks/lines, a blank, visits by kind (heading and five), a blank, then the lines.
    const lineHeader = cells(summary, 1 + 30 + 1 + 3 + 1 + 6 + 1 + 1);
    expect(lineHeader).toEqual(['线路', '客户经理', '费用(元)', '基线费用(元)', '里程(公里)', '基线里程(公里)', '实地拜访占比', '未安排拜访', '备注']);
    expect(cells(summary, 46)).toEqual(['L02', '李娜', '18.6', '22.5', '18.5', '28.2', '0.7', '1']);
  });
});

describe('planXlsx in English', async () => {
  const bytes = await planXlsx(fixturePlan(), RETAILERS, LINES, { language: 'en' });
  const wb = await workbook(bytes);

  it('matches the golden dump', () => {
    regenerate('plan.en.xlsx', bytes);
    expectGolden('plan.en.xlsx.txt', dump(wb));
  });

  it('names the summary and heads the columns in English', () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'L01 summary', 'L01', 'L02 summary', 'L02']);
    expect(cells(wb.getWorksheet('L01')!, 1)).toEqual(['Date', 'Weekday', 'Order', 'Retailer', 'ID', 'Class', 'Visit', 'Arrive', 'Start', 'Depart', 'Distance (km)', 'Fuel (litres)', 'Fuel (yuan)', 'Market hours', 'Phone', 'Address', 'Manager']);
    expect(cells(wb.getWorksheet('L01')!, 3)).toEqual(['2025-03-04', 'Tue', '', 'Leave base', '', '', '', '', '', '07:52', '', '', '', '', '', '', '王磊']);
    expect(cells(wb.getWorksheet('L01')!, 4).slice(5, 7)).toEqual(['ordinary', 'in person, routine']);
    expect(cells(wb.getWorksheet('Summary')!, 1)).toEqual(['Figure', 'Plan', 'Baseline', 'Difference', 'Plan / baseline']);
  });
});

describe('planXlsx refusals and sheet names', () => {
  it('rejects a plan naming a retailer the dataset lacks, naming it', async () => {
    const plan = fixturePlan();
    plan.lines[1].notPlaced[0].retailer = 'R9999';
    const e = await planXlsx(plan, RETAILERS, LINES).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(PlanExportError);
    expect((e as Error).message).toBe('the plan names retailers missing from the dataset: R9999 (line L02, not placed)');
  });

  it('shows a failed line’s error on its sheet', async () => {
    const plan = fixturePlan();
    plan.lines[1] = { ...plan.lines[1], days: [], notPlaced: [], error: 'solver ran out of time' };
    const wb = await workbook(await planXlsx(plan, RETAILERS, LINES));
    expect(cells(wb.getWorksheet('L02')!, 2)).toEqual(['本线路未能排出：solver ran out of time']);
    expect(cells(wb.getWorksheet('L02 汇总')!, 39)).toEqual(['本线路未能排出：solver ran out of time']);
    expect(wb.getWorksheet('L02')!.rowCount).toBe(2);
  });

  it('gives every sheet a name Excel accepts, once', () => {
    const name = sheetNamer();
    expect(name('汇总')).toBe('汇总');
    expect(name('A'.repeat(32))).toBe('A'.repeat(31));
    expect(name('A'.repeat(32) + 'B')).toBe(`${'A'.repeat(29)}~2`);
    expect(name('l01')).toBe('l01');
    expect(name('L01')).toBe('L01~2');
    expect(name('History')).toBe('History_');
    expect(name('a/b')).toBe('a_b');
  });
});
