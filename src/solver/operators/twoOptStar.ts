/**
 * 2-opt* (swap tails): two routes of the same day exchange everything after U and after
 * V (PyVRP `SwapTails`). V may be the start depot, also of an empty route.
 */
import type { MoveContext, NodeOperator } from './operator.ts';
import { appendRange } from './operator.ts';

export const twoOptStar: NodeOperator = {
  name: 'twoOptStar',
  supports: (inst) => inst.nRoutes > inst.days, // some day has two vehicles or more

  evaluate(ctx: MoveContext, ru: number, pu: number, rv: number, pv: number): number {
    if (ru === rv) return Infinity;
    const R = ctx.routes;
    const len1 = R.len[ru];
    const len2 = R.len[rv];
    if (pu === len1 && pv === len2) return Infinity; // both tails empty
    let delta = newCost(ctx, ru, pu, rv, pv) + newCost(ctx, rv, pv, ru, pu) - R.routeCost[ru] - R.routeCost[rv];
    const b1 = ru * R.cap;
    const b2 = rv * R.cap;
    const load1 = R.loadPre[b1 + pu] + R.routeLoad[rv] - R.loadPre[b2 + pv];
    const load2 = R.loadPre[b2 + pv] + R.routeLoad[ru] - R.loadPre[b1 + pu];
    delta += ctx.costs.loadPenalty(ctx.inst, ru, load1) + ctx.costs.loadPenalty(ctx.inst, rv, load2) - ctx.costs.routePenalty(ctx.routes, ru) - ctx.costs.routePenalty(ctx.routes, rv);
    if (delta >= 0) return delta;
    delta += ctx.costs.timeWarp * newTimeWarp(ctx, ru, pu, rv, pv);
    if (delta >= 0) return delta;
    return delta + ctx.costs.timeWarp * newTimeWarp(ctx, rv, pv, ru, pu);
  },

  apply(ctx: MoveContext, ru: number, pu: number, rv: number, pv: number): number {
    const R = ctx.routes;
    const cap = R.cap;
    const b1 = ru * cap;
    const b2 = rv * cap;
    const len1 = R.len[ru];
    const len2 = R.len[rv];
    const tail1 = len1 - pu;
    const tail2 = len2 - pv;
    for (let i = 0; i < tail1; i++) ctx.buf[i] = R.node[b1 + pu + 1 + i];
    const end1 = R.node[b1 + len1 + 1];
    const end2 = R.node[b2 + len2 + 1];
    R.node.copyWithin(b1 + pu + 1, b2 + pv + 1, b2 + pv + 1 + tail2);
    R.node[b1 + pu + 1 + tail2] = end1;
    for (let i = 0; i < tail1; i++) R.node[b2 + pv + 1 + i] = ctx.buf[i];
    R.node[b2 + pv + 1 + tail1] = end2;
    R.len[ru] = pu + tail2;
    R.len[rv] = pv + tail1;
    ctx.touched[0] = ru;
    ctx.touched[1] = rv;
    return 2;
  },
};

/** Cost (legs + fixed) of route a keeping slots 0..pa and taking b's visits after pb. */
function newCost(ctx: MoveContext, a: number, pa: number, b: number, pb: number): number {
  const R = ctx.routes;
  const { L, cost, endLoc, fixedCost } = ctx.inst;
  const ba = a * R.cap;
  const bb = b * R.cap;
  const lenB = R.len[b];
  if (pa === 0 && pb === lenB) return 0; // route a ends up empty
  const from = R.node[ba + pa];
  let c = R.costPre[ba + pa] + fixedCost[a];
  if (pb === lenB) return c + cost[from * L + endLoc[a]];
  c += cost[from * L + R.node[bb + pb + 1]] + R.costPre[bb + lenB] - R.costPre[bb + pb + 1];
  return c + cost[R.node[bb + lenB] * L + endLoc[a]];
}

/** Time warp of the same new route. */
function newTimeWarp(ctx: MoveContext, a: number, pa: number, b: number, pb: number): number {
  const R = ctx.routes;
  const inst = ctx.inst;
  const { L, time, endLoc } = inst;
  const ba = a * R.cap;
  const bb = b * R.cap;
  const lenB = R.len[b];
  if (pa === 0 && pb === lenB) return 0;
  const s = ctx.seg;
  const from = R.node[ba + pa];
  s.load(R.fwd, ba + pa);
  if (pb < lenB && sameEnd(inst, a, b)) {
    s.appendFrom(time[from * L + R.node[bb + pb + 1]], R.bwd, bb + pb + 1);
  } else {
    // Vehicles that end differently: walk b's tail and close with a's own end depot.
    const last = appendRange(ctx, bb, pb + 1, lenB, from);
    s.appendNode(time[last * L + endLoc[a]], 0, inst.earliest[a], inst.latest[a]);
  }
  return s.totalTimeWarp(inst.maxDuration[a], inst.maxWait[a], inst.waitFree[a]);
}

function sameEnd(inst: MoveContext['inst'], a: number, b: number): boolean {
  return inst.endLoc[a] === inst.endLoc[b] && inst.earliest[a] === inst.earliest[b] && inst.latest[a] === inst.latest[b];
}
