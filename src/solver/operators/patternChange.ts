/**
 * Pattern change: serves a periodic customer on another of its allowed day patterns, or
 * (if it has a skip cost) not at all, or routes a skipped customer again. Days that the
 * old and new patterns share keep their visit; the others are removed or inserted at
 * their cheapest place (Cordeau et al. 1997 and Vidal et al. 2012 use the same move).
 */
import { IMPROVEMENT_EPS } from '../costEvaluator.ts';
import { Insertion, removalDelta } from '../insertion.ts';
import type { Instance } from '../instance.ts';
import type { CustomerOperator, MoveContext } from './operator.ts';

export class PatternChange implements CustomerOperator {
  readonly name = 'patternChange';
  private readonly ins = new Insertion();
  /**
   * Per customer and day (`c * days + d`): the cheapest insertion, exact when below `insBound`
   * (else only known not to be below it), found at step `insAt` of this local-search run. It
   * stays good while no route of that day changes: a customer's other days are not costed again
   * when one day moves (a monthly shop may go on any of twenty).
   */
  private readonly insCost: Float64Array;
  private readonly insBound: Float64Array;
  private readonly insAt: Int32Array;
  private readonly insRun: Int32Array;
  private readonly insRoute: Int32Array;
  private readonly insPos: Int32Array;
  private readonly remCost: Float64Array;
  private run = 1;
  private chosen = -2; // pattern index, -1 = skip, -2 = none

  constructor(inst: Instance) {
    const keys = inst.n * inst.days;
    this.insCost = new Float64Array(keys);
    this.insBound = new Float64Array(keys);
    this.insAt = new Int32Array(keys);
    this.insRun = new Int32Array(keys);
    this.insRoute = new Int32Array(keys);
    this.insPos = new Int32Array(keys);
    this.remCost = new Float64Array(inst.days);
  }

  /** Weights and load bounds may differ from the last run: nothing cached is trusted. */
  startRun(): void {
    this.run++;
  }

  supports(inst: Instance): boolean {
    return inst.isPeriodic || inst.hasSkip || inst.hasPatternCost;
  }

  evaluate(ctx: MoveContext, c: number): number {
    const inst = ctx.inst;
    const R = ctx.routes;
    const { days, patternStart, patternMask, patternCost, skipCost } = inst;
    const cur = R.pattern[c];
    if (cur < 0 && skipCost[c] === Infinity) return Infinity; // a required customer is routed by recreate
    const curMask = cur >= 0 ? patternMask[cur] : 0;
    const curCost = cur >= 0 ? patternCost[cur] : skipCost[c];
    // Removal gains for current days, insertion costs for the others, each computed once.
    for (let d = 0; d < days; d++) {
      if (curMask & (1 << d)) this.remCost[d] = removalDelta(ctx, R.visitRoute[c * days + d], R.visitPos[c * days + d]);
    }
    let best = 0;
    this.chosen = -2;
    for (let q = patternStart[c]; q < patternStart[c + 1]; q++) {
      if (q === cur) continue;
      const mask = patternMask[q];
      let delta = patternCost[q] - curCost;
      // Removal gains first (known, often negative): only insertions can then stop the sum early.
      const dropped = curMask & ~mask;
      for (let d = 0; d < days; d++) if ((dropped >> d) & 1) delta += this.remCost[d];
      const added = mask & ~curMask;
      for (let d = 0; d < days && delta < best; d++) if ((added >> d) & 1) delta += this.insertion(ctx, c, d, best - delta);
      if (delta < best - IMPROVEMENT_EPS) {
        best = delta;
        this.chosen = q;
      }
    }
    if (cur >= 0 && skipCost[c] !== Infinity) {
      let delta = skipCost[c] - curCost;
      for (let d = 0; d < days; d++) if (curMask & (1 << d)) delta += this.remCost[d];
      if (delta < best - IMPROVEMENT_EPS) {
        best = delta;
        this.chosen = -1;
      }
    }
    return best;
  }

  apply(ctx: MoveContext, c: number): number {
    const inst = ctx.inst;
    const R = ctx.routes;
    const { days, patternMask } = inst;
    const cur = R.pattern[c];
    const curMask = cur >= 0 ? patternMask[cur] : 0;
    const newMask = this.chosen >= 0 ? patternMask[this.chosen] : 0;
    let k = 0;
    for (let d = 0; d < days; d++) {
      const bit = 1 << d;
      if (curMask & bit && !(newMask & bit)) {
        const r = R.visitRoute[c * days + d];
        R.remove(r, R.visitPos[c * days + d], 1);
        ctx.touched[k++] = r;
      } else if (newMask & bit && !(curMask & bit)) {
        R.insert(this.insRoute[c * days + d], this.insPos[c * days + d], inst.location[c]);
        ctx.touched[k++] = this.insRoute[c * days + d];
      }
    }
    R.pattern[c] = this.chosen;
    return k;
  }

  /** Cheapest insertion of c on day d, exact when below `bound` (otherwise Infinity: not below it). */
  private insertion(ctx: MoveContext, c: number, d: number, bound: number): number {
    const R = ctx.routes;
    const { days, dayRouteStart } = ctx.inst;
    const key = c * days + d;
    if (this.insRun[key] === this.run) {
      let fresh = true;
      for (let r = dayRouteStart[d]; r < dayRouteStart[d + 1] && fresh; r++) fresh = R.lastModified[r] < this.insAt[key];
      const known = this.insCost[key];
      if (fresh && (known < this.insBound[key] || this.insBound[key] >= bound)) return known;
    }
    const cost = this.ins.best(ctx, ctx.inst.location[c], d, 0, undefined, false, bound);
    this.insCost[key] = cost;
    this.insBound[key] = bound;
    this.insAt[key] = R.step;
    this.insRun[key] = this.run;
    this.insRoute[key] = this.ins.route;
    this.insPos[key] = this.ins.pos;
    return cost;
  }
}
