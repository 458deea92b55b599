/**
 * Micro-benchmarks of the solver's hot paths (tinybench):
 * - ns per `evaluate` of each operator, over 1,000 (U, V) pairs from the neighbour lists
 *   of a constructed solution of a Solomon instance;
 * - one full local search from a greedy construction, and one ruin-and-recreate.
 * Prints a table and writes bench/results/micro.json.
 *
 *   node bench/micro/moves.ts [instance-file]   (default: Solomon r101)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Bench } from 'tinybench';
import { loadInstance } from '../../src/benchmarks/load.ts';
import { toSolverInput } from '../../src/benchmarks/toSolverInput.ts';
import { CostEvaluator } from '../../src/solver/costEvaluator.ts';
import { buildInstance } from '../../src/solver/instance.ts';
import { insertion } from './fixtures.ts';
import { LocalSearch } from '../../src/solver/localSearch.ts';
import { computeNeighbours } from '../../src/solver/neighbours.ts';
import { makeContext } from '../../src/solver/operators/operator.ts';
import { NODE_OPERATORS, customerOperators, nodeOperators } from '../../src/solver/operators/registry.ts';
import { Random } from '../../src/solver/random.ts';
import { Routes } from '../../src/solver/routes.ts';
import { RuinRecreate } from '../../src/solver/ruinRecreate.ts';

const file = process.argv[2] ?? '/work/shared/benchmarks/solomon/r101.txt';
const problem = loadInstance(file);
const inst = buildInstance(toSolverInput(problem));
const nb = computeNeighbours(inst, 30);
const pen = new CostEvaluator(1, 1);
const rng = new Random(1);

// A greedy construction (no local search) as the common starting state.
const start = new Routes(inst);
const rr = new RuinRecreate(inst, nb);
rr.removeAll(makeContext(inst, start, pen));
rr.recreate(makeContext(inst, start, pen), rng);

// 1,000 (U, V) pairs of the same day taken from the neighbour lists.
const PAIRS = 1000;
const pairs = new Int32Array(PAIRS * 4);
for (let i = 0; i < PAIRS; i++) {
  let ru = -1, pu = 0, rv = -1, pv = 0;
  while (rv < 0) {
    const c = rng.int(inst.n);
    const c2 = nb.list[c * nb.k + rng.int(nb.count[c])];
    ru = start.visitRoute[c * inst.days];
    pu = start.visitPos[c * inst.days];
    rv = start.visitRoute[c2 * inst.days];
    pv = start.visitPos[c2 * inst.days];
  }
  pairs.set([ru, pu, rv, pv], i * 4);
}

const ctx = makeContext(inst, start, pen);
const bench = new Bench({ time: 400 });
let sink = 0;
for (const op of NODE_OPERATORS) {
  bench.add(`evaluate ${op.name} ×${PAIRS}`, () => {
    for (let i = 0; i < PAIRS * 4; i += 4) sink += op.evaluate(ctx, pairs[i], pairs[i + 1], pairs[i + 2], pairs[i + 3]) < 0 ? 1 : 0;
  });
}
bench.add(`best insertion ×100`, () => {
  sink += insertion(ctx, 100);
});

const work = new Routes(inst);
const wctx = makeContext(inst, work, pen);
const ls = new LocalSearch(wctx, nb, nodeOperators(inst), customerOperators(inst));
const lsRng = new Random(2);
bench.add(`local search from construction (${problem.name})`, () => {
  work.syncFrom(start);
  ls.resetTested();
  ls.run(lsRng);
});
const rrWork = new RuinRecreate(inst, nb);
bench.add(`ruin + recreate (${problem.name})`, () => {
  rrWork.ruin(wctx, lsRng);
  rrWork.recreate(wctx, lsRng);
});

await bench.run();

const rows = bench.tasks.map((t) => {
  const r = t.result as { latency?: { p50: number; mean: number }; state: string };
  const per = t.name.match(/×(\d+)/);
  const count = per ? Number(per[1]) : 1;
  const medianMs = r.latency?.p50 ?? NaN;
  return {
    task: t.name,
    medianMs: Number(medianMs.toFixed(4)),
    nsPerCall: count > 1 ? Number(((medianMs * 1e6) / count).toFixed(1)) : null,
  };
});
console.table(rows);
mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../results/micro.json', import.meta.url),
  JSON.stringify({ instance: problem.name, node: process.version, rows }, null, 2) + '\n',
);
if (sink === -1) console.log(sink);
