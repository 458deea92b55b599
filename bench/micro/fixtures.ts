/** Helpers for the micro-benchmarks. */
import { Insertion } from '../../src/solver/insertion.ts';
import type { MoveContext } from '../../src/solver/operators/operator.ts';

const ins = new Insertion();

/** Costs the cheapest insertion of the first `count` customers' locations on day 0. */
export function insertion(ctx: MoveContext, count: number): number {
  let s = 0;
  for (let c = 0; c < count && c < ctx.inst.n; c++) s += ins.best(ctx, ctx.inst.location[c], 0);
  return s;
}
