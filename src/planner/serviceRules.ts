import type { Policy } from '../domain/policy.ts';
import type { Retailer } from '../domain/retailer.ts';
import { mustVisitInPerson, remoteModes, visitMinutes, visitsPer4Weeks } from '../domain/visitRules.ts';
import { servicePatterns, type ServicePattern } from './visitPatterns.ts';
import { intervalOf, MAX_GAP_WORKDAYS, visitsInFreeHorizon, windowsAfter } from './visitWindows.ts';

/** What is known of a retailer's past visits: the last one, and how many remote in a row ended there. */
export interface VisitHistory {
  /** Workday offset of the last visit from the horizon's first day (negative). */
  readonly lastVisitOffset: number;
  readonly lastRemoteRun: number;
}

/** A retailer's due visits over the horizon, as the alternatives the solver picks from. */
export interface RetailerService {
  readonly retailer: Retailer;
  readonly remoteMode: 'phone' | 'online' | null;
  readonly patterns: ServicePattern[];
  /** Minutes of each in-person visit, where it is a duty's (duties.ts); default the class's routine visit. */
  readonly inPersonMinutes?: number;
}

export function toleranceOf(perFourWeeks: number, policy: Policy): number {
  const t = policy.spacingToleranceWorkdays.value;
  const interval = intervalOf(perFourWeeks);
  return interval <= 5 ? t.weekly : interval <= 10 ? t.fortnightly : t.monthly;
}

/**
 * The service patterns of one retailer. `weekdays` are the horizon days' ISO weekdays, and
 * `blocked` the days the line does not work (bit d: workday d), which carry no visit.
 * The policy says which remote mode comes first where both reach the shop (phone by default: the seed's own channel).
 */
export function retailerService(
  r: Retailer,
  policy: Policy,
  weekdays: readonly number[],
  history: VisitHistory | undefined,
  blocked = 0,
): RetailerService {
  const f = visitsPer4Weeks(r, policy);
  const days = weekdays.length;
  const tolerance = toleranceOf(f, policy);
  const modes = mustVisitInPerson(r, policy) ? [] : remoteModes(r, policy);
  const remoteMode = modes[0] ?? null;
  const remoteYuan = remoteMode === 'phone' ? visitMinutes(r, 'phone', policy) * policy.phoneYuanPerMinute.value : 0;
  const off = policy.orderWeekdayPreferenceYuan.value;
  const patterns = servicePatterns({
    windows: history ? windowsAfter(history.lastVisitOffset, f, tolerance, days) : null,
    freeCount: visitsInFreeHorizon(f, days),
    days,
    interval: history ? intervalOf(f) : days / visitsInFreeHorizon(f, days),
    tolerance,
    maxGap: MAX_GAP_WORKDAYS,
    spacingYuanPerDay: policy.penaltyYuanPerSpacingDay.value,
    dayYuan: weekdays.map((w) => (w === r.orderWeekday ? 0 : off)),
    remoteAllowed: remoteMode !== null,
    remoteYuan,
    maxConsecutiveRemote: policy.maxConsecutiveRemote.value,
    lastRemoteRun: history?.lastRemoteRun ?? 0,
    blocked,
  });
  return { retailer: r, remoteMode, patterns };
}
