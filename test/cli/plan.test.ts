/** `npm run plan` as a person runs it: a child process, its exit code, what it prints and writes. */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { PlanSchema } from '../../src/domain/plan.ts';
import { tinyDataDir } from '../support/dataDir.ts';

const run = promisify(execFile);
const CLI = new URL('../../src/cli/plan.ts', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs the command; resolves with its exit code and output whatever the code. */
async function plan(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('plan command line', () => {
  test('a week of the tiny city: plan.json through the schema, the XLSX and GeoJSON beside it, figures on stdout', async () => {
    const { root, data } = tinyDataDir();
    dirs.push(root);
    const out = join(root, 'plan.json');
    const r = await plan(['--data', data, '--start', '2026-03-09', '--weeks', '1', '--iterations', '200', '--threads', '1', '--out', out, '--xlsx', join(root, 'plan.xlsx'), '--geojson', join(root, 'plan.geojson'), '--blocked', 'L02:2026-03-11']);
    expect(r.stderr).not.toMatch(/"level":50/);
    expect(r.code).toBe(0);
    const p = PlanSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(p.lines.map((l) => [l.line, l.days.length, l.error ?? null])).toEqual([['L01', 5, null], ['L02', 5, null]]);
    expect(p.lines[1].days.find((d) => d.date === '2026-03-11')).toMatchObject({ blocked: true, stops: [], remote: [] });
    expect(r.stdout).toMatch(/in person/);
    expect(readFileSync(join(root, 'plan.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(JSON.parse(readFileSync(join(root, 'plan.geojson'), 'utf8')).type).toBe('FeatureCollection');
  });

  test('usage errors: exit 2 and one line saying what to give', async () => {
    const cases: [string[], string][] = [
      [[], 'plan: --start YYYY-MM-DD is required'],
      [['--start', '2026-03-09', '--weeks', '5'], 'plan: --weeks must be 1 to 4, got 5'],
      [['--start', '2026-03-09', '--time', '0'], 'plan: --time must be a positive number of seconds, got 0'],
      [['--start', '2026-03-09', '--threads', '1.5'], 'plan: --threads must be a positive integer, got 1.5'],
      [['--start', '2026-03-09', '--xlsx-language', 'fr'], 'plan: --xlsx-language must be zh or en, got fr'],
      [['--start', '2026-03-09', '--blocked', 'L01-2026-03-10'], 'plan: --blocked takes LINE:YYYY-MM-DD items separated by commas, got "L01-2026-03-10"'],
      [['--start', '2026-03-09', '--lines', 'L01'], 'plan: --lines re-plans some lines of a --previous plan: give --previous too'],
    ];
    const answers = await Promise.all(cases.map(async ([args]) => plan(args)));
    expect(answers.map((r) => ({ code: r.code, stderr: r.stderr.trim() }))).toEqual(cases.map(([, stderr]) => ({ code: 2, stderr })));
  });

  test('a bad cell: exit 1, the file, line and column named, nothing written', async () => {
    const { root, data } = tinyDataDir();
    dirs.push(root);
    const text = readFileSync(join(data, 'retailers.csv'), 'utf8').replace(/,114\.0300,/, ',-200,');
    const bad = tinyDataDir({ 'retailers.csv': text });
    dirs.push(bad.root);
    const out = join(bad.root, 'plan.json');
    const r = await plan(['--data', bad.data, '--start', '2026-03-09', '--weeks', '1', '--out', out]);
    expect({ code: r.code, stderr: r.stderr.trim() }).toEqual({ code: 1, stderr: `${join(bad.data, 'retailers.csv')} line 4, column lon: "-200": expected -180 to 180` });
    expect(() => readFileSync(out)).toThrow();
  });
});
