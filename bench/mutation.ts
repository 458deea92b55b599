/**
 * `npm run mutation [-- --module solver-moves,visits --concurrency 32]`: StrykerJS mutation testing
 * of the code whose bugs cost most, one Stryker run per module with only that module's tests.
 * Prints the score per module and writes bench/results/mutation.json with every surviving
 * mutant, each with the reason it is harmless where bench/mutation-survivors.json gives one.
 * A benchmark, not part of `npm test`: it takes tens of minutes (see bench/README.md).
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';

interface Module {
  name: string;
  /** Score the module must reach, in percent. */
  target: number;
  mutate: string[];
  tests: string[];
}

// The benchmark runs (solve.test.ts, quality.test.ts: 11 s of published instances) are left out:
// every surviving or looping mutant re-ran them, which put a solver part past an hour on 2 cores.
// The fingerprint test takes the search down each of its paths in 2 s. Fewer tests can only lower a score.
const SOLVER_TESTS = ['test/solver/**/*.test.ts', 'test/benchmarks/feasibility.test.ts', 'test/benchmarks/patterns-bks.test.ts'];

const MODULES: Module[] = [
  // The solver core in three parts, so that they can run side by side and each finishes alone.
  {
    name: 'solver-moves',
    target: 90,
    mutate: ['src/solver/operators/*.ts', 'src/solver/segments.ts', 'src/solver/insertion.ts', 'src/solver/loadBand.ts'],
    tests: SOLVER_TESTS,
  },
  {
    name: 'solver-state',
    target: 90,
    mutate: ['src/solver/routes.ts', 'src/solver/instance.ts', 'src/solver/result.ts', 'src/solver/neighbours.ts', 'src/solver/penalties.ts', 'src/solver/random.ts', 'src/solver/stop.ts'],
    tests: SOLVER_TESTS,
  },
  {
    name: 'solver-search',
    target: 90,
    mutate: ['src/solver/search.ts', 'src/solver/localSearch.ts', 'src/solver/ruinRecreate.ts', 'src/solver/fleetRepair.ts'],
    tests: SOLVER_TESTS,
  },
  {
    name: 'planner-rules',
    target: 80,
    mutate: [
      'src/planner/serviceRules.ts',
      'src/planner/visitPatterns.ts',
      'src/planner/visitWindows.ts',
      'src/planner/remoteProblem.ts',
      'src/planner/remoteCandidates.ts',
      'src/planner/timetable.ts',
      'src/planner/workingClock.ts',
      'src/planner/dayFigures.ts',
      'src/planner/dayBand.ts',
    ],
    // Without rules.test.ts: it plans the small city for four weeks at module level, which makes
    // nearly every mutant "static" and re-run all 98 planner tests (3.5 h on 2 cores). The rules'
    // own tests and the planners of planCity/duties/replanFrom remain; fewer tests can only lower a score.
    tests: ['test/planner/!(rules).test.ts'],
  },
  {
    name: 'auth',
    target: 90,
    mutate: ['src/service/auth/*.ts', 'src/service/plugins/auth.ts'],
    tests: ['test/service/keyRules.test.ts', 'test/service/auth.test.ts', 'test/service/keys.test.ts', 'test/service/keysApi.test.ts', 'test/service/cities.test.ts', 'test/service/limits.test.ts'],
  },
  {
    name: 'visits',
    target: 90,
    mutate: ['src/service/visits/*.ts'],
    tests: ['test/service/visits.test.ts', 'test/service/recorder.test.ts', 'test/service/plannedKinds.test.ts'],
  },
  {
    name: 'day-view',
    target: 80,
    mutate: ['src/service/plans/dayView.ts'],
    tests: ['test/service/dayView.test.ts', 'test/service/replan.test.ts', 'test/service/flow.test.ts', 'test/service/storage.test.ts', 'test/service/travel.test.ts'],
  },
  {
    name: 'import',
    target: 80,
    mutate: [
      'src/io/tableCheck.ts',
      'src/io/importTables.ts',
      'src/io/importLimits.ts',
      'src/io/importVisits.ts',
      'src/io/dataset.ts',
      'src/io/importError.ts',
      'src/domain/retailer.ts',
      'src/domain/line.ts',
      'src/domain/visitRecord.ts',
      'src/domain/calendar.ts',
    ],
    tests: ['test/io/**/*.test.ts', 'test/domain/**/*.test.ts'],
  },
];

const { values: args } = parseArgs({
  options: {
    module: { type: 'string' },
    concurrency: { type: 'string' },
    out: { type: 'string', default: 'bench/results/mutation.json' },
    timeout: { type: 'string', default: '10000' },
    // Re-read bench/mutation-survivors.json into the recorded results, running nothing.
    explain: { type: 'boolean', default: false },
  },
});
const chosen = args.module === undefined ? MODULES : args.module.split(',').map(byName);
// Stryker gives half its processes to the TypeScript checker: twice the cores keeps a test
// runner on each (on 2 cores, auth took 13 min at 4 against 37 at 2).
const concurrency = Number(args.concurrency ?? 2 * availableParallelism());

type Status = 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';
interface Mutant {
  mutatorName: string;
  replacement: string;
  status: Status;
  location: { start: { line: number; column: number } };
  /** Ids of the tests that failed on it (Stryker stops at the first). */
  killedBy?: string[];
}
interface Report {
  files: Record<string, { source: string; mutants: Mutant[] }>;
  testFiles?: Record<string, { tests: { id: string; name: string }[] }>;
}
/** Why a survivor is harmless, keyed `file:line:mutator:replacement`. */
const reasons: Record<string, string> = JSON.parse(readFileSync('bench/mutation-survivors.json', 'utf8'));

const TOOL = 'StrykerJS 10 (vitest runner, typescript checker, perTest coverage)';
const machine = `${cpus()[0]?.model ?? 'unknown'}, ${availableParallelism()} cores, concurrency ${concurrency}`;
const previous = existsSync(args.out) ? JSON.parse(readFileSync(args.out, 'utf8')) : { modules: {} };
const results: Record<string, unknown> = { ...previous.modules };
mkdirSync('.stryker-tmp', { recursive: true });
for (const m of args.explain ? [] : chosen) {
  const reportFile = `reports/mutation/${m.name}.json`;
  // The checker type-checks each mutant against the mutated files and what they import only: the
  // whole project (461 files) kept it behind the test runners (solver-state: 90 mutants in 12 min).
  // A mutant that breaks a caller's types outside that scope is then tested rather than discarded.
  const tsconfigFile = `tsconfig.mutation-${m.name}.json`;
  writeFileSync(tsconfigFile, JSON.stringify({ extends: './tsconfig.json', include: m.mutate, exclude: [] }, null, 2));
  const config = {
    testRunner: 'vitest',
    vitest: { configFile: 'vitest.mutation.config.ts', related: false },
    checkers: ['typescript'],
    tsconfigFile,
    coverageAnalysis: 'perTest',
    reporters: ['progress', 'json'],
    jsonReporter: { fileName: reportFile },
    // No incremental mode: it reused stale verdicts for static mutants after tests were added.
    concurrency,
    // A mutant that loops is cut off this long after its tests' usual time (Stryker adds 1.5× that time).
    timeoutMS: Number(args.timeout),
    // One folder per module, so that runs of several modules side by side do not clean each other's.
    tempDirName: `.stryker-tmp/${m.name}`,
    // Nor copy each other's sandboxes (Stryker leaves out only its own temp folder).
    ignorePatterns: ['.stryker-tmp', 'reports', 'tmp-bench'],
    cleanTempDir: 'always',
    mutate: m.mutate,
  };
  const configFile = `.stryker-tmp/${m.name}.config.json`;
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const t0 = performance.now();
  const run = spawnSync('stryker', ['run', configFile], { stdio: 'inherit', env: { ...process.env, MUTATION_TESTS: m.tests.join(',') } });
  const minutes = (performance.now() - t0) / 60_000;
  rmSync(tsconfigFile);
  if (run.status !== 0) throw new Error(`stryker failed on module ${m.name} (exit ${run.status})`);
  results[m.name] = { ...summarise(m, JSON.parse(readFileSync(reportFile, 'utf8')) as Report, minutes), machine };
  // Written after each module: a long run stopped part-way keeps what it finished.
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, JSON.stringify({ tool: TOOL, modules: results }, null, 2) + '\n');
}
if (args.explain) {
  for (const r of Object.values(results) as ReturnType<typeof summarise>[]) {
    for (const s of r.survivors) s.why = reasons[`${s.at.slice(0, s.at.lastIndexOf(':'))}:${s.mutator}:${s.replacement}`] ?? null;
    r.unexplained = r.survivors.filter((s) => s.why === null).length;
  }
  writeFileSync(args.out, JSON.stringify({ tool: TOOL, modules: results }, null, 2) + '\n');
}
printTable(results as Record<string, ReturnType<typeof summarise>>);

function byName(name: string): Module {
  const m = MODULES.find((x) => x.name === name);
  if (!m) throw new Error(`unknown module "${name}"; the modules are ${MODULES.map((x) => x.name).join(', ')}`);
  return m;
}

function summarise(m: Module, report: Report, minutes: number) {
  const count = (s: Status) => Object.values(report.files).reduce((n, f) => n + f.mutants.filter((x) => x.status === s).length, 0);
  const perFile = Object.entries(report.files).map(([file, f]) => ({ file, score: score(f.mutants) }));
  const survivors = Object.entries(report.files).flatMap(([file, f]) => {
    const lines = f.source.split('\n');
    return f.mutants
      .filter((x) => x.status === 'Survived' || x.status === 'NoCoverage')
      .map((x) => {
        const at = `${file}:${x.location.start.line}`;
        const key = `${at}:${x.mutatorName}:${x.replacement}`;
        return {
          at: `${at}:${x.location.start.column}`,
          status: x.status,
          mutator: x.mutatorName,
          code: lines[x.location.start.line - 1]?.trim() ?? '',
          replacement: x.replacement,
          why: reasons[key] ?? null,
        };
      });
  });
  const all = Object.values(report.files).flatMap((f) => f.mutants);
  // Which tests do the killing: a score carried by one broad test reads differently from one
  // spread over many that each state a rule.
  const testName = new Map(Object.entries(report.testFiles ?? {}).flatMap(([file, t]) => t.tests.map((x) => [x.id, `${file}: ${x.name}`] as const)));
  const kills = new Map<string, number>();
  for (const x of all) for (const id of x.killedBy ?? []) kills.set(id, (kills.get(id) ?? 0) + 1);
  const topKillers = [...kills].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([id, mutants]) => ({ test: testName.get(id) ?? id, mutants }));
  return {
    target: m.target,
    score: score(all),
    killed: count('Killed'),
    timeout: count('Timeout'),
    survived: count('Survived'),
    noCoverage: count('NoCoverage'),
    compileErrors: count('CompileError'),
    runtimeErrors: count('RuntimeError'),
    minutes: Math.round(minutes * 10) / 10,
    perFile,
    topKillers,
    unexplained: survivors.filter((s) => s.why === null).length,
    survivors,
  };
}

/** Stryker's mutation score: detected over valid mutants, in percent. */
function score(mutants: Mutant[]): number {
  const detected = mutants.filter((x) => x.status === 'Killed' || x.status === 'Timeout').length;
  const valid = detected + mutants.filter((x) => x.status === 'Survived' || x.status === 'NoCoverage').length;
  return valid === 0 ? 100 : Math.round((1000 * detected) / valid) / 10;
}

function printTable(rows: Record<string, ReturnType<typeof summarise>>): void {
  console.log('\nmodule          score  target  killed  timeout  survived  no-cov  unexplained  minutes');
  for (const [name, r] of Object.entries(rows)) {
    const cells = [r.score.toFixed(1), r.target, r.killed, r.timeout, r.survived, r.noCoverage, r.unexplained, r.minutes];
    console.log(name.padEnd(14), ...cells.map((c, i) => String(c).padStart([6, 7, 7, 8, 9, 7, 12, 8][i])));
  }
}
