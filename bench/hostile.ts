/**
 * `npm run bench:hostile [-- --seconds 8 --rate 5 --plan-ms 20000]`: the managers' day
 * endpoint while the service is abused, on loopback, and what each abuse costs.
 *
 * The service runs in a child process (this file with `--serve`): the real server.ts and
 * store, the demo city (105 lines) with a stored week plan and a four-week plan (the
 * synthetic planner of bench:api), and the real city planner for the full plan job (on
 * PLANNER_THREADS, as `npm start`). 105 manager keys poll their own line's days, each
 * `--rate` times a second, from a process of their own (support/pollDays.ts; latency from
 * when a request was due), while, one after
 * the other: nothing (the baseline); CSV uploads of 10,000, 100,000 and 1,000,000 bad rows;
 * 2 MB of blank lines; an XLSX whose sheet inflates to 387 MB; the largest valid upload
 * (400,000 retailers); a full plan job of the city; the four-week plan's XLSX export.
 * Each row gives the day endpoint's p50/p99/max and non-2xx during it, the abuse's own
 * answer (status, time, size) and the child's peak RSS above what it was before. Then the
 * small limits: event streams of one key (during the plan job), a stalled body, wrong
 * secrets from one address (last: it locks the address out for a minute).
 *
 * Prints a table and writes bench/results/hostile.json. Loopback only.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import type { FastifyBaseLogger } from 'fastify';
import JSZip from 'jszip';
import { pino } from 'pino';
import { LINE_COLUMNS } from '../src/domain/line.ts';
import { RETAILER_COLUMNS } from '../src/domain/retailer.ts';
import { loadDataset } from '../src/io/loadDataset.ts';
import { createCityPlanner } from '../src/planner/planCity.ts';
import type { Planner } from '../src/planner/api.ts';
import { loadConfig } from '../src/service/config.ts';
import { closeOnSignals, startServer } from '../src/service/server.ts';
import { loadTerrain } from '../src/travel/loadTerrain.ts';
import { startService } from './support/serviceChild.ts';
import { syntheticPlan } from './support/syntheticPlan.ts';

const START = '2026-03-09';
/** Jobs with this seed are the synthetic planner's (instant); others the city planner's. */
const SYNTHETIC_SEED = 424242;
const secret = (id: string) => `${id}-bench-secret-0123456789abcdefghij`;

const { values } = parseArgs({
  options: {
    serve: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '8' },
    rate: { type: 'string', default: '5' },
    'plan-ms': { type: 'string', default: '20000' },
    data: { type: 'string', default: 'data/demo' },
    /** Only the rows whose name contains one of these `|`-separated parts (and the small limits). */
    only: { type: 'string', default: '' },
  },
});

if (values.serve) await serve();
else await bench();

interface Ready {
  url: string;
  pid: number;
  week: string;
  fourWeeks: string;
  dataset: string;
  lines: string[];
  days: { line: string; date: string }[];
}

/** Child: the service with the demo city and its plans; prints `READY <json>`. */
async function serve(): Promise<void> {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2)) as unknown as FastifyBaseLogger;
  const config = loadConfig();
  const city = createCityPlanner({ terrain: loadTerrain(join(values.data, 'terrain.asc')), threads: config.plannerThreads });
  const planner: Planner = (request, options) => (request.seed === SYNTHETIC_SEED ? Promise.resolve(syntheticPlan(request)) : city.plan(request, options));
  const server = await startServer({ config, planner, logger });
  closeOnSignals(server, logger, () => city.close());
  const dataset = await loadDataset(values.data);
  const datasetId = (await server.store.datasets.insert(dataset, ['retailers.csv', 'lines.csv', 'policy.json'])).id;
  const plan = async (weeks: number) => {
    const job = await server.store.jobs.create('plan', datasetId, { start: START, weeks, seed: SYNTHETIC_SEED });
    await server.app.jobs.enqueue(job.id);
    return job.id;
  };
  const week = await plan(1);
  const fourWeeks = await plan(4);
  await server.app.jobs.idle();
  const days = (await server.store.plans.get(week))!.plan.lines.flatMap((l) => l.days.map((d) => ({ line: l.line, date: d.date })));
  const ready: Ready = { url: server.url, pid: process.pid, week, fourWeeks, dataset: datasetId, lines: dataset.lines.map((l) => l.line), days };
  process.stdout.write(`READY ${JSON.stringify(ready)}\n`);
}

/** The child's resident memory, MB. */
function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

interface Row {
  scenario: string;
  day: { requests: number; p50: number; p99: number; max: number; non2xx: number; errors: number };
  abuse?: { status: number; seconds: number; bytes: number; code?: string; message?: string; problemsListed?: number };
  rssPeakAboveBeforeMb: number;
}

async function bench(): Promise<void> {
  const seconds = Number(values.seconds);
  const rate = Number(values.rate);
  const demoLines = readFileSync(join(values.data, 'lines.csv'), 'utf8');
  const lineIds = demoLines.trim().split('\n').slice(1).map((l) => l.split(',')[0]);
  const managers = lineIds.map((line) => ({ id: `m${line}`, line, token: `m${line}.${secret(`m${line}`)}` }));
  const keys = ['bench:planner::' + secret('bench'), ...managers.map((m) => `${m.id}:manager:${m.line}:${secret(m.id)}`)].join(',');
  const planner = { authorization: `Bearer bench.${secret('bench')}` };
  const { ready: whenReady, stop } = startService<Ready>(new URL(import.meta.url).pathname, values.data, keys, 'hostile');
  const rows: Row[] = [];
  const extra: Record<string, unknown> = {};
  try {
    const ready = await whenReady;
    const { url, pid } = ready;
    const byLine = new Map<string, string[]>();
    for (const d of ready.days) byLine.set(d.line, [...(byLine.get(d.line) ?? []), d.date]);
    await new Promise((r) => setTimeout(r, 1000));

    /** The managers poll their days for `seconds` while `abuse` runs (started 1 s in); the child's RSS is sampled meanwhile. */
    const scenario = async (name: string, abuse?: () => Promise<Row['abuse']>): Promise<void> => {
      const before = rssMb(pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
      const load = poll({ url, seconds, rate, clients: managers.map((m) => ({ token: m.token, paths: (byLine.get(m.line) ?? []).map((date) => `/v1/plans/${ready.week}/lines/${m.line}/days/${date}`) })) });
      const abused = abuse ? new Promise((r) => setTimeout(r, 1000)).then(abuse) : Promise.resolve(undefined);
      const [r, a] = await Promise.all([load, abused]);
      clearInterval(sampler);
      peak = Math.max(peak, rssMb(pid));
      const row: Row = {
        scenario: name,
        day: r,
        ...(a ? { abuse: a } : {}),
        rssPeakAboveBeforeMb: Math.round(peak - before),
      };
      rows.push(row);
      process.stderr.write(`${name}: day p99 ${row.day.p99} ms, max ${row.day.max} ms, non-2xx ${row.day.non2xx}${a ? `; answer ${a.status} in ${a.seconds.toFixed(2)} s, ${a.bytes} bytes` : ''}; RSS +${row.rssPeakAboveBeforeMb} MB\n`);
      // Let the service settle (a worker ending, memory returned) before the next row.
      await new Promise((res) => setTimeout(res, 2000));
    };

    /** An upload's body, built before the row that sends it (building it would stall this process's load generator). */
    const body = (retailers: { name: string; text?: string; base64?: string }) =>
      Buffer.from(JSON.stringify({ retailers, lines: { name: 'lines.csv', text: demoLines }, policy: { name: 'policy.json', text: readFileSync(join(values.data, 'policy.json'), 'utf8') } }));
    /** Sends a dataset upload; its answer, timed. */
    const upload = async (payload: Buffer): Promise<NonNullable<Row['abuse']>> => {
      const t = performance.now();
      const res = await fetch(`${url}/v1/datasets`, { method: 'POST', headers: { ...planner, 'content-type': 'application/json' }, body: payload });
      const text = await res.text();
      const seconds_ = (performance.now() - t) / 1000;
      let parsed: { code?: string; message?: string; problems?: unknown[] } = {};
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: leave it
      }
      return { status: res.status, seconds: seconds_, bytes: text.length, ...(parsed.code ? { code: parsed.code } : {}), ...(parsed.message ? { message: parsed.message } : {}), ...(parsed.problems ? { problemsListed: parsed.problems.length } : {}) };
    };
    const badRows = (n: number) => `${RETAILER_COLUMNS.join(',')}\n${Array.from({ length: n }, (_, i) => `R${String(i).padStart(7, '0')}${','.repeat(RETAILER_COLUMNS.length - 1)}`).join('\n')}\n`;
    const wanted = (name: string) => values.only === '' || values.only.split('|').some((part) => name.includes(part));
    const row = async (name: string, make?: () => Promise<Buffer> | Buffer, send: (b: Buffer) => Promise<Row['abuse']> = upload) => {
      if (!wanted(name)) return;
      process.stderr.write(`${name}: preparing\n`);
      const payload = make ? await make() : undefined;
      await scenario(name, payload ? () => send(payload) : undefined);
    };
    await row('baseline');
    await row('CSV, 10,000 bad rows', () => body({ name: 'retailers.csv', text: badRows(10_000) }));
    await row('CSV, 100,000 bad rows', () => body({ name: 'retailers.csv', text: badRows(100_000) }));
    await row('CSV, 1,000,000 bad rows (26.9 MB)', () => body({ name: 'retailers.csv', text: badRows(1_000_000) }));
    await row('CSV, 2 MB of blank lines', () => body({ name: 'retailers.csv', text: `${RETAILER_COLUMNS.join(',')}\n${'\n'.repeat(2 * 1024 * 1024)}` }));
    await row('XLSX inflating to 387 MB', async () => {
      const bomb = await xlsxBomb(387 * 1024 * 1024);
      extra.xlsxBomb = { zipBytes: bomb.length };
      return body({ name: 'retailers.xlsx', base64: bomb.toString('base64') });
    });
    await row('largest valid upload, 400,000 rows', () => {
      const text = validRows(400_000, lineIds);
      extra.largestUpload = { rows: 400_000, textBytes: Buffer.byteLength(text) };
      return body({ name: 'retailers.csv', text });
    });
    await row('full plan job of the city (real planner, 1 week)', () => Buffer.alloc(0), async () => {
      const t = performance.now();
      const res = await fetch(`${url}/v1/plans`, { method: 'POST', headers: { ...planner, 'content-type': 'application/json' }, body: JSON.stringify({ dataset: ready.dataset, start: START, weeks: 1, timeLimitMs: Number(values['plan-ms']) }) });
      const { id } = (await res.json()) as { id: string };
      // One key opens 20 event streams on the running job: MAX_STREAMS_PER_KEY are served, the rest refused.
      const streams: Record<string, number> = {};
      const open: AbortController[] = [];
      for (let k = 0; k < 20; k++) {
        const abort = new AbortController();
        open.push(abort);
        const r = await fetch(`${url}/v1/plans/${id}/events`, { headers: planner, signal: abort.signal });
        streams[r.status] = (streams[r.status] ?? 0) + 1;
        if (r.status !== 200) await r.arrayBuffer();
      }
      for (const a of open) a.abort();
      extra.streamsOfOneKey = streams;
      for (;;) {
        const job = (await (await fetch(`${url}/v1/plans/${id}`, { headers: planner })).json()) as { status: string };
        if (job.status === 'succeeded' || job.status === 'failed') return { status: job.status === 'succeeded' ? 200 : 500, seconds: (performance.now() - t) / 1000, bytes: 0, message: job.status };
        await new Promise((r) => setTimeout(r, 200));
      }
    });
    await row('XLSX export of the four-week plan (first, built)', () => Buffer.alloc(0), async () => {
      const t = performance.now();
      const res = await fetch(`${url}/v1/plans/${ready.fourWeeks}/export.xlsx`, { headers: planner });
      const bytes = (await res.arrayBuffer()).byteLength;
      return { status: res.status, seconds: (performance.now() - t) / 1000, bytes };
    });
    await row('baseline, again');
    process.stderr.write('the small limits\n');
    await (await fetch(`${url}/v1/plans`, { headers: planner })).arrayBuffer();
    const t = performance.now();
    const list = await fetch(`${url}/v1/plans`, { headers: planner });
    extra.listPlans = { status: list.status, ms: Math.round(performance.now() - t), bytes: (await list.text()).length };

    // The small limits, without load.
    extra.stalledBodyClosedAfterSeconds = await stalledBody(url, managers[0].token);
    // Last: it locks this address out for the rest of the minute.
    const statuses: Record<string, number> = {};
    for (let k = 0; k < 100; k++) {
      const res = await fetch(`${url}/v1/plans`, { headers: { authorization: 'Bearer bench.wrong-secret' } });
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      await res.arrayBuffer();
    }
    extra.wrongSecrets = statuses;
    process.stderr.write(`wrong secrets: ${JSON.stringify(statuses)}\n`);

    const cores = cpus().length;
    console.log(`\nThe day endpoint, 105 manager keys polling ${rate}/s each (${managers.length * rate}/s), ${seconds} s per row; loopback, ${cores} cores, Node ${process.versions.node}\n`);
    console.log('scenario                                              day p50  p99   max  non-2xx | answer           s       bytes | RSS +MB');
    for (const r of rows) {
      const a = r.abuse ? `${String(r.abuse.status).padEnd(4)} ${(r.abuse.code ?? '').padEnd(12)} ${r.abuse.seconds.toFixed(2).padStart(6)} ${String(r.abuse.bytes).padStart(10)}` : ''.padEnd(35);
      console.log(`${r.scenario.padEnd(53)} ${String(r.day.p50).padStart(4)} ${String(r.day.p99).padStart(4)} ${String(r.day.max).padStart(5)} ${String(r.day.non2xx + r.day.errors).padStart(8)} | ${a} | ${r.rssPeakAboveBeforeMb}`);
    }
    console.log(`\nGET /v1/plans: ${JSON.stringify(extra.listPlans)}; 100 wrong secrets on one address: ${JSON.stringify(extra.wrongSecrets)}; 20 event streams of one key: ${JSON.stringify(extra.streamsOfOneKey)}; a stalled body closed after ${extra.stalledBodyClosedAfterSeconds} s`);
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(
      'bench/results/hostile.json',
      `${JSON.stringify({ benchmark: 'the day endpoint under hostile uploads, a plan job and an export', date: new Date().toISOString(), node: process.versions.node, cores, cpu: cpus()[0]?.model, managers: managers.length, pollsPerSecondEach: rate, secondsPerRow: seconds, rows, ...extra }, null, 2)}\n`,
    );
    console.log('wrote bench/results/hostile.json');
  } finally {
    await stop();
  }
}

/** Runs the managers' polling in a child process (bench/support/pollDays.ts); its latencies. */
function poll(job: { url: string; seconds: number; rate: number; clients: { token: string; paths: string[] }[] }): Promise<Row['day']> {
  const child = spawn(process.execPath, [new URL('./support/pollDays.ts', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin!.end(JSON.stringify(job));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      const m = /RESULT (.*)\n/.exec(out);
      if (m) resolve(JSON.parse(m[1]));
      else reject(new Error(`the poller exited (${code}) without a result`));
    });
  });
}

/** `n` valid retailers spread over the demo lines, as CSV text. */
function validRows(n: number, lines: readonly string[]): string {
  const rows = Array.from({ length: n }, (_, i) => [
    `S${String(i).padStart(7, '0')}`, `店${i}`, (113.5 + (i % 997) / 1000).toFixed(6), (31.8 + (i % 991) / 1000).toFixed(6), '浉河区', '老城街道', '1', 'grocery', 'ordinary', '0', '0', '0',
    lines[i % lines.length], '08:00', '21:00', String((i % 5) + 1), 'computer', '13800138000', '100',
  ]);
  return stringify(rows, { header: true, columns: [...RETAILER_COLUMNS] });
}

/** An XLSX whose one sheet inflates to `bytes` of rows (highly compressible, as a bomb is). */
async function xlsxBomb(bytes: number): Promise<Buffer> {
  const row = (r: number) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>R${r}</t></is></c><c r="B${r}"><v>${r % 1000}</v></c></row>`;
  const rowsPerChunk = 10_000;
  const chunks: string[] = [];
  let size = 0;
  for (let r = 1; size < bytes; r += rowsPerChunk) {
    const chunk = Array.from({ length: rowsPerChunk }, (_, k) => row(r + k)).join('');
    chunks.push(chunk);
    size += chunk.length;
  }
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>');
  zip.file('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="r" sheetId="1" r:id="rId1"/></sheets></workbook>');
  zip.file('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>');
  zip.file('xl/worksheets/sheet1.xml', `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${chunks.join('')}</sheetData></worksheet>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/** Seconds until the service ends a connection whose body stopped after a few bytes. */
async function stalledBody(url: string, token: string): Promise<number> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise((r) => socket.once('connect', r));
  const t = performance.now();
  socket.write(`POST /v1/visits HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"plan":`);
  await new Promise((r) => socket.once('close', r));
  return Number(((performance.now() - t) / 1000).toFixed(1));
}
