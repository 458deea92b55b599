import { visitMinutes } from '../domain/visitRules.ts';
import type { LineTask } from './planLine.ts';
import type { RemoteBudget, RemoteOption } from './remoteCandidates.ts';
import type { RetailerService } from './serviceRules.ts';

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

/**
 * The choice of which retailers may be served remotely: each one's value is the detour its
 * visit costs (less the phone charge), and the in-person share bounds how many visits may go.
 */
export function remoteProblem(
  task: Pick<LineTask, 'policy'>,
  open: readonly RetailerService[],
  cost: Float64Array,
  n: number,
): { options: RemoteOption[]; budget: RemoteBudget } {
  const { policy } = task;
  const totalVisits = open.reduce((s, o) => s + (o.patterns[0]?.days.length ?? 0), 0);
  const options: RemoteOption[] = open.map((o, i) => {
    const maxRemote = remoteCap(o);
    if (maxRemote === 0) return { maxRemote: 0, savingPerVisit: 0 };
    const phone = o.remoteMode === 'phone' ? visitMinutes(o.retailer, 'phone', policy) * policy.phoneYuanPerMinute.value : 0;
    return { maxRemote, savingPerVisit: detourYuan(cost, n, i + 1) - phone };
  });
  return { options, budget: { visits: Math.floor(totalVisits * (1 - policy.inPersonShareMin.value)) } };
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

