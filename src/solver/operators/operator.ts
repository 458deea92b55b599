/**
 * The operator contract (after PyVRP's `LocalSearchOperator` and VROOM's `Operator`).
 *
 * A node operator works on two positions of the same day: U = slot `pu` of route `ru`
 * (always a customer) and V = slot `pv` of route `rv` (a customer, or slot 0 = the start
 * depot). Routes `ru` and `rv` may be equal.
 * - `evaluate` returns the change of penalised cost the move would cause. It may stop
 *   early: once the value it has is ≥ 0 and can only grow, it returns that (so any
 *   value ≥ 0 means "not improving" and is not necessarily exact). A value < 0 is exact.
 *   It allocates nothing.
 * - `apply` performs the move on `ctx.routes` (node order and lengths only), writes the
 *   routes it changed into `ctx.touched` and returns how many; the caller refreshes them.
 * - `supports(instance)` says whether the operator has any use on an instance.
 */
import type { CostEvaluator } from '../costEvaluator.ts';
import type { Instance } from '../instance.ts';
import type { Routes } from '../routes.ts';
import { Segment } from '../segments.ts';

export interface MoveContext {
  readonly inst: Instance;
  readonly routes: Routes;
  /** The prices a move's change of penalised cost is reckoned in. */
  readonly costs: CostEvaluator;
  /** Scratch segment for costing (never kept across calls). */
  readonly seg: Segment;
  /** Routes changed by the last `apply`. */
  readonly touched: Int32Array;
  /** Scratch buffer of one route's length. */
  readonly buf: Int32Array;
}

export interface NodeOperator {
  readonly name: string;
  supports(inst: Instance): boolean;
  evaluate(ctx: MoveContext, ru: number, pu: number, rv: number, pv: number): number;
  apply(ctx: MoveContext, ru: number, pu: number, rv: number, pv: number): number;
}

export function makeContext(inst: Instance, routes: Routes, costs: CostEvaluator): MoveContext {
  return {
    inst,
    routes,
    costs,
    seg: new Segment(),
    touched: new Int32Array(inst.days * 2 + 4),
    buf: new Int32Array(inst.routeCapacity),
  };
}

/** Appends the visits in slots from..to (inclusive, forward) of the route at `base` to `ctx.seg`,
 * starting from location `prev`; returns the last location appended (or `prev`). */
export function appendRange(ctx: MoveContext, base: number, from: number, to: number, prev: number): number {
  const { L, time, service, ready, due } = ctx.inst;
  const node = ctx.routes.node;
  const s = ctx.seg;
  for (let p = from; p <= to; p++) {
    const loc = node[base + p];
    s.appendNode(time[prev * L + loc], service[loc], ready[loc], due[loc]);
    prev = loc;
  }
  return prev;
}

/** Same, walking slots from down to to (reversed order). */
export function appendRangeReversed(ctx: MoveContext, base: number, from: number, to: number, prev: number): number {
  const { L, time, service, ready, due } = ctx.inst;
  const node = ctx.routes.node;
  const s = ctx.seg;
  for (let p = from; p >= to; p--) {
    const loc = node[base + p];
    s.appendNode(time[prev * L + loc], service[loc], ready[loc], due[loc]);
    prev = loc;
  }
  return prev;
}

/**
 * A customer operator changes how a whole customer is served (which days, or not at
 * all). Same contract as a node operator: `evaluate` returns the penalised cost change
 * of its best option for customer c (≥ 0: nothing better), `apply` performs that option
 * and lists the routes it changed in `ctx.touched`. `apply` must follow the `evaluate`
 * of the same customer with no change in between.
 */
export interface CustomerOperator {
  readonly name: string;
  supports(inst: Instance): boolean;
  /** Called as a local-search run starts (penalty weights and load bounds may have changed). */
  startRun?(): void;
  evaluate(ctx: MoveContext, c: number): number;
  apply(ctx: MoveContext, c: number): number;
}
