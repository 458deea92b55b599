/**
 * The routes of a solution and their cached prefix/suffix data, in typed arrays.
 *
 * Route r owns slots `r * cap .. r * cap + cap - 1`; slot 0 is the start depot, slots
 * 1..len[r] the visits (location indices), slot len[r] + 1 the end depot. For each slot:
 * - `fwd`: duration segment from the start depot through the slot,
 * - `bwd`: duration segment from the slot through the end depot,
 * - `loadPre`: demand of slots 0..slot, `costPre`: cost of the legs from 0 to the slot.
 * A customer visit is keyed `customer * days + day`; `visitRoute`/`visitPos` locate it.
 * Operators edit `node`/`len` and call `refresh(r)` for each route they touched.
 */
import type { Instance } from './instance.ts';
import { SEG, Segment } from './segments.ts';

/** Load of route r above its capacity or below its minimum: the quantity the load penalty prices. */
export function loadViolation(inst: Instance, r: number, load: number): number {
  return Math.max(load - inst.capacity[r], 0) + Math.max(inst.minLoad[r] - load, 0);
}

export class Routes {
  readonly inst: Instance;
  readonly cap: number;
  readonly node: Int32Array;
  readonly len: Int32Array;
  readonly fwd: Float64Array;
  readonly bwd: Float64Array;
  readonly loadPre: Float64Array;
  readonly costPre: Float64Array;
  /** Legs plus fixed cost; 0 for an empty (unused) route. */
  readonly routeCost: Float64Array;
  readonly routeLoad: Float64Array;
  /** Time warp including excess duration and waiting; 0 for an empty route. */
  readonly routeTw: Float64Array;
  /** Load above capacity or below the route's minimum (see `loadViolation`). */
  readonly routeLoadViolation: Float64Array;
  /** Step at which the route last changed (for the local search's skip test). */
  readonly lastModified: Int32Array;
  readonly visitRoute: Int32Array;
  readonly visitPos: Int32Array;
  /** Pattern index chosen for each customer (into instance.patternMask), or -1 if unrouted. */
  readonly pattern: Int32Array;
  /** Routes changed since the last `syncFrom` to or from this state, for cheap copies between states. */
  readonly dirty: Uint8Array;
  step = 1;
  private readonly acc = new Segment();

  constructor(inst: Instance) {
    this.inst = inst;
    const cap = inst.routeCapacity;
    const slots = inst.nRoutes * cap;
    this.cap = cap;
    this.node = new Int32Array(slots);
    this.len = new Int32Array(inst.nRoutes);
    this.fwd = new Float64Array(slots * SEG);
    this.bwd = new Float64Array(slots * SEG);
    this.loadPre = new Float64Array(slots);
    this.costPre = new Float64Array(slots);
    this.routeCost = new Float64Array(inst.nRoutes);
    this.routeLoad = new Float64Array(inst.nRoutes);
    this.routeTw = new Float64Array(inst.nRoutes);
    this.routeLoadViolation = new Float64Array(inst.nRoutes);
    this.lastModified = new Int32Array(inst.nRoutes);
    this.visitRoute = new Int32Array(inst.n * inst.days).fill(-1);
    this.visitPos = new Int32Array(inst.n * inst.days).fill(-1);
    this.pattern = new Int32Array(inst.n).fill(-1);
    this.dirty = new Uint8Array(inst.nRoutes);
    for (let r = 0; r < inst.nRoutes; r++) {
      this.node[r * cap] = inst.startLoc[r];
      this.node[r * cap + 1] = inst.endLoc[r];
      this.refresh(r);
    }
  }

  /** Recomputes the caches of route r after its `node`/`len` changed. O(len). */
  refresh(r: number): void {
    const inst = this.inst;
    const { L, time, cost, service, ready, due, demand, days } = inst;
    const cap = this.cap;
    const base = r * cap;
    const n = this.len[r];
    const node = this.node;
    const acc = this.acc;
    const day = inst.routeDay[r];

    acc.setNode(0, inst.earliest[r], inst.latestStart[r]);
    acc.store(this.fwd, base);
    this.loadPre[base] = 0;
    this.costPre[base] = 0;
    let prev = node[base];
    for (let p = 1; p <= n + 1; p++) {
      const loc = node[base + p];
      if (p <= n) {
        acc.appendNode(time[prev * L + loc], service[loc], ready[loc], due[loc]);
        const c = inst.customerAt[loc];
        this.visitRoute[c * days + day] = r;
        this.visitPos[c * days + day] = p;
      } else {
        acc.appendNode(time[prev * L + loc], 0, inst.earliest[r], inst.latest[r]);
      }
      acc.store(this.fwd, base + p);
      this.loadPre[base + p] = this.loadPre[base + p - 1] + demand[loc];
      this.costPre[base + p] = this.costPre[base + p - 1] + cost[prev * L + loc];
      prev = loc;
    }
    const load = this.loadPre[base + n + 1];
    this.routeLoad[r] = load;
    // An unused route costs nothing and has no schedule, but it may still fall short of a minimum load.
    this.routeLoadViolation[r] = loadViolation(inst, r, load);
    if (n === 0) {
      this.routeCost[r] = 0;
      this.routeTw[r] = 0;
    } else {
      this.routeCost[r] = this.costPre[base + n + 1] + inst.fixedCost[r];
      this.routeTw[r] = acc.totalTimeWarp(inst.maxDuration[r], inst.maxWait[r], inst.waitFree[r]);
    }

    acc.setNode(0, inst.earliest[r], inst.latest[r]);
    acc.store(this.bwd, base + n + 1);
    let next = node[base + n + 1];
    for (let p = n; p >= 0; p--) {
      const loc = node[base + p];
      // Prepend loc: (loc) ⊕ acc, computed by appending acc to a fresh single-node segment.
      const d = acc.duration, tw = acc.timeWarp, e = acc.early, l = acc.late, busy = acc.busy;
      if (p >= 1) acc.setNode(service[loc], ready[loc], due[loc]);
      else acc.setNode(0, inst.earliest[r], inst.latestStart[r]);
      acc.append(time[loc * L + next], d, tw, e, l, busy);
      acc.store(this.bwd, base + p);
      next = loc;
    }
    this.lastModified[r] = this.step++;
    this.dirty[r] = 1;
  }

  /** Inserts location `loc` (a customer) of `day` into route r after slot p. */
  insert(r: number, p: number, loc: number): void {
    const base = r * this.cap;
    const n = this.len[r];
    this.node.copyWithin(base + p + 2, base + p + 1, base + n + 2);
    this.node[base + p + 1] = loc;
    this.len[r] = n + 1;
  }

  /** Removes `count` visits starting at slot p of route r (caller refreshes; clears their keys). */
  remove(r: number, p: number, count: number): void {
    const base = r * this.cap;
    const n = this.len[r];
    const { customerAt, days } = this.inst;
    const day = this.inst.routeDay[r];
    for (let i = 0; i < count; i++) {
      const c = customerAt[this.node[base + p + i]];
      this.visitRoute[c * days + day] = -1;
      this.visitPos[c * days + day] = -1;
    }
    this.node.copyWithin(base + p, base + p + count, base + n + 2);
    this.len[r] = n - count;
  }

  /** Removes every visit of customer c, refreshing the routes it leaves; names them in `touched`. */
  removeCustomer(c: number, touched: Int32Array): number {
    const { days } = this.inst;
    let k = 0;
    for (let d = 0; d < days; d++) {
      const r = this.visitRoute[c * days + d];
      if (r < 0) continue;
      this.remove(r, this.visitPos[c * days + d], 1);
      this.refresh(r);
      touched[k++] = r;
    }
    this.pattern[c] = -1;
    return k;
  }

  /**
   * Makes this state equal to `from` (same instance) by copying the routes dirty in either. The
   * two then agree, so both forget their dirty marks: the next sync copies only what changes after.
   */
  syncFrom(from: Routes): void {
    const cap = this.cap;
    const { customerAt, days, routeDay } = this.inst;
    for (let r = 0; r < this.len.length; r++) {
      if (!this.dirty[r] && !from.dirty[r]) continue;
      const base = r * cap;
      // Forget where this state had its visits of r; `from` tells where they are now.
      for (let p = 1; p <= this.len[r]; p++) {
        const key = customerAt[this.node[base + p]] * days + routeDay[r];
        if (this.visitRoute[key] === r) {
          this.visitRoute[key] = -1;
          this.visitPos[key] = -1;
        }
      }
    }
    for (let r = 0; r < this.len.length; r++) {
      if (!this.dirty[r] && !from.dirty[r]) continue;
      const base = r * cap;
      const end = base + from.len[r] + 2;
      this.len[r] = from.len[r];
      this.node.set(from.node.subarray(base, end), base);
      this.fwd.set(from.fwd.subarray(base * SEG, end * SEG), base * SEG);
      this.bwd.set(from.bwd.subarray(base * SEG, end * SEG), base * SEG);
      this.loadPre.set(from.loadPre.subarray(base, end), base);
      this.costPre.set(from.costPre.subarray(base, end), base);
      this.routeCost[r] = from.routeCost[r];
      this.routeLoad[r] = from.routeLoad[r];
      this.routeTw[r] = from.routeTw[r];
      this.routeLoadViolation[r] = from.routeLoadViolation[r];
      this.lastModified[r] = this.step++;
      for (let p = 1; p <= from.len[r]; p++) {
        const key = customerAt[from.node[base + p]] * days + routeDay[r];
        this.visitRoute[key] = r;
        this.visitPos[key] = p;
      }
    }
    this.pattern.set(from.pattern);
    this.dirty.fill(0);
    from.dirty.fill(0);
  }

  /** Replaces every route by the given sequences (location indices) and patterns. */
  load(routes: readonly (readonly number[])[], pattern: Int32Array): void {
    this.visitRoute.fill(-1);
    this.visitPos.fill(-1);
    for (let r = 0; r < routes.length; r++) {
      const base = r * this.cap;
      const seq = routes[r];
      for (let i = 0; i < seq.length; i++) this.node[base + 1 + i] = seq[i];
      this.node[base + seq.length + 1] = this.inst.endLoc[r];
      this.len[r] = seq.length;
      this.refresh(r);
    }
    this.pattern.set(pattern);
  }

  /** Sum of route costs (legs + fixed costs), without skip or pattern costs. */
  totalRouteCost(): number {
    let s = 0;
    for (let r = 0; r < this.len.length; r++) s += this.routeCost[r];
    return s;
  }

  missingRequired(): number {
    const inst = this.inst;
    let k = 0;
    for (let c = 0; c < inst.n; c++) if (this.pattern[c] < 0 && inst.skipCost[c] === Infinity) k++;
    return k;
  }

  totalTimeWarp(): number {
    let s = 0;
    for (let r = 0; r < this.len.length; r++) s += this.routeTw[r];
    return s;
  }

  totalLoadViolation(): number {
    let s = 0;
    for (let r = 0; r < this.len.length; r++) s += this.routeLoadViolation[r];
    return s;
  }

  /** Skip costs of unrouted customers plus the pattern costs of routed ones (a required
   * customer left unrouted costs nothing here: `missingRequired` counts it). */
  assignmentCost(): number {
    const inst = this.inst;
    let s = 0;
    for (let c = 0; c < inst.n; c++) {
      const p = this.pattern[c];
      if (p >= 0) s += inst.patternCost[p];
      else if (inst.skipCost[c] !== Infinity) s += inst.skipCost[c];
    }
    return s;
  }
}
