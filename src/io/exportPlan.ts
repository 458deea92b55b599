import { daysBetween } from '../domain/calendar.ts';
import type { Line } from '../domain/line.ts';
import type { LinePlan, Plan, PlannedDay, PlannedStop, VisitKind, VisitMode } from '../domain/plan.ts';
import type { Retailer } from '../domain/retailer.ts';

/** How many unknown ids a message lists before it only counts the rest. */
const MESSAGE_ID_LIMIT = 20;

/**
 * A plan that names a line or retailer the dataset lacks. An export never guesses a
 * name, phone or place, so it refuses the whole plan and names every unknown id.
 */
export class PlanExportError extends Error {
  override readonly name = 'PlanExportError';
  readonly unknownRetailers: readonly string[];
  readonly unknownLines: readonly string[];

  constructor(unknownRetailers: readonly string[], unknownLines: readonly string[], message: string) {
    super(message);
    this.unknownRetailers = unknownRetailers;
    this.unknownLines = unknownLines;
  }
}

/** The dataset's lines and retailers by id, checked against every id the plan names. */
export interface PlanLookup {
  line(id: string): Line;
  retailer(id: string): Retailer;
}

/**
 * Checks that every line and retailer the plan names (stops, remote visits, visits not
 * placed) is in the dataset, then looks them up. Throws one {@link PlanExportError}.
 */
export function planLookup(plan: Plan, retailers: readonly Retailer[], lines: readonly Line[]): PlanLookup {
  const retailerById = new Map(retailers.map((r) => [r.id, r]));
  const lineById = new Map(lines.map((l) => [l.line, l]));
  // Each unknown id once, with the first place it shows up.
  const missingRetailers = new Map<string, string>();
  const missingLines: string[] = [];
  const see = (id: string, where: string) => {
    if (!retailerById.has(id) && !missingRetailers.has(id)) missingRetailers.set(id, where);
  };
  for (const lp of plan.lines) {
    if (!lineById.has(lp.line) && !missingLines.includes(lp.line)) missingLines.push(lp.line);
    for (const day of lp.days) {
      for (const s of day.stops) see(s.retailer, `line ${lp.line} on ${day.date}`);
      for (const r of day.remote) see(r.retailer, `line ${lp.line} on ${day.date}`);
    }
    for (const n of lp.notPlaced) see(n.retailer, `line ${lp.line}, not placed`);
  }
  if (missingRetailers.size > 0 || missingLines.length > 0) {
    const parts: string[] = [];
    if (missingLines.length > 0) parts.push(`the plan names lines missing from the dataset: ${listIds(missingLines)}`);
    if (missingRetailers.size > 0) {
      const named = [...missingRetailers].map(([id, where]) => `${id} (${where})`);
      parts.push(`the plan names retailers missing from the dataset: ${listIds(named)}`);
    }
    throw new PlanExportError([...missingRetailers.keys()], missingLines, parts.join('; '));
  }
  return {
    line: (id) => lineById.get(id)!,
    retailer: (id) => retailerById.get(id)!,
  };
}

function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, MESSAGE_ID_LIMIT).join(', ');
  return ids.length > MESSAGE_ID_LIMIT ? `${shown} … and ${ids.length - MESSAGE_ID_LIMIT} more` : shown;
}

/** One visit of a day: an in-person stop (with its timing and leg) or a remote visit. */
export interface DayVisit {
  /** 1-based driving order; null for a remote visit, which has none. */
  readonly order: number | null;
  readonly retailer: Retailer;
  readonly mode: VisitMode;
  /** What the visit is for: an in-person kind (routine where the plan names none), or the remote mode. */
  readonly kind: VisitKind;
  readonly stop: PlannedStop | null;
}

/** A day's visits as every export lists them: stops in driving order, then remote visits. */
export function dayVisits(day: PlannedDay, lookup: PlanLookup): DayVisit[] {
  return [
    ...day.stops.map((stop, i): DayVisit => ({ order: i + 1, retailer: lookup.retailer(stop.retailer), mode: 'in_person', kind: stop.kind ?? 'routine', stop })),
    ...day.remote.map((r): DayVisit => ({ order: null, retailer: lookup.retailer(r.retailer), mode: r.mode, kind: r.mode, stop: null })),
  ];
}

/** A line's days in date order (the planner writes them so; an edited plan may not). */
export function daysInOrder(lp: LinePlan): PlannedDay[] {
  return [...lp.days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}


/** The 1-based week of the plan a date falls in, counting 7-day weeks from the plan's start. */
export function planWeek(start: string, date: string): number {
  return Math.floor(daysBetween(start, date) / 7) + 1;
}

/** Rounds half away from zero at `digits` decimals; -0 becomes 0 so no file shows "-0". */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  const r = (Math.sign(x) * Math.round(Math.abs(x) * f)) / f;
  return r === 0 ? 0 : r;
}
