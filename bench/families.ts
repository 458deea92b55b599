/**
 * Runs the standard benchmark families on a worker pool and reports the gap to the
 * best-known distances, feasibility by the independent checker, routes and time.
 *
 *   npm run bench:families -- [--time <s>] [--family solomon,homberger,pvrp,pvrptw]
 *                             [--instances c101,r101] [--seed <n>]
 *
 * Defaults per issue 3: Solomon 10 s (fleet capped at the BKS vehicles), Homberger 200
 * 30 s (likewise), PVRP p01–p32 60 s, PVRPTW pr01–pr10 60 s (no BKS). Prints a table per
 * family to stdout, progress to stderr, and writes bench/results/families-<family>.json
 * (families-<family>-subset.json when --instances picks some).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Piscina } from 'piscina';
import cliProgress from 'cli-progress';
import { FAMILIES, familyFiles, familySpec, type Family, type FamilySpec } from '../src/benchmarks/catalog.ts';
import { loadBks, loadInstance } from '../src/benchmarks/load.ts';
import type { BenchmarkProblem } from '../src/benchmarks/problem.ts';
import { formatSummary, formatTable, gapPct, summarize, type InstanceRecord } from '../src/benchmarks/report.ts';
import type { SolveTask, SolveTaskResult } from '../src/benchmarks/runTask.ts';
import { checkSolution } from '../checks/feasibility.ts';

const USAGE =
  'usage: npm run bench:families -- [--time <s>] [--family solomon,homberger,pvrp,pvrptw] [--instances c101,r101] [--seed <n>]';
const RESULTS = new URL('./results/', import.meta.url);

interface Job {
  spec: FamilySpec;
  problem: BenchmarkProblem;
  path: string;
  task: SolveTask;
  bks: { distance: number; vehicles: number } | undefined;
  reference: number | null;
}

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parse(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: { time: { type: 'string' }, family: { type: 'string' }, instances: { type: 'string' }, seed: { type: 'string' } },
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  const time = values.time === undefined ? undefined : Number(values.time);
  if (time !== undefined && !(time > 0)) fail(`--time must be a positive number of seconds, got ${JSON.stringify(values.time)}`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) fail(`--seed must be a non-negative integer, got ${JSON.stringify(values.seed)}`);
  const families = (values.family?.split(',').map((f) => f.trim()).filter(Boolean) ?? [...FAMILIES]) as Family[];
  const unknown = families.filter((f) => !FAMILIES.includes(f));
  if (unknown.length > 0) fail(`unknown family: ${unknown.join(', ')} (known: ${FAMILIES.join(', ')})`);
  const instances = values.instances?.split(',').map((s) => s.trim()).filter(Boolean);
  return { time, seed, families, instances };
}

function plan(args: ReturnType<typeof parse>): Job[] {
  const jobs: Job[] = [];
  const wanted = args.instances ? new Set(args.instances) : undefined;
  for (const family of args.families) {
    const spec = familySpec(family);
    const bks = spec.bks ? loadBks(spec.bks) : undefined;
    const ref = spec.reference ? loadBks(spec.reference) : undefined;
    const timeS = args.time ?? spec.defaultTimeS;
    for (const file of familyFiles(spec)) {
      const path = join(spec.dir, file);
      const problem = loadInstance(path);
      if (wanted && !wanted.has(problem.name)) continue;
      wanted?.delete(problem.name);
      const best = bks?.get(problem.name);
      jobs.push({
        spec,
        problem,
        path,
        bks: best,
        reference: ref?.get(problem.name)?.distance ?? null,
        task: {
          path,
          seed: args.seed,
          timeLimitMs: timeS * 1000,
          maxVehiclesPerDay: spec.capFleetAtBks && best ? best.vehicles : undefined,
        },
      });
    }
  }
  if (wanted && wanted.size > 0) fail(`unknown instance(s) in ${args.families.join(', ')}: ${[...wanted].join(', ')}`);
  if (jobs.length === 0) fail('no instances selected');
  return jobs;
}

function record(job: Job, out: SolveTaskResult | Error): InstanceRecord {
  const base = {
    family: job.spec.family,
    instance: job.problem.name,
    customers: job.problem.customers.length,
    bks: job.bks?.distance ?? null,
    bksVehicles: job.bks?.vehicles ?? null,
    reference: job.reference,
    fleetCap: job.task.maxVehiclesPerDay ?? null,
  };
  if (out instanceof Error) {
    return { ...base, distance: NaN, feasible: false, solverFeasible: false, violations: [], routes: 0, iterations: 0, timeS: 0, gapPct: null, referenceGapPct: null, error: out.message };
  }
  const check = checkSolution(job.problem, out.solution, { maxVehiclesPerDay: job.task.maxVehiclesPerDay });
  return {
    ...base,
    distance: check.distance,
    feasible: check.feasible,
    solverFeasible: out.feasible,
    violations: check.violations.slice(0, 10),
    routes: out.solution.vehicles,
    iterations: out.iterations,
    timeS: out.elapsedMs / 1000,
    gapPct: gapPct(check.distance, base.bks),
    referenceGapPct: gapPct(check.distance, base.reference),
  };
}

async function main() {
  const args = parse(process.argv.slice(2));
  const jobs = plan(args);
  const threads = availableParallelism();
  const pool = new Piscina<SolveTask, SolveTaskResult>({
    filename: new URL('../workers/solve.ts', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
  });
  const bar = new cliProgress.SingleBar(
    { format: 'solving {bar} {value}/{total} | {last} | elapsed {duration_formatted}, eta {eta_formatted}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(jobs.length, 0, { last: '' });
  const records = await Promise.all(
    jobs.map(async (job) => {
      const out = await pool.run(job.task).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
      const r = record(job, out);
      bar.increment({ last: `${r.instance} ${r.error ? 'error' : r.feasible ? `${r.gapPct === null ? r.distance.toFixed(1) : r.gapPct.toFixed(2) + ' %'}` : 'infeasible'}` });
      return { job, r, solution: out instanceof Error ? null : out.solution };
    }),
  );
  bar.stop();
  await pool.destroy();

  mkdirSync(RESULTS, { recursive: true });
  for (const family of args.families) {
    const mine = records.filter((x) => x.r.family === family);
    if (mine.length === 0) continue;
    const summary = summarize(family, mine.map((x) => x.r));
    process.stdout.write(`\n== ${family} (${args.time ?? familySpec(family).defaultTimeS} s per instance, seed ${args.seed}, ${threads} workers)\n`);
    process.stdout.write(formatTable(mine.map((x) => x.r)) + '\n' + formatSummary(summary) + '\n');
    // A subset run must not overwrite the record of a full family run.
    const file = new URL(`families-${family}${args.instances ? '-subset' : ''}.json`, RESULTS);
    writeFileSync(
      file,
      JSON.stringify(
        {
          family,
          date: new Date().toISOString(),
          node: process.version,
          workers: threads,
          timePerInstanceS: args.time ?? familySpec(family).defaultTimeS,
          seed: args.seed,
          summary,
          instances: mine.map((x) => x.r),
          solutions: mine.map((x) => x.solution),
        },
        null,
        1,
      ) + '\n',
    );
    process.stderr.write(`wrote ${file.pathname}\n`);
  }
}

await main();
