/**
 * Slack Induction by String Removals (Christiaens & Vanden Berghe 2020), adapted to a
 * periodic horizon: `ruin` removes a few strings of visits that lie close to a random
 * seed visit (whole customers, all their days), `recreate` puts customers back one by
 * one at their cheapest pattern and positions, skipping positions at random ("blinks")
 * so that the greedy choice does not always repeat itself.
 */
import { FEASIBLE_EPS } from './costEvaluator.ts';
import type { Instance } from './instance.ts';
import { Insertion } from './insertion.ts';
import type { Neighbours } from './neighbours.ts';
import type { MoveContext } from './operators/operator.ts';
import type { Random } from './random.ts';
import type { Routes } from './routes.ts';

export interface RuinParams {
  /** Average number of customers removed (SISR's c̄). */
  averageRemoved: number;
  /** Longest string (SISR's L_max). */
  maxString: number;
  /** Probability of skipping a position in recreate. */
  blink: number;
}

export const DEFAULT_RUIN: RuinParams = { averageRemoved: 10, maxString: 10, blink: 0.01 };

export class RuinRecreate {
  private readonly inst: Instance;
  private readonly nb: Neighbours;
  private readonly params: RuinParams;
  private readonly ins = new Insertion();
  /** Customers currently out of the routes, waiting for `recreate`. */
  readonly removed: Int32Array;
  removedCount = 0;
  private readonly isRemoved: Uint8Array;
  private readonly routeStamp: Int32Array;
  private stamp = 0;
  private readonly strip: Int32Array;
  private readonly touched: Int32Array;
  private readonly sortKey: Float64Array;
  private readonly dayCost: Float64Array;
  private readonly dayRoute: Int32Array;
  private readonly dayPos: Int32Array;

  constructor(inst: Instance, nb: Neighbours, params: RuinParams = DEFAULT_RUIN) {
    this.inst = inst;
    this.nb = nb;
    this.params = params;
    this.removed = new Int32Array(inst.n);
    this.isRemoved = new Uint8Array(inst.n);
    this.routeStamp = new Int32Array(inst.nRoutes);
    this.strip = new Int32Array(inst.routeCapacity);
    this.touched = new Int32Array(inst.days);
    this.sortKey = new Float64Array(inst.n);
    this.dayCost = new Float64Array(inst.days);
    this.dayRoute = new Int32Array(inst.days);
    this.dayPos = new Int32Array(inst.days);
  }

  /** Marks every customer as removed (for construction from empty routes). */
  removeAll(ctx: MoveContext): void {
    this.removedCount = 0;
    for (let c = 0; c < this.inst.n; c++) this.take(ctx, c);
  }

  /**
   * Removes strings around a random seed visit, about `averageRemoved` customers. With
   * `lateShare`, that share of the ruins seeds in a late route (one with time warp) where there
   * is one: on a long instance a random seed rarely falls where the violation is.
   */
  ruin(ctx: MoveContext, rng: Random, averageRemoved = this.params.averageRemoved, lateShare = 0): void {
    const inst = this.inst;
    const R = ctx.routes;
    const { days } = inst;
    this.removedCount = 0;
    // A random visit as seed; unrouted customers (skipped) cannot seed.
    let visits = 0;
    let used = 0;
    for (let r = 0; r < inst.nRoutes; r++) {
      visits += R.len[r];
      if (R.len[r] > 0) used++;
    }
    if (visits === 0) return;
    let seedKey = lateShare > 0 && rng.next() < lateShare ? lateSeed(R, rng) : -1;
    for (let tries = 0; tries < 100 && seedKey < 0; tries++) {
      const key = rng.int(inst.n * days);
      if (R.visitRoute[key] >= 0) seedKey = key;
    }
    if (seedKey < 0) return;
    const day = seedKey % days;
    const seed = (seedKey - day) / days;

    const { maxString } = this.params;
    const lsMax = Math.min(maxString, visits / used);
    const ksMax = (4 * averageRemoved) / (1 + lsMax) - 1;
    const ks = Math.floor(rng.next() * ksMax) + 1;
    this.stamp++;
    let ruined = 0;
    const { list, count, k } = this.nb;
    for (let j = -1; j < count[seed] && ruined < ks; j++) {
      const c = j < 0 ? seed : list[seed * k + j];
      const r = R.visitRoute[c * days + day];
      if (r < 0 || this.routeStamp[r] === this.stamp) continue;
      this.routeStamp[r] = this.stamp;
      ruined++;
      const n = R.len[r];
      const lmax = Math.min(n, lsMax);
      const l = Math.floor(rng.next() * lmax) + 1;
      const p = R.visitPos[c * days + day];
      // A string of length l containing p, at a random offset.
      const lo = Math.max(1, p - l + 1);
      const hi = Math.min(p, n - l + 1);
      const start = lo + rng.int(hi - lo + 1);
      const base = r * R.cap;
      for (let i = 0; i < l; i++) this.strip[i] = inst.customerAt[R.node[base + start + i]];
      for (let i = 0; i < l; i++) this.take(ctx, this.strip[i]);
    }
  }

  /**
   * Reinserts the removed customers, in one of SISR's orders, at their cheapest place.
   * With `strict`, a customer goes only where it breaks no constraint, and otherwise
   * stays out (route minimisation).
   */
  recreate(ctx: MoveContext, rng: Random, strict = false): void {
    this.order(rng);
    const inst = this.inst;
    const R = ctx.routes;
    const { days, patternStart, patternMask, patternCost, skipCost, location } = inst;
    const blink = this.params.blink;
    for (let i = 0; i < this.removedCount; i++) {
      const c = this.removed[i];
      this.isRemoved[c] = 0;
      const loc = location[c];
      let seen = 0;
      for (let q = patternStart[c]; q < patternStart[c + 1]; q++) seen |= patternMask[q];
      for (let d = 0; d < days; d++) {
        if (!(seen & (1 << d))) continue;
        this.dayCost[d] = this.ins.best(ctx, loc, d, blink, rng, strict);
        // Every slot blinked (an empty route has only one): try them all, or a customer with
        // one pattern would be "inserted" nowhere and its visit lost.
        if (this.ins.route < 0 && blink > 0) this.dayCost[d] = this.ins.best(ctx, loc, d, 0, rng, strict);
        this.dayRoute[d] = this.ins.route;
        this.dayPos[d] = this.ins.pos;
      }
      let best = skipCost[c];
      let chosen = -1;
      for (let q = patternStart[c]; q < patternStart[c + 1]; q++) {
        let total = patternCost[q];
        const mask = patternMask[q];
        for (let d = 0; d < days; d++) if (mask & (1 << d)) total += this.dayCost[d];
        if (total < best) {
          best = total;
          chosen = q;
        }
      }
      // Skipping is cheapest, or no pattern has a place on each of its days (strict), or there is
      // no pattern. A pattern never needs a day without vehicles (buildInstance drops those), and
      // a day with a vehicle always has a place when not strict: what is chosen is placed whole.
      if (chosen < 0) continue;
      const mask = patternMask[chosen];
      for (let d = 0; d < days; d++) {
        if (!(mask & (1 << d))) continue;
        R.insert(this.dayRoute[d], this.dayPos[d], loc);
        R.refresh(this.dayRoute[d]);
      }
      R.pattern[c] = chosen;
    }
    this.removedCount = 0;
  }

  /** Adds customer c (routed or not) to the customers to reinsert. */
  take(ctx: MoveContext, c: number): void {
    if (this.isRemoved[c]) return;
    this.isRemoved[c] = 1;
    this.removed[this.removedCount++] = c;
    ctx.routes.removeCustomer(c, this.touched);
  }

  /** SISR's orders: random 4, largest demand 4, farthest from the depot 2, closest 1. */
  private order(rng: Random): void {
    const m = this.removedCount;
    rng.shuffle(this.removed, m);
    const x = rng.int(11);
    if (x < 4) return;
    const inst = this.inst;
    const depot = inst.startLoc[0] ?? 0;
    for (let i = 0; i < m; i++) {
      const loc = inst.location[this.removed[i]];
      if (x < 8) this.sortKey[i] = -inst.demand[loc];
      else if (x < 10) this.sortKey[i] = -inst.distance[depot * inst.L + loc];
      else this.sortKey[i] = inst.distance[depot * inst.L + loc];
    }
    // Insertion sort: m is small (about averageRemoved), and stable after the shuffle.
    for (let i = 1; i < m; i++) {
      const key = this.sortKey[i];
      const c = this.removed[i];
      let j = i - 1;
      while (j >= 0 && this.sortKey[j] > key) {
        this.sortKey[j + 1] = this.sortKey[j];
        this.removed[j + 1] = this.removed[j];
        j--;
      }
      this.sortKey[j + 1] = key;
      this.removed[j + 1] = c;
    }
  }
}

/** A random visit of a random late route, as a visit key (customer · days + day); -1 if no route is late. */
function lateSeed(R: Routes, rng: Random): number {
  const inst = R.inst;
  let late = 0;
  for (let r = 0; r < inst.nRoutes; r++) if (isLate(R, r)) late++;
  if (late === 0) return -1;
  let pick = rng.int(late);
  for (let r = 0; r < inst.nRoutes; r++) {
    if (!isLate(R, r) || pick-- > 0) continue;
    const c = inst.customerAt[R.node[r * R.cap + 1 + rng.int(R.len[r])]];
    return c * inst.days + inst.routeDay[r];
  }
  return -1;
}

function isLate(R: Routes, r: number): boolean {
  return R.len[r] > 0 && R.routeTw[r] > FEASIBLE_EPS;
}
