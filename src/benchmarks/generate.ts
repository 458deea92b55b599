import { Random } from '../solver/random.ts';
import type { BenchmarkProblem } from './problem.ts';

export interface R1Options {
  customers: number;
  seed: number;
}

/**
 * A Gehring–Homberger-like R1 instance: integer coordinates spread uniformly on a square
 * whose side grows with √n (140 for 200 customers, as in r1_2_*), depot in the centre,
 * service 10, demand 1–50, capacity 200, short horizon scaled like the side (634 at 200),
 * windows 10–60 wide placed where a direct out-and-back trip can serve them.
 */
export function generateR1(options: R1Options): BenchmarkProblem {
  const { customers: n, seed } = options;
  const rng = new Random(seed);
  const int = (lo: number, hi: number) => lo + rng.int(hi - lo + 1);
  const side = Math.round(140 * Math.sqrt(n / 200));
  const horizon = Math.round((634 * side) / 140);
  const depot = { id: 0, x: Math.round(side / 2), y: Math.round(side / 2), ready: 0, due: horizon };
  const service = 10;
  const customers = Array.from({ length: n }, (_, i) => {
    const x = int(0, side);
    const y = int(0, side);
    const d = Math.hypot(x - depot.x, y - depot.y);
    const earliest = Math.ceil(d);
    const latest = Math.floor(horizon - service - d);
    const width = int(10, 60);
    const centre = int(earliest, latest);
    const ready = Math.max(earliest, centre - Math.floor(width / 2));
    const due = Math.max(ready, Math.min(latest, ready + width));
    return { id: i + 1, x, y, demand: int(1, 50), service, ready, due, frequency: 1, declaredFrequency: 1, patterns: [1] };
  });
  return {
    name: `r1_gen_${n}_s${seed}`,
    format: 'solomon',
    type: 0,
    days: 1,
    vehiclesPerDay: Math.ceil(n / 4),
    dayLimits: [{ capacity: 200, maxDuration: Infinity }],
    hasTimeWindows: true,
    depot,
    customers,
    dropped: [],
    notes: [],
  };
}

/** Writes a single-day problem in the Solomon text format (readable by parseSolomon). */
export function toSolomonText(p: BenchmarkProblem): string {
  const row = (id: number, x: number, y: number, q: number, e: number, l: number, s: number) =>
    [id, x, y, q, e, l, s].map((v) => String(v).padStart(10)).join('');
  return [
    p.name,
    '',
    'VEHICLE',
    'NUMBER     CAPACITY',
    `${String(p.vehiclesPerDay).padStart(5)}${String(p.dayLimits[0].capacity).padStart(12)}`,
    '',
    'CUSTOMER',
    'CUST NO.  XCOORD.    YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE TIME',
    '',
    row(0, p.depot.x, p.depot.y, 0, p.depot.ready, p.depot.due, 0),
    ...p.customers.map((c) => row(c.id, c.x, c.y, c.demand, c.ready, c.due, c.service)),
    '',
  ].join('\n');
}
