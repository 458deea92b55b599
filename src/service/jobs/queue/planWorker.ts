import type { FastifyBaseLogger } from 'fastify';
import type { Job as QueueJob, PgBoss } from 'pg-boss';
import type { LinePlan } from '../../../domain/plan.ts';
import type { LinePool } from '../../../planner/linePool.ts';
import type { LineTask } from '../../../planner/planLine.ts';
import { failedLine, lineTasks, mergePlan, type CityPlannerOptions } from '../../../planner/planCity.ts';
import type { TerrainGrid } from '../../../travel/terrainGrid.ts';
import type { TravelSource } from '../../../travel/travelSource.ts';
import type { TravelSpec } from '../../../travel/travelSpec.ts';
import { transaction } from '../../store/pg/db.ts';
import type { PgStore } from '../../store/pg/index.ts';
import { PgJobLines, startAttempt } from '../../store/pg/jobLines.ts';
import type { Job } from '../../store/jobs.ts';
import { jobInputs, planRequest, requestOf, type JobFailure } from '../jobInputs.ts';
import { storePlan } from '../storePlan.ts';
import { notifyJob } from './jobEvents.ts';
import { inTransaction, JOB_DEAD, LINE, LINE_DEAD, MERGE, SPLIT, type MergeData, type SplitData } from './queues.ts';
import { taskLoop } from './taskLoop.ts';

export interface LineData {
  readonly job: string;
  readonly attempt: number;
  /** The line's place in the plan (its order in the dataset). */
  readonly seq: number;
  readonly task: LineTask;
}

export interface PlanWorkerDeps {
  readonly store: PgStore;
  readonly boss: PgBoss;
  readonly pool: LinePool;
  readonly terrain: TerrainGrid;
  /** How lines are solved: the terrain model or OSRM. */
  readonly travel: TravelSpec;
  /** Where the stored plan's days get their routes. */
  readonly days: TravelSource | undefined;
  readonly log: FastifyBaseLogger;
  /** This worker's name in job_lines and the logs (host:pid by default). */
  readonly name: string;
  readonly planner?: Pick<CityPlannerOptions, 'iterationsPerLine' | 'remoteSelector'>;
  /** The line queue's heartbeat (the queue's QUEUE_HEARTBEAT_SECONDS): a running line beats every half of it. */
  readonly heartbeatSeconds: number;
  /** How often running lines' jobs are looked at for a cancel; default 1 s. */
  readonly cancelPollMs?: number;
}

/** Why a line's solver was stopped: its job was cancelled or retried (the task ends quietly), or this worker is stopping (the task goes back on the queue). */
const CANCELLED = Symbol('cancelled');

const PLANNER_FAILED: JobFailure = { code: 'PLANNER_FAILED', message: 'the planner failed; the workers\' logs have the details under this job id' };

/**
 * A planner worker: takes plan jobs from the shared queue and runs them, a line at a time
 * on its own pool. Any worker may take any part: one splits a job into its lines (in one
 * transaction with marking it running), each line goes to whichever worker is free, and
 * the worker that records a job's last line puts its merge on the queue. A line's result
 * is recorded once (job_lines' key), so a line that two workers ran, after a lease ran
 * out on the first, appears once.
 */
export class PlanWorker {
  readonly #d: PlanWorkerDeps;
  readonly #lines: PgJobLines;
  readonly #running = new Map<string, { job: string; attempt: number; abort: AbortController }>();
  readonly #loops: { stop: () => Promise<void> }[] = [];
  #poll: NodeJS.Timeout | undefined;
  #stopping = false;

  constructor(deps: PlanWorkerDeps) {
    this.#d = deps;
    this.#lines = new PgJobLines(deps.store.pool);
  }

  async start(): Promise<void> {
    const { boss, pool, log, heartbeatSeconds } = this.#d;
    // One loop a thread: a task fetched is one this worker runs at once; the next is fetched as soon as it ends.
    for (let k = 0; k < pool.threads; k++) this.#loops.push(taskLoop<LineData>(boss, LINE, { heartbeatSeconds, idleMs: 1000, log }, (task, stop) => this.#line(task, stop)));
    // Splits, merges and dead letters are a few a job: pg-boss's own polling (a second) is quick enough.
    const polling = { pollingIntervalSeconds: 1 };
    await boss.work<SplitData>(SPLIT, { ...polling, localConcurrency: 1 }, ([job]) => this.#split(job));
    await boss.work<MergeData>(MERGE, { ...polling, localConcurrency: 1 }, ([job]) => this.#merge(job));
    await boss.work<LineData>(LINE_DEAD, { ...polling }, ([job]) => this.#deadLine(job));
    await boss.work<SplitData | MergeData>(JOB_DEAD, { ...polling }, ([job]) => this.#deadJob(job));
    this.#poll = setInterval(() => void this.#watchCancels(), this.#d.cancelPollMs ?? 1000);
  }

  /** Stops taking tasks; lines still running are stopped and go back on the queue for another worker. */
  async stop(): Promise<void> {
    this.#stopping = true;
    clearInterval(this.#poll);
    await Promise.all(this.#loops.map((l) => l.stop()));
    for (const name of [SPLIT, MERGE, LINE_DEAD, JOB_DEAD]) await this.#d.boss.offWork(name, { wait: true });
  }

  async #split(task: QueueJob<SplitData>): Promise<void> {
    const { store, boss, log } = this.#d;
    const job = await store.jobs.get(task.data.job);
    if (!job || job.status !== 'queued') return;
    const inputs = await jobInputs(store, job);
    if ('code' in inputs) return this.#fail(job.id, inputs);
    const request = await planRequest(store, job, inputs);
    let tasks: LineTask[];
    try {
      tasks = lineTasks(request, this.#d.planner ?? {}, this.#d.pool.threads);
    } catch (e) {
      log.error({ err: e, job: job.id }, 'plan job could not be split into lines');
      return this.#fail(job.id, PLANNER_FAILED);
    }
    const attempt = await transaction(store.pool, async (c) => {
      const n = await startAttempt(c, job.id, tasks.length);
      if (n === undefined) return undefined;
      const db = inTransaction(c);
      if (tasks.length === 0) await boss.send(MERGE, { job: job.id, attempt: n } satisfies MergeData, { singletonKey: `${job.id}/${n}`, db });
      else await boss.insert(LINE, tasks.map((t, seq) => ({ data: { job: job.id, attempt: n, seq, task: t } satisfies LineData })), { db });
      return n;
    });
    if (attempt === undefined) return;
    log.info({ job: job.id, attempt, lines: tasks.length, worker: this.#d.name }, 'plan job split into lines');
    await notifyJob(store.pool, 'progress', job.id);
  }

  async #line(task: QueueJob<LineData>, stop: AbortSignal): Promise<void> {
    const { job, attempt, seq } = task.data;
    if (!(await this.#isRunning(job, attempt))) return;
    let plan: LinePlan | undefined;
    if (!(await this.#lines.has(job, attempt, seq))) {
      plan = await this.#solve(task, stop);
      if (plan === undefined) return;
    }
    await this.#recorded(job, attempt, seq, plan);
  }

  /** The line's plan; undefined if its job was cancelled or failed meanwhile. */
  async #solve(task: QueueJob<LineData>, stop: AbortSignal): Promise<LinePlan | undefined> {
    const { job, attempt, task: line } = task.data;
    const abort = new AbortController();
    const key = task.id;
    this.#running.set(key, { job, attempt, abort });
    let out: LinePlan | { travelError: string };
    try {
      out = await this.#d.pool.run(line, this.#d.terrain, this.#d.travel, AbortSignal.any([abort.signal, stop]));
    } catch (e) {
      if (abort.signal.reason === CANCELLED) return undefined;
      // Stopping: the line goes back on the queue and runs again elsewhere.
      if (stop.aborted) throw e;
      this.#d.log.error({ err: e, job, line: line.line.line }, 'line failed');
      out = failedLine(line, e);
    } finally {
      this.#running.delete(key);
    }
    if ('travelError' in out) {
      // A road engine down or a shop off every road: the whole job stops, as in one process.
      await this.#fail(job, { code: 'TRAVEL_FAILED', message: out.travelError });
      return undefined;
    }
    return out;
  }

  /** Records the line (unless `plan` is undefined: recorded before) and puts the merge on the queue once every line is in. */
  async #recorded(job: string, attempt: number, seq: number, plan: LinePlan | undefined): Promise<void> {
    const progress = plan ? await this.#lines.record(job, attempt, seq, plan, this.#d.name) : await this.#lines.progress(job, attempt);
    if (!progress) return;
    await notifyJob(this.#d.store.pool, 'progress', job);
    // Two workers recording the last lines at once may both see the count complete: the queue keeps one waiting merge per attempt.
    if (progress.done === progress.total) await this.#d.boss.send(MERGE, { job, attempt } satisfies MergeData, { singletonKey: `${job}/${attempt}` });
  }

  async #merge(task: QueueJob<MergeData>): Promise<void> {
    const { store, log } = this.#d;
    const { job: id, attempt } = task.data;
    const job = await store.jobs.get(id);
    if (!job || job.status !== 'running' || job.attempts !== attempt) return;
    const started = performance.now();
    const inputs = await jobInputs(store, job);
    if ('code' in inputs) return this.#fail(id, inputs);
    const plan = mergePlan(requestOf(job, inputs), await this.#lines.list(id, attempt));
    // Looked at just before the insert: a cancel that lands between the two is too late, and the job succeeds.
    const stopped = async () => this.#stopping || !(await this.#isRunning(id, attempt));
    const out = await storePlan({ store, travel: this.#d.days, log: log.child({ job: id }) }, job, inputs, plan, stopped);
    if (out === 'stopped') {
      if (this.#stopping) throw new Error('the worker is stopping');
      return;
    }
    if ('code' in out) return this.#fail(id, out);
    await this.#lines.settle(id);
    log.info({ job: id, attempt, seconds: Number(((performance.now() - started) / 1000).toFixed(3)), yuan: out.stored.figures.yuan, worker: this.#d.name }, 'plan job succeeded');
    await notifyJob(store.pool, 'succeeded', id);
  }

  /** A line whose tries are spent (its worker died each time): recorded as failed, and the plan goes on. */
  async #deadLine(task: QueueJob<LineData>): Promise<void> {
    const { job, attempt, seq, task: line } = task.data;
    if (!(await this.#isRunning(job, attempt)) || (await this.#lines.has(job, attempt, seq))) return;
    this.#d.log.error({ job, line: line.line.line }, 'line abandoned: its worker stopped on every try');
    await this.#recorded(job, attempt, seq, failedLine(line, new Error('its worker stopped on every try')));
  }

  /** A split or merge whose tries are spent: the job fails. */
  async #deadJob(task: QueueJob<SplitData | MergeData>): Promise<void> {
    this.#d.log.error({ job: task.data.job }, 'plan job abandoned: its split or merge failed on every try');
    await this.#fail(task.data.job, PLANNER_FAILED);
  }

  async #fail(id: string, { code, message }: JobFailure): Promise<void> {
    await this.#d.store.jobs.markFailed(id, code, message);
    this.#d.log.warn({ job: id, code, message }, 'plan job failed');
    await notifyJob(this.#d.store.pool, 'failed', id);
  }

  async #isRunning(id: string, attempt: number): Promise<boolean> {
    const job: Job | undefined = await this.#d.store.jobs.get(id);
    return job?.status === 'running' && job.attempts === attempt;
  }

  /** Stops the lines of jobs cancelled (or failed, or retried) since they started. */
  async #watchCancels(): Promise<void> {
    if (this.#running.size === 0) return;
    try {
      const ids = [...new Set([...this.#running.values()].map((r) => r.job))];
      const { rows } = await this.#d.store.pool.query<{ id: string; status: string; attempts: number }>('SELECT id, status, attempts FROM jobs WHERE id = ANY($1)', [ids]);
      const live = new Map(rows.map((r) => [r.id, r]));
      for (const r of this.#running.values()) {
        const now = live.get(r.job);
        if (!now || now.status !== 'running' || now.attempts !== r.attempt) r.abort.abort(CANCELLED);
      }
    } catch (err) {
      // The database is away (a restart): the lines go on, and the next look tries again.
      this.#d.log.warn({ err }, 'could not look for cancelled jobs');
    }
  }
}
