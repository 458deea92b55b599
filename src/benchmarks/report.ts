/** Per-instance records and family summaries of a benchmark run, and their table. */

export interface InstanceRecord {
  family: string;
  instance: string;
  customers: number;
  /** Best-known distance, and its vehicles (the fleet cap when the BKS is hierarchical). */
  bks: number | null;
  bksVehicles: number | null;
  /** Second reference (PVRP: Cordeau 1997), or null. */
  reference: number | null;
  fleetCap: number | null;
  /** Distance recomputed by the independent checker. */
  distance: number;
  feasible: boolean;
  solverFeasible: boolean;
  violations: string[];
  routes: number;
  iterations: number;
  timeS: number;
  gapPct: number | null;
  referenceGapPct: number | null;
  error?: string;
}

export interface FamilySummary {
  family: string;
  instances: number;
  feasible: number;
  /** Mean gap over the feasible instances that have a BKS (null: none). */
  meanGapPct: number | null;
  meanReferenceGapPct: number | null;
  meanTimeS: number;
}

/** Gap in percent of `value` above `best`; null without a reference. */
export function gapPct(value: number, best: number | null): number | null {
  return best === null || best <= 0 ? null : ((value - best) / best) * 100;
}

const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

export function summarize(family: string, records: InstanceRecord[]): FamilySummary {
  const ok = records.filter((r) => r.feasible);
  return {
    family,
    instances: records.length,
    feasible: ok.length,
    meanGapPct: mean(ok.flatMap((r) => (r.gapPct === null ? [] : [r.gapPct]))),
    meanReferenceGapPct: mean(ok.flatMap((r) => (r.referenceGapPct === null ? [] : [r.referenceGapPct]))),
    meanTimeS: mean(records.map((r) => r.timeS)) ?? 0,
  };
}

// Rounding a tiny negative gap would print "-0.00"; the sign means nothing there.
const num = (v: number | null, digits: number) => (v === null ? '—' : (Math.abs(v) < 0.5 * 10 ** -digits ? 0 : v).toFixed(digits));

/** Fixed-width text table, one line per instance. */
export function formatTable(records: InstanceRecord[]): string {
  const head = ['instance', 'n', 'BKS', 'veh', 'distance', 'gap %', 'ref gap %', 'feasible', 'routes', 'iters', 'time s'];
  const rows = records.map((r) => [
    r.instance,
    String(r.customers),
    num(r.bks, 2),
    r.bksVehicles === null ? '—' : String(r.bksVehicles),
    r.error ? 'error' : r.distance.toFixed(2),
    num(r.gapPct, 2),
    num(r.referenceGapPct, 2),
    r.error ? 'ERROR' : r.feasible ? 'yes' : 'NO',
    String(r.routes),
    String(r.iterations),
    r.timeS.toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

export function formatSummary(s: FamilySummary): string {
  return (
    `${s.family}: ${s.feasible}/${s.instances} feasible, ` +
    (s.meanGapPct === null ? 'no gap (no BKS or nothing feasible)' : `mean gap ${num(s.meanGapPct, 2)} %`) +
    (s.meanReferenceGapPct === null ? '' : ` (to the reference: ${num(s.meanReferenceGapPct, 2)} %)`) +
    `, mean time ${s.meanTimeS.toFixed(1)} s`
  );
}
