import type { Plan, PlanFigures } from '../domain/plan.ts';

type Row = [string, (f: PlanFigures) => string];

const n = (x: number, d = 0) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const span = (r: PlanFigures['marketHoursPerDay'], d: number) => `${n(r.min, d)}/${n(r.mean, d)}/${n(r.max, d)}`;
const ROWS: Row[] = [
  ['workdays (manager-days)', (f) => n(f.workdays)],
  ['yuan (fuel + phone)', (f) => n(f.yuan)],
  ['fuel yuan', (f) => n(f.fuelYuan)],
  ['phone yuan', (f) => n(f.phoneYuan)],
  ['km', (f) => n(f.km)],
  ['litres', (f) => n(f.litres)],
  ['metres climbed', (f) => n(f.ascentM)],
  ['visits', (f) => n(f.visits)],
  ['in person', (f) => n(f.inPersonVisits)],
  ['remote', (f) => n(f.remoteVisits)],
  ['in-person share', (f) => `${n(100 * f.inPersonShare, 1)}%`],
  ['visits per workday, all modes', (f) => n(f.visitsPerDay, 1)],
  ['in-person visits per workday (min/mean/max)', (f) => span(f.inPersonPerDay, 1)],
  ['market hours per workday (min/mean/max)', (f) => span(f.marketHoursPerDay, 1)],
  ['hours leave to return (min/mean/max)', (f) => span(f.dayHours, 1)],
  ['minutes waiting per workday (mean/max)', (f) => `${n(f.waitMinutesPerDay.mean, 1)}/${n(f.waitMinutesPerDay.max)}`],
  ['spacing error (workdays per visit)', (f) => n(f.spacingErrorDays, 2)],
  ['day imbalance (hours, mean over lines)', (f) => n(f.dayImbalanceHours, 2)],
  ['minutes late at shops', (f) => n(f.lateMinutes)],
  ['workdays with no market time', (f) => n(f.emptyWorkdays)],
  ['days leaving base too early', (f) => n(f.earlyLeaveDays)],
  ['days first shop late', (f) => n(f.firstShopLateDays)],
  ['days back late', (f) => n(f.backLateDays)],
  ['workdays under the market hours', (f) => n(f.shortMarketDays)],
  ['days over the longest day', (f) => n(f.longDays)],
  ['days over the waiting cap', (f) => n(f.longWaitDays)],
  ['days outside the visits band', (f) => n(f.unbalancedDays)],
  ['visits not placed', (f) => n(f.notPlaced)],
];

/** The plan's figures beside today's practice, as an aligned text table. */
export function formatFigures(plan: Plan): string {
  const rows = ROWS.map(([what, f]) => [what, f(plan.figures), f(plan.baseline)]);
  rows.push(['fuel yuan, plan / today (same workdays)', `${n(plan.ratios.fuelYuan, 3)}`, '']);
  rows.push(['km, plan / today', `${n(plan.ratios.km, 3)}`, '']);
  const w = [0, 1, 2].map((k) => Math.max(...rows.map((r) => r[k].length), ['', 'plan', "today's practice"][k].length));
  const line = (r: string[]) => `${r[0].padEnd(w[0])}  ${r[1].padStart(w[1])}  ${r[2].padStart(w[2])}`;
  return [`Plan from ${plan.start}, ${plan.weeks} week(s), ${plan.lines.length} lines`, line(['', 'plan', "today's practice"]), ...rows.map(line)].join('\n');
}
