/**
 * Faults of the shared queue with real processes on a PostgreSQL cluster of this file's
 * own (it is crashed and restarted, with fsync on): a planner worker killed with kill -9
 * in the middle of a line, one frozen past its heartbeat and thawed after another took its
 * line, an API instance killed with phones recording visits through it, and the database
 * crashing under a running job.
 *
 * FAULT_RUNS=10 repeats the worker kill (npm run bench:faults), and writes what each
 * run saw to bench/results/worker-faults.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fourLineUpload } from './support/dataset.ts';
import { client, exited } from './support/children.ts';
import { ENV_KEYS } from './support/harness.ts';
import { startCluster, type PgCluster } from '../../tools/pgCluster.ts';
import { poll } from '../support/poll.ts';

const API = new URL('./support/childServer.ts', import.meta.url).pathname;
const WORKER = new URL('../../src/service/worker.ts', import.meta.url).pathname;
const RUNS = Number(process.env.FAULT_RUNS ?? 1);
/** A task's heartbeat lapses after 10 s (pg-boss's least); the queue looks every second. */
const QUEUE_ENV = { PLAN_JOBS: 'queue', QUEUE_HEARTBEAT_SECONDS: '10', QUEUE_MONITOR_SECONDS: '1' };

let cluster: PgCluster;
let databaseUrl = '';
let dir = '';
const children: ChildProcess[] = [];

beforeAll(async () => {
  cluster = await startCluster({ durable: true });
  databaseUrl = await cluster.createDatabase('faults');
  dir = await mkdtemp(join(tmpdir(), 'vp-faults-'));
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await cluster?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** A process on the shared database; resolves once it prints `ready` (a regular expression whose first group is kept). */
function spawnChild(file: string, env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; said: string }> {
  const child = spawn(process.execPath, [file], {
    env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dir, API_KEYS: ENV_KEYS, LOG_LEVEL: process.env.TEST_LOG ?? 'warn', ...QUEUE_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let err = '';
  child.stderr!.on('data', (d) => {
    err += d;
    if (process.env.TEST_LOG) process.stderr.write(d);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = ready.exec(out);
      if (m) resolve({ child, said: m[1] ?? '' });
    });
    child.on('exit', (code) => reject(new Error(`${file} exited (${code}) before it was ready: ${err}`)));
  });
}

/** An API instance that plans nothing itself (PLANNER_THREADS=0); its URL. */
const startApi = async () => {
  const { child, said } = await spawnChild(API, { PORT: '0', HOST: '127.0.0.1', PLANNER_THREADS: '0' }, /LISTENING (\S+)/);
  return { child, url: said };
};
const startWorker = (name: string) => spawnChild(WORKER, { WORKER_NAME: name, PLANNER_THREADS: '1' }, /(taking tasks)/).then((w) => w.child);

async function sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    return (await c.query(text, values)).rows as T[];
  } finally {
    await c.end();
  }
}

const job = (call: ReturnType<typeof client>, id: string, ok: (body: any) => boolean, timeoutMs = 60_000) =>
  poll(() => call('GET', `/v1/plans/${id}`), (r) => ok(r.body), `plan ${id}`, { timeoutMs, everyMs: 200 });

describe('faults on the shared queue', () => {
  let api: { child: ChildProcess; url: string };
  let call: ReturnType<typeof client>;
  let datasetId = '';
  beforeAll(async () => {
    api = await startApi();
    call = client(api.url);
    datasetId = (await call('POST', '/v1/datasets', fourLineUpload())).body.id as string;
  });

  test(`a worker killed with kill -9 in the middle of a line: another takes the line once its heartbeat lapses, and the plan has every line once (${RUNS} run${RUNS > 1 ? 's' : ''})`, async () => {
    const runs: { run: number; killedAfterLines: number; byKilled: number; byOther: number; lines: number; distinct: number; errors: number; seconds: number }[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const started = performance.now();
      const first = await startWorker(`k${run}`);
      // A line's budget: 16 s × 0.8 over 4 lines on one thread, about 3 s each.
      const id = (await call('POST', '/v1/plans', { dataset: datasetId, start: '2026-03-09', weeks: 1, seed: run, timeLimitMs: 16_000 })).body.id as string;
      const before = await job(call, id, (b) => b.status === 'running' && b.progress.linesDone >= 1);
      await new Promise((r) => setTimeout(r, 1000));
      const gone = exited(first);
      first.kill('SIGKILL');
      expect(await gone).toEqual({ code: null, signal: 'SIGKILL' });
      const second = await startWorker(`s${run}`);
      const done = await job(call, id, (b) => b.status === 'succeeded' || b.status === 'failed', 90_000);
      expect(done.body).toMatchObject({ status: 'succeeded', attempts: 1, progress: { linesDone: 4, linesTotal: 4 } });

      const recorded = await sql<{ line: string; worker: string }>('SELECT line, worker FROM job_lines WHERE job_id = $1 ORDER BY seq', [id]);
      const plan = await sql<{ line: string; body: string }>('SELECT line, body FROM plan_lines WHERE plan_id = $1 ORDER BY seq', [id]);
      const shops = plan.flatMap((l) => (JSON.parse(l.body) as { days: { stops: { retailer: string }[] }[] }).days.flatMap((d) => d.stops.map((s) => `${l.line}/${s.retailer}`)));
      const lineOf = new Map<string, Set<string>>();
      for (const s of shops) {
        const [line, shop] = s.split('/');
        (lineOf.get(shop) ?? lineOf.set(shop, new Set()).get(shop)!).add(line);
      }
      runs.push({
        run,
        killedAfterLines: before.body.progress.linesDone,
        byKilled: recorded.filter((r) => r.worker === `k${run}`).length,
        byOther: recorded.filter((r) => r.worker === `s${run}`).length,
        lines: plan.length,
        distinct: new Set(plan.map((l) => l.line)).size,
        errors: plan.filter((l) => (JSON.parse(l.body) as { error?: string }).error !== undefined).length,
        seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
      });
      // Every line once, planned; each by one of the two workers; a shop on one line only.
      expect(plan.map((l) => l.line)).toEqual(['L01', 'L02', 'L03', 'L04']);
      expect(recorded.map((r) => r.line)).toEqual(['L01', 'L02', 'L03', 'L04']);
      expect(runs.at(-1)).toMatchObject({ errors: 0, byOther: 4 - runs.at(-1)!.byKilled });
      expect(runs.at(-1)!.byKilled).toBeGreaterThanOrEqual(1);
      expect([...lineOf.values()].every((l) => l.size === 1)).toBe(true);
      const stopped = exited(second);
      second.kill('SIGTERM');
      expect(await stopped).toEqual({ code: 0, signal: null });
    }
    if (process.env.FAULT_RUNS) {
      const lost = runs.reduce((s, r) => s + (4 - r.distinct) + r.errors, 0);
      const doubled = runs.reduce((s, r) => s + (r.lines - r.distinct), 0);
      writeFileSync('bench/results/worker-faults.json', `${JSON.stringify({ date: new Date().toISOString(), runs: runs.length, lost, doubled, each: runs }, null, 2)}\n`);
      console.table(runs);
    }
  }, 200_000 * RUNS);

  test("a worker frozen past its heartbeat (SIGSTOP), its line taken by another, then thawed: the line is recorded once, by whichever records it first, and the plan has every line once", async () => {
    const slow = await startWorker('frozen');
    const id = (await call('POST', '/v1/plans', { dataset: datasetId, start: '2026-03-09', weeks: 1, seed: 11, timeLimitMs: 16_000 })).body.id as string;
    await job(call, id, (b) => b.status === 'running' && b.progress.linesDone >= 1);
    await new Promise((r) => setTimeout(r, 1000));
    slow.kill('SIGSTOP');
    const other = await startWorker('other');
    // The frozen line goes to the other worker once its heartbeat lapses (pg-boss counts the retry).
    const retried = () => sql<{ n: number }>("SELECT COUNT(*)::int AS n FROM pgboss.job WHERE name = 'plan-line' AND retry_count > 0 AND data->>'job' = $1", [id]);
    await poll(retried, (rows) => rows[0].n >= 1, 'the frozen line retried', { timeoutMs: 60_000, everyMs: 200 });
    slow.kill('SIGCONT');
    const done = await job(call, id, (b) => b.status === 'succeeded' || b.status === 'failed', 90_000);
    expect(done.body).toMatchObject({ status: 'succeeded', progress: { linesDone: 4, linesTotal: 4 } });
    const plan = await sql<{ line: string }>('SELECT line FROM plan_lines WHERE plan_id = $1 ORDER BY seq', [id]);
    expect(plan.map((l) => l.line)).toEqual(['L01', 'L02', 'L03', 'L04']);
    const recorded = await sql<{ line: string; worker: string }>('SELECT line, worker FROM job_lines WHERE job_id = $1 ORDER BY seq', [id]);
    expect(recorded.map((r) => r.line)).toEqual(['L01', 'L02', 'L03', 'L04']);
    expect(recorded.every((r) => r.worker === 'frozen' || r.worker === 'other')).toBe(true);
    for (const c of [slow, other]) {
      const stopped = exited(c);
      c.kill('SIGTERM');
      expect(await stopped).toEqual({ code: 0, signal: null });
    }
  }, 200_000);

  test('an API instance killed: the phones go on through another, and the job it queued completes; the database crashes under a running job: the instance and the worker reconnect, and every acknowledged record is there', async () => {
    const other = await startApi();
    const call2 = client(other.url);
    const worker = await startWorker('w');
    const plan = (await call('POST', '/v1/plans', { dataset: datasetId, start: '2026-03-09', weeks: 1, seed: 7, timeLimitMs: 4000 })).body.id as string;
    await job(call2, plan, (b) => b.status === 'succeeded');

    // Phones record visits to planned shops, 8 at a time, through both instances; the first is killed after 60 answers, and its phones go on through the other.
    const planned = (await sql<{ date: string; retailers: string }>('SELECT date, retailers FROM plan_days WHERE plan_id = $1 ORDER BY line, date', [plan])).flatMap((d) =>
      (JSON.parse(d.retailers) as string[]).map((retailer) => ({ retailer, date: d.date })),
    );
    expect(planned.length).toBeGreaterThan(10);
    const acked: string[] = [];
    let killed = false;
    let next = 0;
    const record = async (via: (m: string, p: string, b?: unknown) => Promise<{ status: number; body: any }>, i: number) => {
      const id = `rec-${String(i).padStart(5, '0')}`;
      const { retailer, date } = planned[i % planned.length];
      const body = { id, plan, retailer, date, mode: 'in_person', outcome: 'done', startedAt: `${date}T09:00:00+08:00` };
      const r = await via('POST', '/v1/visits', body);
      // 200 with duplicate: the killed instance had committed the record and died before answering; the phone's retry finds it.
      if (r.status !== 201 && !(r.status === 200 && r.body.duplicate === true)) throw new Error(`unexpected ${r.status} ${JSON.stringify(r.body)}`);
      acked.push(id);
    };
    const phone = async (k: number) => {
      while (next < 200) {
        const i = next++;
        try {
          await record(k % 2 === 0 && !killed ? call : call2, i);
        } catch (e) {
          if (!killed) throw e;
          // The instance is gone: the same record, through the other.
          await record(call2, i);
        }
        if (acked.length >= 60 && !killed) {
          killed = true;
          api.child.kill('SIGKILL');
        }
      }
    };
    const gone = exited(api.child);
    await Promise.all(Array.from({ length: 8 }, (_, k) => phone(k)));
    expect(await gone).toEqual({ code: null, signal: 'SIGKILL' });
    expect(acked.length).toBe(200);

    // A job runs on the worker when the database crashes.
    const second = (await call2('POST', '/v1/plans', { dataset: datasetId, start: '2026-03-16', weeks: 1, seed: 8, timeLimitMs: 8000 })).body.id as string;
    await job(call2, second, (b) => b.status === 'running');
    await cluster.crashAndRestart();
    // The instance answers again once its pool reconnects; then the job completes and the records are all there.
    await poll(() => fetch(`${other.url}/health`).then((r) => r.status), (s) => s === 200, 'health after the restart', { timeoutMs: 30_000, everyMs: 200 });
    expect((await job(call2, second, (b) => b.status === 'succeeded' || b.status === 'failed', 120_000)).body).toMatchObject({ status: 'succeeded', progress: { linesDone: 4, linesTotal: 4 } });
    const stored = new Set<string>();
    for (const line of ['L01', 'L02', 'L03', 'L04']) for (const v of (await call2('GET', `/v1/visits?plan=${plan}&line=${line}&limit=500`)).body.visits) stored.add(v.id);
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);
    // And new records are taken after the restart.
    await record(call2, 200);
    expect(acked).toHaveLength(201);

    for (const c of [other.child, worker]) {
      const stopped = exited(c);
      c.kill('SIGTERM');
      expect(await stopped).toEqual({ code: 0, signal: null });
    }
  }, 300_000);
});
