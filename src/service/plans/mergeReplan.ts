import type { LinePlan, Plan } from '../../domain/plan.ts';
import { cityFigures } from '../../planner/dayFigures.ts';

/**
 * A re-plan of some lines, merged into the plan it revises: the re-planned lines from
 * `result`, every other line as it was. The city planner already returns every line
 * (its mergePlan keeps the others); a planner that returns only the re-planned lines gets
 * them merged here, and the city's figures recombined with the planner's own cityFigures.
 */
export function mergeReplan(previous: Plan, result: Plan, lines: readonly string[]): Plan {
  const wanted = new Set(lines);
  const fresh = new Map(result.lines.filter((l) => wanted.has(l.line)).map((l) => [l.line, l]));
  const merged: LinePlan[] = previous.lines.map((l) => fresh.get(l.line) ?? l);
  const coversAll = previous.lines.every((l) => result.lines.some((r) => r.line === l.line));
  if (coversAll) return { ...result, lines: merged };
  const ok = merged.filter((l) => !l.error);
  const figures = cityFigures(ok.map((l) => l.figures));
  const baseline = cityFigures(ok.map((l) => l.baseline));
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
