/**
 * Route minimisation under a hard fleet cap, after SISR's fleet minimisation
 * (Christiaens & Vanden Berghe 2020, §5): the state is always feasible, and customers
 * that fit nowhere are left out ("absent"). Ruin-and-recreate then tries to bring them
 * back, and the customer out most often is put in by ejecting one visit that has been out
 * less (Nagata & Bräysy's insertion with ejections, `ejection.ts`). A new state is accepted
 * if fewer customers are out, or if the ones out have been out less often (the sum of their
 * absence counters is smaller), even when there are more of them: that steers the search to
 * leave out the customers that are easy to place later, up to `EXTRA_OUT_WORK` / customers
 * more than the fewest seen. The state with fewest out is kept.
 *
 * Used when the penalised construction is infeasible (tight fleets, e.g. Solomon R1 and
 * RC1 at the best-known vehicle count).
 */
import { snapshot } from './bestSolution.ts';
import { withinBounds } from './costEvaluator.ts';
import { EjectionInsertion } from './ejection.ts';
import type { Instance } from './instance.ts';
import { removalDelta } from './insertion.ts';
import type { MoveContext } from './operators/operator.ts';
import type { Random } from './random.ts';
import type { Routes } from './routes.ts';
import type { RuinRecreate } from './ruinRecreate.ts';
import type { StopCriterion } from './stop.ts';

export interface RepairOutcome {
  /** True when no constraint is broken and every required customer that has a usable pattern is routed. */
  feasible: boolean;
  iterations: number;
}

/**
 * Works on `ctx.routes` (the candidate) and `current`, which must hold the same state on
 * entry; leaves both holding the best state found. `ctx.costs` should carry large weights
 * so that removals are chosen by the violation they remove first.
 */
export function repairFleet(
  ctx: MoveContext,
  current: Routes,
  rr: RuinRecreate,
  rng: Random,
  stop: StopCriterion,
  firstIteration: number,
): RepairOutcome {
  const inst = ctx.inst;
  const cand = ctx.routes;
  dropViolations(ctx);
  const absences = new Int32Array(inst.n);
  let curOut = countOut(cand);
  let curScore = absenceScore(cand, absences);
  current.syncFrom(cand);
  let bestOut = curOut;
  let best = snapshot(current);
  const ejection = new EjectionInsertion(inst.routeCapacity, 1);
  const ejected = new Int32Array(1);
  let it = firstIteration;
  while (curOut > 0 && !stop.done(it)) {
    it++;
    rr.ruin(ctx, rng);
    for (let c = 0; c < inst.n; c++) if (isOut(cand, c)) rr.take(ctx, c);
    rr.recreate(ctx, rng, true);
    // The customer out most often goes in, putting out one visit (a tie goes by a coin toss
    // against the one held).
    let v = -1;
    for (let c = 0; c < inst.n; c++) if (isOut(cand, c) && (v < 0 || absences[c] > absences[v] || (absences[c] === absences[v] && rng.next() < 0.5))) v = c;
    if (v >= 0 && ejection.find(ctx, v, absences)) ejection.apply(v, ejected);
    const out = countOut(cand);
    const score = absenceScore(cand, absences);
    if (accepts(out, score, curOut, curScore, bestOut, inst.n)) {
      current.syncFrom(cand);
      curOut = out;
      curScore = score;
      if (out < bestOut) {
        bestOut = out;
        if (out > 0) best = snapshot(current);
      }
    } else {
      cand.syncFrom(current);
    }
    // Customers out now count one more absence; recompute the score with the new counts.
    for (let c = 0; c < inst.n; c++) if (isOut(current, c)) absences[c]++;
    curScore = absenceScore(current, absences);
  }
  if (curOut > bestOut) {
    cand.load(best.routes, best.pattern);
    current.syncFrom(cand);
  }
  return { feasible: curOut === 0, iterations: it - firstIteration };
}

/**
 * Customers out beyond the fewest seen, times the customers: SISR's rule lets those out roam to a
 * third of all (35 of Solomon r104's 100, 38 of Gehring–Homberger c1_2_2's 200, seed 1), which is
 * how it gets there. A round tries each customer out in every place, so its work grows as out ×
 * customers: at 1,000 customers the roam went from 27 to 370 out in 400 rounds, a round cost more
 * than the penalised search's (25 a second instead of 110–150), and a rescue window of 6,000
 * rounds took 4 minutes. Hence at most 10,000 / customers more out than the fewest seen: 100 on
 * Solomon and 50 at 200 customers, above what their paths reach, and 10 at 1,000.
 */
export const EXTRA_OUT_WORK = 10_000;

/**
 * SISR's acceptance: fewer customers out, or the ones out have been out less often (a smaller
 * sum of absence counters) and no more of them than the bound over the fewest seen.
 */
export function accepts(out: number, score: number, curOut: number, curScore: number, bestOut: number, customers: number): boolean {
  return out < curOut || (score < curScore && out <= bestOut + EXTRA_OUT_WORK / customers);
}

/** Removes visits from violating routes, the worst offender first, until every route is feasible. */
function dropViolations(ctx: MoveContext): void {
  const R = ctx.routes;
  const inst: Instance = ctx.inst;
  for (let r = 0; r < inst.nRoutes; r++) {
    while (R.len[r] > 0 && !withinBounds(R.routeTw[r], R.routeLoadViolation[r])) {
      let bestP = 1;
      let best = Infinity;
      for (let p = 1; p <= R.len[r]; p++) {
        const delta = removalDelta(ctx, r, p);
        if (delta < best) {
          best = delta;
          bestP = p;
        }
      }
      const c = inst.customerAt[R.node[r * R.cap + bestP]];
      R.removeCustomer(c, ctx.touched);
    }
  }
}

function isOut(R: Routes, c: number): boolean {
  return R.pattern[c] < 0 && R.inst.skipCost[c] === Infinity && R.inst.patternStart[c + 1] > R.inst.patternStart[c];
}

function countOut(R: Routes): number {
  let k = 0;
  for (let c = 0; c < R.inst.n; c++) if (isOut(R, c)) k++;
  return k;
}

function absenceScore(R: Routes, absences: Int32Array): number {
  let s = 0;
  for (let c = 0; c < R.inst.n; c++) if (isOut(R, c)) s += absences[c];
  return s;
}
