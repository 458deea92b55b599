import { Workdays } from '../../../src/domain/calendar.ts';
import type { LinePlan, Plan, PlanFigures, PlannedDay } from '../../../src/domain/plan.ts';
import type { PlanOptions, PlanRequest, Planner } from '../../../src/planner/api.ts';

/** Per line and day: this many in-person stops, then this many phone visits; the rest of the line's retailers are left for unplanned visits. */
export const STOPS_PER_DAY = 8;
export const REMOTE_PER_DAY = 2;

export const zeroFigures = (over: Partial<PlanFigures> = {}): PlanFigures => ({
  workdays: 0, yuan: 0, fuelYuan: 0, phoneYuan: 0, km: 0, litres: 0, ascentM: 0, visits: 0, inPersonVisits: 0, remoteVisits: 0,
  inPersonShare: 0, visitsPerDay: 0, marketHoursPerDay: { min: 0, mean: 0, max: 0 }, spacingErrorDays: 0, dayImbalanceHours: 0,
  lateMinutes: 0, firstShopLateDays: 0, backLateDays: 0, shortMarketDays: 0, notPlaced: 0,
  inPersonPerDay: { min: 0, mean: 0, max: 0 }, dayHours: { min: 0, mean: 0, max: 0 }, waitMinutesPerDay: { mean: 0, max: 0 }, emptyWorkdays: 0, earlyLeaveDays: 0, longDays: 0, longWaitDays: 0, unbalancedDays: 0, ...over,
});

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * A planner for tests: instant and deterministic. Each workday of a line visits the
 * line's first 8 retailers in person (20 minutes each, 2 km legs) and phones the next 2,
 * leaving any others for visits outside the plan. A retailer with a `closed` record is
 * left out from then on; a blocked day is empty.
 */
export function fakePlan(request: PlanRequest): Plan {
  const days = new Workdays(request.dataset.calendar).next(request.start, request.weeks * 5);
  const wanted = request.lines ? new Set(request.lines) : undefined;
  const closed = new Set((request.history ?? []).filter((h) => h.outcome === 'failed' && h.reason === 'closed').map((h) => h.retailer));
  const lines: LinePlan[] = request.dataset.lines
    .filter((l) => !wanted || wanted.has(l.line))
    .map((l) => {
      const shops = request.dataset.retailers.filter((r) => r.line === l.line && !closed.has(r.id)).map((r) => r.id);
      const planned: PlannedDay[] = days.map((date) => {
        const blocked = (request.blocked ?? []).some((b) => b.line === l.line && b.date === date);
        const stops = blocked ? [] : shops.slice(0, STOPS_PER_DAY);
        const remote = blocked ? [] : shops.slice(STOPS_PER_DAY, STOPS_PER_DAY + REMOTE_PER_DAY);
        return {
          date, blocked,
          leaveBase: blocked ? null : '08:00', backAtBase: blocked ? null : '17:00', lunch: blocked ? null : '12:00',
          stops: stops.map((retailer, i) => ({
            retailer, arrive: hhmm(510 + i * 25), start: hhmm(510 + i * 25), depart: hhmm(530 + i * 25), legKm: 2, legMinutes: 5,
          })),
          remote: remote.map((retailer) => ({ retailer, mode: 'phone' as const })),
          returnKm: blocked ? 0 : 3, km: blocked ? 0 : stops.length * 2 + 3, ascentM: 0, litres: 1, yuan: 7.5,
          marketMinutes: blocked ? 0 : 300, freeMarketMinutes: 0, waitMinutes: 0, lateMinutes: 0, firstShopLateMinutes: 0, backLateMinutes: 0,
        };
      });
      const visits = planned.reduce((n, d) => n + d.stops.length + d.remote.length, 0);
      const figures = zeroFigures({ workdays: days.length, visits, yuan: 7.5 * days.length });
      return { line: l.line, manager: l.manager, figures, baseline: zeroFigures({ yuan: 10 * days.length }), notPlaced: [], days: planned };
    });
  const visits = lines.reduce((n, l) => n + l.figures.visits, 0);
  return {
    start: request.start, weeks: request.weeks, seed: request.seed ?? 1,
    figures: zeroFigures({ workdays: days.length, visits, yuan: lines.reduce((s, l) => s + l.figures.yuan, 0) }),
    baseline: zeroFigures({ yuan: lines.reduce((s, l) => s + l.baseline.yuan, 0) }),
    ratios: { yuan: 0.75, fuelYuan: 0.75, km: 0.8, litres: 0.8 },
    lines,
  };
}

export interface FakePlanner {
  planner: Planner;
  /** Every request, in order. */
  calls: PlanRequest[];
  /** Make the next runs throw this error. */
  failWith(message: string | undefined): void;
  /** Hold runs until `release()` (to watch a job running); with `honourAbort`, a held run also ends when its signal aborts, as the city planner's does. */
  hold(opts?: { honourAbort?: boolean }): void;
  release(): void;
}

export function fakePlanner(): FakePlanner {
  const calls: PlanRequest[] = [];
  let failure: string | undefined;
  let gate: { promise: Promise<void>; open: () => void; honourAbort: boolean } | undefined;
  const planner: Planner = async (request: PlanRequest, options: PlanOptions = {}) => {
    calls.push(request);
    const total = request.lines?.length ?? request.dataset.lines.length;
    if (gate) {
      const { signal } = options;
      const aborted = gate.honourAbort && signal ? new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })) : undefined;
      await (aborted ? Promise.race([gate.promise, aborted]) : gate.promise);
    }
    if (failure) throw new Error(failure);
    for (let i = 1; i <= total; i++) options.onProgress?.({ linesDone: i, linesTotal: total });
    return fakePlan(request);
  };
  return {
    planner,
    calls,
    failWith: (m) => {
      failure = m;
    },
    hold: (opts = {}) => {
      let open = () => {};
      const promise = new Promise<void>((r) => (open = r));
      gate = { promise, open, honourAbort: opts.honourAbort === true };
    },
    release: () => {
      gate?.open();
      gate = undefined;
    },
  };
}
