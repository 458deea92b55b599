import { FORMATS, ORDERING, CLASSES } from '../domain/retailer.ts';
import type { TerrainShares } from './terrain.ts';

export interface DemoSummary {
  readonly retailers: number;
  readonly urban: number;
  readonly rural: number;
  readonly byFormat: Readonly<Record<string, { urban: number; rural: number }>>;
  readonly byClass: Readonly<Record<string, number>>;
  readonly byOrdering: Readonly<Record<string, number>>;
  readonly supplyStopped: number;
  readonly mustInPerson: number;
  readonly vulnerable: number;
  readonly noPhone: number;
  readonly lines: number;
  readonly lineSize: { readonly mean: number; readonly max: number; readonly min: number };
  readonly motorbikeLines: number;
  /** Mean straight-line distance of a line's shops from its base, km: mean over lines, and the farthest line. */
  readonly fromBaseKm: { readonly mean: number; readonly farthest: number };
  readonly terrain: TerrainShares;
}

type Row = Record<'urban' | 'format' | 'class' | 'ordering' | 'supply_stopped' | 'must_in_person' | 'vulnerable' | 'phone' | 'line', string>;

export function summarise(rows: readonly Row[], lineRows: readonly { vehicle: string }[], meanFromBase: readonly number[], terrain: TerrainShares): DemoSummary {
  const count = (test: (r: Row) => boolean): number => rows.reduce((n, r) => n + (test(r) ? 1 : 0), 0);
  const sizes = new Map<string, number>();
  for (const r of rows) sizes.set(r.line, (sizes.get(r.line) ?? 0) + 1);
  const s = [...sizes.values()];
  return {
    retailers: rows.length,
    urban: count((r) => r.urban === '1'),
    rural: count((r) => r.urban === '0'),
    byFormat: Object.fromEntries(FORMATS.map((f) => [f, { urban: count((r) => r.format === f && r.urban === '1'), rural: count((r) => r.format === f && r.urban === '0') }])),
    byClass: Object.fromEntries(CLASSES.map((c) => [c, count((r) => r.class === c)])),
    byOrdering: Object.fromEntries(ORDERING.map((o) => [o, count((r) => r.ordering === o)])),
    supplyStopped: count((r) => r.supply_stopped === '1'),
    mustInPerson: count((r) => r.must_in_person === '1'),
    vulnerable: count((r) => r.vulnerable === '1'),
    noPhone: count((r) => r.phone === ''),
    lines: sizes.size,
    lineSize: { mean: rows.length / sizes.size, max: Math.max(...s), min: Math.min(...s) },
    motorbikeLines: lineRows.filter((l) => l.vehicle === 'motorbike').length,
    fromBaseKm: { mean: meanFromBase.reduce((a, b) => a + b, 0) / meanFromBase.length, farthest: Math.max(...meanFromBase) },
    terrain,
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;

/** The table the generate command prints. */
export function formatSummary(s: DemoSummary): string {
  const rows = [
    `retailers ${s.retailers}: urban ${s.urban}, rural ${s.rural}`,
    `format (urban/rural): ${FORMATS.map((f) => `${f} ${s.byFormat[f].urban + s.byFormat[f].rural} (${s.byFormat[f].urban}/${s.byFormat[f].rural})`).join(', ')}`,
    `class: ${CLASSES.map((c) => `${c} ${s.byClass[c]}`).join(', ')}; supply_stopped ${s.supplyStopped}, must_in_person ${s.mustInPerson}, vulnerable ${s.vulnerable}, no phone ${s.noPhone}`,
    `ordering: ${ORDERING.map((o) => `${o} ${s.byOrdering[o]}`).join(', ')}`,
    `lines ${s.lines}: size mean ${s.lineSize.mean.toFixed(1)}, max ${s.lineSize.max}, min ${s.lineSize.min}; motorbike ${s.motorbikeLines}; shops from base (straight) mean ${s.fromBaseKm.mean.toFixed(1)} km, farthest line ${s.fromBaseKm.farthest.toFixed(1)} km`,
    `terrain (${s.terrain.landCells} land cells): plain ${pct(s.terrain.plain)}, hill ${pct(s.terrain.hill)}, mountain ${pct(s.terrain.mountain)}; ${s.terrain.minM}-${s.terrain.maxM} m, top at ${s.terrain.top.map((v) => v.toFixed(3)).join(', ')}`,
  ];
  return rows.join('\n');
}
