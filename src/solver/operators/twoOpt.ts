/**
 * 2-opt within a route: reverses the visits between U (exclusive) and V (inclusive),
 * for U before V. The reversed part is costed by walking it: O(length), so neighbour
 * lists keep it short in practice.
 */
import { appendRangeReversed, type MoveContext, type NodeOperator } from './operator.ts';

export const twoOpt: NodeOperator = {
  name: 'twoOpt',
  supports: (inst) => inst.n >= 3,

  evaluate(ctx: MoveContext, ru: number, pu: number, rv: number, pv: number): number {
    if (ru !== rv || pv <= pu + 1) return Infinity;
    const R = ctx.routes;
    const { L, cost, time, maxDuration, maxWait, waitFree, symmetricCost } = ctx.inst;
    const node = R.node;
    const b = ru * R.cap;
    const u = node[b + pu], un = node[b + pu + 1], v = node[b + pv], vn = node[b + pv + 1];
    let delta = cost[u * L + v] + cost[un * L + vn] - cost[u * L + un] - cost[v * L + vn];
    if (!symmetricCost) {
      let reversed = 0;
      for (let p = pv; p > pu + 1; p--) reversed += cost[node[b + p] * L + node[b + p - 1]];
      delta += reversed - (R.costPre[b + pv] - R.costPre[b + pu + 1]);
    }
    const twWeight = ctx.costs.timeWarp;
    delta -= twWeight * R.routeTw[ru];
    if (delta >= 0) return delta;
    const s = ctx.seg;
    s.load(R.fwd, b + pu);
    const last = appendRangeReversed(ctx, b, pv, pu + 1, u);
    s.appendFrom(time[last * L + vn], R.bwd, b + pv + 1);
    return delta + twWeight * s.totalTimeWarp(maxDuration[ru], maxWait[ru], waitFree[ru]);
  },

  apply(ctx: MoveContext, ru: number, pu: number, _rv: number, pv: number): number {
    const R = ctx.routes;
    const b = ru * R.cap;
    R.node.subarray(b + pu + 1, b + pv + 1).reverse();
    ctx.touched[0] = ru;
    return 1;
  },
};
