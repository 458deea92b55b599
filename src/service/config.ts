import { availableParallelism, hostname } from 'node:os';
import { join, resolve } from 'node:path';

/** Everything the service reads from its environment, read once at start. */
export interface ServiceConfig {
  /** Holds the SQLite store (`planner.db`) and, by default, the keys file. */
  readonly dataDir: string;
  /** A PostgreSQL connection string (`DATABASE_URL`): the store is there instead of SQLite in DATA_DIR. Unset: SQLite. */
  readonly databaseUrl: string | undefined;
  /**
   * Who runs plan jobs (`PLAN_JOBS`): `queue`, the shared queue in DATABASE_URL's PostgreSQL
   * that planner workers on any machine take from (the default with DATABASE_URL), or
   * `in-process`, this process alone (the default with SQLite, the only choice there).
   */
  readonly planJobs: 'queue' | 'in-process';
  readonly host: string;
  readonly port: number;
  /** A JSON file of hashed keys (see auth/keys.ts); default `<dataDir>/keys.json`. */
  readonly keysFile: string;
  /** Keys given in the environment, `role:line:secret` or `planner::secret`, comma separated (development and tests). */
  readonly envKeys: string | undefined;
  readonly logLevel: string;
  /** Largest dataset upload, bytes of the JSON body (base64 files inside). */
  readonly uploadLimitBytes: number;
  /** Largest body of every other route. */
  readonly bodyLimitBytes: number;
  /** Most rows of a table file in an upload (CSV text lines, worksheet rows, GeoJSON features). */
  readonly maxUploadRows: number;
  /** Most bytes an uploaded XLSX may inflate to, by its zip directory, checked before inflating. */
  readonly maxInflatedBytes: number;
  /** Problems a refused upload lists (all are counted, by file and kind). */
  readonly maxImportProblems: number;
  /** Heap of the import worker; an upload that needs more fails alone (413), the service stays up. */
  readonly importHeapMb: number;
  /** Longest an upload may wait and be checked, before it is stopped (413). */
  readonly importTimeoutMs: number;
  /** Uploads that may wait behind the one being checked; more are refused with 503. */
  readonly maxQueuedImports: number;
  /** Heap of the export worker (XLSX of a four-week city plan: a few hundred MB of workbook model). */
  readonly exportHeapMb: number;
  /** Exports that may wait behind the one being built; more are refused with 503. */
  readonly maxQueuedExports: number;
  /** The cities' time zone: a visit's day and "today" are dates there. */
  readonly timeZone: string;
  /** Worker threads of the city planner (npm start), or of a planner worker (npm run worker). With DATABASE_URL, 0 makes an API instance that plans nothing itself. */
  readonly plannerThreads: number;
  /** With DATABASE_URL: a queued task whose worker sends no heartbeat for this long goes to another worker. */
  readonly queueHeartbeatSeconds: number;
  /** With DATABASE_URL: how often the queue looks for tasks whose heartbeat stopped. */
  readonly queueMonitorSeconds: number;
  /** A planner worker's name in the logs and in which-worker-ran-which-line (job_lines). */
  readonly workerName: string;
  /** Solver iterations per line instead of the job's time budget (reproducible benchmarks); unset: time. */
  readonly planIterationsPerLine: number | undefined;
  /** Requests a key (or, without a valid key, an address) may make in a minute; then 429. */
  readonly rateLimitPerMinute: number;
  /** Failed keys an address may send in a minute; then every request from it is a 429 for the rest of the minute. */
  readonly authFailuresPerMinute: number;
  /** Open event streams per key, and in all. */
  readonly maxStreamsPerKey: number;
  readonly maxStreams: number;
  /** Headers that take longer, or a body that stops arriving for longer, end the connection. */
  readonly idleTimeoutMs: number;
  /** The longest a whole request may take to arrive (a large upload on a slow line). */
  readonly requestTimeoutMs: number;
  /** Open connections the server accepts; more are closed at once. */
  readonly maxConnections: number;
  /** Trust X-Forwarded-For from this proxy (Fastify's trustProxy: true, or addresses/CIDRs); unset: trust none. */
  readonly trustProxy: boolean | string;
  /** Event-loop delay above which requests are shed with 503 (@fastify/under-pressure); 0 turns it off. */
  readonly maxEventLoopDelayMs: number;
  /** Plan jobs that may wait behind the running one; more are refused with 503. */
  readonly maxQueuedJobs: number;
  /** Of maxQueuedJobs, the places only planner keys may take: manager re-plans never fill the queue. */
  readonly plannerReservedJobs: number;
  /** The most solving time a manager key's re-plan may ask for (and what it gets when it asks for none). */
  readonly managerReplanTimeLimitMs: number;
  /** After a restart, a queued job is resumed only if it entered the queue this recently (and its key is still valid). */
  readonly resumeQueuedWithinMs: number;
  /** A superseded plan (re-planned, or planned again) is deleted this many days after it was replaced, once no visit record names it. */
  readonly planRetentionDays: number;
  /** Visit records are kept this many days after their day; at least 92 (the work standard keeps them 3 months). */
  readonly visitRetentionDays: number;
  /** How often the retention policy runs (also once at start). */
  readonly retentionIntervalMs: number;
  /** How long graceful shutdown waits for in-flight requests before giving up. */
  readonly shutdownGraceMs: number;
  /** The planner's page as built at install time (`npm run build:web`), served at `/`. */
  readonly webDir: string;
  /** The page's offline basemap: county outlines (GeoJSON) and the terrain grid (ESRI ASCII) it shades. */
  readonly mapCounties: string;
  readonly mapTerrain: string;
  /** Online map tiles instead of the offline basemap: a MapLibre style URL, or a raster tile URL template ({z}/{x}/{y}). */
  readonly mapStyleUrl: string | undefined;
  readonly mapTilesUrl: string | undefined;
  /** Attribution shown with MAP_TILES_URL's tiles (a tile provider's terms require it). */
  readonly mapTilesAttribution: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const dataDir = resolve(env.DATA_DIR ?? 'var');
  return {
    dataDir,
    // Empty counts as unset, as a compose file's `DATABASE_URL=` would mean.
    databaseUrl: env.DATABASE_URL || undefined,
    planJobs: planJobs(env.PLAN_JOBS, Boolean(env.DATABASE_URL)),
    host: env.HOST ?? '127.0.0.1',
    port: env.PORT === undefined ? 3000 : Number(env.PORT),
    keysFile: resolve(env.KEYS_FILE ?? join(dataDir, 'keys.json')),
    envKeys: env.API_KEYS,
    logLevel: env.LOG_LEVEL ?? 'info',
    uploadLimitBytes: Number(env.UPLOAD_LIMIT_BYTES ?? 64 * 1024 * 1024),
    bodyLimitBytes: Number(env.BODY_LIMIT_BYTES ?? 64 * 1024),
    // The largest city planned is ~400,000 retailers; a quarter more leaves room and still refuses a million-row file at once.
    maxUploadRows: Number(env.MAX_UPLOAD_ROWS ?? 500_000),
    // A 400,000-row worksheet is ~270 MB of XML (700 bytes a row as exceljs writes it); the audit's 21.6 MB bomb held 387 MB.
    maxInflatedBytes: Number(env.UPLOAD_INFLATED_LIMIT_BYTES ?? 320 * 1024 * 1024),
    // A planner fixes a file from its first problems; two hundred show any pattern, the counts give the scale.
    maxImportProblems: Number(env.IMPORT_PROBLEM_LIMIT ?? 200),
    // Checks the largest upload (a 64 MiB body of 400,000 rows) with room; a third of this machine's memory at most.
    importHeapMb: Number(env.IMPORT_HEAP_MB ?? 512),
    // A 400,000-row upload is checked and stored in well under a minute on one core.
    importTimeoutMs: Number(env.IMPORT_TIMEOUT_MS ?? 120_000),
    // Each waiting upload holds its body (up to UPLOAD_LIMIT_BYTES) in memory: one waits, others retry.
    maxQueuedImports: Number(env.MAX_QUEUED_IMPORTS ?? 1),
    // exceljs keeps the whole workbook: a four-week plan of 105 lines needs a few hundred MB.
    exportHeapMb: Number(env.EXPORT_HEAP_MB ?? 768),
    // Each build is a few seconds at most and then cached: a short queue is enough.
    maxQueuedExports: Number(env.MAX_QUEUED_EXPORTS ?? 4),
    shutdownGraceMs: Number(env.SHUTDOWN_GRACE_MS ?? 10_000),
    // A month: long enough to compare a plan with its re-plan, or answer a phone that still holds the old id.
    planRetentionDays: Number(env.PLAN_RETENTION_DAYS ?? 30),
    // A year and a day: the work standard asks for 3 months; a year covers annual reviews of a line.
    visitRetentionDays: atLeast('VISIT_RETENTION_DAYS', Number(env.VISIT_RETENTION_DAYS ?? 366), 92),
    // Hourly: retention is housekeeping; an hour's lag is nothing next to days of retention.
    retentionIntervalMs: Number(env.RETENTION_INTERVAL_MS ?? 3_600_000),
    maxQueuedJobs: Number(env.MAX_QUEUED_JOBS ?? 20),
    // A quarter of the queue: a planner's next job always has room, and managers still have fifteen places.
    plannerReservedJobs: Number(env.PLANNER_RESERVED_JOBS ?? 5),
    // A one-line re-plan of the demo city takes ~0.7 s; five seconds is ample, and fifteen of them wait at most ~75 s.
    managerReplanTimeLimitMs: Number(env.MANAGER_REPLAN_TIME_LIMIT_MS ?? 5_000),
    // An hour-old queued job after a restart was likely asked for again, or given up on.
    resumeQueuedWithinMs: Number(env.RESUME_QUEUED_WITHIN_MS ?? 3_600_000),
    maxEventLoopDelayMs: Number(env.MAX_EVENT_LOOP_DELAY_MS ?? 1000),
    // The cities planned are in China; a deployment elsewhere sets its own.
    timeZone: validZone(env.TIME_ZONE ?? 'Asia/Shanghai'),
    // One core is left to the event loop: with every core solving, the phones' day fetches wait behind the solver (p99 65 ms on 2 cores).
    plannerThreads: Number(env.PLANNER_THREADS ?? Math.max(1, availableParallelism() - 1)),
    // A heartbeat is sent every half of this: 30 s lets a worker's event loop be busy for 15 s (a dataset read) without losing its lines, and a dead worker's line is planned again within a minute.
    queueHeartbeatSeconds: atLeast('QUEUE_HEARTBEAT_SECONDS', Number(env.QUEUE_HEARTBEAT_SECONDS ?? 30), 10),
    // A third of the heartbeat: a dead worker's line waits at most that much longer.
    queueMonitorSeconds: atLeast('QUEUE_MONITOR_SECONDS', Number(env.QUEUE_MONITOR_SECONDS ?? 10), 1),
    workerName: env.WORKER_NAME || `${hostname()}:${process.pid}`,
    planIterationsPerLine: env.PLAN_ITERATIONS_PER_LINE ? atLeast('PLAN_ITERATIONS_PER_LINE', Number(env.PLAN_ITERATIONS_PER_LINE), 1) : undefined,
    // 20 a second: a phone fetches its day and records a few dozen visits a day; the planner's page polls a job.
    rateLimitPerMinute: Number(env.RATE_LIMIT_PER_MINUTE ?? 1200),
    // A person mistyping a key fails a few times; a script guessing fails thousands.
    authFailuresPerMinute: Number(env.AUTH_FAILURES_PER_MINUTE ?? 20),
    // A planner follows a job or two in a few tabs; managers rarely follow jobs at all.
    maxStreamsPerKey: Number(env.MAX_STREAMS_PER_KEY ?? 4),
    maxStreams: Number(env.MAX_STREAMS ?? 256),
    // The bound for a stalled upload; a live client sends headers and body bytes well within it.
    idleTimeoutMs: Number(env.IDLE_TIMEOUT_MS ?? 10_000),
    // 64 MiB at ~4 Mbit/s; a slower upload is better split.
    requestTimeoutMs: Number(env.REQUEST_TIMEOUT_MS ?? 120_000),
    // Far above 105 phones and a few planners, far below the process's file descriptors.
    maxConnections: Number(env.MAX_CONNECTIONS ?? 1024),
    trustProxy: trustProxy(env.TRUST_PROXY),
    webDir: resolve(env.WEB_DIR ?? 'dist/web'),
    // The demo city's geography: a deployment points these at its own city's files.
    mapCounties: resolve(env.MAP_COUNTIES ?? 'data/geo/xinyang-counties.geojson'),
    mapTerrain: resolve(env.MAP_TERRAIN ?? join(env.DEMO_DATA ?? 'data/demo', 'terrain.asc')),
    mapStyleUrl: env.MAP_STYLE_URL || undefined,
    mapTilesUrl: env.MAP_TILES_URL || undefined,
    mapTilesAttribution: env.MAP_TILES_ATTRIBUTION ?? '',
  };
}

/** A setting that must not go below a floor (a rule the service keeps, not a preference). */
function atLeast(name: string, value: number, floor: number): number {
  if (!(value >= floor)) throw new Error(`${name} must be at least ${floor} (got ${value})`);
  return value;
}

function planJobs(value: string | undefined, postgres: boolean): 'queue' | 'in-process' {
  const chosen = value || (postgres ? 'queue' : 'in-process');
  if (chosen !== 'queue' && chosen !== 'in-process') throw new Error(`PLAN_JOBS: expected queue or in-process (got ${chosen})`);
  if (chosen === 'queue' && !postgres) throw new Error('PLAN_JOBS=queue needs DATABASE_URL: the queue is in PostgreSQL');
  return chosen;
}

/** TRUST_PROXY: `true`, or the proxy's addresses/CIDRs (comma separated); unset, nothing is trusted. */
function trustProxy(value: string | undefined): boolean | string {
  if (value === undefined || value === '' || value === 'false') return false;
  return value === 'true' ? true : value;
}

/** An IANA time zone Intl knows, or the service refuses to start. */
function validZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
  } catch {
    throw new Error(`TIME_ZONE: ${zone} is not a time zone (expected an IANA name such as Asia/Shanghai)`);
  }
  return zone;
}
