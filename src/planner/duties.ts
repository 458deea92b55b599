import { Workdays, type Calendar, type IsoDate } from '../domain/calendar.ts';
import type { CityDuties, InPersonKind, LineDuties, LinePlan, PlannedDay } from '../domain/plan.ts';
import type { Policy } from '../domain/policy.ts';
import type { Retailer } from '../domain/retailer.ts';
import type { VisitRecord } from '../domain/visitRecord.ts';
import { inPersonMinutes, visitsPer4Weeks } from '../domain/visitRules.ts';
import type { RetailerService } from './serviceRules.ts';
import { intervalOf } from './visitWindows.ts';
import { popcount, type ServicePattern } from './visitPatterns.ts';

/**
 * The work standard's other duties (DOMAIN, seed 001) as one line's plan meets them:
 * - the first in-person visit of a month to a first-batch modern terminal (modern1) is its
 *   business-analysis visit, unless one is recorded in that month already;
 * - each quarter a manager re-evaluates the policy's count of second-batch (modern2)
 *   retailers in person, those never re-evaluated first, then the longest ago; a plan
 *   carries the quarter's share due by its last workday in it (count × workdays elapsed /
 *   workdays of the quarter, rounded up), less those recorded already.
 * Both visits take their own policy duration (splitDutyVisits: how the solver sees them).
 */

/** A month the horizon has workdays in. Plain data: it travels to the line's worker. */
export interface DutyMonth {
  readonly month: string;
  /** The task's day indices in the month. */
  readonly days: readonly number[];
  readonly wholeMonth: boolean;
  /** Retailers with the month's analysis recorded before the horizon's first day. */
  readonly doneBefore: readonly string[];
}

/** A quarter the horizon has workdays in. */
export interface DutyQuarter {
  readonly quarter: string;
  readonly days: readonly number[];
  readonly quarterWorkdays: number;
  /** Workdays of the quarter up to the horizon's last workday in it. */
  readonly elapsedWorkdays: number;
  /** Retailers with a re-evaluation recorded in the quarter before the horizon's first day. */
  readonly doneBefore: readonly string[];
}

export interface DutyTask {
  readonly months: readonly DutyMonth[];
  readonly quarters: readonly DutyQuarter[];
  /** Retailer id → the date of its last recorded re-evaluation (none: never re-evaluated). */
  readonly lastReevaluated: Readonly<Record<string, IsoDate>>;
}

export const monthOf = (date: IsoDate): string => date.slice(0, 7);

export function quarterOf(date: IsoDate): { quarter: string; first: IsoDate; next: IsoDate } {
  const y = Number(date.slice(0, 4));
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  const first = `${y}-${String(3 * q + 1).padStart(2, '0')}-01`;
  const next = q === 3 ? `${y + 1}-01-01` : `${y}-${String(3 * q + 4).padStart(2, '0')}-01`;
  return { quarter: `${y}-Q${q + 1}`, first, next };
}

const nextMonth = (month: string): IsoDate => {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/**
 * A line's duties over a horizon: `horizon` is all its workdays, `dates` those the task
 * plans (a re-plan keeps the ones before), `records` what happened before the horizon.
 */
export function dutyTask(calendar: Calendar, horizon: readonly IsoDate[], dates: readonly IsoDate[], records: readonly VisitRecord[]): DutyTask {
  const wd = new Workdays(calendar);
  const start = horizon[0] ?? dates[0];
  const done = (kind: InPersonKind) => records.filter((r) => r.kind === kind && r.outcome !== 'failed' && r.mode === 'in_person' && r.date < start);
  const analyses = done('analysis');
  const reevaluations = done('reevaluation');
  const months: DutyMonth[] = [];
  const quarters: DutyQuarter[] = [];
  dates.forEach((date, d) => {
    const month = monthOf(date);
    const m = months.find((x) => x.month === month);
    if (m) (m.days as number[]).push(d);
    else {
      const all = wd.between(`${month}-01`, nextMonth(month));
      const doneBefore = [...new Set(analyses.filter((r) => monthOf(r.date) === month).map((r) => r.retailer))];
      months.push({ month, days: [d], wholeMonth: all.every((x) => horizon.includes(x)), doneBefore });
    }
    const q = quarterOf(date);
    const found = quarters.find((x) => x.quarter === q.quarter);
    const elapsedWorkdays = wd.between(q.first, addOne(date)).length;
    if (found) {
      (found.days as number[]).push(d);
      (found as { elapsedWorkdays: number }).elapsedWorkdays = elapsedWorkdays;
    } else {
      const doneBefore = [...new Set(reevaluations.filter((r) => r.date >= q.first && r.date < q.next).map((r) => r.retailer))];
      quarters.push({ quarter: q.quarter, days: [d], quarterWorkdays: wd.between(q.first, q.next).length, elapsedWorkdays, doneBefore });
    }
  });
  const lastReevaluated: Record<string, IsoDate> = {};
  for (const r of reevaluations) if (!(r.retailer in lastReevaluated) || lastReevaluated[r.retailer] < r.date) lastReevaluated[r.retailer] = r.date;
  return { months, quarters, lastReevaluated };
}

function addOne(date: IsoDate): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The quarter's re-evaluations due by the plan's last workday in it: the policy's count (at most the line's second-batch retailers), pro rata. */
export function reevaluationsDue(q: Pick<DutyQuarter, 'quarterWorkdays' | 'elapsedWorkdays'>, eligible: number, policy: Policy): number {
  const target = Math.min(policy.reevaluationsPerQuarter.value, eligible);
  return q.quarterWorkdays === 0 ? target : Math.ceil((target * q.elapsedWorkdays) / q.quarterWorkdays - 1e-9);
}

/** Which retailers owe which duty visit, and where in the horizon. */
export interface DutyPlan {
  /** Retailer id → the months (bitmask of their task days) whose first in-person visit is the analysis. */
  readonly analysis: ReadonlyMap<string, readonly number[]>;
  /** Retailer id → the quarter's days (bitmask) and the day its re-evaluation is best placed on (spread over the days). */
  readonly reevaluation: ReadonlyMap<string, { readonly mask: number; readonly target: number }>;
}

const maskOf = (days: readonly number[]) => days.reduce((m, d) => m | (1 << d), 0);

/**
 * The duties' demands on the retailers' patterns: an analysis where a month's share of the
 * horizon holds a visit of the retailer anyway, and the quarter's re-evaluations, each an
 * in-person visit on a day the line works and the shop is open. A retailer whose patterns
 * cannot meet a demand keeps them all (its duty falls outside this plan, and the figures
 * say so). `nearness[i]` ranks retailer i among equals (the planner: its drive from the base).
 * Returns the services with their patterns narrowed, and the plan of duties.
 */
export function planDuties(
  duty: DutyTask,
  services: readonly RetailerService[],
  policy: Policy,
  blocked: number,
  closed: Readonly<Record<string, readonly number[]>>,
  kept: readonly PlannedDay[],
  nearness: readonly number[] = [],
): { services: RetailerService[]; plan: DutyPlan } {
  const out = services.slice();
  const analysis = new Map<string, number[]>();
  const reevaluation = new Map<string, { mask: number; target: number }>();
  const demand = (i: number, mask: number): boolean => {
    const s = out[i];
    const shut = maskOf(closed[s.retailer.id] ?? []) | blocked;
    const meets = (p: ServicePattern) => (p.inPersonMask & mask & ~shut) !== 0 && (p.inPersonMask & blocked) === 0;
    const meeting = s.patterns.filter(meets);
    if (meeting.length === 0) return false;
    out[i] = { ...s, patterns: meeting };
    return true;
  };
  const keptKinds = (kind: InPersonKind, inPeriod: (date: IsoDate) => boolean) =>
    new Set(kept.flatMap((d) => (inPeriod(d.date) ? d.stops.filter((s) => s.kind === kind).map((s) => s.retailer) : [])));

  for (const m of duty.months) {
    const done = new Set([...m.doneBefore, ...keptKinds('analysis', (date) => monthOf(date) === m.month)]);
    const mask = maskOf(m.days);
    out.forEach((s, i) => {
      const r = s.retailer;
      if (r.class !== 'modern1' || done.has(r.id)) return;
      // Only where the retailer is due in the month's days anyway (no visit is added for it);
      // a month with fewer days in the plan leaves its analysis to the plans around it.
      if (m.days.length < intervalOf(visitsPer4Weeks(r, policy))) return;
      if (demand(i, mask)) (analysis.get(r.id) ?? analysis.set(r.id, []).get(r.id)!).push(mask);
    });
  }

  const indexOf = new Map(services.map((s, i) => [s.retailer.id, i]));
  const eligible = services.filter((s) => s.retailer.class === 'modern2');
  const chosen = new Set<string>();
  for (const q of duty.quarters) {
    const inQuarter = (date: IsoDate) => quarterOf(date).quarter === q.quarter;
    const done = new Set([...q.doneBefore, ...keptKinds('reevaluation', inQuarter)]);
    const need = reevaluationsDue(q, eligible.length, policy) - done.size;
    if (need <= 0) continue;
    // Never re-evaluated first, then the longest ago; among equals the nearest the base first
    // (a longer visit there lengthens no day much; the far ones come first in a later quarter),
    // then by id, so a plan is reproducible.
    const near = (s: RetailerService) => nearness[indexOf.get(s.retailer.id)!] ?? 0;
    const ranked = eligible
      .filter((s) => !done.has(s.retailer.id) && !chosen.has(s.retailer.id))
      .sort(
        (a, b) =>
          (duty.lastReevaluated[a.retailer.id] ?? '').localeCompare(duty.lastReevaluated[b.retailer.id] ?? '') || near(a) - near(b) || a.retailer.id.localeCompare(b.retailer.id),
      );
    const mask = maskOf(q.days);
    const picked: string[] = [];
    for (const s of ranked) {
      if (picked.length >= need) break;
      if (demand(indexOf.get(s.retailer.id)!, mask)) picked.push(s.retailer.id);
    }
    // Spread over the quarter's days in the plan: the k-th re-evaluation aims at the k-th slice.
    picked.forEach((id, k) => {
      chosen.add(id);
      reevaluation.set(id, { mask, target: q.days[Math.floor(((k + 0.5) * q.days.length) / picked.length)] });
    });
  }
  return { services: out, plan: { analysis, reevaluation } };
}

/**
 * The services as the probe solve sees them: a retailer owing duty visits has its visits
 * lengthened by the duties' extra minutes spread over them, so the probe carries the line's
 * true load and leaves room for the duties on whichever of its days it picks (a probe timing
 * every visit at the duty's length overloads a town line of weekly terminals by hours).
 */
export function probeServices(plan: DutyPlan, services: readonly RetailerService[], policy: Policy): RetailerService[] {
  return services.map((s) => {
    const r = s.retailer;
    const routine = inPersonMinutes(r, 'routine', policy);
    const analyses = plan.analysis.get(r.id)?.length ?? 0;
    const extra =
      analyses * Math.max(0, inPersonMinutes(r, 'analysis', policy) - routine) +
      (plan.reevaluation.has(r.id) ? Math.max(0, inPersonMinutes(r, 'reevaluation', policy) - routine) : 0);
    if (extra === 0) return s;
    const visits = Math.max(1, s.patterns.reduce((most, p) => Math.max(most, popcount(p.inPersonMask)), 0));
    return { ...s, inPersonMinutes: routine + extra / visits };
  });
}

/** Whether a plan of duties has any duty visit to place. */
export function hasDutyVisits(plan: DutyPlan): boolean {
  return plan.analysis.size > 0 || plan.reevaluation.size > 0;
}

/**
 * The duty visits as customers of their own. The solver gives a customer one service time
 * on every day, so each duty visit gets its day before the solve and becomes a second
 * customer at the retailer's place, visited that day only and for its own duration; the
 * retailer keeps the patterns with an in-person visit that day, less that visit. Together
 * they are one of its patterns, so its spacing, count and modes hold. The days come from
 * `probe` (service k's in-person days in a first, shorter solve, each owing retailer timed at
 * its duty's length: where the routes put it), else the cheapest pattern: the analysis on the month's first
 * in-person day (the patterns kept have none before it), unless that day has its fair share
 * of analyses already; the re-evaluation on one of those days where the duty visits placed
 * so far take fewest minutes, then nearest its aim.
 * `index` maps each service to its retailer (the matrix's rows).
 */
export function splitDutyVisits(
  plan: DutyPlan | undefined,
  services: readonly RetailerService[],
  index: readonly number[],
  policy: Policy,
  probe?: readonly number[],
): { services: RetailerService[]; index: number[]; remoteOnly: RetailerService[]; kinds: Map<number, InPersonKind> } {
  // Minutes of duty visits placed on each day so far, so the next go where there are fewest.
  const load: number[] = new Array(32).fill(0);
  const work = services.map((s) => ({ patterns: [...s.patterns].sort((a, b) => a.cost - b.cost), visits: [] as Array<{ day: number; kind: InPersonKind }> }));
  const place = (k: number, day: number, kind: InPersonKind) => {
    work[k].visits.push({ day, kind });
    load[day] += inPersonMinutes(services[k].retailer, kind, policy);
  };
  // Where the probe routed the retailer in person, if it did, else its cheapest pattern.
  const routedOn = (k: number) => probe?.[k] || work[k].patterns[0]?.inPersonMask || 0;
  // The analyses first: each is bound to its month's first visit, the re-evaluations then fill around them.
  const months = [...new Set([...(plan?.analysis.values() ?? [])].flat())];
  for (const m of months) {
    // Who owes the month's analysis, the first in-person days its patterns offer, the one it prefers.
    const owing = services.flatMap((s, k) => {
      if (!(plan?.analysis.get(s.retailer.id) ?? []).includes(m)) return [];
      const firsts = [...new Set(work[k].patterns.filter((p) => (p.inPersonMask & m) !== 0).map((p) => lowestBit(p.inPersonMask & m)))];
      if (firsts.length === 0) return [];
      const preferred = routedOn(k) & m ? lowestBit(routedOn(k) & m) : firsts[0];
      return [{ k, firsts, preferred: firsts.includes(preferred) ? preferred : firsts[0], minutes: inPersonMinutes(s.retailer, 'analysis', policy) }];
    });
    // The analyses bunch in the month's first week: no day takes more than its fair share of
    // them (their minutes over the first days on offer), the rest go to the least loaded.
    const days = new Set(owing.flatMap((o) => o.firsts));
    const cap = owing.reduce((t, o) => t + o.minutes, 0) / Math.max(1, days.size);
    for (const { k, firsts, preferred, minutes } of owing) {
      const day =
        load[preferred] + minutes <= cap ? preferred : firsts.reduce((a, b) => (load[b] < load[a] || (load[b] === load[a] && Math.abs(b - preferred) < Math.abs(a - preferred)) ? b : a));
      // Kept: in person that day and on no day of the month before it.
      const before = m & ((1 << day) - 1);
      work[k].patterns = work[k].patterns.filter((p) => ((p.inPersonMask >> day) & 1) === 1 && (p.inPersonMask & before) === 0);
      place(k, day, 'analysis');
    }
  }
  const reevaluations: number[] = new Array(32).fill(0);
  const full = () => reevaluations.reduce((m, n, d) => (n >= REEVALUATIONS_A_DAY ? m | (1 << d) : m), 0);
  services.forEach((s, k) => {
    const re = plan?.reevaluation.get(s.retailer.id);
    if (!re) return;
    // Of its possible days (the probe's, where it has some), those with the fewest duty
    // minutes, then the nearest its aim.
    const all = work[k].patterns.reduce((u, p) => u | p.inPersonMask, 0) & re.mask;
    let day = leastLoaded(all & routedOn(k) || all, load, re.target);
    // A day holds a few at most: past that, another of the retailer's possible days.
    if (day >= 0 && reevaluations[day] >= REEVALUATIONS_A_DAY) day = leastLoaded(all & ~full(), load, re.target);
    if (day < 0) day = leastLoaded(all & routedOn(k) || all, load, re.target);
    if (day < 0) return;
    reevaluations[day]++;
    work[k].patterns = work[k].patterns.filter((p) => ((p.inPersonMask >> day) & 1) === 1);
    place(k, day, 'reevaluation');
  });

  const out: RetailerService[] = [];
  const outIndex: number[] = [];
  const remoteOnly: RetailerService[] = [];
  services.forEach((s, k) => {
    const { patterns, visits } = work[k];
    const taken = maskOf(visits.map((v) => v.day));
    const rest = visits.length === 0 ? s : { ...s, patterns: patterns.map((p) => ({ ...p, inPersonMask: p.inPersonMask & ~taken })) };
    // A retailer whose only in-person visit is the duty's is routed as that visit alone.
    if (rest.patterns.every((p) => p.inPersonMask === 0)) remoteOnly.push(rest);
    else {
      out.push(rest);
      outIndex.push(index[k]);
    }
  });
  const kinds = new Map<number, InPersonKind>();
  services.forEach((s, k) => {
    for (const v of work[k].visits) {
      kinds.set(out.length, v.kind);
      out.push({
        retailer: s.retailer,
        remoteMode: null,
        patterns: [{ days: [], inPersonMask: 1 << v.day, remoteDays: [], strayDays: 0, cost: 0 }],
        inPersonMinutes: inPersonMinutes(s.retailer, v.kind, policy),
      });
      outIndex.push(index[k]);
    }
  });
  return { services: out, index: outIndex, remoteOnly, kinds };
}

/** Re-evaluations a day takes before the next go to another of their possible days. */
const REEVALUATIONS_A_DAY = 2;

/** Of the days in `mask`, the one with the least load, then the nearest `target`; -1 for none. */
function leastLoaded(mask: number, load: readonly number[], target: number): number {
  let day = -1;
  for (let d = 0; mask >>> d; d++) {
    if (!((mask >>> d) & 1)) continue;
    if (day < 0 || load[d] < load[day] || (load[d] === load[day] && Math.abs(d - target) < Math.abs(day - target))) day = d;
  }
  return day;
}

function lowestBit(mask: number): number {
  return 31 - Math.clz32(mask & -mask);
}

/** The duties' figures from the plan's own days (kept days of a re-plan included). */
export function lineDuties(duty: DutyTask, days: readonly PlannedDay[], retailers: readonly Retailer[], policy: Policy): LineDuties {
  const modern1 = retailers.filter((r) => r.class === 'modern1');
  const modern2 = retailers.filter((r) => r.class === 'modern2');
  const ofKind = (kind: InPersonKind, inPeriod: (date: IsoDate) => boolean) =>
    new Set(days.flatMap((d) => (inPeriod(d.date) ? d.stops.filter((s) => s.kind === kind).map((s) => s.retailer) : [])));
  const analysis = monthsOf(days, duty).map((m) => {
    const done = new Set(m.doneBefore);
    const planned = ofKind('analysis', (date) => monthOf(date) === m.month);
    const doneBefore = modern1.filter((r) => done.has(r.id)).length;
    const plannedCount = modern1.filter((r) => planned.has(r.id)).length;
    return { month: m.month, retailers: modern1.length, doneBefore, planned: plannedCount, missing: modern1.length - doneBefore - plannedCount, wholeMonth: m.wholeMonth };
  });
  const reevaluation = duty.quarters.map((q) => {
    const doneBefore = modern2.filter((r) => q.doneBefore.includes(r.id)).length;
    const planned = modern2.filter((r) => ofKind('reevaluation', (date) => quarterOf(date).quarter === q.quarter).has(r.id)).length;
    const dueByPlanEnd = reevaluationsDue(q, modern2.length, policy);
    return {
      quarter: q.quarter,
      target: policy.reevaluationsPerQuarter.value,
      dueByPlanEnd,
      doneBefore,
      planned,
      eligible: modern2.length,
      onCourse: doneBefore + planned >= dueByPlanEnd,
      quarterWorkdays: q.quarterWorkdays,
      elapsedWorkdays: q.elapsedWorkdays,
    };
  });
  return { analysis, reevaluation };
}

/** The task's months, and those of days kept from an earlier plan (a re-plan's first days). */
function monthsOf(days: readonly PlannedDay[], duty: DutyTask): readonly DutyMonth[] {
  const extra = [...new Set(days.map((d) => monthOf(d.date)))].filter((m) => !duty.months.some((x) => x.month === m));
  return [...extra.map((month) => ({ month, days: [], wholeMonth: false, doneBefore: [] })), ...duty.months];
}

/** The lines' duties summed by month and quarter; lines without (failed, or planned before duties) are left out. */
export function cityDuties(lines: readonly LinePlan[]): CityDuties {
  const analysis = new Map<string, CityDuties['analysis'][number]>();
  const reevaluation = new Map<string, CityDuties['reevaluation'][number]>();
  for (const l of lines) {
    if (l.error !== undefined || !l.duties) continue;
    for (const m of l.duties.analysis) {
      const a = analysis.get(m.month) ?? analysis.set(m.month, { month: m.month, retailers: 0, doneBefore: 0, planned: 0, missing: 0 }).get(m.month)!;
      a.retailers += m.retailers;
      a.doneBefore += m.doneBefore;
      a.planned += m.planned;
      a.missing += m.missing;
    }
    for (const q of l.duties.reevaluation) {
      const r = reevaluation.get(q.quarter) ?? reevaluation.set(q.quarter, { quarter: q.quarter, lines: 0, linesOnCourse: 0, dueByPlanEnd: 0, doneBefore: 0, planned: 0 }).get(q.quarter)!;
      r.lines++;
      r.linesOnCourse += q.onCourse ? 1 : 0;
      r.dueByPlanEnd += q.dueByPlanEnd;
      r.doneBefore += q.doneBefore;
      r.planned += q.planned;
    }
  }
  return { analysis: [...analysis.values()], reevaluation: [...reevaluation.values()] };
}
