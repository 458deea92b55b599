import { stringify } from 'csv-stringify/sync';
import type { Line } from '../domain/line.ts';
import type { Plan } from '../domain/plan.ts';
import type { Retailer } from '../domain/retailer.ts';
import { dayVisits, daysInOrder, planLookup, round } from './exportPlan.ts';
import { XLSX_LABELS, type ExportLanguage } from './exportXlsxLabels.ts';

/** The columns of a plan's CSV, in their written order (the English headers). */
export const PLAN_CSV_COLUMNS = [
  'line', 'manager', 'date', 'order', 'retailer', 'name', 'class', 'kind', 'arrive', 'start', 'depart',
  'leg_km', 'leg_minutes', 'phone', 'lon', 'lat',
] as const;
export type PlanCsvColumn = (typeof PLAN_CSV_COLUMNS)[number];

/** The Chinese headers, what a planner in China hands out. */
const ZH_HEADERS: Record<PlanCsvColumn, string> = {
  line: '线路', manager: '客户经理', date: '日期', order: '顺序', retailer: '零售户编号', name: '零售户', class: '客户类别',
  kind: '拜访类型', arrive: '到达', start: '开始', depart: '离开', leg_km: '路段里程(公里)', leg_minutes: '路段时间(分钟)',
  phone: '电话', lon: '经度', lat: '纬度',
};

type CsvRow = Record<PlanCsvColumn, string | number | null>;

/**
 * A plan → CSV text, one row per visit: each line-day's in-person stops in driving order,
 * then its remote visits (no order, times or leg). Blocked days have no rows.
 *
 * Headers and values (class, visit kind) in Chinese by default, in English with
 * `language: 'en'`. The text starts with a UTF-8 BOM, without which Excel in China reads it
 * as GBK and garbles the names; records end in CRLF, as RFC 4180 asks and Excel writes.
 */
export function planCsv(plan: Plan, retailers: readonly Retailer[], lines: readonly Line[], options: { language?: ExportLanguage } = {}): string {
  const language = options.language ?? 'zh';
  const labels = XLSX_LABELS[language];
  const lookup = planLookup(plan, retailers, lines);
  const rows: CsvRow[] = [];
  for (const lp of plan.lines) {
    for (const day of daysInOrder(lp)) {
      for (const v of dayVisits(day, lookup)) {
        rows.push({
          line: lp.line,
          manager: lp.manager,
          date: day.date,
          order: v.order,
          retailer: v.retailer.id,
          name: v.retailer.name,
          class: labels.classes[v.retailer.class],
          kind: labels.kinds[v.kind],
          arrive: v.stop?.arrive ?? null,
          start: v.stop?.start ?? null,
          depart: v.stop?.depart ?? null,
          leg_km: v.stop ? round(v.stop.legKm, 2) : null,
          leg_minutes: v.stop ? round(v.stop.legMinutes, 1) : null,
          phone: v.retailer.phone,
          lon: round(v.retailer.lon, 6),
          lat: round(v.retailer.lat, 6),
        });
      }
    }
  }
  const columns = PLAN_CSV_COLUMNS.map((key) => ({ key, header: language === 'zh' ? ZH_HEADERS[key] : key }));
  return stringify(rows, { header: true, columns, bom: true, record_delimiter: 'windows' });
}
