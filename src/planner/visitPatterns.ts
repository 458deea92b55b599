import type { VisitWindow } from './visitWindows.ts';

/** How one retailer may be served over the horizon. */
export interface PatternRules {
  /** Windows of the visits due (with history), or null for a free phase. */
  readonly windows: readonly VisitWindow[] | null;
  /** With a free phase: the number of visits due. */
  readonly freeCount: number;
  /** Workdays in the horizon. */
  readonly days: number;
  /** Ideal workdays between visits, and how far a visit may stray from its ideal day. */
  readonly interval: number;
  readonly tolerance: number;
  /** Longest gap between two visits, workdays. */
  readonly maxGap: number;
  /** Yuan per workday a visit strays from its ideal day. */
  readonly spacingYuanPerDay: number;
  /** Extra yuan of an in-person visit on each day (e.g. off the retailer's ordering weekday). */
  readonly dayYuan: ArrayLike<number>;
  /** May any visit go remote, and at what price (phone charges; the share rule adds to it). */
  readonly remoteAllowed: boolean;
  readonly remoteYuan: number;
  /** Longest run of consecutive remote visits; `lastWasRemote` continues a run from history. */
  readonly maxConsecutiveRemote: number;
  readonly lastRemoteRun: number;
  /** Days that carry no visit at all (bit d: workday d is blocked). */
  readonly blocked: number;
}

/** One way of serving the retailer: visit days, which are in person, and the soft cost. */
export interface ServicePattern {
  readonly days: readonly number[];
  /** Bit d set: an in-person visit on workday d. */
  readonly inPersonMask: number;
  readonly remoteDays: readonly number[];
  /** Workdays the visits stray from their ideal days, summed. */
  readonly strayDays: number;
  readonly cost: number;
  /**
   * For the all-remote pattern: every timing as cheap as `days` (a phone call costs the same
   * on any day), so the planner can spread the calls over the days.
   */
  readonly remoteTimings?: readonly (readonly number[])[];
}

/** Costs this close are equal. */
const TIE = 1e-9;

/** Timings beyond this many, keeping the cheapest, are not worth the search's time. */
export const MAX_TIMINGS = 24;

/**
 * Every timing of the visits within their windows and spacing, times every choice of remote
 * visits the rules allow; for each in-person mask the cheapest. A mask of 0 (all remote)
 * is the retailer left out of the routes.
 */
export function servicePatterns(rules: PatternRules): ServicePattern[] {
  const best = new Map<number, ServicePattern>();
  for (const { days, strayDays } of timings(rules)) {
    for (const remote of remoteChoices(days.length, rules)) {
      let mask = 0;
      let cost = strayDays * rules.spacingYuanPerDay;
      const remoteDays: number[] = [];
      days.forEach((d, j) => {
        if (remote & (1 << j)) {
          remoteDays.push(d);
          cost += rules.remoteYuan;
        } else {
          mask |= 1 << d;
          cost += rules.dayYuan[d];
        }
      });
      const seen = best.get(mask);
      if (!seen || cost < seen.cost - TIE) best.set(mask, { days, inPersonMask: mask, remoteDays, strayDays, cost, ...(mask === 0 ? { remoteTimings: [days] } : {}) });
      else if (mask === 0 && cost <= seen.cost + TIE) (seen.remoteTimings as number[][]).push(days);
    }
  }
  return [...best.values()].sort((a, b) => a.cost - b.cost || a.inPersonMask - b.inPersonMask);
}

interface Timing {
  days: number[];
  strayDays: number;
}

function timings(rules: PatternRules): Timing[] {
  if (rules.windows === null) return freeTimings(rules);
  const windows = rules.windows;
  if (windows.length === 0) return [{ days: [], strayDays: 0 }];
  const out: Timing[] = [];
  const days: number[] = [];
  const lo = rules.interval - rules.tolerance;
  const hi = Math.min(rules.interval + rules.tolerance, rules.maxGap);
  const walk = (j: number, stray: number) => {
    if (j === windows.length) {
      out.push({ days: days.slice(), strayDays: stray });
      return;
    }
    const w = windows[j];
    for (let d = w.earliest; d <= w.latest; d++) {
      if ((rules.blocked >> d) & 1) continue;
      if (j > 0) {
        const gap = d - days[j - 1];
        if (gap < Math.max(1, Math.floor(lo)) || gap > Math.ceil(hi)) continue;
      }
      days.push(d);
      walk(j + 1, stray + Math.abs(d - w.ideal));
      days.pop();
    }
  };
  walk(0, 0);
  out.sort((a, b) => a.strayDays - b.strayDays || a.days[0] - b.days[0]);
  return out.slice(0, MAX_TIMINGS);
}

/**
 * A free phase: visits evenly spaced from a starting day the optimiser picks, each on its ideal
 * day or up to the tolerance either side (at the spacing price), never on a blocked day. The
 * cheapest of each start are kept in turn, so every start stays on offer when some are cut.
 */
function freeTimings(rules: PatternRules): Timing[] {
  const k = rules.freeCount;
  const step = rules.days / k;
  const tol = rules.tolerance;
  const seen = new Map<string, Timing>();
  const byStart: Timing[][] = [];
  for (let s = 0; s < Math.ceil(step); s++) {
    const ideal = Array.from({ length: k }, (_, j) => Math.round(s + j * step));
    // A start whose last ideal day falls past the horizon has no day to price its last visit
    // against (the walk below already keeps visits apart and in order).
    if (ideal[k - 1] > rules.days - 1) continue;
    const own: Timing[] = [];
    const days: number[] = [];
    const walk = (j: number, stray: number) => {
      if (j === k) {
        const key = days.join();
        const known = seen.get(key);
        if (known && known.strayDays <= stray) return;
        const t = { days: days.slice(), strayDays: stray };
        seen.set(key, t);
        own.push(t);
        return;
      }
      for (let d = Math.max(0, ideal[j] - tol); d <= Math.min(rules.days - 1, ideal[j] + tol); d++) {
        if ((rules.blocked >> d) & 1) continue;
        if (j > 0 && (d <= days[j - 1] || d - days[j - 1] > rules.maxGap)) continue;
        days.push(d);
        walk(j + 1, stray + Math.abs(d - ideal[j]));
        days.pop();
      }
    };
    walk(0, 0);
    byStart.push(own.sort((a, b) => a.strayDays - b.strayDays));
  }
  const out: Timing[] = [];
  for (let r = 0; out.length < MAX_TIMINGS && byStart.some((t) => t.length > r); r++) {
    for (const own of byStart) if (r < own.length && seen.get(own[r].days.join()) === own[r] && out.length < MAX_TIMINGS) out.push(own[r]);
  }
  return out.sort((a, b) => a.strayDays - b.strayDays || a.days[0] - b.days[0]);
}

/** Bitmasks over k visits of which go remote, with no run longer than the rules allow. */
function remoteChoices(k: number, rules: PatternRules): number[] {
  if (!rules.remoteAllowed || k === 0) return [0];
  const out: number[] = [];
  for (let m = 0; m < 1 << k; m++) {
    let run = rules.lastRemoteRun;
    let ok = true;
    for (let j = 0; j < k && ok; j++) {
      run = m & (1 << j) ? run + 1 : 0;
      ok = run <= rules.maxConsecutiveRemote;
    }
    if (ok) out.push(m);
  }
  return out;
}

/** Days set in a pattern mask. */
export function popcount(mask: number): number {
  let n = 0;
  for (let v = mask >>> 0; v; v &= v - 1) n++;
  return n;
}
