/**
 * `npm start` as an operator runs it: src/service/main.ts in a child process on a fresh data
 * folder (the tiny dataset as its demo data), then again on the same folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { FIRST_KEY_FILE } from '../../src/service/auth/firstKey.ts';
import { tinyDataDir } from '../support/dataDir.ts';
import { poll } from '../support/poll.ts';

const MAIN = new URL('../../src/service/main.ts', import.meta.url).pathname;
const { root, data } = tinyDataDir();
const dataDir = join(root, 'store');
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  stdout: () => string;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

function start(): Started {
  const { API_KEYS: _drop, ...env } = process.env;
  const child = spawn(process.execPath, [MAIN], {
    env: { ...env, DATA_DIR: dataDir, DEMO_DATA: data, PORT: '0', HOST: '127.0.0.1', PLAN_TIME_LIMIT_MS: '3000', PLANNER_THREADS: '1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.resume();
  const exited = new Promise<{ code: number | null; signal: string | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  return { child, stdout: () => out, exited };
}

const banner = (s: Started) => poll(s.stdout, (o) => /this week: .*\n/.test(o), 'the start banner', { timeoutMs: 30_000, everyMs: 50 });

test('first start: a planner key in a 0600 file, the demo imported, this week planned; SIGTERM exits 0; a restart plans nothing again', async () => {
  const first = start();
  const text = await banner(first);
  const url = /listening on (http:\/\/[\d.:]+)/.exec(text)?.[1];
  const plan = /this week: .*plan=([\w-]+) \(planning now; API: \/v1\/plans\/\1\)/.exec(text)?.[1];
  expect({ url: Boolean(url), plan: Boolean(plan) }).toEqual({ url: true, plan: true });
  expect(text).toContain(`first planner key: in ${join(dataDir, FIRST_KEY_FILE)}`);
  expect(statSync(join(dataDir, FIRST_KEY_FILE)).mode & 0o777).toBe(0o600);
  const token = readFileSync(join(dataDir, FIRST_KEY_FILE), 'utf8').trim();
  const get = async (path: string) => (await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<{ status: string; lines: unknown[] }>;
  const done = await poll(() => get(`/v1/plans/${plan}`), (j) => j.status === 'succeeded' || j.status === 'failed', 'the week planned', { timeoutMs: 60_000, everyMs: 100 });
  expect({ status: done.status, lines: done.lines.length }).toEqual({ status: 'succeeded', lines: 2 });
  first.child.kill('SIGTERM');
  expect(await first.exited).toEqual({ code: 0, signal: null });

  const second = start();
  const again = await banner(second);
  expect(again).toContain(`plan=${plan} (succeeded; API: /v1/plans/${plan})`);
  expect(again).not.toContain('first planner key');
  expect(existsSync(join(dataDir, FIRST_KEY_FILE))).toBe(true);
  second.child.kill('SIGTERM');
  expect(await second.exited).toEqual({ code: 0, signal: null });
});
