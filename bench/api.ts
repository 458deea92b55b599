/**
 * `npm run bench:api [-- --runs 3 --seconds 10 --connections 16]`: the service's HTTP
 * latency and throughput on loopback, with autocannon.
 *
 * The service runs in a child process (this file with `--serve`): the real server.ts and
 * store, the demo dataset, and a stored plan of the demo city's 105 lines from a
 * synthetic planner (17 stops and 2 phone visits a day, real shops: the day payload is
 * the size the real planner's is, ~6 kB). Scenarios, each bounded in time, several runs:
 *
 * - `day`: managers fetching their day, across lines and dates (target ≥ 2,000 req/s,
 *   p99 ≤ 20 ms, no errors);
 * - `day-304`: the same with the ETag the phone has (If-None-Match → 304);
 * - `visits`: recording visits, each committed to disk (WAL, synchronous = FULL) before
 *   its 201 (target ≥ 500 req/s, no errors).
 *
 * With `--roads` the stored plan's days are built with road directions (issue 10): a local
 * osrm-routed serves the demo network (data/demo/roads.osm), the service gets its URL
 * (OSRM_URL), and each day's legs carry their road path and Chinese turn-by-turn; results go
 * to bench/results/api-roads.json.
 *
 * With DATABASE_URL set, the service's store is that PostgreSQL database (issue 13) and
 * results go to bench/results/api-postgres.json.
 *
 * Prints a table of medians and writes bench/results/api.json. Loopback only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { loadDataset } from '../src/io/loadDataset.ts';
import { loadConfig } from '../src/service/config.ts';
import { closeOnSignals, startServer } from '../src/service/server.ts';
import { loadTerrain } from '../src/travel/loadTerrain.ts';
import { travelSpecFrom } from '../src/travel/travelConfig.ts';
import { travelSource } from '../src/travel/travelSpec.ts';
import { serveDemoRoads } from './support/demoOsrm.ts';
import { startService } from './support/serviceChild.ts';
import { syntheticPlan } from './support/syntheticPlan.ts';
import { median } from './support/median.ts';

const SECRET = 'bench-planner-secret-0123456789abcdef';
const KEYS = `bench:planner::${SECRET}`;
const TOKEN = `bench.${SECRET}`;
const START = '2026-03-09';

const { values } = parseArgs({
  options: {
    serve: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    data: { type: 'string', default: 'data/demo' },
    roads: { type: 'boolean', default: false },
  },
});

if (values.serve) await serve();
else await bench();

/** Child: the service with a stored plan of the demo city; prints `READY <json>`. */
async function serve(): Promise<void> {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2)) as unknown as FastifyBaseLogger;
  const dataset = await loadDataset(values.data);
  const travel = process.env.OSRM_URL ? travelSource(travelSpecFrom(process.env.OSRM_URL), loadTerrain(join(values.data, 'terrain.asc')), dataset.policy) : undefined;
  // The synthetic planner runs in this process, on either store.
  const server = await startServer({ config: { ...loadConfig(), planJobs: 'in-process' }, planner: async (r) => syntheticPlan(r), logger, ...(travel ? { travel } : {}) });
  closeOnSignals(server, logger);
  const datasetId = (await server.store.datasets.insert(dataset, ['retailers.csv', 'lines.csv', 'policy.json'])).id;
  const job = await server.store.jobs.create('plan', datasetId, { start: START, weeks: 1 });
  await server.app.jobs.enqueue(job.id);
  await server.app.jobs.idle();
  const plan = (await server.store.plans.get(job.id))!.plan;
  const days = plan.lines.flatMap((l) => l.days.map((d) => ({ line: l.line, date: d.date, stops: d.stops.map((s) => s.retailer) })));
  process.stdout.write(`READY ${JSON.stringify({ url: server.url, plan: job.id, days })}\n`);
}

interface Ready {
  url: string;
  plan: string;
  days: { line: string; date: string; stops: string[] }[];
}

interface Run {
  scenario: string;
  run: number;
  requestsPerSec: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function bench(): Promise<void> {
  const runs = Number(values.runs);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const osrm = values.roads ? await serveDemoRoads() : undefined;
  if (osrm) process.env.OSRM_URL = osrm.url;
  const { ready: whenReady, stop } = startService<Ready>(new URL(import.meta.url).pathname, values.data, KEYS, 'api');
  const file = osrm ? 'bench/results/api-roads.json' : process.env.DATABASE_URL ? 'bench/results/api-postgres.json' : 'bench/results/api.json';
  try {
    const ready = await whenReady;
    const auth = { authorization: `Bearer ${TOKEN}` };
    const dayPath = (d: Ready['days'][number]) => `/v1/plans/${ready.plan}/lines/${d.line}/days/${d.date}`;
    // Importing the city blocked the service's event loop; wait until it no longer sheds load (503).
    for (let i = 0; (await fetch(`${ready.url}${dayPath(ready.days[0])}`, { headers: auth })).status !== 200; i++) {
      if (i > 100) throw new Error('the service keeps refusing requests');
      await new Promise((r) => setTimeout(r, 100));
    }
    const etags = new Map<string, string>();
    for (const d of ready.days.slice(0, 50)) etags.set(dayPath(d), (await fetch(`${ready.url}${dayPath(d)}`, { headers: auth })).headers.get('etag')!);
    const cached = ready.days.slice(0, 50);

    let n = 0;
    const scenarios: Record<string, autocannon.Request[]> = {
      day: ready.days.map((d) => ({ method: 'GET', path: dayPath(d), headers: auth })),
      'day-304': cached.map((d) => ({ method: 'GET', path: dayPath(d), headers: { ...auth, 'if-none-match': etags.get(dayPath(d))! } })),
      visits: [
        {
          method: 'POST',
          path: '/v1/visits',
          headers: { ...auth, 'content-type': 'application/json' },
          // A done visit at a planned shop of some line-day, a new one each time.
          setupRequest: (req) => {
            const d = ready.days[n % ready.days.length];
            const retailer = d.stops[Math.floor(n / ready.days.length) % d.stops.length];
            n += 1;
            return { ...req, body: JSON.stringify({ plan: ready.plan, retailer, date: d.date, mode: 'in_person', outcome: 'done', startedAt: `${d.date}T09:00:00+08:00` }) };
          },
        },
      ],
    };
    const results: Run[] = [];
    for (let run = 1; run <= runs; run++) {
      for (const [scenario, requests] of Object.entries(scenarios)) {
        const r = await autocannon({ url: ready.url, connections, duration: seconds, requests, timeout: 10 });
        const row: Run = {
          scenario, run,
          requestsPerSec: Math.round(r.requests.average),
          latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
          requests: r.requests.total, non2xx: scenario === 'day-304' ? r.non2xx - countOf(r, 304) : r.non2xx, errors: r.errors, timeouts: r.timeouts,
        };
        results.push(row);
        process.stderr.write(`run ${run} ${scenario}: ${row.requestsPerSec} req/s, p99 ${row.latencyMs.p99} ms, non-2xx ${row.non2xx}, errors ${row.errors}\n`);
      }
    }
    const targets: Record<string, { minRps: number; maxP99Ms?: number }> = { day: { minRps: 2000, maxP99Ms: 20 }, 'day-304': { minRps: 2000, maxP99Ms: 20 }, visits: { minRps: 500 } };
    const summary = Object.keys(scenarios).map((scenario) => {
      const rs = results.filter((r) => r.scenario === scenario);
      const rps = median(rs.map((r) => r.requestsPerSec));
      const p50 = median(rs.map((r) => r.latencyMs.p50));
      const p99 = median(rs.map((r) => r.latencyMs.p99));
      const failures = rs.reduce((s, r) => s + r.non2xx + r.errors + r.timeouts, 0);
      const t = targets[scenario];
      const met = rps >= t.minRps && (t.maxP99Ms === undefined || p99 <= t.maxP99Ms) && failures === 0;
      return { scenario, medianRequestsPerSec: rps, medianP50Ms: p50, medianP99Ms: p99, failures, target: t, met };
    });
    console.log(`\nAPI on 127.0.0.1, ${connections} connections, ${seconds} s per scenario, median of ${runs} runs (${cpus().length} cores, Node ${process.versions.node})\n`);
    console.log('scenario   req/s    p50 ms  p99 ms  failures  target                 met');
    for (const s of summary) {
      const target = `≥ ${s.target.minRps}/s${s.target.maxP99Ms ? `, p99 ≤ ${s.target.maxP99Ms} ms` : ''}`;
      console.log(
        `${s.scenario.padEnd(9)} ${String(s.medianRequestsPerSec).padStart(6)}  ${String(s.medianP50Ms).padStart(7)} ${String(s.medianP99Ms).padStart(7)} ${String(s.failures).padStart(9)}  ${target.padEnd(22)} ${s.met ? 'yes' : 'NO'}`,
      );
    }
    mkdirSync('bench/results', { recursive: true });
    const out = {
      benchmark: 'service API on loopback (autocannon)',
      date: new Date().toISOString(),
      node: process.versions.node,
      cores: cpus().length,
      cpu: cpus()[0]?.model,
      connections,
      secondsPerScenario: seconds,
      runs,
      storedPlan: { lines: new Set(ready.days.map((d) => d.line)).size, days: ready.days.length, stopsPerDay: 17, remotePerDay: 2 },
      durability: process.env.DATABASE_URL
        ? 'PostgreSQL as configured (fsync, synchronous_commit on by default); a visit is answered after its COMMIT (group commit batches concurrent records, a savepoint each)'
        : 'WAL, synchronous = FULL; a visit is answered after its COMMIT (group commit batches concurrent records)',
      summary,
      results,
    };
    writeFileSync(file, `${JSON.stringify({ ...out, roads: Boolean(osrm), store: process.env.DATABASE_URL ? 'postgres' : 'sqlite' }, null, 2)}\n`);
    console.log(`\nwrote ${file}`);
  } finally {
    await stop();
    await osrm?.stop();
  }
}

/** How many answers had this status. */
function countOf(r: autocannon.Result, status: number): number {
  return (r.statusCodeStats as Record<string, { count: number }> | undefined)?.[String(status)]?.count ?? 0;
}
