/**
 * A province on the shared queue: N demo-shaped cities (N seeds) uploaded as N datasets,
 * each planned for one week, with 1, 2 and 4 planner worker processes of one thread
 * each; the throughput (lines planned a second, from the jobs' posting to the last plan
 * stored) and its ratio to one worker.
 *
 *   npm run bench:province -- [--cities 4] [--workers 1,2,4] [--iterations 400] [--runs 1]
 *
 * Lines are solved to a fixed number of rounds, so each worker count does the same work
 * and makes the same plans (the table's yuan column says so). PostgreSQL is DATABASE_URL's
 * or, unset, a throwaway cluster of this run's own (tools/pgCluster.ts). The API instance
 * runs in this process and plans nothing; workers are `npm run worker` processes.
 * Writes bench/results/province.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { provinceUploads, uploadCity } from '../src/demo/province.ts';
import { loadConfig } from '../src/service/config.ts';
import { startServer } from '../src/service/server.ts';
import { startCluster, type PgCluster } from '../tools/pgCluster.ts';
import { median } from './support/median.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  strict: true,
  options: { cities: { type: 'string', default: '4' }, workers: { type: 'string', default: '1,2,4' }, iterations: { type: 'string', default: '400' }, runs: { type: 'string', default: '1' } },
});
const cities = Number(values.cities);
const workerCounts = values.workers.split(',').map(Number);
const iterations = Number(values.iterations);
const runs = Number(values.runs);
if (!Number.isInteger(cities) || cities < 1 || workerCounts.some((w) => !Number.isInteger(w) || w < 1) || !Number.isInteger(iterations) || !Number.isInteger(runs) || runs < 1) {
  process.stderr.write('usage: npm run bench:province -- [--cities 4] [--workers 1,2,4] [--iterations 400] [--runs 1]\n');
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));

// One planner key per city, so that every city's job may wait at once (a key has one job waiting at most).
const secret = (k: number) => `Pv${k}x9QmZ2LwT7bN4cR8sJ1dF6gH3yUe5KaW`;
const keys = Array.from({ length: cities }, (_, k) => ({ id: `p${k}`, token: `p${k}.${secret(k)}` }));
const API_KEYS = keys.map((k, i) => `${k.id}:planner::${secret(i)}`).join(',');

let cluster: PgCluster | undefined;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  cluster = await startCluster();
  databaseUrl = await cluster.createDatabase('province');
}
const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' }) as unknown as FastifyBaseLogger;
const config = { ...loadConfig({ ...process.env, DATABASE_URL: databaseUrl, PLAN_JOBS: 'queue', PLANNER_THREADS: '0', PORT: '0', API_KEYS, MAX_QUEUED_JOBS: String(Math.max(20, cities + 5)) }), maxEventLoopDelayMs: 0 };
const server = await startServer({ config, logger });

process.stderr.write(`uploading ${cities} cities…\n`);
const datasets: string[] = [];
for (const city of provinceUploads(cities, root)) {
  datasets.push(await uploadCity(server.url, keys[0].token, city));
  process.stderr.write(`  ${city.city}: ${datasets.at(-1)}\n`);
}

function startWorker(name: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('../src/service/worker.ts', import.meta.url))], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PLANNER_THREADS: '1', PLAN_ITERATIONS_PER_LINE: String(iterations), WORKER_NAME: name, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('taking tasks')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`worker ${name} exited (${code}) before taking tasks`)));
  });
}

const call = async (method: string, path: string, token: string, body?: unknown) => {
  const res = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return (await res.json()) as any;
};

interface Row {
  workers: number;
  run: number;
  lines: number;
  /** Lines whose solver failed (they count in `lines`, planned or not: none should). */
  failedLines: number;
  seconds: number;
  linesPerSecond: number;
  yuan: number;
}
const rows: Row[] = [];
for (let run = 1; run <= runs; run++) {
  for (const n of workerCounts) {
    const workers = await Promise.all(Array.from({ length: n }, (_, k) => startWorker(`w${k + 1}of${n}`)));
    const t0 = performance.now();
    const ids: string[] = [];
    for (let c = 0; c < cities; c++) ids.push((await call('POST', '/v1/plans', keys[c].token, { dataset: datasets[c], start: '2026-12-07', weeks: 1, seed: 1 })).id as string);
    const done = new Set<string>();
    let lines = 0;
    let failedLines = 0;
    let yuan = 0;
    while (done.size < ids.length) {
      await new Promise((r) => setTimeout(r, 200));
      for (const [c, id] of ids.entries()) {
        if (done.has(id)) continue;
        const job = await call('GET', `/v1/plans/${id}`, keys[c].token);
        if (job.status === 'failed') throw new Error(`plan ${id} failed: ${JSON.stringify(job.error)}`);
        if (job.status === 'succeeded') {
          done.add(id);
          lines += job.progress.linesTotal;
          failedLines += (job.lines as { error: string | null }[]).filter((l) => l.error !== null).length;
          yuan += job.figures.yuan;
        }
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    rows.push({ workers: n, run, lines, failedLines, seconds: Number(seconds.toFixed(2)), linesPerSecond: Number((lines / seconds).toFixed(3)), yuan: Number(yuan.toFixed(2)) });
    process.stderr.write(`  ${n} worker(s), run ${run}: ${lines} lines in ${seconds.toFixed(1)} s\n`);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((r) => {
            w.once('exit', () => r());
            w.kill('SIGTERM');
          }),
      ),
    );
  }
}
await server.close();
await cluster?.stop();

const byWorkers = workerCounts.map((n) => ({ workers: n, medianSeconds: median(rows.filter((r) => r.workers === n).map((r) => r.seconds)) }));
const base = byWorkers[0].medianSeconds;
const summary = byWorkers.map((b) => ({ ...b, throughputRatio: Number((base / b.medianSeconds).toFixed(2)) }));
console.table(rows);
console.table(summary);
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/province.json',
  `${JSON.stringify({ date: new Date().toISOString(), cities, iterationsPerLine: iterations, weeks: 1, runs, cores: cpus().length, node: process.version, rows, summary, samePlans: new Set(rows.map((r) => r.yuan)).size === 1 }, null, 2)}\n`,
);
