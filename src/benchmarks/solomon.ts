import type { BenchmarkProblem, BenchmarkCustomer } from './problem.ts';
import { fieldLines, toNumber } from './numbers.ts';

/**
 * Reads a Solomon / Gehring–Homberger VRPTW file (`.txt`, LF or CRLF):
 * name line; `VEHICLE` block with `NUMBER CAPACITY`; `CUSTOMER` block with rows
 * `id x y demand ready due service`, row 0 the depot whose due time is the horizon.
 * One day, every customer visited once (pattern = day 1).
 *
 * @example parseSolomon(readFileSync('c101.txt', 'utf8')).customers.length // 100
 */
export function parseSolomon(text: string, name?: string): BenchmarkProblem {
  const lines = fieldLines(text);
  if (lines.length === 0) throw new Error('empty Solomon file');
  const vehicleAt = lines.findIndex((l) => l.fields[0]?.toUpperCase() === 'VEHICLE');
  const customerAt = lines.findIndex((l) => l.fields[0]?.toUpperCase() === 'CUSTOMER');
  if (vehicleAt < 0) throw new Error('no VEHICLE section');
  if (customerAt < 0) throw new Error('no CUSTOMER section');

  // The VEHICLE block is a header line (NUMBER CAPACITY) then the two numbers.
  const fleet = lines.slice(vehicleAt + 1, customerAt).find((l) => /^\d/.test(l.fields[0]));
  if (!fleet) throw new Error(`line ${lines[vehicleAt].lineNo}: no NUMBER CAPACITY values after VEHICLE`);
  const vehicles = toNumber(fleet.fields[0], fleet.lineNo, 'NUMBER');
  const capacity = toNumber(fleet.fields[1], fleet.lineNo, 'CAPACITY');

  // Rows of the CUSTOMER block start with a digit; the column header does not.
  const rows = lines.slice(customerAt + 1).filter((l) => /^\d/.test(l.fields[0]));
  const nodes = rows.map(({ lineNo, fields }) => {
    if (fields.length !== 7) {
      throw new Error(`line ${lineNo}: expected 7 fields (id x y demand ready due service), found ${fields.length}`);
    }
    const [id, x, y, demand, ready, due, service] = fields.map((f, i) => toNumber(f, lineNo, COLUMNS[i]));
    return { id, x, y, demand, ready, due, service, lineNo };
  });
  if (nodes.length < 2) throw new Error('no customers after the depot row');
  const [depotRow, ...customerRows] = nodes;
  if (depotRow.id !== 0) throw new Error(`line ${depotRow.lineNo}: first row must be the depot 0, found ${depotRow.id}`);

  const customers: BenchmarkCustomer[] = customerRows.map((r) => ({
    id: r.id,
    x: r.x,
    y: r.y,
    demand: r.demand,
    service: r.service,
    ready: r.ready,
    due: r.due,
    frequency: 1,
    declaredFrequency: 1,
    patterns: [1],
  }));
  return {
    name: name ?? lines[0].fields.join(' ').toLowerCase(),
    format: 'solomon',
    type: 0,
    days: 1,
    vehiclesPerDay: vehicles,
    dayLimits: [{ capacity, maxDuration: Infinity }],
    hasTimeWindows: true,
    depot: { id: 0, x: depotRow.x, y: depotRow.y, ready: depotRow.ready, due: depotRow.due },
    customers,
    dropped: [],
    notes: [],
  };
}

const COLUMNS = ['id', 'x', 'y', 'demand', 'ready', 'due', 'service'];
