/**
 * `npm start`: the service on the demo data. Opens (or creates) the store in DATA_DIR,
 * imports the demo dataset if the store has none, plans the current week if no plan for
 * it exists, and prints the URL. On first start with no keys it makes a planner key (a
 * random id) and writes it to `<DATA_DIR>/first-planner-key.txt` (0600); the token is
 * printed only to a terminal. SIGTERM / SIGINT shut down gracefully.
 *
 * With DATABASE_URL the store is that PostgreSQL, and plan jobs go on its shared queue:
 * this process plans on PLANNER_THREADS threads as one of the queue's workers (0: none),
 * beside any `npm run worker` processes.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { addDays, weekday } from '../domain/calendar.ts';
import { PolicySchema } from '../domain/policy.ts';
import { loadDataset } from '../io/loadDataset.ts';
import { createCityPlanner } from '../planner/planCity.ts';
import { loadTerrain } from '../travel/loadTerrain.ts';
import { travelSpecFrom } from '../travel/travelConfig.ts';
import { travelSource } from '../travel/travelSpec.ts';
import { issueFirstPlannerKey } from './auth/firstKey.ts';
import { today as cityToday } from './cityTime.ts';
import { loadConfig } from './config.ts';
import { closeOnSignals, startServer } from './server.ts';

const config = loadConfig();
const demoDir = resolve(process.env.DEMO_DATA ?? 'data/demo');
const timeLimitMs = Number(process.env.PLAN_TIME_LIMIT_MS ?? 60_000);
const logger = pino({ level: config.logLevel }) as unknown as FastifyBaseLogger;

const firstKey = issueFirstPlannerKey(config);
if (firstKey) logger.warn({ key: firstKey.id, file: firstKey.path }, 'first start: a planner key was made; its token is in the file (readable by this user only)');

// OSRM_URL: plans and the phone's day routes on roads (an osrm-routed); unset: the embedded terrain model.
const terrain = loadTerrain(join(demoDir, 'terrain.asc'));
const travel = travelSpecFrom(process.env.OSRM_URL);
// Day routes: OSRM's climbing is read on the terrain grid; the policy only tunes the terrain model's own figures.
const days = travelSource(travel, terrain, PolicySchema.parse(JSON.parse(readFileSync(join(demoDir, 'policy.json'), 'utf8'))));
if (travel.kind === 'osrm') logger.info({ osrm: travel.osrm.url }, 'travel: OSRM');
// On the shared queue (DATABASE_URL) this process's planner worker has a pool of its own; in process, the city planner's.
const city = config.planJobs === 'in-process' ? createCityPlanner({ terrain, travel, threads: config.plannerThreads }) : undefined;
const server = await startServer({ config, ...(city ? { planner: city.plan } : { worker: { terrain, travel, days } }), travel: days, logger });
closeOnSignals(server, logger, async () => city?.close());

const { store } = server;
let datasetId = await store.datasets.latestId();
if (datasetId === undefined) {
  const dataset = await loadDataset(demoDir);
  datasetId = (await store.datasets.insert(dataset, ['retailers.csv', 'lines.csv', 'policy.json'])).id;
  logger.info({ dataset: datasetId, retailers: dataset.retailers.length, lines: dataset.lines.length }, `imported the demo dataset from ${demoDir}`);
}

// The current week's Monday in the city (TIME_ZONE); on a weekend the week about to
// start, as plans are made the week before.
const today = cityToday(config.timeZone);
const monday = weekday(today) >= 6 ? addDays(today, 8 - weekday(today)) : addDays(today, 1 - weekday(today));
const existing = (await store.jobs.list(1000)).find((j) => j.datasetId === datasetId && j.kind === 'plan' && j.request.start === monday && j.status !== 'failed');
let planId = existing?.id;
if (!existing) {
  const job = await store.jobs.create('plan', datasetId, { start: monday, weeks: 1, seed: 1, timeLimitMs });
  await server.app.jobs.enqueue(job.id);
  planId = job.id;
  logger.info({ plan: job.id, start: monday }, 'planning the current week');
}

process.stdout.write(
  [
    `visit planner listening on ${server.url}`,
    `  the page:  ${server.url}/ (sign in with a planner key)`,
    `  API docs:  ${server.url}/docs`,
    `  dataset:   ${datasetId}`,
    `  this week: ${server.url}/#view=figures&plan=${planId} (${existing ? existing.status : 'planning now'}; API: /v1/plans/${planId})`,
    // The token itself only to a person at a terminal, never to a log collector.
    ...(firstKey ? [`  first planner key: in ${firstKey.path}${process.stdout.isTTY ? ` (${firstKey.token})` : ''}; keep it elsewhere and delete the file`] : []),
    `  manager keys: on the page's Keys tab, or POST /v1/keys with a planner key (valid at once)`,
    '',
  ].join('\n'),
);
