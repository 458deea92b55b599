/**
 * Relocate a string: moves the `length` visits starting at U to just after V, in the
 * same or another route of the day (PyVRP `Exchange<N, 0>`; or-opt for lengths 2–3).
 */
import { appendRange, type MoveContext, type NodeOperator } from './operator.ts';

export function makeRelocate(length: number): NodeOperator {
  const N = length;
  return {
    name: N === 1 ? 'relocate' : `orOpt${N}`,
    supports: (inst) => inst.n >= N,

    evaluate(ctx: MoveContext, ru: number, pu: number, rv: number, pv: number): number {
      const R = ctx.routes;
      const len1 = R.len[ru];
      if (pu + N - 1 > len1) return Infinity; // the string would run into the end depot
      if (ru === rv) return evaluateIntra(ctx, N, ru, pu, pv);
      const { L, cost, time, maxDuration, maxWait, waitFree, fixedCost } = ctx.inst;
      const node = R.node;
      const b1 = ru * R.cap;
      const b2 = rv * R.cap;
      const prev = node[b1 + pu - 1];
      const first = node[b1 + pu];
      const last = node[b1 + pu + N - 1];
      const next = node[b1 + pu + N];
      const vn = node[b2 + pv];
      const vnext = node[b2 + pv + 1];
      const inner = R.costPre[b1 + pu + N - 1] - R.costPre[b1 + pu];

      let delta = cost[vn * L + first] + inner + cost[last * L + vnext];
      delta += R.len[rv] === 0 ? fixedCost[rv] : -cost[vn * L + vnext];
      const emptied = len1 === N;
      if (emptied) delta -= R.routeCost[ru];
      else delta += cost[prev * L + next] - (R.costPre[b1 + pu + N] - R.costPre[b1 + pu - 1]);

      const strLoad = R.loadPre[b1 + pu + N - 1] - R.loadPre[b1 + pu - 1];
      delta += ctx.costs.loadPenalty(ctx.inst, ru, emptied ? 0 : R.routeLoad[ru] - strLoad);
      delta += ctx.costs.loadPenalty(ctx.inst, rv, R.routeLoad[rv] + strLoad) - ctx.costs.routePenalty(ctx.routes, ru) - ctx.costs.routePenalty(ctx.routes, rv);
      if (delta >= 0) return delta;

      const s = ctx.seg;
      const twWeight = ctx.costs.timeWarp;
      if (!emptied) {
        s.load(R.fwd, b1 + pu - 1);
        s.appendFrom(time[prev * L + next], R.bwd, b1 + pu + N);
        delta += twWeight * s.totalTimeWarp(maxDuration[ru], maxWait[ru], waitFree[ru]);
        if (delta >= 0) return delta;
      }
      s.load(R.fwd, b2 + pv);
      appendRange(ctx, b1, pu, pu + N - 1, vn);
      s.appendFrom(time[last * L + vnext], R.bwd, b2 + pv + 1);
      return delta + twWeight * s.totalTimeWarp(maxDuration[rv], maxWait[rv], waitFree[rv]);
    },

    apply(ctx: MoveContext, ru: number, pu: number, rv: number, pv: number): number {
      const R = ctx.routes;
      const b1 = ru * R.cap;
      for (let i = 0; i < N; i++) ctx.buf[i] = R.node[b1 + pu + i];
      R.remove(ru, pu, N);
      const at = ru === rv && pv > pu ? pv - N : pv;
      for (let i = 0; i < N; i++) R.insert(rv, at + i, ctx.buf[i]);
      ctx.touched[0] = ru;
      if (ru === rv) return 1;
      ctx.touched[1] = rv;
      return 2;
    },
  };
}

/** The string U..U+N-1 moves after V within one route: only the order changes. */
function evaluateIntra(ctx: MoveContext, N: number, r: number, pu: number, pv: number): number {
  if (pv >= pu - 1 && pv <= pu + N - 1) return Infinity; // same place
  const R = ctx.routes;
  const { L, cost, time, maxDuration, maxWait, waitFree } = ctx.inst;
  const node = R.node;
  const b = r * R.cap;
  const prev = node[b + pu - 1];
  const first = node[b + pu];
  const last = node[b + pu + N - 1];
  const next = node[b + pu + N];
  const vn = node[b + pv];
  const vnext = node[b + pv + 1];
  let delta = cost[vn * L + first] + cost[last * L + vnext] + cost[prev * L + next];
  delta -= cost[vn * L + vnext] + cost[prev * L + first] + cost[last * L + next];
  const twWeight = ctx.costs.timeWarp;
  delta -= twWeight * R.routeTw[r];
  if (delta >= 0) return delta;

  const s = ctx.seg;
  if (pv < pu) {
    s.load(R.fwd, b + pv);
    appendRange(ctx, b, pu, pu + N - 1, vn);
    appendRange(ctx, b, pv + 1, pu - 1, last);
    s.appendFrom(time[prev * L + next], R.bwd, b + pu + N);
  } else {
    s.load(R.fwd, b + pu - 1);
    appendRange(ctx, b, pu + N, pv, prev);
    appendRange(ctx, b, pu, pu + N - 1, vn);
    s.appendFrom(time[last * L + vnext], R.bwd, b + pv + 1);
  }
  return delta + twWeight * s.totalTimeWarp(maxDuration[r], maxWait[r], waitFree[r]);
}
