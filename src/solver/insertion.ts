/**
 * Cheapest insertion and removal of one visit, in penalised cost. Shared by the recreate
 * step and the pattern-change operator; a customer's days are independent, so the best
 * plan for a pattern is the sum of the best insertion on each of its days.
 */
import type { MoveContext } from './operators/operator.ts';
import { FEASIBLE_EPS } from './costEvaluator.ts';
import type { Random } from './random.ts';

export class Insertion {
  /** Best route and slot (insert after) found by the last `best` call. */
  route = -1;
  pos = -1;

  /**
   * Penalised cost of the cheapest insertion of location `loc` on `day`. With `blink` > 0,
   * each position is skipped with that probability (SISR's blinks), drawing from `rng`.
   * Among empty routes only the first of each kind is tried (they cost the same).
   * With `strict`, only positions that keep the route free of time warp and excess load
   * count (Infinity if there is none). With a `bound`, only positions cheaper than it are
   * costed in full: the answer is exact if below the bound, and otherwise Infinity (route and
   * slot -1), never a number a caller could add up into an improving move; most positions are
   * then dismissed on travel cost.
   */
  best(ctx: MoveContext, loc: number, day: number, blink = 0, rng?: Random, strict = false, bound = Infinity): number {
    const R = ctx.routes;
    const inst = ctx.inst;
    const { L, cost, time, service, ready, due, demand, dayRouteStart, fixedCost, maxDuration, maxWait, waitFree } = inst;
    const node = R.node;
    const s = ctx.seg;
    const twWeight = ctx.costs.timeWarp;
    let best = bound;
    this.route = -1;
    this.pos = -1;
    let triedEmpty = -1;
    for (let r = dayRouteStart[day]; r < dayRouteStart[day + 1]; r++) {
      const n = R.len[r];
      if (n === 0) {
        if (triedEmpty >= 0 && sameVehicle(inst, triedEmpty, r)) continue;
        triedEmpty = r;
      }
      if (strict && R.routeLoad[r] + demand[loc] > inst.capacity[r]) continue;
      const b = r * R.cap;
      const fixed = n === 0 ? fixedCost[r] : 0;
      const loadDelta = ctx.costs.loadPenalty(ctx.inst, r, R.routeLoad[r] + demand[loc]) - ctx.costs.routePenalty(ctx.routes, r);
      for (let p = 0; p <= n; p++) {
        const prev = node[b + p];
        const next = node[b + p + 1];
        let delta = cost[prev * L + loc] + cost[loc * L + next] + fixed + loadDelta;
        if (n > 0) delta -= cost[prev * L + next];
        if (delta >= best) continue;
        if (blink > 0 && rng !== undefined && rng.next() < blink) continue;
        s.load(R.fwd, b + p);
        s.appendNode(time[prev * L + loc], service[loc], ready[loc], due[loc]);
        s.appendFrom(time[loc * L + next], R.bwd, b + p + 1);
        const tw = s.totalTimeWarp(maxDuration[r], maxWait[r], waitFree[r]);
        if (strict && tw > FEASIBLE_EPS) continue;
        delta += twWeight * tw;
        if (delta < best) {
          best = delta;
          this.route = r;
          this.pos = p;
        }
      }
    }
    return this.route < 0 ? Infinity : best;
  }
}

/** Penalised cost change of removing the visit in slot p of route r. */
export function removalDelta(ctx: MoveContext, r: number, p: number): number {
  const R = ctx.routes;
  const { L, cost, time, demand, maxDuration, maxWait, waitFree } = ctx.inst;
  const b = r * R.cap;
  const n = R.len[r];
  const penaltyNow = ctx.costs.routePenalty(ctx.routes, r);
  if (n === 1) return -R.routeCost[r] - penaltyNow + ctx.costs.loadPenalty(ctx.inst, r, 0);
  const prev = R.node[b + p - 1];
  const u = R.node[b + p];
  const next = R.node[b + p + 1];
  let delta = cost[prev * L + next] - cost[prev * L + u] - cost[u * L + next];
  delta += ctx.costs.loadPenalty(ctx.inst, r, R.routeLoad[r] - demand[u]) - penaltyNow;
  const s = ctx.seg;
  s.load(R.fwd, b + p - 1);
  s.appendFrom(time[prev * L + next], R.bwd, b + p + 1);
  return delta + ctx.costs.timeWarp * s.totalTimeWarp(maxDuration[r], maxWait[r], waitFree[r]);
}

function sameVehicle(inst: MoveContext['inst'], a: number, b: number): boolean {
  return (
    inst.startLoc[a] === inst.startLoc[b] &&
    inst.endLoc[a] === inst.endLoc[b] &&
    inst.capacity[a] === inst.capacity[b] &&
    inst.minLoad[a] === inst.minLoad[b] &&
    inst.earliest[a] === inst.earliest[b] &&
    inst.latest[a] === inst.latest[b] &&
    inst.latestStart[a] === inst.latestStart[b] &&
    inst.maxDuration[a] === inst.maxDuration[b] &&
    inst.maxWait[a] === inst.maxWait[b] &&
    inst.waitFree[a] === inst.waitFree[b] &&
    inst.fixedCost[a] === inst.fixedCost[b]
  );
}
