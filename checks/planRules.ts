/**
 * Independent checker of a plan's hard rules (issue 4, item 6). It reads only the plan JSON,
 * the dataset (retailers, lines, policy) and the travel model, and re-derives every rule
 * itself: it must never import src/planner or src/solver, so that a planner bug cannot hide
 * behind shared code. Each violation names line, date, retailer and the rule broken.
 */
import { addDays, Workdays, type Calendar, type IsoDate } from '../src/domain/calendar.ts';
import { formatClock, parseClock } from '../src/domain/clock.ts';
import type { Line } from '../src/domain/line.ts';
import type { LinePlan, PlannedDay } from '../src/domain/plan.ts';
import type { Policy } from '../src/domain/policy.ts';
import type { Retailer } from '../src/domain/retailer.ts';
import type { VisitRecord } from '../src/domain/visitRecord.ts';
import type { TerrainGrid } from '../src/travel/terrainGrid.ts';
import { TerrainModel, terrainModelParams } from '../src/travel/terrainModel.ts';

export interface RulesDataset {
  readonly retailers: readonly Retailer[];
  readonly lines: readonly Line[];
  readonly policy: Policy;
}

/** A retailer's past as the rules see it: the last visit's workday offset (< 0) and the remote run ending there. */
export interface RetailerHistory {
  readonly lastVisitOffset: number;
  readonly lastRemoteRun: number;
}

export interface RulesContext {
  /** The travel model, or the grid to build it from with the policy's speeds. */
  readonly travel: TerrainModel | TerrainGrid;
  /** The horizon's workdays, in order. */
  readonly days: readonly IsoDate[];
  /** Weeks of the horizon; default: the span of `days`. The free-phase frequency rule needs 4. */
  readonly weeks?: number;
  readonly blocked?: readonly { readonly line: string; readonly date: IsoDate }[];
  readonly closed?: readonly { readonly retailer: string; readonly date: IsoDate }[];
  /** Retailer id → history; a retailer without one has a free phase. */
  readonly history?: Readonly<Record<string, RetailerHistory>>;
  /**
   * With the calendar, the duties are checked: the months' analysis visits and the quarters'
   * re-evaluations, counting those `records` (before the horizon) show done.
   */
  readonly calendar?: Calendar;
  readonly records?: readonly VisitRecord[];
}

/** Slack for times printed to the minute (HH:MM). */
const CLOCK_SLACK = 1;
const KM_SLACK = 0.05;
const MINUTES_SLACK = 0.1;
/** Every retailer at least once in any four weeks of 20 workdays. */
const CYCLE = 20;

export function checkPlanRules(plan: { readonly lines: readonly LinePlan[] }, data: RulesDataset, ctx: RulesContext): { violations: string[] } {
  const out: string[] = [];
  const model = 'heightsM' in ctx.travel ? new TerrainModel(ctx.travel, terrainModelParams(data.policy)) : ctx.travel;
  for (const lp of plan.lines) checkLine(lp, data, ctx, model, out);
  return { violations: out };
}

/**
 * A retailer's history from visit records, re-derived here (not the planner's): the last
 * visit before `start` that took place (a failed one is no visit), and the remote run ending it.
 */
export function historyFromRecords(records: readonly VisitRecord[], calendar: Calendar, start: IsoDate): Record<string, RetailerHistory> {
  const wd = new Workdays(calendar);
  const byRetailer = new Map<string, VisitRecord[]>();
  for (const r of records) {
    if (r.date >= start || r.outcome === 'failed') continue;
    byRetailer.set(r.retailer, [...(byRetailer.get(r.retailer) ?? []), r]);
  }
  const out: Record<string, RetailerHistory> = {};
  for (const [id, list] of byRetailer) {
    list.sort((a, b) => a.date.localeCompare(b.date));
    let run = 0;
    for (let k = list.length - 1; k >= 0 && list[k].mode !== 'in_person'; k--) run++;
    out[id] = { lastVisitOffset: -wd.between(list[list.length - 1].date, start).length, lastRemoteRun: run };
  }
  return out;
}

/** Visits per 20 workdays by the policy: class, supply-stopped instead, at least the vulnerable rate. */
export function frequencyOf(r: Retailer, policy: Policy): number {
  const f = r.supplyStopped ? policy.visitsPer4WeeksSupplyStopped.value : policy.visitsPer4WeeksByClass.value[r.class];
  return r.vulnerable ? Math.max(f, policy.visitsPer4WeeksVulnerable.value) : f;
}

interface Visit {
  readonly day: number;
  readonly mode: 'in_person' | 'phone' | 'online';
}

function checkLine(lp: LinePlan, data: RulesDataset, ctx: RulesContext, model: TerrainModel, out: string[]): void {
  const L = lp.line;
  const line = data.lines.find((l) => l.line === L);
  if (!line) {
    out.push(`${L}: not a line of the dataset`);
    return;
  }
  // Rule 7: a clean plan has no line error and leaves no visit unplaced.
  if (lp.error !== undefined) {
    out.push(`${L}: line failed: ${lp.error}`);
    return;
  }
  for (const n of lp.notPlaced) out.push(`${L} ${n.retailer}: not placed (${n.reason})`);

  const { policy } = data;
  const shops = new Map(data.retailers.filter((r) => r.line === L).map((r) => [r.id, r]));
  const dayIndex = new Map(ctx.days.map((d, i) => [d, i]));
  const blocked = new Set((ctx.blocked ?? []).filter((b) => b.line === L).map((b) => b.date));
  const closed = new Set((ctx.closed ?? []).map((c) => `${c.retailer} ${c.date}`));
  const planned = lp.days.map((d) => d.date);
  if (planned.join() !== ctx.days.join()) out.push(`${L}: plans days ${planned.join(', ') || 'none'}, expected the horizon's ${ctx.days.join(', ')}`);

  const visits = new Map<string, Visit[]>();
  const add = (id: string, v: Visit) => visits.set(id, [...(visits.get(id) ?? []), v]);
  for (const day of lp.days) {
    const d = dayIndex.get(day.date);
    if (d === undefined) continue;
    const isBlocked = blocked.has(day.date);
    if (day.blocked !== isBlocked) out.push(`${L} ${day.date}: marked blocked ${day.blocked}, expected ${isBlocked}`);
    const seen = new Set<string>();
    const visit = (id: string, mode: Visit['mode']): Retailer | undefined => {
      const r = shops.get(id);
      if (!r) {
        out.push(`${L} ${day.date} ${id}: not a retailer of this line`);
        return undefined;
      }
      if (seen.has(id)) out.push(`${L} ${day.date} ${id}: visited twice on one day`);
      seen.add(id);
      // Rule 3: a blocked day carries no visit at all.
      if (isBlocked) out.push(`${L} ${day.date} ${id}: ${mode} visit on a blocked day`);
      add(id, { day: d, mode });
      return r;
    };
    for (const s of day.stops) {
      if (visit(s.retailer, 'in_person') && closed.has(`${s.retailer} ${day.date}`)) out.push(`${L} ${day.date} ${s.retailer}: in-person visit while the shop is closed all day`);
    }
    for (const rv of day.remote) {
      const r = visit(rv.retailer, rv.mode);
      if (r) checkRemoteMode(L, day.date, r, rv.mode, policy, out);
    }
    if (day.stops.length > 0) checkDay(L, line, day, shops, policy, model, out);
    else checkIdleDay(L, day, isBlocked, out);
  }
  checkBalance(L, lp.days.filter((d) => dayIndex.has(d.date) && !blocked.has(d.date)), policy, out);

  let inPerson = 0;
  let total = 0;
  for (const r of shops.values()) {
    const vs = (visits.get(r.id) ?? []).sort((a, b) => a.day - b.day);
    total += vs.length;
    inPerson += vs.filter((v) => v.mode === 'in_person').length;
    checkFrequency(L, r, vs, policy, ctx, out);
    checkRemoteRun(L, r, vs, policy, ctx, out);
  }
  checkDutyKinds(L, lp, shops, out);
  if (ctx.calendar) checkDuties(L, lp, [...shops.values()], policy, ctx, ctx.calendar, out);
  // Rule 2: the line's in-person share over the horizon.
  const share = policy.inPersonShareMin.value;
  if (total > 0 && inPerson < share * total - 1e-9) {
    out.push(`${L}: ${inPerson} of ${total} visits in person (${((100 * inPerson) / total).toFixed(1)}%), under ${Math.round(share * 100)}%`);
  }
}

/**
 * Rule 8: every workday that is not blocked is a market day; a day without stops drives
 * nowhere (a blocked one included).
 */
function checkIdleDay(L: string, day: PlannedDay, isBlocked: boolean, out: string[]): void {
  const at = `${L} ${day.date}`;
  if (!isBlocked) out.push(`${at}: a workday with no market time (no in-person visit)`);
  if (day.leaveBase !== null || day.backAtBase !== null || day.km > 0) {
    out.push(`${at}: no stops, but leaves base ${day.leaveBase ?? '-'}, back ${day.backAtBase ?? '-'}, ${fmt(day.km, 1)} km${isBlocked ? ' on a blocked day' : ''}`);
  }
}

/** Rule 9: each workday's in-person visits within the policy's band around the line's mean over its workdays. */
function checkBalance(L: string, workdays: readonly PlannedDay[], policy: Policy, out: string[]): void {
  if (workdays.length === 0) return;
  const share = policy.dayVisitsBand.value;
  const mean = workdays.reduce((s, d) => s + d.stops.length, 0) / workdays.length;
  const least = mean * (1 - share);
  const most = mean * (1 + share);
  for (const d of workdays) {
    if (d.stops.length === 0) continue; // an empty workday is reported already
    if (d.stops.length < least - 1e-9 || d.stops.length > most + 1e-9) {
      out.push(`${L} ${d.date}: ${d.stops.length} in-person visits, outside ${fmt(least, 1)} to ${fmt(most, 1)} (±${Math.round(share * 100)}% of the line's mean ${fmt(mean, 1)})`);
    }
  }
}

/** Rule 2: who may be served remotely, and by which channel. */
function checkRemoteMode(L: string, date: string, r: Retailer, mode: 'phone' | 'online', policy: Policy, out: string[]): void {
  if (r.mustInPerson) out.push(`${L} ${date} ${r.id}: ${mode} visit, but must_in_person`);
  else if (policy.mustInPersonClasses.value.includes(r.class)) out.push(`${L} ${date} ${r.id}: ${mode} visit, but class ${r.class} is visited in person`);
  if (mode === 'phone' && r.phone === '') out.push(`${L} ${date} ${r.id}: phone visit, but no phone number`);
  if (mode === 'online' && r.ordering !== 'computer' && r.ordering !== 'mobile') out.push(`${L} ${date} ${r.id}: online visit, but orders by ${r.ordering}`);
}

/** Rule 2: no longer run of remote visits than the policy allows, continuing the history's run. */
function checkRemoteRun(L: string, r: Retailer, vs: readonly Visit[], policy: Policy, ctx: RulesContext, out: string[]): void {
  const max = policy.maxConsecutiveRemote.value;
  let run = ctx.history?.[r.id]?.lastRemoteRun ?? 0;
  for (const v of vs) {
    run = v.mode === 'in_person' ? 0 : run + 1;
    if (run > max) out.push(`${L} ${ctx.days[v.day]} ${r.id}: remote visit ${run} in a row, over ${max}`);
  }
}

function weeksOf(ctx: RulesContext): number {
  if (ctx.weeks !== undefined) return ctx.weeks;
  if (ctx.days.length === 0) return 0;
  const span = (Date.parse(`${ctx.days[ctx.days.length - 1]}T00:00:00Z`) - Date.parse(`${ctx.days[0]}T00:00:00Z`)) / 86_400_000;
  return Math.floor(span / 7) + 1;
}

/** Rule 1: how many visits, and when. */
function checkFrequency(L: string, r: Retailer, vs: readonly Visit[], policy: Policy, ctx: RulesContext, out: string[]): void {
  const D = ctx.days.length;
  const f = frequencyOf(r, policy);
  const interval = CYCLE / f;
  const date = (d: number) => ctx.days[d];
  const history = ctx.history?.[r.id];
  const days = vs.map((v) => v.day);
  // Never more than 20 workdays between two visits (from the last one before the start, if known).
  const chain = history ? [history.lastVisitOffset, ...days] : days;
  for (let j = 1; j < chain.length; j++) {
    // A history already overdue at the start cannot keep the gap: its first visit is due at once instead.
    if (j === 1 && history && history.lastVisitOffset + CYCLE < 0) continue;
    if (chain[j] - chain[j - 1] > CYCLE) {
      const from = chain[j - 1] < 0 ? `the last visit ${-chain[j - 1]} workdays before the start` : date(chain[j - 1]);
      out.push(`${L} ${date(chain[j])} ${r.id}: ${chain[j] - chain[j - 1]} workdays after ${from}, over ${CYCLE}`);
    }
  }
  if (history) {
    checkWindows(L, r, days, history, interval, policy, D, date, out);
    return;
  }
  if (weeksOf(ctx) < 4) {
    // A short horizon without history: the phase is the planner's own; only the count is bounded.
    const most = Math.ceil((f * D) / CYCLE);
    if (days.length > most) out.push(`${L} ${r.id}: ${days.length} visits in ${D} workdays, at most ${most} due (${f} per 4 weeks)`);
    return;
  }
  const k = Math.max(1, Math.round((f * D) / CYCLE));
  if (days.length !== k) {
    out.push(`${L} ${r.id}: ${days.length} visits, expected ${k} (${f} per 4 weeks over ${D} workdays)`);
    return;
  }
  // Evenly spaced: from some starting day every D / k workdays, each visit on its ideal day
  // or within the policy's tolerance of it.
  const step = D / k;
  const tol = toleranceFor(interval, policy);
  let spaced = false;
  for (let s = 0; s < Math.ceil(step) && !spaced; s++) {
    const ideal = (j: number) => Math.round(s + j * step);
    spaced = ideal(k - 1) <= D - 1 && days.every((d, j) => Math.abs(d - ideal(j)) <= tol);
  }
  if (!spaced) {
    out.push(`${L} ${r.id}: visits on workdays ${days.map((d) => d + 1).join(', ')} are not evenly spaced (every ${fmt(step)} workdays from some start, ±${tol})`);
  }
  // Any 20 workdays of the horizon hold a visit.
  if (days[0] > CYCLE - 1) out.push(`${L} ${date(days[0])} ${r.id}: first visit on workday ${days[0] + 1}, none in the first ${CYCLE}`);
  if (D >= CYCLE && days[k - 1] < D - CYCLE) out.push(`${L} ${date(days[k - 1])} ${r.id}: last visit ${D - 1 - days[k - 1]} workdays before the horizon ends, none in its last ${CYCLE}`);
}

/**
 * With history: visit j is ideally one interval after the one before (from the last visit
 * before the start; an overdue visit is due on the first day and the rhythm restarts
 * there), within the policy's tolerance for the interval, inside the horizon.
 */
function checkWindows(L: string, r: Retailer, days: readonly number[], h: RetailerHistory, interval: number, policy: Policy, D: number, date: (d: number) => string, out: string[]): void {
  const tol = toleranceFor(interval, policy);
  const ideals: number[] = [];
  for (let ideal = h.lastVisitOffset + interval; ideal <= D - 1; ideal += interval) {
    if (ideal < 0) ideal = 0; // overdue: due at once
    ideals.push(ideal);
  }
  if (days.length !== ideals.length) {
    out.push(`${L} ${r.id}: ${days.length} visits, expected ${ideals.length} (last visit ${-h.lastVisitOffset} workdays before the start, every ${fmt(interval)} workdays)`);
    return;
  }
  ideals.forEach((ideal, j) => {
    const lo = Math.max(0, Math.ceil(ideal - tol));
    const hi = Math.min(D - 1, Math.floor(ideal + tol));
    if (days[j] < lo || days[j] > hi) {
      out.push(`${L} ${date(days[j])} ${r.id}: visit ${j + 1} on workday ${days[j] + 1}, outside workdays ${lo + 1} to ${hi + 1} (ideal ${fmt(ideal + 1)}, ±${tol})`);
    }
  });
}

/** Rules 3–6 for a day with stops. */
function checkDay(L: string, line: Line, day: PlannedDay, shops: ReadonlyMap<string, Retailer>, policy: Policy, model: TerrainModel, out: string[]): void {
  const at = `${L} ${day.date}`;
  const stops = day.stops.filter((s) => shops.has(s.retailer));
  if (stops.length !== day.stops.length || stops.length === 0) return; // unknown retailers are reported already
  if (day.leaveBase === null || day.backAtBase === null) {
    out.push(`${at}: has stops but no ${day.leaveBase === null ? 'leaveBase' : 'backAtBase'}`);
    return;
  }
  const shop = (id: string) => shops.get(id) as Retailer;
  const base = { lon: line.baseLon, lat: line.baseLat, urban: true };
  const legs = model.legsSync([base, ...stops.map((s) => shop(s.retailer)), base]);
  // The model measures a NaN coordinate as a 0 km leg: a shop with no place cannot be timed, say so.
  const lost = stops.map((s) => shop(s.retailer)).filter((r) => !Number.isFinite(r.lon) || !Number.isFinite(r.lat));
  for (const r of lost) out.push(`${at} ${r.id}: visited in person, but its coordinates are not numbers (lon ${r.lon}, lat ${r.lat})`);
  if (lost.length > 0) return;
  const legMin = legs.map((l) => l.seconds / 60);
  const leave = parseClock(day.leaveBase);
  const back = parseClock(day.backAtBase);
  const lunchMin = policy.lunch.value.minutes;
  const lunch = day.lunch === null ? null : parseClock(day.lunch);
  const t = stops.map((s) => ({ arrive: parseClock(s.arrive), start: parseClock(s.start), depart: parseClock(s.depart) }));
  const visitMin = stops.map((s) =>
    s.kind === 'analysis' ? policy.analysisVisitMinutes.value : s.kind === 'reevaluation' ? policy.reevaluationVisitMinutes.value : policy.inPersonMinutesByClass.value[shop(s.retailer).class],
  );

  // Rule 3: the day's frame, and a day a person can keep.
  if (leave < parseClock(policy.leaveBaseEarliest.value)) out.push(`${at}: leaves base at ${day.leaveBase}, before ${policy.leaveBaseEarliest.value}`);
  if (t[0].arrive > parseClock(policy.firstShopBy.value)) out.push(`${at} ${stops[0].retailer}: first shop reached at ${stops[0].arrive}, after ${policy.firstShopBy.value}`);
  if (back > parseClock(policy.backAtBaseBy.value)) out.push(`${at}: back at base at ${day.backAtBase}, after ${policy.backAtBaseBy.value}`);
  const maxDay = policy.maxDayMinutes.value;
  if (back - leave > maxDay + CLOCK_SLACK) out.push(`${at}: out ${fmt((back - leave) / 60, 2)} h (${day.leaveBase}–${day.backAtBase}), over ${fmt(maxDay / 60, 2)} h`);

  // Lunch sits in a gap between two points of the day (k = gap after stop k − 1; 0 = before the first stop).
  const lunchIn = (from: number, to: number) => lunch !== null && lunch >= from - CLOCK_SLACK && lunch < to;
  let kmSum = 0;
  stops.forEach((s, k) => {
    const r = shop(s.retailer);
    const who = `${at} ${s.retailer}`;
    const { arrive, start, depart } = t[k];
    if (Math.abs(s.legKm - legs[k].metres / 1000) > KM_SLACK) out.push(`${who}: legKm ${s.legKm}, travel model says ${fmt(legs[k].metres / 1000, 2)}`);
    if (Math.abs(s.legMinutes - legMin[k]) > MINUTES_SLACK) out.push(`${who}: legMinutes ${s.legMinutes}, travel model says ${fmt(legMin[k], 1)}`);
    kmSum += legs[k].metres / 1000;
    // The drive that reaches this stop, and lunch if it is taken in that gap.
    const from = k === 0 ? leave : t[k - 1].depart;
    const fromWhat = k === 0 ? `leaving base ${day.leaveBase}` : `leaving ${stops[k - 1].retailer} ${stops[k - 1].depart}`;
    const withLunch = k > 0 && lunchIn(from, arrive) ? lunchMin : 0;
    const earliest = from + legMin[k] + withLunch;
    if (arrive < earliest - CLOCK_SLACK) {
      out.push(`${who}: arrives ${s.arrive}, before ${formatClock(earliest)} (${fmt(legMin[k], 1)} min drive${withLunch ? ` and ${withLunch} min lunch` : ''} after ${fromWhat})`);
    }
    if (start < arrive) out.push(`${who}: starts ${s.start}, before arriving ${s.arrive}`);
    if (start < r.opensMin) out.push(`${who}: starts ${s.start}, before opening ${formatClock(r.opensMin)}`);
    if (Math.abs(depart - start - visitMin[k]) > CLOCK_SLACK) out.push(`${who}: visit lasts ${depart - start} min, expected ${visitMin[k]} (${s.kind ?? 'routine'} visit, class ${r.class})`);
    if (arrive >= r.closesMin) out.push(`${who}: arrives ${s.arrive}, after closing ${formatClock(r.closesMin)}`);
    else if (depart > r.closesMin) out.push(`${who}: departs ${s.depart}, after closing ${formatClock(r.closesMin)}`);
  });
  const last = stops.length - 1;
  const home = legMin[last + 1];
  const homeKm = legs[last + 1].metres / 1000;
  kmSum += homeKm;
  if (Math.abs(day.returnKm - homeKm) > KM_SLACK) out.push(`${at}: returnKm ${day.returnKm}, travel model says ${fmt(homeKm, 2)}`);
  if (Math.abs(day.km - kmSum) > KM_SLACK * (stops.length + 1)) out.push(`${at}: km ${fmt(day.km, 2)}, legs and return sum to ${fmt(kmSum, 2)}`);
  const lunchAfterLast = lunchIn(t[last].depart, back) ? lunchMin : 0;
  if (back < t[last].depart + home + lunchAfterLast - CLOCK_SLACK) {
    out.push(`${at}: back at base at ${day.backAtBase}, before ${formatClock(t[last].depart + home + lunchAfterLast)} (${fmt(home, 1)} min drive${lunchAfterLast ? ` and ${lunchAfterLast} min lunch` : ''} after leaving ${stops[last].retailer} ${stops[last].depart})`);
  }

  // Rule 4: lunch. The market span ends where the drive home begins.
  const marketEnd = back - home;
  const lunchWindow = `${policy.lunch.value.earliest}–${policy.lunch.value.latest}`;
  if (lunch === null) {
    if (marketEnd > parseClock(policy.lunch.value.earliest) + CLOCK_SLACK) out.push(`${at}: no lunch, though the market time runs to ${formatClock(marketEnd)}`);
  } else {
    const span = `${day.lunch}–${formatClock(lunch + lunchMin)}`;
    if (lunch < parseClock(policy.lunch.value.earliest) || lunch > parseClock(policy.lunch.value.latest)) out.push(`${at}: lunch at ${day.lunch}, outside ${lunchWindow}`);
    stops.forEach((s, k) => {
      if (t[k].start < lunch + lunchMin && lunch < t[k].depart) out.push(`${at} ${s.retailer}: visit ${s.start}–${s.depart} overlaps lunch ${span}`);
    });
    if (lunch < t[0].arrive - CLOCK_SLACK || lunch + lunchMin > back + CLOCK_SLACK) out.push(`${at}: lunch ${span} outside the market day ${stops[0].arrive}–${day.backAtBase}`);
  }

  // Rule 3: waiting outside shops before they open; lunch taken in a wait is not waiting, nor
  // is waiting that only fills the market hours a light day must spend in the market anyway.
  const waits = stops.map((_, k) => t[k].start - t[k].arrive - (lunchIn(t[k].arrive, t[k].start + CLOCK_SLACK) ? lunchMin : 0));
  const waited = waits.reduce((a, b) => a + b, 0);
  const reserveEnd = t[last].depart + policy.unplannedReserveShare.value * visitMin[last];
  const visitsSpan = reserveEnd - t[0].arrive - (lunch !== null && lunch >= t[0].arrive - CLOCK_SLACK && lunch < reserveEnd ? lunchMin : 0);
  const counted = Math.min(waited, Math.max(0, visitsSpan - policy.marketMinutesMin.value));
  // Each wait is read from two printed times: a minute of slack for every stop that waits.
  if (counted > policy.maxWaitMinutesPerDay.value + CLOCK_SLACK * waits.filter((w) => w > 0).length) {
    out.push(`${at}: waits ${fmt(counted, 0)} min for shops to open beyond its market hours, over ${policy.maxWaitMinutesPerDay.value}`);
  }

  // Rule 5: market minutes, first arrival to the start of the drive home, less lunch inside.
  const lunchInMarket = lunch !== null && lunch >= t[0].arrive - CLOCK_SLACK && lunch + lunchMin <= marketEnd + CLOCK_SLACK ? lunchMin : 0;
  const market = marketEnd - t[0].arrive - lunchInMarket;
  if (market < policy.marketMinutesMin.value - CLOCK_SLACK) {
    out.push(`${at}: ${fmt(market, 0)} market minutes (${stops[0].arrive}–${formatClock(marketEnd)}${lunchInMarket ? ' less lunch' : ''}), under ${policy.marketMinutesMin.value}`);
  }

  // Rule 6: the reserve for unplanned visits: market time not spent visiting or driving between stops.
  const visiting = visitMin.reduce((a, b) => a + b, 0);
  const driving = legMin.slice(1, last + 1).reduce((a, b) => a + b, 0);
  const free = market - visiting - driving;
  const need = policy.unplannedReserveShare.value * visiting;
  if (free < need - CLOCK_SLACK) out.push(`${at}: ${fmt(free, 0)} min free for unplanned visits, under ${fmt(need, 0)} (${Math.round(policy.unplannedReserveShare.value * 100)}% of ${visiting} visit minutes)`);
}

/** Duty visits go to their classes: the monthly analysis to first-batch, the re-evaluation to second-batch modern terminals. */
function checkDutyKinds(L: string, lp: LinePlan, shops: ReadonlyMap<string, Retailer>, out: string[]): void {
  const owner = { analysis: 'modern1', reevaluation: 'modern2' } as const;
  for (const day of lp.days) {
    for (const s of day.stops) {
      const r = shops.get(s.retailer);
      if (r && s.kind !== undefined && s.kind !== 'routine' && r.class !== owner[s.kind]) out.push(`${L} ${day.date} ${s.retailer}: ${s.kind} visit to a ${r.class} retailer, only ${owner[s.kind]} gets one`);
    }
  }
}

/**
 * The work standard's duties (seed 001): a first-batch retailer's first in-person visit of a
 * month is its analysis, and it has one, in every month whose days in the plan are as many as
 * its visit interval (a visit falls due there anyway), unless one is recorded before; each
 * quarter, the line's re-evaluations (second-batch, in person, a retailer once) reach the
 * policy's count pro rata by the plan's last workday in the quarter.
 */
function checkDuties(L: string, lp: LinePlan, shops: readonly Retailer[], policy: Policy, ctx: RulesContext, calendar: Calendar, out: string[]): void {
  const wd = new Workdays(calendar);
  const start = ctx.days[0];
  if (start === undefined) return;
  const recorded = (kind: string) => (ctx.records ?? []).filter((r) => r.kind === kind && r.mode === 'in_person' && r.outcome !== 'failed' && r.date < start);
  const analysed = recorded('analysis');
  const months = [...new Set(ctx.days.map((d) => d.slice(0, 7)))];
  const inPerson = (id: string) => lp.days.flatMap((d) => d.stops.filter((s) => s.retailer === id).map((s) => ({ date: d.date, kind: s.kind ?? 'routine' })));
  for (const r of shops.filter((x) => x.class === 'modern1')) {
    const visits = inPerson(r.id);
    for (const month of months) {
      if (analysed.some((a) => a.retailer === r.id && a.date.startsWith(month))) {
        for (const v of visits) if (v.date.startsWith(month) && v.kind === 'analysis') out.push(`${L} ${v.date} ${r.id}: a second analysis visit in ${month}, one is recorded before the plan`);
        continue;
      }
      const inMonth = visits.filter((v) => v.date.startsWith(month));
      // A month with fewer of its days in the plan than the retailer's interval leaves its analysis to the plans around it.
      const planDays = ctx.days.filter((d) => d.startsWith(month)).length;
      const owed = planDays >= CYCLE / frequencyOf(r, policy);
      inMonth.forEach((v, j) => {
        if (j === 0 && owed && v.kind !== 'analysis') out.push(`${L} ${v.date} ${r.id}: the first in-person visit of ${month} is ${v.kind}, expected the monthly analysis`);
        if (j > 0 && v.kind === 'analysis') out.push(`${L} ${v.date} ${r.id}: ${inMonth[0].kind === 'analysis' ? 'a second analysis visit' : 'an analysis visit after the first in-person visit'} in ${month}`);
      });
      if (inMonth.length === 0 && owed) out.push(`${L} ${r.id}: no analysis visit in ${month} (${planDays} of its workdays in the plan)`);
    }
  }
  const modern2 = shops.filter((x) => x.class === 'modern2');
  const ids = new Set(modern2.map((x) => x.id));
  const reevaluated = recorded('reevaluation').filter((x) => ids.has(x.retailer));
  const quarters = new Map<string, IsoDate[]>();
  for (const d of ctx.days) {
    const y = d.slice(0, 4);
    const q = Math.floor((Number(d.slice(5, 7)) - 1) / 3);
    const key = `${y}-${String(3 * q + 1).padStart(2, '0')}-01`;
    quarters.set(key, [...(quarters.get(key) ?? []), d]);
  }
  for (const [first, days] of quarters) {
    const m = Number(first.slice(5, 7));
    const next = m === 10 ? `${Number(first.slice(0, 4)) + 1}-01-01` : `${first.slice(0, 4)}-${String(m + 3).padStart(2, '0')}-01`;
    const inQuarter = (date: IsoDate) => date >= first && date < next;
    const before = new Set(reevaluated.filter((x) => inQuarter(x.date)).map((x) => x.retailer));
    const planned = new Map<string, IsoDate>();
    for (const day of lp.days) {
      if (!inQuarter(day.date)) continue;
      for (const s of day.stops) {
        if (s.kind !== 'reevaluation' || !ids.has(s.retailer)) continue;
        if (before.has(s.retailer) || planned.has(s.retailer)) out.push(`${L} ${day.date} ${s.retailer}: re-evaluated twice in the quarter from ${first}`);
        planned.set(s.retailer, day.date);
      }
    }
    const target = Math.min(policy.reevaluationsPerQuarter.value, modern2.length);
    const total = wd.between(first, next).length;
    const elapsed = wd.between(first, addDays(days[days.length - 1], 1)).length;
    const due = Math.ceil((target * elapsed) / total - 1e-9);
    if (before.size + planned.size < due) {
      out.push(`${L}: ${before.size} re-evaluations recorded and ${planned.size} planned in the quarter from ${first}, under the ${due} due by ${days[days.length - 1]} (${target} a quarter, ${elapsed} of ${total} workdays)`);
    }
  }
}

/** The policy's spacing tolerance for visits this many workdays apart. */
function toleranceFor(interval: number, policy: Policy): number {
  const t = policy.spacingToleranceWorkdays.value;
  return interval <= 5 ? t.weekly : interval <= 10 ? t.fortnightly : t.monthly;
}

function fmt(x: number, digits = 1): string {
  return String(Number(x.toFixed(digits)));
}
