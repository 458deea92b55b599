import type { BenchmarkCustomer, BenchmarkDay, BenchmarkProblem } from './problem.ts';
import { fieldLines, toNumber } from './numbers.ts';
import { countDays, patternFromCordeau } from './patterns.ts';

export interface CordeauOptions {
  /**
   * Keep a last node placed on the depot (p01's node 51) as a customer. Default false:
   * the reference solutions do not route it, so gaps would not compare like with like.
   */
  keepDepotDummy?: boolean;
}

/**
 * Reads a Cordeau PVRP / PVRPTW file: `type m n t`; t lines `D Q` (D = max route
 * duration, 0 = none); then nodes `i x y d q f a pattern… [e l]`, node 0 the depot.
 * Patterns are converted to day bitmasks (see patterns.ts). Time windows are detected
 * from the columns, not the type, because pvrptw/pr08 declares type 2.
 *
 * @example parseCordeau(readFileSync('pvrp/p01', 'utf8'), 'p01').customers.length // 50
 */
export function parseCordeau(text: string, name: string, options: CordeauOptions = {}): BenchmarkProblem {
  const lines = fieldLines(text);
  if (lines.length === 0) throw new Error('empty Cordeau file');
  const head = lines[0];
  if (head.fields.length !== 4) throw new Error(`line ${head.lineNo}: expected "type m n t", found ${head.fields.length} fields`);
  const [type, vehicles, n, days] = head.fields.map((f, i) => toNumber(f, head.lineNo, HEAD[i]));

  const dayLimits: BenchmarkDay[] = [];
  for (let d = 1; d <= days; d++) {
    const line = lines[d];
    if (!line || line.fields.length !== 2) throw new Error(`line ${line?.lineNo ?? '?'}: expected "D Q" for day ${d}`);
    const duration = toNumber(line.fields[0], line.lineNo, 'D');
    const capacity = toNumber(line.fields[1], line.lineNo, 'Q');
    dayLimits.push({ capacity, maxDuration: duration === 0 ? Infinity : duration });
  }

  const nodeLines = lines.slice(1 + days);
  if (nodeLines.length !== n + 1) {
    throw new Error(`file declares ${n} customers but has ${nodeLines.length - 1} after the depot`);
  }
  // The depot line has no patterns (a = 0): 7 fields, or 9 with a time window.
  const depotLine = nodeLines[0];
  const hasTimeWindows = depotLine.fields.length === 9;
  const nodes = nodeLines.map(({ lineNo, fields }, index) => {
    const num = (i: number, what: string) => toNumber(fields[i], lineNo, what);
    const id = num(0, 'i');
    if (id !== index) throw new Error(`line ${lineNo}: expected node ${index}, found ${id}`);
    const a = num(6, 'a');
    const expected = 7 + a + (hasTimeWindows ? 2 : 0);
    if (fields.length !== expected) {
      throw new Error(`line ${lineNo}: expected ${expected} fields for node ${id}, found ${fields.length}`);
    }
    const codes = fields.slice(7, 7 + a).map((f) => toNumber(f, lineNo, 'pattern'));
    const bad = codes.find((c) => c <= 0 || c >= 2 ** days || !Number.isInteger(c));
    if (bad !== undefined) throw new Error(`line ${lineNo}: pattern ${bad} of node ${id} is not a ${days}-day pattern`);
    return {
      id,
      x: num(1, 'x'),
      y: num(2, 'y'),
      service: num(3, 'd'),
      demand: num(4, 'q'),
      declaredFrequency: num(5, 'f'),
      patterns: codes.map((c) => patternFromCordeau(c, days)),
      ready: hasTimeWindows ? num(7 + a, 'e') : 0,
      due: hasTimeWindows ? num(8 + a, 'l') : Infinity,
      lineNo,
    };
  });

  const [depot, ...rest] = nodes;
  const dropped: BenchmarkProblem['dropped'] = [];
  const notes: string[] = [];
  let customerNodes = rest;
  const last = rest[rest.length - 1];
  if (!options.keepDepotDummy && last && last.x === depot.x && last.y === depot.y) {
    // p01: node 51 sits on the depot with demand 160 = Q; the reference solution skips it.
    customerNodes = rest.slice(0, -1);
    dropped.push({ id: last.id, reason: 'last node placed on the depot (a dummy): not routed by the reference solution' });
  }

  const customers: BenchmarkCustomer[] = customerNodes.map((node) => {
    const visits = node.patterns.map(countDays);
    if (visits.length === 0) throw new Error(`line ${node.lineNo}: customer ${node.id} has no visit pattern`);
    if (visits.some((v) => v !== visits[0])) {
      throw new Error(`line ${node.lineNo}: customer ${node.id} has patterns with different numbers of days`);
    }
    if (visits[0] !== node.declaredFrequency) {
      if (node.declaredFrequency !== 0) {
        throw new Error(`line ${node.lineNo}: customer ${node.id} declares f = ${node.declaredFrequency} but its patterns visit ${visits[0]} days`);
      }
      // p11: customer 131 has f = 0 with single-day patterns and is routed once by the reference.
      notes.push(`customer ${node.id}: declared frequency 0 with ${visits[0]}-day patterns; visited ${visits[0]} time(s) as its patterns say`);
    }
    return {
      id: node.id,
      x: node.x,
      y: node.y,
      demand: node.demand,
      service: node.service,
      ready: node.ready,
      due: node.due,
      frequency: visits[0],
      declaredFrequency: node.declaredFrequency,
      patterns: node.patterns,
    };
  });

  if (type !== 1 && type !== 5) notes.push(`type ${type} as published; read by its columns (${hasTimeWindows ? 'with' : 'without'} time windows)`);
  return {
    name,
    format: 'cordeau',
    type,
    days,
    vehiclesPerDay: vehicles,
    dayLimits,
    hasTimeWindows,
    depot: { id: 0, x: depot.x, y: depot.y, ready: depot.ready, due: depot.due },
    customers,
    dropped,
    notes,
  };
}

const HEAD = ['type', 'm', 'n', 't'];
