import ExcelJS from 'exceljs';
import type { Line } from '../domain/line.ts';
import type { Retailer } from '../domain/retailer.ts';
import { XLSX_LABELS, type ExportLanguage } from './exportXlsxLabels.ts';
import { SheetWriter, sheetNamer } from './xlsxSheet.ts';

/** A visit record as the audit sheet lists it. */
export interface AuditVisit {
  readonly id: string;
  readonly line: string;
  readonly retailer: string;
  readonly date: string;
  readonly mode: 'in_person' | 'phone' | 'online';
  readonly outcome: 'done' | 'failed' | 'unplanned';
  readonly startedAt: string;
  readonly endedAt: string | null;
}

export interface AuditSheetInput {
  readonly month: string;
  readonly seed: number;
  readonly share: number;
  readonly lines: readonly { readonly line: string; readonly completed: number; readonly sampled: readonly AuditVisit[] }[];
}

const LABELS = {
  zh: {
    summary: '抽查汇总',
    list: '抽查名单',
    facts: (month: string, seed: number, share: number) => `${month} 拜访抽查：每名客户经理完成拜访的 ${(share * 100).toFixed(1)}%（向上取整），随机种子 ${seed}`,
    summaryColumns: ['线路', '客户经理', '完成拜访', '抽查', '抽查比例'],
    listColumns: ['线路', '客户经理', '日期', '记录编号', '零售户编号', '零售户', '客户类别', '拜访方式', '结果', '开始', '结束'],
    modes: { in_person: '实地', phone: '电话', online: '网络' },
    outcomes: { done: '完成', unplanned: '计划外', failed: '未成功' },
  },
  en: {
    summary: 'Audit summary',
    list: 'Audit sample',
    facts: (month: string, seed: number, share: number) => `Audit sample of ${month}: ${(share * 100).toFixed(1)}% of each manager's completed visits (rounded up), seed ${seed}`,
    summaryColumns: ['Line', 'Manager', 'Completed visits', 'Sampled', 'Share sampled'],
    listColumns: ['Line', 'Manager', 'Date', 'Record', 'Retailer ID', 'Retailer', 'Class', 'Mode', 'Outcome', 'Started', 'Ended'],
    modes: { in_person: 'in person', phone: 'phone', online: 'online' },
    outcomes: { done: 'done', unplanned: 'unplanned', failed: 'failed' },
  },
} as const;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };

/**
 * A month's audit sample → an XLSX workbook for the auditors: a summary (per line, the
 * manager, completed visits, how many sampled and the share) and the list of sampled
 * records with the retailer's name and class. Printable like the plan's workbook (A4
 * landscape, fit to width, header row on every page).
 */
export async function auditXlsx(input: AuditSheetInput, retailers: readonly Retailer[], lines: readonly Line[], language: ExportLanguage = 'zh'): Promise<Uint8Array> {
  const l = LABELS[language];
  const classes = XLSX_LABELS[language].classes;
  const manager = new Map(lines.map((x) => [x.line, x.manager]));
  const shop = new Map(retailers.map((r) => [r.id, r]));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'visit-planner';
  const name = sheetNamer();

  const summary = new SheetWriter(workbook, name(l.summary));
  summary.header(l.summaryColumns, HEADER_FILL);
  for (const x of input.lines) {
    summary.row([x.line, manager.get(x.line) ?? '', x.completed, x.sampled.length, x.completed > 0 ? x.sampled.length / x.completed : 0], { formats: [null, null, '0', '0', '0.0%'] });
  }
  summary.blank();
  summary.row([l.facts(input.month, input.seed, input.share)], { measure: false });
  summary.fitColumns();

  const list = new SheetWriter(workbook, name(l.list));
  list.header(l.listColumns, HEADER_FILL);
  for (const x of input.lines) {
    for (const v of x.sampled) {
      const r = shop.get(v.retailer);
      list.row([v.line, manager.get(v.line) ?? '', v.date, v.id, v.retailer, r?.name ?? '', r ? classes[r.class] : '', l.modes[v.mode], l.outcomes[v.outcome], v.startedAt, v.endedAt]);
    }
  }
  list.fitColumns();
  const buffer = (await workbook.xlsx.writeBuffer()) as unknown as Uint8Array;
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
