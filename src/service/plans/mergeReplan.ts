import type { LinePlan, Plan, PlanFigures } from '../../domain/plan.ts';

/**
 * A re-plan of some lines, merged into the plan it revises: the re-planned lines from
 * `result`, every other line as it was. When the planner returned only the re-planned
 * lines, the city's figures are recombined from the lines' (sums for totals, shares from
 * the sums, means over lines for per-day figures: close to, not exactly, what the
 * planner would compute over all days).
 */
export function mergeReplan(previous: Plan, result: Plan, lines: readonly string[]): Plan {
  const wanted = new Set(lines);
  const fresh = new Map(result.lines.filter((l) => wanted.has(l.line)).map((l) => [l.line, l]));
  const merged: LinePlan[] = previous.lines.map((l) => fresh.get(l.line) ?? l);
  const coversAll = previous.lines.every((l) => result.lines.some((r) => r.line === l.line));
  if (coversAll) return { ...result, lines: merged };
  const figures = combineFigures(merged.map((l) => l.figures));
  const baseline = combineFigures(merged.map((l) => l.baseline));
  return {
    start: previous.start,
    weeks: previous.weeks,
    seed: result.seed,
    figures,
    baseline,
    ratios: { yuan: ratio(figures.yuan, baseline.yuan), fuelYuan: ratio(figures.fuelYuan, baseline.fuelYuan), km: ratio(figures.km, baseline.km), litres: ratio(figures.litres, baseline.litres) },
    lines: merged,
  };
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => (xs.length === 0 ? 0 : sum(xs) / xs.length);

export function combineFigures(fs: readonly PlanFigures[]): PlanFigures {
  const total = (k: keyof PlanFigures) => sum(fs.map((f) => f[k] as number));
  const visits = total('visits');
  const inPerson = total('inPersonVisits');
  return {
    workdays: Math.max(0, ...fs.map((f) => f.workdays)),
    yuan: total('yuan'),
    fuelYuan: total('fuelYuan'),
    phoneYuan: total('phoneYuan'),
    km: total('km'),
    litres: total('litres'),
    ascentM: total('ascentM'),
    visits,
    inPersonVisits: inPerson,
    remoteVisits: total('remoteVisits'),
    inPersonShare: visits === 0 ? 0 : inPerson / visits,
    visitsPerDay: mean(fs.map((f) => f.visitsPerDay)),
    marketHoursPerDay: {
      min: fs.length === 0 ? 0 : Math.min(...fs.map((f) => f.marketHoursPerDay.min)),
      mean: mean(fs.map((f) => f.marketHoursPerDay.mean)),
      max: fs.length === 0 ? 0 : Math.max(...fs.map((f) => f.marketHoursPerDay.max)),
    },
    spacingErrorDays: visits === 0 ? 0 : sum(fs.map((f) => f.spacingErrorDays * f.visits)) / visits,
    dayImbalanceHours: mean(fs.map((f) => f.dayImbalanceHours)),
    lateMinutes: total('lateMinutes'),
    firstShopLateDays: total('firstShopLateDays'),
    backLateDays: total('backLateDays'),
    shortMarketDays: total('shortMarketDays'),
    notPlaced: total('notPlaced'),
  };
}
