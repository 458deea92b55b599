/**
 * Insertion with ejections, after Nagata & Bräysy's route minimisation (2009, "A powerful
 * route minimization heuristic for the VRPTW"): where a customer fits nowhere as the routes
 * stand, find the route, the position and at most `maxEjected` visits of that route whose
 * removal lets it in with no constraint broken. The ejected visits are chosen by least total
 * weight, 1 + the caller's weight for each (how often the customer has been left out, so that
 * fewer visits go out, and those easy to place), then by the least cost of the route that
 * results (its whole cost, not the change: among equals the customer joins the route left
 * cheapest).
 *
 * The search walks a route once per choice, depth first: each visit is kept or ejected, and
 * the customer goes in once somewhere. A prefix that is late already cannot be mended by what
 * follows it, so a branch ends at its first time warp; a branch that has placed the customer
 * and ejected a visit is finished with the route's cached suffix in O(1).
 *
 * Only customers with a one-day pattern are placed this way (a periodic customer's days
 * would have to be placed together).
 */
import { FEASIBLE_EPS } from './costEvaluator.ts';
import type { MoveContext } from './operators/operator.ts';
import { SEG, Segment } from './segments.ts';

export class EjectionInsertion {
  /** Segment of the partial sequence at each depth of the walk. */
  private readonly stack: Float64Array;
  private readonly seg = new Segment();
  /** Slots ejected on the branch being walked, and on the best one. */
  private readonly path: Int32Array;
  private readonly chosen: Int32Array;
  private chosenCount = 0;
  private bestWeight = Infinity;
  private bestCost = Infinity;
  private bestRoute = -1;
  /** Slot of the route after which the customer goes (before ejections). */
  private bestPos = -1;
  private bestPattern = -1;
  /** The walk's fixed inputs, set per route. */
  private ctx!: MoveContext;
  private weight!: ArrayLike<number>;
  private readonly maxEjected: number;
  private route = 0;
  private loc = 0;
  private pattern = -1;
  private insertedAt = -1;

  constructor(routeCapacity: number, maxEjected: number) {
    this.stack = new Float64Array((routeCapacity + 2) * SEG);
    this.path = new Int32Array(maxEjected);
    this.chosen = new Int32Array(maxEjected);
    this.maxEjected = maxEjected;
  }

  /**
   * Finds the best way in for customer c (see the head); `weight[c']` is the price of ejecting
   * customer c'. Returns false when no route can take it with `maxEjected` ejections.
   */
  find(ctx: MoveContext, c: number, weight: ArrayLike<number>): boolean {
    const inst = ctx.inst;
    const R = ctx.routes;
    this.ctx = ctx;
    this.weight = weight;
    this.bestWeight = Infinity;
    this.bestCost = Infinity;
    this.bestRoute = -1;
    this.loc = inst.location[c];
    for (let q = inst.patternStart[c]; q < inst.patternStart[c + 1]; q++) {
      const mask = inst.patternMask[q];
      if (mask === 0 || (mask & (mask - 1)) !== 0) continue;
      const day = 31 - Math.clz32(mask);
      this.pattern = q;
      for (let r = inst.dayRouteStart[day]; r < inst.dayRouteStart[day + 1]; r++) {
        if (R.len[r] === 0 || R.len[r] + 3 > R.cap) continue;
        this.route = r;
        this.insertedAt = -1;
        const base = r * R.cap;
        this.seg.load(R.fwd, base);
        this.seg.store(this.stack, 0);
        this.walk(1, 0, 0, 0, 0, R.node[base], 0);
      }
    }
    return this.bestRoute >= 0;
  }

  /** Puts the customer found by `find` in and the ejected customers out; returns how many went out. */
  apply(c: number, out: Int32Array): number {
    const ctx = this.ctx;
    const R = ctx.routes;
    const r = this.bestRoute;
    const base = r * R.cap;
    const k = this.chosenCount;
    for (let i = 0; i < k; i++) out[i] = ctx.inst.customerAt[R.node[base + this.chosen[i]]];
    R.insert(r, this.bestPos, this.loc);
    R.refresh(r);
    R.pattern[c] = this.bestPattern;
    for (let i = 0; i < k; i++) R.removeCustomer(out[i], ctx.touched);
    return k;
  }

  /**
   * At slot i of the route, with the partial sequence's segment at `depth`, `count` visits
   * ejected (weight `w`, demand `ejectedDemand`), the partial's cost `cost`, its last location `last`.
   */
  private walk(i: number, depth: number, count: number, w: number, ejectedDemand: number, last: number, cost: number): void {
    const ctx = this.ctx;
    const inst = ctx.inst;
    const R = ctx.routes;
    const r = this.route;
    const base = r * R.cap;
    const n = R.len[r];
    const { L, time, service, ready, due, demand } = inst;
    const s = this.seg;
    const loc = this.loc;
    const inserted = this.insertedAt >= 0;

    if (inserted && count > 0) {
      // Finish with the cached suffix from slot i: exact, O(1).
      const next = R.node[base + i];
      s.load(this.stack, depth);
      s.appendFrom(time[last * L + next], R.bwd, base + i);
      const load = R.routeLoad[r] + demand[loc] - ejectedDemand;
      if (s.totalTimeWarp(inst.maxDuration[r], inst.maxWait[r], inst.waitFree[r]) <= FEASIBLE_EPS && load <= inst.capacity[r] + FEASIBLE_EPS) {
        const total = cost + inst.cost[last * L + next] + R.costPre[base + n + 1] - R.costPre[base + i];
        if (w < this.bestWeight || (w === this.bestWeight && total < this.bestCost)) {
          this.bestWeight = w;
          this.bestCost = total;
          this.bestRoute = r;
          this.bestPos = this.insertedAt;
          this.bestPattern = this.pattern;
          this.chosenCount = count;
          for (let j = 0; j < count; j++) this.chosen[j] = this.path[j];
        }
        return; // Ejecting more only adds weight.
      }
      if (count === this.maxEjected) return;
    }

    if (!inserted) {
      // The customer goes in here, after the partial sequence (before slot i).
      s.load(this.stack, depth);
      s.appendNode(time[last * L + loc], service[loc], ready[loc], due[loc]);
      if (this.alive(s, r)) {
        s.store(this.stack, depth + 1);
        this.insertedAt = i - 1;
        this.walk(i, depth + 1, count, w, ejectedDemand, loc, cost + inst.cost[last * L + loc]);
        this.insertedAt = -1;
      }
    }
    if (i > n) return;
    const u = R.node[base + i];
    // Eject the visit in slot i.
    if (count < this.maxEjected) {
      const wu = w + 1 + this.weight[inst.customerAt[u]];
      if (wu <= this.bestWeight) {
        this.path[count] = i;
        this.walk(i + 1, depth, count + 1, wu, ejectedDemand + demand[u], last, cost);
      }
    }
    // Keep it.
    s.load(this.stack, depth);
    s.appendNode(time[last * L + u], service[u], ready[u], due[u]);
    if (this.alive(s, r)) {
      s.store(this.stack, depth + 1);
      this.walk(i + 1, depth + 1, count, w, ejectedDemand, u, cost + inst.cost[last * L + u]);
    }
  }

  /** Whether a partial sequence can still end on time: lateness and excess duration only grow. */
  private alive(s: Segment, r: number): boolean {
    return s.timeWarp + Math.max(s.duration - this.ctx.inst.maxDuration[r], 0) <= FEASIBLE_EPS;
  }
}
