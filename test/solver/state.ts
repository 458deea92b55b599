/** Builds random (usually infeasible) route states for the operator tests. */
import type { CostEvaluator } from '../../src/solver/costEvaluator.ts';
import { buildInstance, type Instance, type SolverInput } from '../../src/solver/instance.ts';
import { Random } from '../../src/solver/random.ts';
import { Routes } from '../../src/solver/routes.ts';

export function randomState(input: SolverInput, seed: number): { inst: Instance; routes: Routes } {
  const inst = buildInstance(input);
  const routes = new Routes(inst);
  const rng = new Random(seed);
  for (let c = 0; c < inst.n; c++) {
    const np = inst.patternStart[c + 1] - inst.patternStart[c];
    if (np === 0) continue;
    const q = inst.patternStart[c] + rng.int(np);
    for (let d = 0; d < inst.days; d++) {
      if (!(inst.patternMask[q] & (1 << d))) continue;
      const lo = inst.dayRouteStart[d];
      const r = lo + rng.int(inst.dayRouteStart[d + 1] - lo);
      routes.insert(r, rng.int(routes.len[r] + 1), inst.location[c]);
      routes.refresh(r);
    }
    routes.pattern[c] = q;
  }
  return { inst, routes };
}

/** Penalised objective recomputed from the route caches. */
export function penalisedTotal(routes: Routes, pen: CostEvaluator): number {
  let s = routes.assignmentCost();
  for (let r = 0; r < routes.len.length; r++) {
    s += routes.routeCost[r] + pen.timeWarp * routes.routeTw[r] + pen.load * routes.routeLoadViolation[r];
  }
  return s;
}

export function cloneRoutes(routes: Routes): Routes {
  const copy = new Routes(routes.inst);
  copy.syncFrom(routes);
  return copy;
}

/** Every routed visit is where visitRoute/visitPos say, and nothing else is. */
export function checkIndex(routes: Routes): void {
  const { inst } = routes;
  let listed = 0;
  for (let r = 0; r < inst.nRoutes; r++) {
    for (let p = 1; p <= routes.len[r]; p++) {
      const c = inst.customerAt[routes.node[r * routes.cap + p]];
      const key = c * inst.days + inst.routeDay[r];
      if (routes.visitRoute[key] !== r || routes.visitPos[key] !== p) throw new Error(`visit ${c} misplaced`);
      listed++;
    }
  }
  let indexed = 0;
  for (let k = 0; k < routes.visitRoute.length; k++) if (routes.visitRoute[k] >= 0) indexed++;
  if (indexed !== listed) throw new Error(`${indexed} visits indexed, ${listed} in routes`);
}
