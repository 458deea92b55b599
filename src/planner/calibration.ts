import type { Line } from '../domain/line.ts';
import type { Policy } from '../domain/policy.ts';
import { FORMATS, type Retailer } from '../domain/retailer.ts';
import { SEED } from '../domain/seedFigures.ts';
import type { TravelSource } from '../travel/travelSource.ts';
import { todaysPractice, type PracticeLine } from './todaysPractice.ts';
import { linePoints } from './travelPoints.ts';

export interface CalibrationRow {
  readonly what: string;
  readonly seed: number | string;
  readonly dataset: number | string;
}

export interface Calibration {
  readonly rows: CalibrationRow[];
  readonly practice: PracticeLine[];
}

export interface TerrainShares {
  readonly plain: number;
  readonly hill: number;
  readonly mountain: number;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const round = (x: number, digits = 1) => Number(x.toFixed(digits));

/** Groups retailers by line, in the lines' order. */
export function retailersByLine(lines: readonly Line[], retailers: readonly Retailer[]): Map<string, Retailer[]> {
  const by = new Map<string, Retailer[]>(lines.map((l) => [l.line, []]));
  for (const r of retailers) by.get(r.line)?.push(r);
  return by;
}

/**
 * The seed's figures beside the dataset's: counts and shares, line sizes, terrain, and the
 * driving of today's practice (every shop in person at its frequency over 20 workdays).
 */
export async function calibrate(
  lines: readonly Line[],
  retailers: readonly Retailer[],
  policy: Policy,
  travel: TravelSource,
  terrain?: TerrainShares,
): Promise<Calibration> {
  const byLine = retailersByLine(lines, retailers);
  const practice: PracticeLine[] = [];
  for (const line of lines) {
    const shops = byLine.get(line.line) ?? [];
    const matrix = await travel.matrix(linePoints(line, shops, policy.coordinateSystem.value));
    practice.push(todaysPractice(line, shops, matrix, policy));
  }
  const count = (p: (r: Retailer) => boolean) => retailers.filter(p).length;
  const sizes = lines.map((l) => byLine.get(l.line)?.length ?? 0);
  const workdays = SEED.workdaysPerMonth;
  const kmPerDay = practice.map((p) => p.metres / 1000 / workdays);
  const farthest = kmPerDay.indexOf(Math.max(...kmPerDay));
  const managerMonths = practice.length;
  const litresPerManager = practice.reduce((s, p) => s + p.litres, 0) / managerMonths;
  const yuanPerManager = practice.reduce((s, p) => s + p.yuan, 0) / managerMonths;
  const visitsPerDay = practice.reduce((s, p) => s + p.visits, 0) / (managerMonths * workdays);
  const dayHours = practice.flatMap((p) => p.days.map((d) => (d.driveMinutes + d.visitMinutes) / 60));

  const rows: CalibrationRow[] = [
    { what: 'visit lines (managers)', seed: SEED.lines, dataset: lines.length },
    { what: 'retailers', seed: SEED.retailers, dataset: retailers.length },
    { what: 'urban retailers', seed: SEED.urban, dataset: count((r) => r.urban) },
    { what: 'rural retailers', seed: SEED.rural, dataset: count((r) => !r.urban) },
    ...FORMATS.map((f) => ({ what: `format ${f}`, seed: SEED.formats[f], dataset: count((r) => r.format === f) })),
    { what: 'ordering by computer', seed: SEED.ordering.computer, dataset: count((r) => r.ordering === 'computer') },
    { what: 'ordering by phone', seed: SEED.ordering.phone, dataset: count((r) => r.ordering === 'phone') },
    { what: 'ordering by mobile', seed: SEED.ordering.mobile, dataset: count((r) => r.ordering === 'mobile') },
    { what: 'retailers per line, mean', seed: SEED.retailersPerLineMean, dataset: round(retailers.length / lines.length) },
    { what: 'retailers per line, max', seed: SEED.retailersPerLineMax, dataset: Math.max(...sizes) },
  ];
  if (terrain) {
    rows.push(
      { what: 'land: plain', seed: pct(SEED.terrainShares.plain), dataset: pct(terrain.plain) },
      { what: 'land: hill', seed: pct(SEED.terrainShares.hill), dataset: pct(terrain.hill) },
      { what: 'land: mountain', seed: pct(SEED.terrainShares.mountain), dataset: pct(terrain.mountain) },
    );
  }
  rows.push(
    { what: "today's practice: in-person visits per workday", seed: '-', dataset: round(visitsPerDay) },
    { what: "today's practice: hours driving and visiting per day, mean", seed: '-', dataset: round(mean(dayHours)) },
    { what: 'km per manager-workday, city mean', seed: SEED.kmPerWorkdayMean, dataset: round(mean(kmPerDay)) },
    { what: `km per workday, farthest line (${lines[farthest]?.line ?? '-'})`, seed: SEED.kmPerWorkdayFarthestLine, dataset: round(kmPerDay[farthest] ?? 0) },
    { what: 'litres per manager-month (with climbing)', seed: (SEED.fuelYuanPerManagerMonth / SEED.yuanPerLitre), dataset: round(litresPerManager) },
    { what: 'fuel yuan per manager-month', seed: SEED.fuelYuanPerManagerMonth, dataset: round(yuanPerManager) },
  );
  return { rows, practice };
}

function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** The rows as an aligned text table. */
export function formatCalibration(rows: readonly CalibrationRow[]): string {
  const w0 = Math.max(4, ...rows.map((r) => r.what.length));
  const w1 = Math.max(4, ...rows.map((r) => String(r.seed).length));
  const w2 = Math.max(7, ...rows.map((r) => String(r.dataset).length));
  const line = (a: string, b: string, c: string) => `${a.padEnd(w0)}  ${b.padStart(w1)}  ${c.padStart(w2)}`;
  return [line('what', 'seed', 'dataset'), line('-'.repeat(w0), '-'.repeat(w1), '-'.repeat(w2)), ...rows.map((r) => line(r.what, String(r.seed), String(r.dataset)))].join('\n');
}
