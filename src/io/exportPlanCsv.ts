import { stringify } from 'csv-stringify/sync';
import type { Line } from '../domain/line.ts';
import type { Plan } from '../domain/plan.ts';
import type { Retailer } from '../domain/retailer.ts';
import { dayVisits, daysInOrder, planLookup, round } from './exportPlan.ts';

/** The columns of a plan's CSV, in their written order. */
export const PLAN_CSV_COLUMNS = [
  'line', 'manager', 'date', 'order', 'retailer', 'name', 'mode', 'arrive', 'start', 'depart',
  'leg_km', 'leg_minutes', 'phone', 'lon', 'lat',
] as const;

type CsvRow = Record<(typeof PLAN_CSV_COLUMNS)[number], string | number | null>;

/**
 * A plan → CSV text, one row per visit: each line-day's in-person stops in driving order,
 * then its remote visits (no order, times or leg). Blocked days have no rows.
 *
 * The text starts with a UTF-8 BOM, without which Excel in China reads it as GBK and
 * garbles the names; records end in CRLF, as RFC 4180 asks and Excel writes. Modes are
 * the plan's own codes (`in_person`, `phone`, `online`) so a program can read it back.
 */
export function planCsv(plan: Plan, retailers: readonly Retailer[], lines: readonly Line[]): string {
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
          mode: v.mode,
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
  return stringify(rows, { header: true, columns: [...PLAN_CSV_COLUMNS], bom: true, record_delimiter: 'windows' });
}
