/** `npm run demo` and `npm run keys` as a person runs them: child processes, exit codes, output. */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { KeyRing, readKeysFile } from '../../src/service/auth/keys.ts';
import { tinyDataDir } from '../support/dataDir.ts';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function node(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [new URL(`../../${script}`, import.meta.url).pathname, ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** A data folder with the demo's county outlines beside it, where the demo command looks. */
function demoLike(over: Record<string, string> = {}) {
  const d = tinyDataDir(over);
  dirs.push(d.root);
  symlinkSync(new URL('../../data/geo', import.meta.url).pathname, join(d.root, 'geo'));
  return d;
}

describe('demo command line', () => {
  test("the tiny city: exit 0, the seed's figures beside the dataset's", async () => {
    const r = await node('src/cli/demo.ts', ['--data', demoLike().data]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Demo city .*data: the seed's figures beside the dataset's\n/);
    expect(r.stdout.split('\n').length).toBeGreaterThan(5);
  });

  test('a bad cell: exit 1, named', async () => {
    const { data } = demoLike({ 'lines.csv': 'line,county,manager,base_lon,base_lat,vehicle,litres_per_100km\nL01,浉河区,王磊,114.06,32.13,car,eight\nL02,浉河区,李娜,114.2,32.13,car,8\n' });
    const r = await node('src/cli/demo.ts', ['--data', data]);
    expect({ code: r.code, stderr: r.stderr.trim() }).toEqual({ code: 1, stderr: `${join(data, 'lines.csv')} line 2, column litres_per_100km: "eight": expected litres per 100 km` });
  });
});

describe('keys command line', () => {
  test('a manager key: the token once on stdout, the file 0600, the key valid for its line', async () => {
    const { root } = tinyDataDir();
    dirs.push(root);
    const file = join(root, 'keys.json');
    const usage = await node('src/service/keysCli.ts', ['manager', 'wu']);
    expect({ code: usage.code, stderr: usage.stderr }).toEqual({ code: 2, stderr: 'usage: keysCli.ts planner <id> [<city>] | keysCli.ts manager <id> <line> [<city>]\n' });
    const made = await run(process.execPath, [new URL('../../src/service/keysCli.ts', import.meta.url).pathname, 'manager', 'wu', 'L01'], { env: { ...process.env, KEYS_FILE: file } });
    const token = made.stdout.trim().split('\n').at(-1) ?? '';
    expect(new KeyRing(readKeysFile(file)).verify(token)).toMatchObject({ keyId: 'wu', role: 'manager', line: 'L01' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(made.stderr).toBe(`added manager key wu for line L01 to ${file}\n`);
    expect(readFileSync(file, 'utf8')).not.toContain(token.split('.')[1]);
  });
});
