/**
 * Swap: U and V (two customers of the same day) exchange places, in one route or two
 * (PyVRP `Exchange<1, 1>`).
 */
import { appendRange, type MoveContext, type NodeOperator } from './operator.ts';

export const swap: NodeOperator = {
  name: 'swap',
  supports: (inst) => inst.n >= 2,

  evaluate(ctx: MoveContext, ru: number, pu: number, rv: number, pv: number): number {
    if (pv === 0) return Infinity; // V must be a customer
    if (ru === rv) return pu < pv ? evaluateIntra(ctx, ru, pu, pv) : pu > pv ? evaluateIntra(ctx, ru, pv, pu) : Infinity;
    const R = ctx.routes;
    const { L, cost, time, maxDuration, maxWait, waitFree, demand, service, ready, due } = ctx.inst;
    const node = R.node;
    const b1 = ru * R.cap;
    const b2 = rv * R.cap;
    const u = node[b1 + pu], up = node[b1 + pu - 1], un = node[b1 + pu + 1];
    const v = node[b2 + pv], vp = node[b2 + pv - 1], vn = node[b2 + pv + 1];
    let delta = cost[up * L + v] + cost[v * L + un] - cost[up * L + u] - cost[u * L + un];
    delta += cost[vp * L + u] + cost[u * L + vn] - cost[vp * L + v] - cost[v * L + vn];
    const diff = demand[v] - demand[u];
    delta += ctx.costs.loadPenalty(ctx.inst, ru, R.routeLoad[ru] + diff) + ctx.costs.loadPenalty(ctx.inst, rv, R.routeLoad[rv] - diff);
    delta -= ctx.costs.routePenalty(ctx.routes, ru) + ctx.costs.routePenalty(ctx.routes, rv);
    if (delta >= 0) return delta;

    const s = ctx.seg;
    const twWeight = ctx.costs.timeWarp;
    s.load(R.fwd, b1 + pu - 1);
    s.appendNode(time[up * L + v], service[v], ready[v], due[v]);
    s.appendFrom(time[v * L + un], R.bwd, b1 + pu + 1);
    delta += twWeight * s.totalTimeWarp(maxDuration[ru], maxWait[ru], waitFree[ru]);
    if (delta >= 0) return delta;
    s.load(R.fwd, b2 + pv - 1);
    s.appendNode(time[vp * L + u], service[u], ready[u], due[u]);
    s.appendFrom(time[u * L + vn], R.bwd, b2 + pv + 1);
    return delta + twWeight * s.totalTimeWarp(maxDuration[rv], maxWait[rv], waitFree[rv]);
  },

  apply(ctx: MoveContext, ru: number, pu: number, rv: number, pv: number): number {
    const R = ctx.routes;
    const i = ru * R.cap + pu;
    const j = rv * R.cap + pv;
    const t = R.node[i];
    R.node[i] = R.node[j];
    R.node[j] = t;
    ctx.touched[0] = ru;
    if (ru === rv) return 1;
    ctx.touched[1] = rv;
    return 2;
  },
};

/** Swap within one route, slots a < b. */
function evaluateIntra(ctx: MoveContext, r: number, a: number, b: number): number {
  const R = ctx.routes;
  const { L, cost, time, maxDuration, maxWait, waitFree, service, ready, due } = ctx.inst;
  const node = R.node;
  const base = r * R.cap;
  const u = node[base + a], up = node[base + a - 1], un = node[base + a + 1];
  const v = node[base + b], vp = node[base + b - 1], vn = node[base + b + 1];
  let delta: number;
  if (b === a + 1) {
    delta = cost[up * L + v] + cost[v * L + u] + cost[u * L + vn] - cost[up * L + u] - cost[u * L + v] - cost[v * L + vn];
  } else {
    delta = cost[up * L + v] + cost[v * L + un] + cost[vp * L + u] + cost[u * L + vn];
    delta -= cost[up * L + u] + cost[u * L + un] + cost[vp * L + v] + cost[v * L + vn];
  }
  const twWeight = ctx.costs.timeWarp;
  delta -= twWeight * R.routeTw[r];
  if (delta >= 0) return delta;
  const s = ctx.seg;
  s.load(R.fwd, base + a - 1);
  s.appendNode(time[up * L + v], service[v], ready[v], due[v]);
  const before = appendRange(ctx, base, a + 1, b - 1, v);
  s.appendNode(time[before * L + u], service[u], ready[u], due[u]);
  s.appendFrom(time[u * L + vn], R.bwd, base + b + 1);
  return delta + twWeight * s.totalTimeWarp(maxDuration[r], maxWait[r], waitFree[r]);
}
