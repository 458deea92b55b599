import ExcelJS from 'exceljs';
import type { Line } from '../domain/line.ts';
import type { LinePlan, Plan, PlanFigures, PlannedDay, VisitKind } from '../domain/plan.ts';
import type { Retailer } from '../domain/retailer.ts';
import { addDays, weekday as isoWeekday, Workdays, type Calendar } from '../domain/calendar.ts';
import { dayVisits, daysInOrder, planLookup, planWeek, round, type DayVisit, type PlanLookup } from './exportPlan.ts';
import {
  LINE_SHEET_COLUMNS, SUMMARY_FIGURES, XLSX_LABELS, figureValue,
  type ExportLanguage, type LineSheetColumn, type XlsxLabels,
} from './exportXlsxLabels.ts';
import { SheetWriter, sheetNamer } from './xlsxSheet.ts';

export interface PlanXlsxOptions {
  /** Headers and labels; default Chinese, what the managers read. */
  language?: ExportLanguage;
  /** The dataset's calendar: its public holidays in the plan's weeks become rows with their names. */
  calendar?: Calendar;
}

/** Number formats of a line sheet's numeric columns. */
const LINE_FORMATS: Partial<Record<LineSheetColumn, string>> = { km: '0.0', litres: '0.00', yuan: '0.00', marketHours: '0.0' };

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
const HEADER_FILL = solid('FFD9D9D9');
const WEEK_FILL = solid('FFDDEBF7');
/** A day off (holiday, blocked) in grey; a workday with no visit stands out in orange. */
const OFF_FILL = solid('FFEDEDED');
const EMPTY_FILL = solid('FFFCE4D6');

/**
 * A plan → an XLSX workbook: a summary sheet (the plan's figures beside the baseline's,
 * visits by kind, the duties, then one row per line), and per line a summary sheet of its
 * own and a sheet of its days (named by its id) with a block per week: each day's departure,
 * stops in driving order with lunch where it falls, return to base, remote visits, and the
 * day's totals; every visit row names the manager, the retailer's class and the visit's kind.
 * Holidays and blocked days are rows with their reason, a workday with no visit is
 * highlighted, and visits not placed close the sheet. Every sheet prints on A4 landscape,
 * fit to the page's width, its header row repeated on each page. Times and dates are text
 * (what the plan holds), distances and money numbers.
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
  const holidays = holidaysIn(plan, options.calendar);
  summarySheet(new SheetWriter(workbook, name(labels.summarySheet)), plan, labels);
  for (const lp of plan.lines) {
    lineSummarySheet(new SheetWriter(workbook, name(labels.lineSummarySheet(lp.line))), plan, lp, lookup, labels);
    lineSheet(new SheetWriter(workbook, name(lp.line)), plan, lp, lookup, labels, holidays);
  }
  const buffer = (await workbook.xlsx.writeBuffer()) as unknown as Uint8Array;
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** Weekday holidays in the plan's weeks (weekends are no workdays anyway), date → name. */
function holidaysIn(plan: Plan, calendar: Calendar | undefined): Map<string, string> {
  const end = addDays(plan.start, 7 * plan.weeks);
  const out = new Map<string, string>();
  if (!calendar) return out;
  const workdays = new Workdays(calendar);
  for (const h of calendar.holidays) if (h.date >= plan.start && h.date < end && isoWeekday(h.date) <= 5 && !workdays.isWorkday(h.date)) out.set(h.date, h.name);
  return out;
}

const KINDS: readonly VisitKind[] = ['routine', 'analysis', 'reevaluation', 'phone', 'online'];

function kindCounts(lps: readonly LinePlan[]): Record<VisitKind, number> {
  const n: Record<VisitKind, number> = { routine: 0, analysis: 0, reevaluation: 0, phone: 0, online: 0 };
  for (const lp of lps) {
    for (const d of lp.days) {
      for (const s of d.stops) n[s.kind ?? 'routine']++;
      for (const r of d.remote) n[r.mode]++;
    }
  }
  return n;
}

/** The summary's figures, plan beside baseline, with the ratios where given. */
function figureRows(sheet: SheetWriter, plan: PlanFigures, baseline: PlanFigures, ratios: Plan['ratios'] | null, labels: XlsxLabels): void {
  sheet.header(labels.summaryColumns, HEADER_FILL);
  for (const f of SUMMARY_FIGURES) {
    const p = figureValue(plan, f.key);
    const b = figureValue(baseline, f.key);
    const ratio = ratios && 'ratio' in f ? ratios[f.ratio] : null;
    // Rounded only to drop float noise (50 - 68.2 is -18.200000000000003) from what a click shows.
    sheet.row([labels.figures[f.key], p, b, round(p - b, 6), ratio], { formats: [null, f.format, f.format, f.format, '0.0%'] });
  }
}

function kindRows(sheet: SheetWriter, lps: readonly LinePlan[], labels: XlsxLabels): void {
  const n = kindCounts(lps);
  sheet.row([labels.visitsByKind], { bold: true, fill: HEADER_FILL });
  for (const k of KINDS) sheet.row([labels.kinds[k], n[k]], { formats: [null, '0'] });
}

function summarySheet(sheet: SheetWriter, plan: Plan, labels: XlsxLabels): void {
  figureRows(sheet, plan.figures, plan.baseline, plan.ratios, labels);
  sheet.blank();
  sheet.row([labels.start, plan.start]);
  sheet.row([labels.weeks, plan.weeks]);
  sheet.row([labels.lineCount, plan.lines.length]);
  sheet.blank();
  kindRows(sheet, plan.lines.filter((l) => !l.error), labels);
  if (plan.duties) {
    sheet.blank();
    sheet.row([labels.analysisTitle], { bold: true });
    sheet.row(labels.analysisColumns, { bold: true, fill: HEADER_FILL });
    for (const m of plan.duties.analysis) sheet.row([m.month, m.retailers, m.doneBefore, m.planned, m.missing]);
    sheet.blank();
    sheet.row([labels.reevaluationTitle], { bold: true });
    sheet.row(labels.cityReevaluationColumns, { bold: true, fill: HEADER_FILL });
    for (const q of plan.duties.reevaluation) sheet.row([q.quarter, q.lines, q.linesOnCourse, q.dueByPlanEnd, q.doneBefore, q.planned]);
  }
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

/** A line's own summary: its figures beside today's practice, who and what, visits by kind, its duties. */
function lineSummarySheet(sheet: SheetWriter, plan: Plan, lp: LinePlan, lookup: PlanLookup, labels: XlsxLabels): void {
  const ratio = (k: 'yuan' | 'fuelYuan' | 'km' | 'litres') => (lp.baseline[k] > 0 ? lp.figures[k] / lp.baseline[k] : 0);
  figureRows(sheet, lp.figures, lp.baseline, { yuan: ratio('yuan'), fuelYuan: ratio('fuelYuan'), km: ratio('km'), litres: ratio('litres') }, labels);
  const line = lookup.line(lp.line);
  const facts = labels.lineFacts;
  sheet.blank();
  sheet.row([facts.line, lp.line]);
  sheet.row([facts.manager, lp.manager]);
  sheet.row([facts.county, line.county]);
  sheet.row([facts.vehicle, line.vehicle]);
  sheet.row([facts.start, plan.start]);
  sheet.row([facts.workdays, lp.figures.workdays]);
  if (lp.error !== undefined) sheet.row([labels.lineFailed(lp.error)], { measure: false });
  sheet.blank();
  kindRows(sheet, [lp], labels);
  if (lp.duties) {
    sheet.blank();
    sheet.row([labels.analysisTitle], { bold: true, measure: false });
    sheet.row(labels.analysisColumns, { bold: true, fill: HEADER_FILL });
    for (const m of lp.duties.analysis) sheet.row([m.month, m.retailers, m.doneBefore, m.planned, m.missing]);
    sheet.blank();
    sheet.row([labels.reevaluationTitle], { bold: true, measure: false });
    sheet.row(labels.reevaluationColumns, { bold: true, fill: HEADER_FILL });
    for (const q of lp.duties.reevaluation) sheet.row([q.quarter, q.target, q.dueByPlanEnd, q.doneBefore, q.planned, q.onCourse ? labels.yes : labels.no]);
  }
  sheet.fitColumns();
}

type Cells = Partial<Record<LineSheetColumn, string | number | null>>;

function lineSheet(sheet: SheetWriter, plan: Plan, lp: LinePlan, lookup: PlanLookup, labels: XlsxLabels, holidays: ReadonlyMap<string, string>): void {
  const width = LINE_SHEET_COLUMNS.length;
  const formats = LINE_SHEET_COLUMNS.map((c) => LINE_FORMATS[c] ?? null);
  const put = (cells: Cells, style: { bold?: boolean; italic?: boolean; measure?: boolean; fill?: ExcelJS.Fill } = {}) =>
    sheet.row(LINE_SHEET_COLUMNS.map((c) => cells[c] ?? null), { formats, ...style });

  sheet.header(LINE_SHEET_COLUMNS.map((c) => labels.columns[c]), HEADER_FILL);
  if (lp.error !== undefined) sheet.banner(labels.lineFailed(lp.error), width, { colour: 'FFC00000' });
  // A rule no plan of this line can keep: by how much and why, above its days.
  for (const w of lp.warnings ?? []) sheet.banner(w, width, { colour: 'FFC00000' });

  // The plan's days and the holidays in its weeks, in date order, by week.
  const entries: Array<{ date: string; day: PlannedDay | null }> = [
    ...daysInOrder(lp).map((day) => ({ date: day.date, day })),
    ...(lp.error === undefined ? [...holidays.keys()].map((date) => ({ date, day: null })) : []),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const weeks = new Map<number, typeof entries>();
  for (const e of entries) {
    const w = planWeek(plan.start, e.date);
    weeks.set(w, [...(weeks.get(w) ?? []), e]);
  }
  for (const [week, days] of weeks) {
    const from = addDays(plan.start, (week - 1) * 7);
    sheet.banner(labels.week(week, from, addDays(from, 6)), width, { fill: WEEK_FILL });
    for (const { date, day } of days) {
      const when: Cells = { date, weekday: labels.weekdays[isoWeekday(date)], manager: lp.manager };
      if (day === null) {
        put({ ...when, name: labels.holiday(holidays.get(date)!) }, { italic: true, fill: OFF_FILL });
        continue;
      }
      if (day.blocked) {
        put({ ...when, name: labels.blocked }, { italic: true, fill: OFF_FILL });
        continue;
      }
      const visits = dayVisits(day, lookup);
      if (day.leaveBase !== null) put({ ...when, name: labels.leaveBase, depart: day.leaveBase });
      // Lunch starts on leaving a stop: it follows the last stop left by then.
      const lunchAfter = day.lunch === null ? -1 : day.stops.filter((s) => s.depart <= day.lunch!).length;
      if (lunchAfter === 0) put({ ...when, name: labels.lunch, start: day.lunch });
      const visit = (v: DayVisit): Cells => ({
        ...when,
        name: v.retailer.name,
        retailer: v.retailer.id,
        class: labels.classes[v.retailer.class],
        kind: labels.kinds[v.kind],
        phone: v.retailer.phone,
        address: address(v.retailer),
      });
      for (const v of visits.filter((v) => v.stop !== null)) {
        put({ ...visit(v), order: v.order, arrive: v.stop!.arrive, start: v.stop!.start, depart: v.stop!.depart, km: round(v.stop!.legKm, 2) });
        if (v.order === lunchAfter) put({ ...when, name: labels.lunch, start: day.lunch });
      }
      if (day.backAtBase !== null) put({ ...when, name: labels.backAtBase, arrive: day.backAtBase, km: round(day.returnKm, 2) });
      // Remote visits have no time in the plan; they follow the drive, from the office.
      for (const v of visits.filter((v) => v.stop === null)) put(visit(v));
      if (visits.length === 0) put({ ...when, name: labels.noVisits }, { italic: true, fill: EMPTY_FILL });
      // Totals to the hundredth, so sums a manager makes in Excel add up to what is shown.
      const totals = { km: round(day.km, 2), litres: round(day.litres, 2), yuan: round(day.yuan, 2), marketHours: round(day.marketMinutes / 60, 2) };
      put({ ...when, name: labels.dayTotal, ...totals }, { bold: true, ...(visits.length === 0 ? { fill: EMPTY_FILL } : {}) });
    }
  }

  if (lp.notPlaced.length > 0) {
    sheet.blank();
    sheet.banner(labels.notPlaced, width, { fill: WEEK_FILL });
    for (const n of lp.notPlaced) {
      const r = lookup.retailer(n.retailer);
      // The reason sits where the kind would be and runs on over the empty cells; it is
      // text of any length, so these rows do not size the columns.
      put({ name: r.name, retailer: r.id, class: labels.classes[r.class], kind: `${labels.reason}${n.reason}`, phone: r.phone, address: address(r), manager: lp.manager }, { measure: false });
    }
  }
  sheet.fitColumns();
}

function address(r: Retailer): string {
  return [r.county, r.township].filter((s) => s !== '').join(' ');
}
