import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BENCHMARKS_DIR } from '../../src/benchmarks/catalog.ts';
import { loadInstance } from '../../src/benchmarks/load.ts';
import { parseSolveArgs, USAGE } from '../../src/cli/solve.ts';
import { checkSolution } from '../../checks/feasibility.ts';

const CLI = new URL('../../src/cli/solve.ts', import.meta.url).pathname;
const C101 = join(BENCHMARKS_DIR, 'solomon/c101.txt');

describe('solve arguments', () => {
  test('all options', () => {
    expect(parseSolveArgs(['x.txt', '--time', '2.5', '--iterations', '100', '--seed', '7', '--vehicles', '10', '--out', 'o.json'])).toEqual({
      task: { path: 'x.txt', seed: 7, timeLimitMs: 2500, maxIterations: 100, maxVehiclesPerDay: 10 },
      out: 'o.json',
    });
  });

  test('defaults: seed 1, 10 s unless an iteration budget is given', () => {
    expect(parseSolveArgs(['x.txt']).task).toEqual({ path: 'x.txt', seed: 1, timeLimitMs: 10_000, maxIterations: undefined, maxVehiclesPerDay: undefined });
    expect(parseSolveArgs(['x.txt', '--iterations', '5']).task.timeLimitMs).toBeUndefined();
  });

  test.each([
    [[], 'missing the instance file'],
    [['a', 'b'], 'one instance file expected, got 2: a b'],
    [['a', '--time', '0'], '--time must be a positive number of seconds, got "0"'],
    [['a', '--time', 'soon'], '--time must be a positive number of seconds, got "soon"'],
    [['a', '--iterations', '1.5'], '--iterations must be a positive integer, got "1.5"'],
    [['a', '--seed=-1'], '--seed must be a non-negative integer, got "-1"'],
    [['a', '--seed', '-1'], "Option '--seed' argument is ambiguous."],
    [['a', '--vehicles', ''], '--vehicles must be a positive integer, got ""'],
  ])('%j → %s', (argv, message) => {
    expect(() => parseSolveArgs(argv)).toThrow(message);
  });

  test('unknown options are refused by parseArgs', () => {
    expect(() => parseSolveArgs(['a', '--fast'])).toThrow("Unknown option '--fast'");
  });
});

describe('solve command', () => {
  test('bad arguments: exit code 2 and the usage on stderr', () => {
    const r = spawnSync(process.execPath, [CLI, C101, '--time', 'x'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`error: --time must be a positive number of seconds, got "x"\n${USAGE}\n`);
    expect(r.stdout).toBe('');
  });

  test('a missing file: exit code 2, named', () => {
    const r = spawnSync(process.execPath, [CLI, '/nonexistent/x.txt'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: \/nonexistent\/x\.txt: ENOENT/);
  });

  test('writes the solution file in instance ids, checked independently', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'solve-')), 'c101.json');
    const stderr = execFileSync(process.execPath, [CLI, C101, '--iterations', '50', '--seed', '3', '--out', out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const sol = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(sol)).toEqual(['instance', 'cost', 'vehicles', 'routes']);
    expect(sol.instance).toBe('c101');
    expect(sol.vehicles).toBe(sol.routes.length);
    expect(Object.keys(sol.routes[0])).toEqual(['day', 'vehicle', 'stops']);
    const check = checkSolution(loadInstance(C101), sol);
    expect(check.violations).toEqual([]);
    expect(Math.abs(check.distance - sol.cost) / check.distance).toBeLessThan(1e-9);
    void stderr;
  });
});
