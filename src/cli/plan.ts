/**
 * `npm run plan -- --data data/demo --start 2026-12-07 --weeks 4 --time 60 --out plan.json
 *   [--history visits.csv] [--previous plan.json] [--blocked L007:2026-12-09,...] [--lines L007,...] [--from 2026-12-10]
 *   [--xlsx plan.xlsx] [--xlsx-language en] [--geojson plan.geojson] [--seed n] [--threads n]
 *   [--travel terrain|osrm --osrm-url http://127.0.0.1:5000] [--iterations n]`
 * With OSRM, the client's settings come from OSRM_TIMEOUT_MS, OSRM_RETRIES, OSRM_BACKOFF_MS,
 * OSRM_MAX_TABLE_SIZE, OSRM_MAX_SNAP_M (src/travel/travelConfig.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { pino } from 'pino';
import { PlanSchema, type Plan } from '../domain/plan.ts';
import { ImportError } from '../io/importError.ts';
import { importVisits } from '../io/importVisits.ts';
import { loadDataset } from '../io/loadDataset.ts';
import { planGeojson } from '../io/exportPlanGeojson.ts';
import { planXlsx } from '../io/exportPlanXlsx.ts';
import type { BlockedDay } from '../planner/api.ts';
import { createCityPlanner } from '../planner/planCity.ts';
import { formatFigures } from '../planner/formatFigures.ts';
import { loadTerrain } from '../travel/loadTerrain.ts';
import { travelSpecFrom } from '../travel/travelConfig.ts';
import { TravelError } from '../travel/travelError.ts';

const log = pino({ name: 'plan' }, pino.destination(2));

function usage(message: string): never {
  process.stderr.write(`plan: ${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'data/demo' },
    start: { type: 'string' },
    weeks: { type: 'string', default: '4' },
    time: { type: 'string', default: '60' },
    out: { type: 'string', default: 'plan.json' },
    history: { type: 'string' },
    previous: { type: 'string' },
    blocked: { type: 'string' },
    lines: { type: 'string' },
    from: { type: 'string' },
    xlsx: { type: 'string' },
    'xlsx-language': { type: 'string', default: 'zh' },
    geojson: { type: 'string' },
    seed: { type: 'string', default: '1' },
    threads: { type: 'string' },
    terrain: { type: 'string' },
    travel: { type: 'string', default: 'terrain' },
    'osrm-url': { type: 'string' },
    iterations: { type: 'string' },
  },
  strict: true,
});

if (!values.start || !/^\d{4}-\d{2}-\d{2}$/.test(values.start)) usage('--start YYYY-MM-DD is required');
const weeks = Number(values.weeks);
if (!Number.isInteger(weeks) || weeks < 1 || weeks > 4) usage(`--weeks must be 1 to 4, got ${values.weeks}`);
const seconds = Number(values.time);
if (!(seconds > 0)) usage(`--time must be a positive number of seconds, got ${values.time}`);
const seed = Number(values.seed);
if (!Number.isInteger(seed)) usage(`--seed must be an integer, got ${values.seed}`);
const threads = values.threads === undefined ? undefined : Number(values.threads);
if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) usage(`--threads must be a positive integer, got ${values.threads}`);
const iterations = values.iterations === undefined ? undefined : Number(values.iterations);
if (iterations !== undefined && !(Number.isInteger(iterations) && iterations >= 1)) usage(`--iterations must be a positive integer, got ${values.iterations}`);
if (values.travel !== 'terrain' && values.travel !== 'osrm') usage(`--travel must be terrain or osrm, got ${values.travel}`);
if (values.travel === 'osrm' && !values['osrm-url']) usage('--travel osrm needs --osrm-url (e.g. http://127.0.0.1:5000)');
if (values.travel === 'terrain' && values['osrm-url']) usage('--osrm-url is for --travel osrm');
let travel;
try {
  travel = travelSpecFrom(values.travel === 'osrm' ? values['osrm-url'] : undefined);
} catch (e) {
  usage((e as Error).message);
}
const language = values['xlsx-language'];
if (language !== 'zh' && language !== 'en') usage(`--xlsx-language must be zh or en, got ${language}`);
const blocked: BlockedDay[] = (values.blocked ?? '')
  .split(',')
  .filter((s) => s !== '')
  .map((item) => {
    const m = /^([A-Za-z0-9_-]+):(\d{4}-\d{2}-\d{2})$/.exec(item.trim());
    if (!m) usage(`--blocked takes LINE:YYYY-MM-DD items separated by commas, got ${JSON.stringify(item)}`);
    return { line: m[1], date: m[2] };
  });

// Re-plan only these lines; with --previous the others are kept from it as they were.
const onlyLines = values.lines ? values.lines.split(',').map((s) => s.trim()).filter((s) => s !== '') : undefined;
if (onlyLines && !values.previous) usage('--lines re-plans some lines of a --previous plan: give --previous too');
// Keep the --previous plan's days before this date; re-plan from it with what happened (--history).
if (values.from !== undefined && (!values.previous || !/^\d{4}-\d{2}-\d{2}$/.test(values.from))) usage('--from YYYY-MM-DD re-plans a --previous plan from that date: give --previous too');

const started = performance.now();
try {
  const dataset = await loadDataset(values.data);
  const unknown = blocked.filter((b) => !dataset.lines.some((l) => l.line === b.line));
  if (unknown.length > 0) usage(`--blocked names unknown line(s): ${unknown.map((b) => b.line).join(', ')}`);
  const history = values.history ? await importVisits(readFileSync(values.history), values.history.endsWith('.xlsx') ? 'xlsx' : 'csv', values.history) : undefined;
  const previous: Plan | undefined = values.previous ? PlanSchema.parse(JSON.parse(readFileSync(values.previous, 'utf8'))) : undefined;
  const terrain = loadTerrain(values.terrain ?? join(values.data, 'terrain.asc'));
  // --iterations: a fixed search per line instead of the time budget (reproducible runs, comparisons of sources).
  const planner = createCityPlanner({ terrain, travel, ...(threads ? { threads } : {}), ...(iterations ? { iterationsPerLine: iterations } : {}) });
  const bar = new cliProgress.SingleBar({ format: 'planning lines [{bar}] {value}/{total} {line}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(onlyLines?.length ?? dataset.lines.length, 0, { line: '' });
  let plan: Plan;
  try {
    plan = await planner.plan(
      {
        dataset,
        start: values.start,
        weeks,
        seed,
        timeLimitMs: seconds * 1000 - (performance.now() - started),
        blocked,
        ...(history ? { history } : {}),
        ...(previous ? { previous } : {}),
        ...(onlyLines ? { lines: onlyLines } : {}),
        ...(values.from ? { from: values.from } : {}),
      },
      {
        onProgress: (p) => {
          bar.update(p.linesDone, { line: p.line ?? '' });
          if (p.error) log.error({ line: p.line, error: p.error }, 'line failed');
        },
      },
    );
  } finally {
    bar.stop();
    await planner.close();
  }
  writeFileSync(values.out, `${JSON.stringify(plan)}\n`);
  if (values.xlsx) writeFileSync(values.xlsx, await planXlsx(plan, dataset.retailers, dataset.lines, { language }));
  if (values.geojson) writeFileSync(values.geojson, `${JSON.stringify(planGeojson(plan, dataset.retailers, dataset.lines))}\n`);
  process.stdout.write(`${formatFigures(plan)}\n`);
  // Rules no plan of a line can keep, with by how much and why.
  for (const l of plan.lines) for (const w of l.warnings ?? []) process.stdout.write(`${l.line}: ${w}\n`);
  const failed = plan.lines.filter((l) => l.error).length;
  log.info({ out: values.out, travel: travel.kind, seconds: Math.round(performance.now() - started) / 1000, threads: planner.threads, failedLines: failed }, 'plan written');
  if (failed > 0) process.exitCode = 1;
} catch (e) {
  // A bad dataset, or a road engine down or refusing a shop: the message says which; no plan is written.
  if (e instanceof ImportError || e instanceof TravelError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  throw e;
}
