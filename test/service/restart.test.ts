import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tinyUpload } from './support/dataset.ts';
import { client, exited } from './support/children.ts';
import { ENV_KEYS, STORES } from './support/harness.ts';
import { startCluster, type PgCluster } from '../../tools/pgCluster.ts';
import { poll } from '../support/poll.ts';

const CHILD = new URL('./support/childServer.ts', import.meta.url).pathname;
let dir = '';
const children: ChildProcess[] = [];
/** PostgreSQL's run: a cluster of its own (it is crashed and restarted below), with fsync on. */
let cluster: PgCluster | undefined;
let databaseUrl: string | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vp-restart-'));
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
  await cluster?.stop();
});

/** Starts the service on the data dir (and the database); resolves with its URL once it listens. */
function startChild(): Promise<{ child: ChildProcess; url: string }> {
  const env = { ...process.env, DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', API_KEYS: ENV_KEYS, ...(databaseUrl ? { DATABASE_URL: databaseUrl, PLAN_JOBS: 'in-process' } : {}) };
  const child = spawn(process.execPath, [CHILD], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /LISTENING (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before listening: ${err}`)));
  });
}


const until = <T>(f: () => Promise<T>, ok: (t: T) => boolean) => poll(f, ok, 'the job state', { everyMs: 20 });

describe.each(STORES)('restart on %s: kill -9 with records in flight and a job running, then start again on the same data', (store) => {
  test('every acknowledged record is there (on PostgreSQL, after the database crashed too); the interrupted job is failed and can be retried; the queued one runs', async () => {
    if (store === 'postgres') {
      cluster = await startCluster({ durable: true });
      databaseUrl = await cluster.createDatabase('restart');
    } else {
      databaseUrl = undefined;
    }
    const first = await startChild();
    const call = client(first.url);
    const ds = (await call('POST', '/v1/datasets', tinyUpload())).body.id as string;
    const plan = (await call('POST', '/v1/plans', { dataset: ds, start: '2026-03-09', weeks: 1 })).body.id as string;
    await until(() => call('GET', `/v1/plans/${plan}`), (r) => r.body.status === 'succeeded');
    const stuck = (await call('POST', '/v1/plans', { dataset: ds, start: '2026-03-09', weeks: 1, seed: 999 })).body.id as string;
    // Running before the next is asked for: a key may have one job waiting (on PostgreSQL the runner takes a round trip to start it).
    await until(() => call('GET', `/v1/plans/${stuck}`), (r) => r.body.status === 'running');
    const queued = (await call('POST', '/v1/plans', { dataset: ds, start: '2026-03-16', weeks: 1 })).body.id as string;

    // Phones record visits, 16 at a time; the process is killed after the 150th answer, with requests in flight.
    const days = ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13'];
    const shops = (line: string) => (line === 'L01' ? ['R01', 'R02', 'R03', 'R04', 'R05', 'R06', 'R07', 'R08'] : ['R21', 'R22', 'R23', 'R24', 'R25', 'R26', 'R27', 'R28']);
    const acked: string[] = [];
    let killed = false;
    let next = 0;
    const worker = async () => {
      while (!killed && next < 1000) {
        const i = next++;
        const line = i % 2 === 0 ? 'L01' : 'L02';
        const id = `rec-${String(i).padStart(6, '0')}`;
        const body = { id, plan, retailer: shops(line)[i % 8], date: days[i % 5], mode: 'in_person', outcome: 'done', startedAt: `${days[i % 5]}T09:00:00+08:00` };
        try {
          const r = await call('POST', '/v1/visits', body);
          if (r.status === 201) acked.push(id);
          else throw new Error(`unexpected ${r.status} ${JSON.stringify(r.body)}`);
        } catch (e) {
          if (!killed) throw e;
        }
        if (acked.length >= 150 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    const gone = exited(first.child);
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(await gone).toEqual({ code: null, signal: 'SIGKILL' });
    expect(acked.length).toBeGreaterThanOrEqual(150);
    // The database crashes as well: what it acknowledged with COMMIT is replayed from its WAL.
    if (cluster) await cluster.crashAndRestart();

    const second = await startChild();
    const call2 = client(second.url);
    const stored = new Set<string>();
    for (const line of ['L01', 'L02']) for (const v of (await call2('GET', `/v1/visits?plan=${plan}&line=${line}`)).body.visits) stored.add(v.id);
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);

    const interrupted = (await call2('GET', `/v1/plans/${stuck}`)).body;
    expect(interrupted).toMatchObject({ status: 'failed', error: { code: 'JOB_INTERRUPTED', message: 'the service stopped while this job ran; POST /v1/plans/{id}/retry runs it again' } });
    await until(() => call2('GET', `/v1/plans/${queued}`), (r) => r.body.status === 'succeeded');
    expect((await call2('GET', `/v1/plans/${plan}/lines/L01/days/2026-03-10`)).status).toBe(200);

    // Retried, it runs again (and, seed 999, hangs): a graceful stop ends it as interrupted and exits 0.
    expect((await call2('POST', `/v1/plans/${stuck}/retry`)).status).toBe(202);
    await until(() => call2('GET', `/v1/plans/${stuck}`), (r) => r.body.status === 'running' && r.body.attempts === 2);
    const stopped = exited(second.child);
    second.child.kill('SIGTERM');
    expect(await stopped).toEqual({ code: 0, signal: null });

    const third = await startChild();
    const call3 = client(third.url);
    expect((await call3('GET', `/v1/plans/${stuck}`)).body).toMatchObject({ status: 'failed', error: { code: 'JOB_INTERRUPTED' }, attempts: 2 });
    const thirdGone = exited(third.child);
    third.child.kill('SIGTERM');
    expect(await thirdGone).toEqual({ code: 0, signal: null });
  });
});
