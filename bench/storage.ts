/**
 * `npm run bench:storage [-- --replans 10 --weeks 4]`: what the store grows by when a
 * plan of the demo city (105 lines) is stored, then re-planned one line at a time, as the
 * service does it (JobRunner, the real store; the synthetic planner of bench:api, 19
 * visits a line-day). Sizes are planner.db after a WAL checkpoint. Prints a table and
 * writes bench/results/storage.json.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { loadDataset } from '../src/io/loadDataset.ts';
import { JobRunner } from '../src/service/jobs/runner.ts';
import { Metrics } from '../src/service/metrics/registry.ts';
import { openStore } from '../src/service/store/index.ts';
import { syntheticPlan } from './support/syntheticPlan.ts';

const { values } = parseArgs({ options: { replans: { type: 'string', default: '10' }, weeks: { type: 'string', default: '4' }, data: { type: 'string', default: 'data/demo' } } });
const replans = Number(values.replans);
const weeks = Number(values.weeks);
const MB = 1024 * 1024;

const dir = mkdtempSync(join(tmpdir(), 'vp-bench-storage-'));
try {
  const store = await openStore(dir);
  const size = () => {
    store.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    return statSync(store.path).size;
  };
  const runner = new JobRunner({ store, planner: async (r) => syntheticPlan(r), log: pino({ level: 'warn' }) as unknown as FastifyBaseLogger, metrics: new Metrics() });
  const dataset = await loadDataset(values.data);
  const datasetId = (await store.datasets.insert(dataset, ['retailers.csv', 'lines.csv', 'policy.json'])).id;
  const withDataset = size();
  const plan = await store.jobs.create('plan', datasetId, { start: '2026-03-02', weeks });
  runner.enqueue(plan.id);
  await runner.idle();
  const withPlan = size();
  let parent = plan.id;
  const steps: number[] = [];
  for (let i = 0; i < replans; i++) {
    const line = dataset.lines[i % dataset.lines.length].line;
    const job = await store.jobs.create('replan', datasetId, { start: '2026-03-02', weeks, lines: [line], blocked: [] }, parent);
    const before = size();
    runner.enqueue(job.id);
    await runner.idle();
    const status = (await store.jobs.get(job.id))!.status;
    if (status !== 'succeeded') throw new Error(`re-plan ${i + 1} ${status}`);
    steps.push(size() - before);
    parent = job.id;
  }
  const perReplan = steps.reduce((a, b) => a + b, 0) / steps.length;
  const result = {
    benchmark: 'store growth: a plan of the demo city, then one-line re-plans',
    date: new Date().toISOString(),
    lines: dataset.lines.length,
    weeks,
    replans,
    mb: { dataset: withDataset / MB, plan: (withPlan - withDataset) / MB, perReplan: perReplan / MB, total: size() / MB },
  };
  console.log(`demo city, ${dataset.lines.length} lines, ${weeks}-week plan, ${replans} one-line re-plans`);
  console.log(`  dataset        ${(withDataset / MB).toFixed(1)} MB`);
  console.log(`  the plan       +${((withPlan - withDataset) / MB).toFixed(1)} MB`);
  console.log(`  per re-plan    +${(perReplan / MB).toFixed(2)} MB (each: ${steps.map((s) => (s / MB).toFixed(2)).join(', ')})`);
  console.log(`  total          ${(size() / MB).toFixed(1)} MB`);
  await store.close();
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/storage.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log('wrote bench/results/storage.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
