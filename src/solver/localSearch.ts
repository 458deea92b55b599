/**
 * Granular first-improvement local search on penalised cost (after PyVRP's
 * `LocalSearch::search`): for each visit U in random order and each neighbour V visited
 * the same day, try the node operators and apply the first improving move; then try the
 * customer operators (pattern change, skip). Repeats until a full pass finds nothing.
 *
 * A pair is skipped when neither route changed since U was last tested, so after a
 * small ruin-and-recreate only the disturbed region is searched again.
 */
import type { Instance } from './instance.ts';
import type { Neighbours } from './neighbours.ts';
import type { CustomerOperator, MoveContext, NodeOperator } from './operators/operator.ts';
import type { Random } from './random.ts';

const IMPROVING = -1e-7;
const MAX_PASSES = 100;

export class LocalSearch {
  private readonly inst: Instance;
  private readonly ctx: MoveContext;
  private readonly nb: Neighbours;
  private readonly nodeOps: NodeOperator[];
  private readonly customerOps: CustomerOperator[];
  private readonly lastTested: Int32Array;
  /** Per customer: the step at which its customer operators last found nothing, within this run. */
  private readonly lastCustomerTest: Int32Array;
  /** Per customer: every day any of its patterns visits (the routes its options depend on). */
  private readonly daysOf: Int32Array;
  private readonly order: Int32Array;
  /** Moves applied since construction (for statistics). */
  moves = 0;

  constructor(ctx: MoveContext, nb: Neighbours, nodeOps: NodeOperator[], customerOps: CustomerOperator[]) {
    this.inst = ctx.inst;
    this.ctx = ctx;
    this.nb = nb;
    this.nodeOps = nodeOps;
    this.customerOps = customerOps;
    this.lastTested = new Int32Array(ctx.inst.n * ctx.inst.days).fill(-1);
    this.order = new Int32Array(ctx.inst.n);
    for (let i = 0; i < this.order.length; i++) this.order[i] = i;
    this.lastCustomerTest = new Int32Array(ctx.inst.n);
    this.daysOf = new Int32Array(ctx.inst.n);
    const { patternStart, patternMask } = ctx.inst;
    for (let c = 0; c < ctx.inst.n; c++) for (let q = patternStart[c]; q < patternStart[c + 1]; q++) this.daysOf[c] |= patternMask[q];
  }

  /** Forget which pairs were tested (after the penalty weights changed). */
  resetTested(): void {
    this.lastTested.fill(-1);
  }

  run(rng: Random): void {
    const { n, days, dayRouteStart } = this.inst;
    const R = this.ctx.routes;
    const { list, count, k } = this.nb;
    rng.shuffle(this.order);
    // Bounds and weights may have changed since the last run: every customer is tested again.
    this.lastCustomerTest.fill(-1);
    for (const op of this.customerOps) op.startRun?.();
    let improved = true;
    // Rounding in penalised deltas could in principle make two moves undo each other
    // forever; a generous cap on passes guarantees the search ends.
    for (let pass = 0; improved && pass < MAX_PASSES; pass++) {
      improved = false;
      for (let i = 0; i < n; i++) {
        const c = this.order[i];
        for (let d = 0; d < days; d++) {
          const key = c * days + d;
          if (R.visitRoute[key] < 0) continue;
          const lastT = this.lastTested[key];
          this.lastTested[key] = R.step;
          for (let j = 0; j < count[c]; j++) {
            const key2 = list[c * k + j] * days + d;
            const rv = R.visitRoute[key2];
            if (rv < 0) continue;
            const ru = R.visitRoute[key];
            if (R.lastModified[ru] < lastT && R.lastModified[rv] < lastT) continue;
            if (this.tryPair(ru, R.visitPos[key], rv, R.visitPos[key2])) improved = true;
            // Also try U at the very start of V's route.
            if (R.visitPos[key2] === 1 && this.tryPair(R.visitRoute[key], R.visitPos[key], rv, 0)) improved = true;
          }
          // One empty route of the day, if any: the chance to open a route.
          for (let r = dayRouteStart[d]; r < dayRouteStart[d + 1]; r++) {
            if (R.len[r] !== 0) continue;
            if (R.lastModified[R.visitRoute[key]] >= lastT || R.lastModified[r] >= lastT) {
              if (this.tryPair(R.visitRoute[key], R.visitPos[key], r, 0)) improved = true;
            }
            break;
          }
        }
      }
      if (this.customerOps.length > 0 && this.customerPass()) improved = true;
    }
  }

  private tryPair(ru: number, pu: number, rv: number, pv: number): boolean {
    const ctx = this.ctx;
    for (let o = 0; o < this.nodeOps.length; o++) {
      const op = this.nodeOps[o];
      if (op.evaluate(ctx, ru, pu, rv, pv) < IMPROVING) {
        this.refresh(op.apply(ctx, ru, pu, rv, pv));
        return true;
      }
    }
    return false;
  }

  private customerPass(): boolean {
    const ctx = this.ctx;
    let improved = false;
    for (let i = 0; i < this.order.length; i++) {
      const c = this.order[i];
      if (this.inst.patternStart[c + 1] - this.inst.patternStart[c] < 2 && this.inst.skipCost[c] === Infinity) continue;
      // Nothing it could move to or from has changed since it last found nothing: skip it.
      if (!this.changedSince(c, this.lastCustomerTest[c])) continue;
      this.lastCustomerTest[c] = ctx.routes.step;
      for (let o = 0; o < this.customerOps.length; o++) {
        const op = this.customerOps[o];
        if (op.evaluate(ctx, c) < IMPROVING) {
          this.refresh(op.apply(ctx, c));
          improved = true;
        }
      }
    }
    return improved;
  }

  /** Whether a route of any day customer c may be visited on changed after `step`. */
  private changedSince(c: number, step: number): boolean {
    if (step < 0) return true;
    const { days, dayRouteStart } = this.inst;
    const R = this.ctx.routes;
    const mask = this.daysOf[c];
    for (let d = 0; d < days; d++) {
      if (!((mask >> d) & 1)) continue;
      for (let r = dayRouteStart[d]; r < dayRouteStart[d + 1]; r++) if (R.lastModified[r] >= step) return true;
    }
    return false;
  }

  private refresh(touched: number): void {
    this.moves++;
    for (let t = 0; t < touched; t++) this.ctx.routes.refresh(this.ctx.touched[t]);
  }
}
