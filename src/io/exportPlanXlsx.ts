import ExcelJS from 'exceljs';
import type { Line } from '../domain/line.ts';
import type { LinePlan, Plan, PlannedDay } from '../domain/plan.ts';
import type { Retailer } from '../domain/retailer.ts';
import { addDays, weekday as isoWeekday } from '../domain/calendar.ts';
import { dayVisits, daysInOrder, planLookup, planWeek, round, type PlanLookup } from './exportPlan.ts';
import {
  LINE_SHEET_COLUMNS, SUMMARY_FIGURES, XLSX_LABELS, figureValue,
  type ExportLanguage, type LineSheetColumn, type XlsxLabels,
} from './exportXlsxLabels.ts';
import { SheetWriter, sheetNamer } from './xlsxSheet.ts';

export interface PlanXlsxOptions {
  /** Headers and labels; default Chinese, what the managers read. */
  language?: ExportLanguage;
}

/** Number formats of a line sheet's numeric columns. */
const LINE_FORMATS: Partial<Record<LineSheetColumn, string>> = { km: '0.0', litres: '0.00', yuan: '0.00', marketHours: '0.0' };

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const WEEK_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/**
 * A plan → an XLSX workbook: a summary sheet (the plan's figures beside the baseline's,
 * then one row per line), and a sheet per line (named by its id) with a block per week:
 * each day's departure, stops in driving order with lunch where it falls, return to base,
 * remote visits, and the day's totals; blocked days say so. Visits not placed close the
 * sheet. Times and dates are text (what the plan holds), distances and money numbers.
 */
export async function planXlsx(
  plan: Plan,
  retailers: readonly Retailer[],
  lines: readonly Line[],
  options: PlanXlsxOptions = {},
): Promise<Uint8Array> {
  const lookup = planLookup(plan, retailers, lines);
  const labels = XLSX_LABELS[options.language ?? 'zh'];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'visit-planner';
  const name = sheetNamer();
  summarySheet(new SheetWriter(workbook, name(labels.summarySheet)), plan, labels);
  for (const lp of plan.lines) lineSheet(new SheetWriter(workbook, name(lp.line)), plan, lp, lookup, labels);
  const buffer = (await workbook.xlsx.writeBuffer()) as unknown as Uint8Array;
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function summarySheet(sheet: SheetWriter, plan: Plan, labels: XlsxLabels): void {
  sheet.header(labels.summaryColumns, HEADER_FILL);
  for (const f of SUMMARY_FIGURES) {
    const p = figureValue(plan.figures, f.key);
    const b = figureValue(plan.baseline, f.key);
    const ratio = 'ratio' in f ? plan.ratios[f.ratio] : null;
    // Rounded only to drop float noise (50 - 68.2 is -18.200000000000003) from what a click shows.
    sheet.row([labels.figures[f.key], p, b, round(p - b, 6), ratio], { formats: [null, f.format, f.format, f.format, '0.0%'] });
  }
  sheet.blank();
  sheet.row([labels.start, plan.start]);
  sheet.row([labels.weeks, plan.weeks]);
  sheet.row([labels.lineCount, plan.lines.length]);
  sheet.blank();
  sheet.row(labels.lineColumns, { bold: true, fill: HEADER_FILL });
  for (const lp of plan.lines) {
    sheet.row(
      [lp.line, lp.manager, lp.figures.yuan, lp.baseline.yuan, lp.figures.km, lp.baseline.km, lp.figures.inPersonShare, lp.notPlaced.length, lp.error ?? null],
      { formats: [null, null, '0.00', '0.00', '0.0', '0.0', '0.0%', '0'] },
    );
  }
  sheet.fitColumns();
}

type Cells = Partial<Record<LineSheetColumn, string | number | null>>;

function lineSheet(sheet: SheetWriter, plan: Plan, lp: LinePlan, lookup: PlanLookup, labels: XlsxLabels): void {
  const width = LINE_SHEET_COLUMNS.length;
  const formats = LINE_SHEET_COLUMNS.map((c) => LINE_FORMATS[c] ?? null);
  const put = (cells: Cells, style: { bold?: boolean; italic?: boolean; measure?: boolean } = {}) =>
    sheet.row(LINE_SHEET_COLUMNS.map((c) => cells[c] ?? null), { formats, ...style });

  sheet.header(LINE_SHEET_COLUMNS.map((c) => labels.columns[c]), HEADER_FILL);
  if (lp.error !== undefined) sheet.banner(labels.lineFailed(lp.error), width, { colour: 'FFC00000' });
  // A rule no plan of this line can keep: by how much and why, above its days.
  for (const w of lp.warnings ?? []) sheet.banner(w, width, { colour: 'FFC00000' });

  const weeks = new Map<number, PlannedDay[]>();
  for (const day of daysInOrder(lp)) {
    const w = planWeek(plan.start, day.date);
    weeks.set(w, [...(weeks.get(w) ?? []), day]);
  }
  for (const [week, days] of weeks) {
    const from = addDays(plan.start, (week - 1) * 7);
    sheet.banner(labels.week(week, from, addDays(from, 6)), width, { fill: WEEK_FILL });
    for (const day of days) {
      const when: Cells = { date: day.date, weekday: labels.weekdays[isoWeekday(day.date)] };
      if (day.blocked) {
        put({ ...when, name: labels.blocked }, { italic: true });
        continue;
      }
      const visits = dayVisits(day, lookup);
      if (day.leaveBase !== null) put({ ...when, name: labels.leaveBase, depart: day.leaveBase });
      // Lunch starts on leaving a stop: it follows the last stop left by then.
      const lunchAfter = day.lunch === null ? -1 : day.stops.filter((s) => s.depart <= day.lunch!).length;
      if (lunchAfter === 0) put({ ...when, name: labels.lunch, start: day.lunch });
      for (const v of visits.filter((v) => v.stop !== null)) {
        put({
          ...when,
          order: v.order,
          name: v.retailer.name,
          retailer: v.retailer.id,
          mode: labels.modes[v.mode],
          arrive: v.stop!.arrive,
          start: v.stop!.start,
          depart: v.stop!.depart,
          km: round(v.stop!.legKm, 2),
          phone: v.retailer.phone,
          address: address(v.retailer),
        });
        if (v.order === lunchAfter) put({ ...when, name: labels.lunch, start: day.lunch });
      }
      if (day.backAtBase !== null) put({ ...when, name: labels.backAtBase, arrive: day.backAtBase, km: round(day.returnKm, 2) });
      // Remote visits have no time in the plan; they follow the drive, from the office.
      for (const v of visits.filter((v) => v.stop === null)) {
        put({ ...when, name: v.retailer.name, retailer: v.retailer.id, mode: labels.modes[v.mode], phone: v.retailer.phone, address: address(v.retailer) });
      }
      if (visits.length === 0) put({ ...when, name: labels.noVisits }, { italic: true });
      // Totals to the hundredth, so sums a manager makes in Excel add up to what is shown.
      const totals = { km: round(day.km, 2), litres: round(day.litres, 2), yuan: round(day.yuan, 2), marketHours: round(day.marketMinutes / 60, 2) };
      put({ ...when, name: labels.dayTotal, ...totals }, { bold: true });
    }
  }

  if (lp.notPlaced.length > 0) {
    sheet.blank();
    sheet.banner(labels.notPlaced, width, { fill: WEEK_FILL });
    for (const n of lp.notPlaced) {
      const r = lookup.retailer(n.retailer);
      // The reason sits where the mode would be and runs on over the empty cells; it is
      // text of any length, so these rows do not size the columns.
      put({ name: r.name, retailer: r.id, mode: `${labels.reason}${n.reason}`, phone: r.phone, address: address(r) }, { measure: false });
    }
  }
  sheet.fitColumns();
}

function address(r: Retailer): string {
  return [r.county, r.township].filter((s) => s !== '').join(' ');
}
