import type { Plan, LinePlan, PlanFigures } from '../domain/plan.ts';
import type { Retailer } from '../domain/retailer.ts';
import type { TerrainGrid } from '../travel/terrainGrid.ts';
import { TravelError } from '../travel/travelError.ts';
import { TERRAIN, type TravelSpec } from '../travel/travelSpec.ts';
import type { PlanOptions, PlanRequest, Planner } from './api.ts';
import { cityFigures } from './dayFigures.ts';
import { historyAtFrom, historyByRetailer, previousDays } from './history.ts';
import { cityDuties, dutyTask } from './duties.ts';
import { visitsPer4Weeks } from '../domain/visitRules.ts';
import { intervalOf } from './visitWindows.ts';
import { planHorizon } from './horizon.ts';
import { LinePool } from './linePool.ts';
import type { LineTask } from './planLine.ts';

export interface CityPlannerOptions {
  /** The region's elevation grid (the embedded travel model; OSRM's climbing is measured on it too). */
  readonly terrain: TerrainGrid;
  /** Where travel figures come from; default the embedded terrain model. */
  readonly travel?: TravelSpec;
  /** Worker threads; default: the machine's available parallelism. */
  readonly threads?: number;
  /** Solver iterations per line instead of a time budget: reproducible runs (tests). */
  readonly iterationsPerLine?: number;
  readonly remoteSelector?: 'exact' | 'greedy';
}

/** Of the whole run's budget, the share the solver gets (the rest: matrices, timetables, merging). */
const SOLVER_SHARE = 0.8;
const DEFAULT_BUDGET_MS = 60_000;
const MIN_DEFAULT_BUDGET_MS = 2_000;

/**
 * The city planner: one solver task per line on a worker pool, merged into one plan with
 * the city's figures beside today's practice. `close()` stops the pool. A travel error on
 * any line (a road engine down, a shop off every road) stops every line and rejects the
 * plan with it: a plan is never half-made, nor made from two sources.
 */
export function createCityPlanner(options: CityPlannerOptions): { plan: Planner; close: () => Promise<void>; threads: number } {
  const pool = new LinePool(options.threads);
  const travel = options.travel ?? TERRAIN;
  const plan: Planner = async (request: PlanRequest, run: PlanOptions = {}) => {
    const tasks = lineTasks(request, options, pool.threads);
    const stop = new AbortController();
    const signal = run.signal ? AbortSignal.any([run.signal, stop.signal]) : stop.signal;
    let travelError: string | undefined;
    let done = 0;
    // Longest first, so no big line is left running alone at the end; results keep the lines' order.
    const order = tasks
      .map((_, i) => i)
      .sort((a, b) => (tasks[b].timeLimitMs ?? 0) - (tasks[a].timeLimitMs ?? 0) || tasks[b].retailers.length - tasks[a].retailers.length || a - b);
    const results: LinePlan[] = new Array(tasks.length);
    await Promise.all(
      order.map(async (k) => {
        const task = tasks[k];
        let result: LinePlan;
        try {
          const out = await pool.run(task, options.terrain, travel, signal);
          if ('travelError' in out) {
            travelError ??= out.travelError;
            stop.abort();
            return;
          }
          result = out;
        } catch (e) {
          if (travelError !== undefined) return;
          result = failedLine(task, e);
        }
        done++;
        run.onProgress?.({ linesDone: done, linesTotal: tasks.length, line: task.line.line, ...(result.error ? { error: result.error } : {}) });
        results[k] = result;
      }),
    );
    if (travelError !== undefined) throw new TravelError(travelError);
    return mergePlan(request, results);
  };
  return { plan, close: () => pool.close(), threads: pool.threads };
}

/** One task per line: its retailers, days, blocked days, closed shops, history and previous days. */
export function lineTasks(request: PlanRequest, options: Pick<CityPlannerOptions, 'iterationsPerLine' | 'remoteSelector'>, threads: number): LineTask[] {
  const { dataset, previous } = request;
  if (request.lines && previous && (previous.start !== request.start || previous.weeks !== request.weeks)) {
    throw new Error(`a re-plan of some lines keeps the previous plan's horizon (${previous.start}, ${previous.weeks} weeks), not ${request.start}, ${request.weeks} weeks`);
  }
  const horizon = planHorizon(dataset.calendar, request.start, request.weeks);
  const dayIndex = new Map(horizon.days.map((d, i) => [d, i]));
  const wanted = request.lines ? new Set(request.lines) : null;
  const lines = dataset.lines.filter((l) => !wanted || wanted.has(l.line));
  const unknown = request.lines?.filter((id) => !dataset.lines.some((l) => l.line === id)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown line(s): ${unknown.join(', ')}`);
  const history = historyByRetailer(request.history ?? [], dataset.calendar, request.start);
  const byLine = new Map(lines.map((l) => [l.line, [] as typeof dataset.retailers]));
  for (const r of dataset.retailers) byLine.get(r.line)?.push(r);
  const closedBy: Record<string, number[]> = {};
  for (const c of request.closed ?? []) {
    const d = dayIndex.get(c.date);
    if (d !== undefined) (closedBy[c.retailer] ??= []).push(d);
  }
  // Solver time by a line's visits: the 415-shop line, or a town line of weekly modern
  // terminals, needs more than a line of monthly village shops, and more than in proportion
  // (each search round costs more as the line grows): visits to the power 1.5.
  // Without a budget: the city's default, in proportion to the lines planned (a re-plan of one line gets a second or two).
  const budget = request.timeLimitMs ?? Math.max(MIN_DEFAULT_BUDGET_MS, (DEFAULT_BUDGET_MS * lines.length) / Math.max(1, dataset.lines.length));
  const work = (rs: readonly Retailer[]) => rs.reduce((s, r) => s + visitsPer4Weeks(r, dataset.policy), 0) ** 1.5;
  const visits = lines.reduce((s, l) => s + work(byLine.get(l.line) ?? []), 0);
  const parallel = Math.max(1, Math.min(threads, lines.length));
  const msPerWork = (budget * SOLVER_SHARE * parallel) / Math.max(1, visits);
  // A re-plan from a date keeps the days before it; the task covers the days from it.
  const fromDate = previous ? request.from : undefined;
  if (fromDate && horizon.days.every((d) => d < fromDate)) throw new Error(`${fromDate} is after the horizon's last workday`);
  const from = fromDate ? horizon.days.findIndex((d) => d >= fromDate) : 0;
  const dates = horizon.days.slice(from);
  const shift = (d: number | undefined) => (d === undefined || d < from ? [] : [d - from]);
  for (const id of Object.keys(closedBy)) closedBy[id] = closedBy[id].flatMap(shift);
  const dutyRecords = (request.history ?? []).filter((r) => r.kind !== undefined && r.kind !== 'routine');
  return lines.map((line) => {
    const retailers = byLine.get(line.line) ?? [];
    const perLine = Math.max(100, msPerWork * work(retailers));
    const ids = new Set(retailers.map((r) => r.id));
    const own = Object.fromEntries(Object.entries(history).filter(([id]) => ids.has(id)));
    const kept = from > 0 ? previous?.lines.find((l) => l.line === line.line) : undefined;
    if (from > 0 && !kept) throw new Error(`line ${line.line} is not in the previous plan`);
    const interval = new Map(retailers.map((r) => [r.id, intervalOf(visitsPer4Weeks(r, dataset.policy))]));
    return {
      line,
      retailers,
      policy: dataset.policy,
      dates,
      weekdays: horizon.weekdays.slice(from),
      blocked: (request.blocked ?? []).filter((b) => b.line === line.line).flatMap((b) => shift(dayIndex.get(b.date))),
      closed: Object.fromEntries(Object.entries(closedBy).filter(([id]) => ids.has(id))),
      history: kept ? historyAtFrom(kept, horizon.days, from, request.history ?? [], own, (id) => interval.get(id) ?? 20) : own,
      ...(kept ? { kept: { days: kept.days.slice(0, from), baseline: kept.baseline } } : {}),
      ...(previous ? { previousDays: previousDays(previous, line.line, dates) } : {}),
      duties: dutyTask(dataset.calendar, horizon.days, dates, dutyRecords.filter((r) => ids.has(r.retailer))),
      seed: request.seed ?? 1,
      ...(options.iterationsPerLine !== undefined ? { maxIterations: options.iterationsPerLine } : { timeLimitMs: perLine }),
      ...(options.remoteSelector ? { remoteSelector: options.remoteSelector } : {}),
    };
  });
}

/** A line whose solver failed (its worker died, it ran out of memory): no days, and the error; the plan goes on without it. */
export function failedLine(task: Pick<LineTask, 'line'>, e: unknown): LinePlan {
  const message = e instanceof Error ? e.message : String(e);
  const empty = cityFigures([]);
  return { line: task.line.line, manager: task.line.manager, figures: empty, baseline: empty, notPlaced: [], days: [], error: `line ${task.line.line} failed: ${message}` };
}

/**
 * The city's plan: lines in order, figures summed, ratios against today's practice. A re-plan
 * of some lines keeps every other line of the previous plan as it was.
 */
export function mergePlan(request: PlanRequest, planned: LinePlan[]): Plan {
  const replanned = new Map(planned.map((l) => [l.line, l]));
  const lines = request.previous && request.lines ? request.previous.lines.map((l) => replanned.get(l.line) ?? l) : planned;
  const ok = lines.filter((l) => !l.error);
  const figures = cityFigures(ok.map((l) => l.figures));
  const baseline = cityFigures(ok.map((l) => l.baseline));
  const ratio = (k: keyof Pick<PlanFigures, 'yuan' | 'fuelYuan' | 'km' | 'litres'>) => (baseline[k] > 0 ? figures[k] / baseline[k] : 0);
  return {
    start: request.start,
    weeks: request.weeks,
    seed: request.seed ?? 1,
    figures,
    baseline,
    ratios: { yuan: ratio('yuan'), fuelYuan: ratio('fuelYuan'), km: ratio('km'), litres: ratio('litres') },
    lines,
    duties: cityDuties(lines),
  };
}
