/**
 * Scale check: one seeded 1,000-customer Gehring–Homberger-like R1 instance solved on a
 * one-worker piscina pool; reports the time to the first feasible solution and the peak
 * RSS (targets: within 5 s, under 300 MB).
 *
 *   npm run bench:scale -- [--customers 1000] [--seed 1] [--time 10] [--class r1|c2|r2|rc2]
 *
 * `--class c2`, `r2` or `rc2`: a class-2 instance (long routes) with a planted solution,
 * at the planted fleet (src/benchmarks/generateClass2.ts), which the search must reach by
 * the end of its time (the 5 s target is R1's); results in scale-<class>.json.
 *
 * The RSS is the whole process's (worker threads share it), so it bounds the worker's.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Piscina } from 'piscina';
import { generateR1, toSolomonText } from '../src/benchmarks/generate.ts';
import { generateClass2, type Class2Kind } from '../src/benchmarks/generateClass2.ts';
import type { SolveTask, SolveTaskResult } from '../src/benchmarks/runTask.ts';
import { checkSolution } from '../checks/feasibility.ts';

const TARGET_FIRST_FEASIBLE_S = 5;
const TARGET_RSS_MB = 300;

const { values } = parseArgs({
  args: process.argv.slice(2),
  strict: true,
  options: { customers: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' }, time: { type: 'string', default: '10' }, class: { type: 'string', default: 'r1' } },
});
const kind = values.class;
const customers = Number(values.customers);
const seed = Number(values.seed);
const timeS = Number(values.time);
if (!Number.isInteger(customers) || customers < 1 || !Number.isInteger(seed) || !(timeS > 0) || !['r1', 'c2', 'r2', 'rc2'].includes(kind)) {
  process.stderr.write('error: --customers and --seed must be integers, --time a positive number, --class r1, c2, r2 or rc2\nusage: npm run bench:scale -- [--customers 1000] [--seed 1] [--time 10] [--class r1|c2|r2|rc2]\n');
  process.exit(2);
}

const problem = kind === 'r1' ? generateR1({ customers, seed }) : generateClass2({ kind: kind as Class2Kind, customers, seed }).problem;
const pool = new Piscina<SolveTask, SolveTaskResult>({
  filename: new URL('../workers/solve.ts', import.meta.url).href,
  minThreads: 1,
  maxThreads: 1,
});
process.stderr.write(`solving ${problem.name} (${customers} customers, fleet ${problem.vehiclesPerDay}) for ${timeS} s…\n`);
const out = await pool.run({ text: toSolomonText(problem), name: problem.name, seed, timeLimitMs: timeS * 1000 });
await pool.destroy();
const check = checkSolution(problem, out.solution);
const rssMb = Math.max(out.maxRssBytes, process.resourceUsage().maxRSS * 1024) / 2 ** 20;
const first = out.firstFeasibleMs === null ? null : out.firstFeasibleMs / 1000;
const report = {
  instance: problem.name,
  customers,
  seed,
  timeLimitS: timeS,
  firstFeasibleS: first,
  firstFeasibleTargetS: kind === 'r1' ? TARGET_FIRST_FEASIBLE_S : null,
  peakRssMb: rssMb,
  rssTargetMb: TARGET_RSS_MB,
  feasibleByChecker: check.feasible,
  violations: check.violations.slice(0, 10),
  distance: check.distance,
  routes: out.solution.vehicles,
  iterations: out.iterations,
  elapsedS: out.elapsedMs / 1000,
  node: process.version,
  date: new Date().toISOString(),
};
const ok = (b: boolean) => (b ? 'ok' : 'MISSED');
// The 5 s target is R1's; at a class-2 instance's planted fleet the target is to end feasible (issue 12, item 3).
const firstTarget = kind === 'r1' ? ` (target ${TARGET_FIRST_FEASIBLE_S} s: ${ok(first !== null && first <= TARGET_FIRST_FEASIBLE_S)})` : '';
const endTarget = kind === 'r1' ? '' : ` (target: feasible at the planted fleet: ${ok(check.feasible)})`;
process.stdout.write(
  `${problem.name}: first feasible ${first === null ? 'never' : `${first.toFixed(2)} s`}${firstTarget}, ` +
    `peak RSS ${rssMb.toFixed(0)} MB (target ${TARGET_RSS_MB} MB: ${ok(rssMb <= TARGET_RSS_MB)}); ` +
    `end: ${check.feasible ? 'feasible' : 'INFEASIBLE'} by the checker${endTarget}, distance ${check.distance.toFixed(1)}, ${out.solution.vehicles} routes, ${out.iterations} iterations\n`,
);
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL(kind === 'r1' ? 'scale.json' : `scale-${kind}.json`, dir), JSON.stringify(report, null, 1) + '\n');
