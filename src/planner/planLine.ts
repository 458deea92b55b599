import type { Line } from '../domain/line.ts';
import type { LinePlan, PlanFigures, PlannedDay } from '../domain/plan.ts';
import type { Policy } from '../domain/policy.ts';
import type { Retailer } from '../domain/retailer.ts';
import { visitMinutes, visitsPer4Weeks } from '../domain/visitRules.ts';
import { daysBetween } from '../domain/calendar.ts';
import { solve } from '../solver/index.ts';
import { fuelRates, yuanMatrix } from '../travel/fuel.ts';
import type { TravelMatrix, TravelSource } from '../travel/travelSource.ts';
import { dayRuleBreaks, dayRules, lineFigures } from './dayFigures.ts';
import { hasDutyVisits, lineDuties, planDuties, probeServices, splitDutyVisits, type DutyTask } from './duties.ts';
import { firstShopLimit } from './firstShopLimit.ts';
import { chosenPatterns, lineInput } from './lineInput.ts';
import { plannedDay, type DayContext } from './plannedDay.ts';
import { exactRemote, greedyRemote } from './remoteCandidates.ts';
import { remoteCap, remoteProblem } from './remoteProblem.ts';
import { retailerService, type RetailerService, type VisitHistory } from './serviceRules.ts';
import { spreadRemote } from './spreadRemote.ts';
import { todaysPractice, type PracticeLine } from './todaysPractice.ts';
import { linePoints } from './travelPoints.ts';
import { intervalOf } from './visitWindows.ts';
import { popcount, type ServicePattern } from './visitPatterns.ts';

/** Everything one line's plan needs: plain data, so a worker can receive it. */
export interface LineTask {
  readonly line: Line;
  readonly retailers: readonly Retailer[];
  readonly policy: Policy;
  /** The horizon's workdays and their ISO weekdays. */
  readonly dates: readonly string[];
  readonly weekdays: readonly number[];
  /** Day indices the line is blocked (meeting, training). */
  readonly blocked: readonly number[];
  /** Shops closed all day: retailer id → day indices. */
  readonly closed: Readonly<Record<string, readonly number[]>>;
  /** Retailer id → its visit history; a retailer without one has a free phase (4 weeks) or today's rhythm. */
  readonly history: Readonly<Record<string, VisitHistory>>;
  /** Retailer id → in-person day indices of a previous plan to stay close to. */
  readonly previousDays?: Readonly<Record<string, readonly number[]>>;
  readonly seed: number;
  readonly timeLimitMs?: number;
  readonly maxIterations?: number;
  readonly remoteSelector?: 'exact' | 'greedy';
  /** A re-plan from a date: the days before it, kept as they were, and the plan's baseline. */
  readonly kept?: { readonly days: readonly PlannedDay[]; readonly baseline: PlanFigures };
  /** The months' analysis visits and the quarters' re-evaluations this plan owes (duties.ts); none without. */
  readonly duties?: DutyTask;
}

/** A line with no plan keeping every rule by the end of its budget searches up to this share longer. */
const FEASIBILITY_GRACE = 4;

/**
 * On a time budget, a line's search for a plan keeping every rule goes on, after its grace,
 * until this many rounds: on a busy machine the 415-shop line's seconds buy a third of the
 * rounds, and ended over 9.5 h on a day (bench:city at a 20 s budget); at 300 rounds and its
 * grace it keeps every rule on seeds 1-5.
 */
const FEASIBILITY_MIN_ITERATIONS = 1500;

/** Of a line's budget, the share of the first solve that finds the duty visits' days. */
const PROBE_SHARE = 0.3;

/** Yuan a retailer's plan pays for each in-person day that differs from the previous plan. */
const MOVE_YUAN = 20;

/**
 * One line's plan: which visits go remote, on which days, in which order, at what times;
 * with today's practice on the same travel source beside it. The line's one matrix is the
 * only travel it asks for.
 */
export async function planLine(task: LineTask, travel: TravelSource): Promise<LinePlan> {
  const asked = performance.now();
  const matrix = await travel.matrix(linePoints(task.line, task.retailers, task.policy.coordinateSystem.value));
  if (task.timeLimitMs === undefined) return planLineOn(task, matrix);
  // A line's time budget covers fetching its matrix (milliseconds on the terrain model, a
  // road engine's answer on OSRM), so a run keeps to its budget on either; the solver keeps
  // at least half of it.
  const fetched = performance.now() - asked;
  return planLineOn({ ...task, timeLimitMs: Math.max(task.timeLimitMs / 2, task.timeLimitMs - fetched) }, matrix);
}

/** {@link planLine} on the line's matrix, [base, ...retailers] (linePoints.ts), already measured. */
export function planLineOn(task: LineTask, matrix: TravelMatrix): LinePlan {
  const { line, policy, retailers } = task;
  const days = task.dates.length;
  const blocked = new Set(task.blocked);
  const rates = fuelRates(policy, line.vehicle, line.litresPer100Km);
  const cost = yuanMatrix(rates, matrix.metres, matrix.ascentM);
  const practice = todaysPractice(line, retailers, matrix, policy);
  const history = historyOrRhythm(task, practice);

  // Every retailer's patterns; who may go remote; then the patterns each may use.
  const blockedMask = task.blocked.reduce((m, d) => m | (1 << d), 0);
  const due = retailers.map((r) => retailerService(r, policy, task.weekdays, history[r.id], blockedMask));
  // The duty visits narrow some retailers' patterns.
  const fromBase = retailers.map((_, i) => matrix.seconds[i + 1]);
  const duty = task.duties ? planDuties(task.duties, due, policy, blockedMask, task.closed, task.kept?.days ?? [], fromBase) : null;
  const open = duty?.services ?? due;
  const problem = remoteProblem(task, open, cost, matrix.size);
  // Greedy by default: bench:remote finds it equal to the exact model on 104 of 105 demo lines
  // and 0.6% short on the overloaded one, where the exact model takes 2 s against 2 ms.
  const mayGoRemote = (task.remoteSelector === 'exact' ? exactRemote : greedyRemote)(problem.options, problem.budget);
  const notPlaced: LinePlan['notPlaced'] = [];
  const routed: RetailerService[] = [];
  const routedIndex: number[] = [];
  // Served remotely whatever the routes: the solver need not see them.
  const remoteOnly: RetailerService[] = [];
  retailers.forEach((r, i) => {
    const s = open[i];
    const allowed = usablePatterns(s, mayGoRemote[i], blocked, task.closed[r.id], task.previousDays?.[r.id]);
    if (allowed.length === 0) {
      notPlaced.push({ retailer: r.id, reason: 'no day in its visit window is open for both the shop and the line' });
      return;
    }
    if (allowed[0].days.length === 0) return; // nothing due in this horizon
    if (allowed.every((p) => p.inPersonMask === 0)) remoteOnly.push({ ...s, patterns: allowed });
    else {
      routed.push({ ...s, patterns: allowed });
      routedIndex.push(i);
    }
  });
  const kept = task.kept?.days ?? [];
  const keptWorked = kept.filter((d) => !d.blocked);
  const keptLoad = { visits: keptWorked.reduce((sum, d) => sum + d.stops.length, 0), days: keptWorked.length };
  // The solver sees only the retailers due; its locations are [base, ...those retailers].
  const solveFor = (services: readonly RetailerService[], index: readonly number[], seed: number, share: number, grace = FEASIBILITY_GRACE) => {
    const sub = subMatrix(matrix, index);
    const first = firstShopLimit(services, sub, policy, task.dates, blocked);
    const input = lineInput(services, sub, yuanMatrix(rates, sub.metres, sub.ascentM), policy, days, blocked, keptLoad, first.limit);
    const result = solve(input, {
      seed,
      ...(task.timeLimitMs !== undefined ? { timeLimitMs: task.timeLimitMs * share } : {}),
      ...(task.maxIterations !== undefined ? { maxIterations: Math.max(1, Math.round(task.maxIterations * share)) } : {}),
      feasibilityGrace: grace,
      ...(grace > 0 ? { feasibilityMinIterations: FEASIBILITY_MIN_ITERATIONS } : {}),
    });
    return { sub, first, result };
  };
  // Each duty visit is a customer of its own on its day, for its own duration; the days are
  // where a first, shorter solve puts the retailers (duties.ts); it need not keep every rule,
  // so it gets no grace. The rest of the budget, and of its grace, goes to the solve of the
  // split: a line searches no longer in all than without duties.
  const attempt = (seed: number) => {
    const probe = duty && hasDutyVisits(duty.plan) ? solveFor(probeServices(duty.plan, routed, policy), routedIndex, seed, PROBE_SHARE, 0) : null;
    const split = splitDutyVisits(duty?.plan, routed, routedIndex, policy, probe?.result.visitDays);
    const solved = probe
      ? solveFor(split.services, split.index, seed, 1 - PROBE_SHARE, (1 + FEASIBILITY_GRACE - PROBE_SHARE) / (1 - PROBE_SHARE) - 1)
      : solveFor(split.services, split.index, seed, 1);
    return { split, ...solved };
  };
  let done = attempt(task.seed);
  // A line at its limit (the 415-shop line with its duty visits) can end a seed's search, grace
  // and all, a few minutes over on a day: it tries once more from another seed and keeps the
  // better. Only lines that break a rule pay for it.
  if (!done.result.feasible) {
    const again = attempt(task.seed + 1);
    if (again.result.feasible || again.result.timeWarp + again.result.loadViolation < done.result.timeWarp + done.result.loadViolation) done = again;
  }
  const { split, sub, first, result } = done;
  const services = split.services;
  remoteOnly.push(...split.remoteOnly);
  const served = [...services, ...remoteOnly];
  const chosen = spreadRemote(
    [...chosenPatterns(services, result.visitDays), ...remoteOnly.map((s) => s.patterns[0])],
    served.map((s) => (s.remoteMode ? visitMinutes(s.retailer, s.remoteMode, policy) : 0)),
    days,
  );

  const routeOf = new Map(result.routes.map((r) => [r.day, r.stops.map((loc) => loc - 1)]));
  const remoteOn: PlannedDay['remote'][] = Array.from({ length: days }, () => []);
  let remoteVisits = 0;
  let phoneYuan = 0;
  let strayDays = 0;
  let visits = 0;
  chosen.forEach((p, k) => {
    const s = served[k];
    visits += p.days.length;
    strayDays += p.strayDays;
    for (const d of p.remoteDays) {
      const mode = s.remoteMode ?? 'phone';
      remoteOn[d].push({ retailer: s.retailer.id, mode });
      remoteVisits++;
      if (mode === 'phone') phoneYuan += visitMinutes(s.retailer, 'phone', policy) * policy.phoneYuanPerMinute.value;
    }
  });
  const ctx: DayContext = { shops: services.map((s) => s.retailer), matrix: sub, rates, policy };
  for (const day of kept) {
    visits += day.stops.length + day.remote.length;
    remoteVisits += day.remote.length;
    phoneYuan += day.remote.filter((r) => r.mode === 'phone').length * policy.phoneMinutes.value * policy.phoneYuanPerMinute.value;
  }
  const kindOf = (shop: number) => split.kinds.get(shop) ?? 'routine';
  const planDays = [...kept, ...task.dates.map((date, d) => plannedDay(ctx, date, blocked.has(d), routeOf.get(d) ?? [], remoteOn[d], kindOf))];
  // The solver's clock is cautious about lunch (see lineInput.ts): a plan it calls a minute
  // over may keep every rule on the timetable, so the days' figures, not the solver's verdict,
  // say what the plan breaks.
  const figures = lineFigures(planDays, { visits, remoteVisits, phoneYuan, strayDays, notPlaced: notPlaced.length }, dayRules(policy));
  const baseline = task.kept?.baseline ?? baselineFigures(task, practice, matrix, rates);
  const duties = task.duties ? { duties: lineDuties(task.duties, planDays, retailers, policy) } : {};
  // Where no search found days that keep every rule (an infeasible result means both seeds were
  // searched), the planner says so beside the figures that show which (the solver's clock is the
  // more cautious: only breaks the days show count).
  const broken = dayRuleBreaks(figures);
  const warnings = [
    ...(first.warning ? [first.warning] : []),
    ...(!result.feasible && broken > 0 ? [`no plan keeping every day's rules was found (searched from seed ${task.seed} and from seed ${task.seed + 1}): ${broken} break(s) of them in its days, as the figures show`] : []),
  ];
  return { line: line.line, manager: line.manager, figures, baseline, notPlaced, days: planDays, ...(warnings.length > 0 ? { warnings } : {}), ...duties };
}

/** Real history where known; otherwise a free phase over four weeks, or today's weekday rhythm over fewer. */
function historyOrRhythm(task: LineTask, practice: PracticeLine): Record<string, VisitHistory> {
  const out: Record<string, VisitHistory> = { ...task.history };
  // A four-week horizon (holidays or not) has room for every retailer's whole cycle.
  if (task.dates.length > 0 && daysBetween(task.dates[0], task.dates[task.dates.length - 1]) >= 21) return out;
  const { retailers, policy } = task;
  // Each retailer's first day in today's weekday cycle is where its rhythm puts the next visit.
  const firstDay = new Int32Array(retailers.length).fill(-1);
  practice.days.forEach((d, day) => d.stops.forEach((i) => (firstDay[i] = firstDay[i] < 0 ? day : firstDay[i])));
  retailers.forEach((r, i) => {
    if (out[r.id] || firstDay[i] < 0) return;
    out[r.id] = { lastVisitOffset: firstDay[i] - intervalOf(visitsPer4Weeks(r, policy)), lastRemoteRun: 0 };
  });
  return out;
}

/** Patterns that avoid blocked days and closed shops; a retailer not chosen for remote keeps in-person ones only. */
function usablePatterns(
  s: RetailerService,
  mayGoRemote: boolean,
  blocked: ReadonlySet<number>,
  closed: readonly number[] | undefined,
  previous: readonly number[] | undefined,
): ServicePattern[] {
  let shut = 0;
  for (const d of closed ?? []) shut |= 1 << d;
  const prevMask = (previous ?? []).reduce((m, d) => m | (1 << d), 0);
  const cap = remoteCap(s);
  const open = (days: readonly number[]) => !days.some((d) => blocked.has(d));
  return s.patterns
    .map((p) => {
      // An all-remote pattern keeps the timings that miss every blocked day.
      const timings = p.remoteTimings?.filter(open);
      return timings && timings.length > 0 ? { ...p, days: timings[0], remoteDays: timings[0], remoteTimings: timings } : p;
    })
    .filter(
      (p) =>
        // A blocked day carries no visit at all; a closed shop only no in-person one.
        open(p.days) &&
        (p.inPersonMask & shut) === 0 &&
        p.remoteDays.length <= (mayGoRemote ? cap : 0),
    )
    .map((p) => (previous ? { ...p, cost: p.cost + MOVE_YUAN * popcount(p.inPersonMask ^ prevMask) / 2 } : p));
}


/** The matrix restricted to the base and the given retailers (indices into the full matrix's shops). */
function subMatrix(m: TravelMatrix, shops: readonly number[]): TravelMatrix {
  const idx = [0, ...shops.map((i) => i + 1)];
  const k = idx.length;
  const metres = new Float64Array(k * k);
  const seconds = new Float64Array(k * k);
  const ascentM = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const from = idx[a] * m.size + idx[b];
      metres[a * k + b] = m.metres[from];
      seconds[a * k + b] = m.seconds[from];
      ascentM[a * k + b] = m.ascentM[from];
    }
  }
  return { size: k, metres, seconds, ascentM };
}

/** Today's practice on the same days: the 20-day weekday cycle laid over the horizon's workdays. */
function baselineFigures(task: LineTask, practice: PracticeLine, matrix: TravelMatrix, rates: ReturnType<typeof fuelRates>) {
  const ctx: DayContext = { shops: task.retailers, matrix, rates, policy: task.policy };
  let visits = 0;
  const days = task.dates.map((date, d) => {
    const stops = practice.days[d % practice.days.length].stops;
    visits += stops.length;
    return plannedDay(ctx, date, false, stops, []);
  });
  return lineFigures(days, { visits, remoteVisits: 0, phoneYuan: 0, strayDays: 0, notPlaced: 0 }, dayRules(task.policy));
}
