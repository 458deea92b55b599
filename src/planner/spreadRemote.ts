import type { ServicePattern } from './visitPatterns.ts';

/**
 * Phone and online visits, spread over the days. A retailer served only remotely may be
 * called on any of several equally cheap timings; left alone they would all fall on the first
 * day (137 calls on one Monday on the demo's biggest line). Each takes, most constrained
 * first, the timing whose days hold the fewest desk minutes so far, after the remote visits
 * whose days are fixed by their in-person ones.
 */
export function spreadRemote(chosen: readonly ServicePattern[], deskMinutes: readonly number[], days: number): ServicePattern[] {
  const load = new Float64Array(days);
  const free: number[] = [];
  chosen.forEach((p, k) => {
    if ((p.remoteTimings?.length ?? 0) > 1) free.push(k);
    else for (const d of p.remoteDays) load[d] += deskMinutes[k];
  });
  free.sort((a, b) => (chosen[a].remoteTimings?.length ?? 0) - (chosen[b].remoteTimings?.length ?? 0) || a - b);
  const out = chosen.slice();
  for (const k of free) {
    const timings = chosen[k].remoteTimings as readonly (readonly number[])[];
    let best = timings[0];
    let bestLoad = Infinity;
    for (const t of timings) {
      const l = t.reduce((s, d) => s + load[d], 0);
      if (l < bestLoad) {
        bestLoad = l;
        best = t;
      }
    }
    for (const d of best) load[d] += deskMinutes[k];
    out[k] = { ...chosen[k], days: best, remoteDays: best };
  }
  return out;
}
