/**
 * `npm run mutation [-- --module solver-moves,visits --concurrency 32]`: StrykerJS mutation testing
 * of the code whose bugs cost most, one Stryker run per module with only that module's tests.
 * Prints the score per module and writes bench/results/mutation.json with every surviving
 * mutant, each with the reason it is harmless where bench/mutation-survivors.json gives one.
 * A benchmark, not part of `npm test`: it takes tens of minutes on 2 cores (see the README).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism, cpus } from 'node:os';
import { existsSync, globSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  // The solver core in five parts, so that they can run side by side on a many-core machine and
  // each finishes alone (Stryker writes its report only at the end of a run).
  {
    name: 'solver-operators',
    target: 90,
    mutate: ['src/solver/operators/*.ts'],
    tests: SOLVER_TESTS,
  },
  {
    name: 'solver-moves',
    target: 90,
    mutate: ['src/solver/segments.ts', 'src/solver/insertion.ts', 'src/solver/loadBand.ts'],
    tests: SOLVER_TESTS,
  },
  {
    name: 'solver-state',
    target: 90,
    mutate: ['src/solver/routes.ts', 'src/solver/instance.ts', 'src/solver/result.ts', 'src/solver/neighbours.ts', 'src/solver/costEvaluator.ts', 'src/solver/penalties.ts', 'src/solver/random.ts', 'src/solver/stop.ts'],
    tests: SOLVER_TESTS,
  },
  {
    name: 'solver-search',
    target: 90,
    mutate: ['src/solver/search.ts', 'src/solver/annealing.ts', 'src/solver/bestSolution.ts', 'src/solver/boostedRepair.ts', 'src/solver/fleetRepair.ts', 'src/solver/rescueSchedule.ts'],
    tests: SOLVER_TESTS,
  },
  {
    name: 'solver-local',
    target: 90,
    mutate: ['src/solver/localSearch.ts', 'src/solver/ruinRecreate.ts'],
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
    // Run every chosen module side by side, each as this many Stryker runs over disjoint files:
    // on a many-core machine with a hard time limit, each part's report is kept as soon as it ends.
    split: { type: 'string', default: '1' },
    // Of those parts, run only these (e.g. 2,3): a small machine takes a split module a part a
    // session, and the summary waits until every part has its report.
    part: { type: 'string' },
    out: { type: 'string', default: 'bench/results/mutation.json' },
    timeout: { type: 'string', default: '10000' },
    // Summarise the reports already under reports/mutation (from a run elsewhere), running nothing.
    'from-reports': { type: 'boolean', default: false },
    // Re-read bench/mutation-survivors.json into the recorded results, running nothing.
    explain: { type: 'boolean', default: false },
  },
});
const chosen = args.module === undefined ? MODULES : args.module.split(',').map(byName);
// Stryker gives half its processes to the TypeScript checker: twice the cores keeps a test
// runner on each (on 2 cores, auth took 13 min at 4 against 37 at 2).
const concurrency = Number(args.concurrency ?? 2 * availableParallelism());
const split = Number(args.split);
const onlyParts = args.part === undefined ? null : new Set(args.part.split(',').map(Number));
if (onlyParts && split <= 1) throw new Error('--part needs --split N');

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
/** One Stryker run: a module's files, or a part of them. */
interface Unit {
  module: Module;
  name: string;
  /** Files to type-check the mutants against. */
  files: string[];
  /** Stryker's mutate entries: files, or line ranges of them. */
  mutate: string[];
  lines: number;
  concurrency: number;
}
/** Why a survivor is harmless, keyed `file:line:mutator:replacement`. */
const reasons: Record<string, string> = JSON.parse(readFileSync('bench/mutation-survivors.json', 'utf8'));

const TOOL = 'StrykerJS 10 (vitest runner, typescript checker, perTest coverage)';
const machine = `${cpus()[0]?.model ?? 'unknown'}, ${availableParallelism()} cores, concurrency ${concurrency}${split > 1 ? ` over ${split} parts a module` : ''}`;
const previous = existsSync(args.out) ? JSON.parse(readFileSync(args.out, 'utf8')) : { modules: {} };
const results: Record<string, unknown> = { ...previous.modules };
mkdirSync('.stryker-tmp', { recursive: true });
mkdirSync('reports/mutation', { recursive: true });
const save = () => {
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, JSON.stringify({ tool: TOOL, modules: results }, null, 2) + '\n');
};
if (!args.explain) {
  const units = chosen.flatMap((m) => unitsOf(m, split));
  const total = units.reduce((n, u) => n + u.lines, 0);
  // Side by side, each unit gets processes in proportion to its lines of code.
  if (split > 1) for (const u of units) u.concurrency = Math.max(2, Math.round((concurrency * u.lines) / total));
  const toRun = onlyParts ? units.filter((u) => onlyParts.has(Number(u.name.slice(u.name.lastIndexOf('.') + 1)))) : units;
  // One part at a time has the machine to itself.
  if (onlyParts) for (const u of toRun) u.concurrency = concurrency;
  for (const u of toRun) console.log(`${u.name}: ${u.mutate.join(', ')} at concurrency ${u.concurrency}`);
  if (!args['from-reports']) {
    // Unsplit modules run one after another: side by side, their slowed tests would read as timeouts.
    if (split > 1 && !onlyParts) await Promise.all(toRun.map(runUnit));
    else for (const u of toRun) await runUnit(u);
  }
  for (const m of chosen) {
    const parts = units.filter((u) => u.module === m);
    const missing = parts.filter((u) => !existsSync(reportOf(u)));
    if (missing.length > 0) {
      console.log(`${m.name}: no report for ${missing.map((u) => `${u.name} (${u.mutate.join(', ')})`).join('; ')}`);
      continue;
    }
    const metas = parts.map((u) => JSON.parse(readFileSync(metaOf(u), 'utf8')) as { minutes: number; machine: string; alone?: boolean });
    const merged: Report = { files: {}, testFiles: {} };
    for (const u of parts) {
      const r = JSON.parse(readFileSync(reportOf(u), 'utf8')) as Report;
      Object.assign(merged.files, r.files);
      Object.assign(merged.testFiles!, r.testFiles);
    }
    const minutes = metas.map((x) => x.minutes);
    const total = metas.every((x) => x.alone) ? minutes.reduce((a, b) => a + b, 0) : Math.max(...minutes);
    results[m.name] = { ...summarise(m, merged, total), machine: metas[0]!.machine };
    // Written after each module: a long run stopped part-way keeps what it finished.
    save();
  }
} else {
  for (const r of Object.values(results) as Summary[]) {
    for (const s of r.survivors) s.why = reasons[`${s.at.slice(0, s.at.lastIndexOf(':'))}:${s.mutator}:${s.replacement}`] ?? null;
    // A survivor that a later test kills (applied by hand, see `recheck`), or whose code was
    // deleted as dead, needs no reason.
    const killed = new Set([...(r.recheck?.killed ?? []), ...(r.recheck?.removedWithDeadCode ?? [])]);
    r.unexplained = r.survivors.filter((s) => s.why === null && !killed.has(survivorKey(s))).length;
    if (r.recheck) r.recheck.unexplained = r.unexplained;
  }
  save();
}
printTable(results as Record<string, Summary>);

/**
 * A module as `parts` Stryker runs side by side, shared out by lines of code. A file longer than a
 * part's share is cut between top-level declarations (a line after a closing brace at column 0):
 * Stryker keeps only mutants wholly inside a range, so a cut inside a function would lose its block.
 */
function unitsOf(m: Module, parts: number): Unit[] {
  const files = m.mutate.flatMap((g) => globSync(g)).sort();
  const text = new Map(files.map((f) => [f, readFileSync(f, 'utf8').split('\n')]));
  const size = [...text.values()].reduce((n, l) => n + l.length, 0);
  if (parts <= 1) return [{ module: m, name: m.name, files, mutate: files, lines: size, concurrency }];
  const share = size / parts;
  const pieces: { file: string; from: number; to: number }[] = [];
  for (const [file, lines] of text) {
    let from = 1;
    for (let at = 2; at <= lines.length; at++) {
      if (at - from >= share && /^}/.test(lines[at - 2]!)) {
        pieces.push({ file, from, to: at - 1 });
        from = at;
      }
    }
    pieces.push({ file, from, to: lines.length });
  }
  const groups: (typeof pieces)[] = Array.from({ length: Math.min(parts, pieces.length) }, () => []);
  const load = groups.map(() => 0);
  for (const p of pieces.sort((a, b) => b.to - b.from - (a.to - a.from))) {
    const k = load.indexOf(Math.min(...load));
    groups[k]!.push(p);
    load[k]! += p.to - p.from + 1;
  }
  return groups.map((g, k) => ({
    module: m,
    name: `${m.name}.${k + 1}`,
    files: [...new Set(g.map((p) => p.file))],
    mutate: g.map((p) => (p.from === 1 && p.to === text.get(p.file)!.length ? p.file : `${p.file}:${p.from}-${p.to}`)),
    lines: load[k]!,
    concurrency,
  }));
}

function reportOf(u: Unit): string {
  return `reports/mutation/${u.name}.json`;
}

function metaOf(u: Unit): string {
  return `reports/mutation/${u.name}.meta.json`;
}

async function runUnit(u: Unit): Promise<void> {
  // The checker type-checks each mutant against the mutated files and what they import only: the
  // whole project (461 files) kept it behind the test runners (solver-state: 90 mutants in 12 min).
  // A mutant that breaks a caller's types outside that scope is then tested rather than discarded.
  const tsconfigFile = `tsconfig.mutation-${u.name}.json`;
  writeFileSync(tsconfigFile, JSON.stringify({ extends: './tsconfig.json', include: u.files, exclude: [] }, null, 2));
  const config = {
    testRunner: 'vitest',
    vitest: { configFile: 'vitest.mutation.config.ts', related: false },
    checkers: ['typescript'],
    tsconfigFile,
    coverageAnalysis: 'perTest',
    reporters: ['progress', 'json'],
    jsonReporter: { fileName: reportOf(u) },
    // No incremental mode: it reused stale verdicts for static mutants after tests were added.
    concurrency: u.concurrency,
    // A mutant that loops is cut off this long after its tests' usual time (Stryker adds 1.5× that time).
    timeoutMS: Number(args.timeout),
    // One folder per unit, so that runs side by side do not clean each other's.
    tempDirName: `.stryker-tmp/${u.name}`,
    // Nor copy each other's sandboxes (Stryker leaves out only its own temp folder).
    ignorePatterns: ['.stryker-tmp', 'reports', 'tmp-bench'],
    cleanTempDir: 'always',
    mutate: u.mutate,
  };
  const configFile = `.stryker-tmp/${u.name}.config.json`;
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  rmSync(reportOf(u), { force: true });
  const t0 = performance.now();
  // Side by side, each run's progress goes to its own log beside its report.
  const log = split > 1 ? openSync(`reports/mutation/${u.name}.log`, 'w') : 'inherit';
  const child = spawn('stryker', ['run', configFile], { stdio: ['ignore', log, log], env: { ...process.env, MUTATION_TESTS: u.module.tests.join(',') } });
  const [code] = (await once(child, 'exit')) as [number | null];
  rmSync(tsconfigFile);
  if (code !== 0) {
    console.log(`stryker failed on ${u.name} (exit ${code})`);
    return;
  }
  // A part run alone (--part) adds its minutes to the module's; parts side by side take the longest.
  const meta = { minutes: Math.round(((performance.now() - t0) / 60_000) * 10) / 10, machine, alone: split === 1 || onlyParts !== null };
  writeFileSync(metaOf(u), JSON.stringify(meta) + '\n');
}

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

/**
 * A module's result: Stryker's run, and where survivors were applied by hand against later tests
 * (`recheck`), the score and survivors counted again.
 */
type Summary = ReturnType<typeof summarise> & { recheck?: { score: number; survived: number; unexplained: number; killed?: string[]; removedWithDeadCode?: string[] } };

/** How `recheck.killed` names a survivor: `file:line:column mutator replacement`. */
function survivorKey(s: { at: string; mutator: string; replacement: string }): string {
  return `${s.at} ${s.mutator} ${s.replacement}`;
}

function printTable(rows: Record<string, Summary>): void {
  console.log('\nmodule            score  target  killed  timeout  survived  no-cov  unexplained  minutes   rechecked by hand');
  for (const [name, r] of Object.entries(rows)) {
    const cells = [r.score.toFixed(1), r.target, r.killed, r.timeout, r.survived, r.noCoverage, r.unexplained, r.minutes];
    const again = r.recheck ? `${r.recheck.score.toFixed(1)}% (${r.recheck.survived} survive)` : '';
    console.log(name.padEnd(16), ...cells.map((c, i) => String(c).padStart([6, 7, 7, 8, 9, 7, 12, 8][i])), '  ' + again);
  }
}
