import { parseClock } from '../domain/clock.ts';
import { visitMinutes } from '../domain/visitRules.ts';
import type { TravelMatrix } from '../travel/travelSource.ts';
import type { LineTask } from './planLine.ts';
import type { RemoteBudget, RemoteOption } from './remoteCandidates.ts';
import type { RetailerService } from './serviceRules.ts';
import type { PracticeLine } from './todaysPractice.ts';

/**
 * Most of a retailer's visits that may go remote: what its patterns allow, but at most half
 * (rounded up). The share budget is reserved for the worst case, so a cap spreads it over
 * more retailers and leaves the solver more ways to fit the days.
 */
export function remoteCap(s: RetailerService): number {
  const most = s.patterns.reduce((m, p) => Math.max(m, p.remoteDays.length), 0);
  const visits = s.patterns[0]?.days.length ?? 0;
  return Math.min(most, Math.ceil(visits / 2));
}

/** Share of a day's minutes the planned work may fill before remote visits are called for. */
const CAPACITY_USE = 0.85;

/**
 * The choice of which retailers may be served remotely, as a knapsack: the most isolated ones (the detour a visit costs,
 * less the phone charge), within the in-person share and so that days keep their market
 * hours; and, where the line holds more work than its days, enough to make it fit.
 * Driving time is estimated from today's practice on the same matrix (an upper bound).
 */
export function remoteProblem(
  task: Pick<LineTask, 'policy' | 'dates' | 'blocked'>,
  open: readonly RetailerService[],
  matrix: TravelMatrix,
  cost: Float64Array,
  practice: PracticeLine,
): { options: RemoteOption[]; budget: RemoteBudget } {
  const { policy } = task;
  const n = matrix.size;
  const totalVisits = open.reduce((s, o) => s + (o.patterns[0]?.days.length ?? 0), 0);
  const reserve = 1 + policy.unplannedReserveShare.value;
  const workdays = task.dates.length - task.blocked.length;
  const inPersonMinutes = open.reduce((s, o) => s + (o.patterns[0]?.days.length ?? 0) * visitMinutes(o.retailer, 'in_person', policy) * reserve, 0);
  // Per practice day: all driving, and the part between shops (market time).
  let drive = 0;
  let marketDrive = 0;
  for (const d of practice.days) {
    if (d.stops.length === 0) continue;
    const toFirst = matrix.seconds[d.stops[0] + 1] / 60;
    const fromLast = matrix.seconds[(d.stops[d.stops.length - 1] + 1) * n] / 60;
    drive += d.driveMinutes;
    marketDrive += d.driveMinutes - toFirst - fromLast;
  }
  const perDay = workdays / Math.max(1, practice.days.length);
  const dayMinutes = parseClock(policy.backAtBaseBy.value) - parseClock(policy.leaveBaseEarliest.value) - policy.lunch.value.minutes;
  const budget = {
    visits: Math.floor(totalVisits * (1 - policy.inPersonShareMin.value)),
    minutes: Math.max(0, inPersonMinutes + marketDrive * perDay - workdays * policy.marketMinutesMin.value),
    minutesNeeded: Math.max(0, inPersonMinutes + drive * perDay - workdays * dayMinutes * CAPACITY_USE),
  };
  const options: RemoteOption[] = open.map((o, i) => {
    const maxRemote = remoteCap(o);
    if (maxRemote === 0) return { maxRemote: 0, savingPerVisit: 0, minutesPerVisit: 0 };
    const phone = o.remoteMode === 'phone' ? visitMinutes(o.retailer, 'phone', policy) * policy.phoneYuanPerMinute.value : 0;
    return { maxRemote, savingPerVisit: detourYuan(cost, n, i + 1) - phone, minutesPerVisit: visitMinutes(o.retailer, 'in_person', policy) * reserve };
  });
  return { options, budget };
}

/** What visiting location i costs on top of passing by: the cheapest detour between two other locations. */
function detourYuan(cost: Float64Array, n: number, i: number): number {
  let a = -1;
  let b = -1;
  for (let j = 0; j < n; j++) {
    if (j === i) continue;
    if (a < 0 || cost[i * n + j] < cost[i * n + a]) {
      b = a;
      a = j;
    } else if (b < 0 || cost[i * n + j] < cost[i * n + b]) b = j;
  }
  if (b < 0) return a < 0 ? 0 : cost[a * n + i] + cost[i * n + a];
  return cost[a * n + i] + cost[i * n + b] - cost[a * n + b];
}

