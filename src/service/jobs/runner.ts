import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { Plan } from '../../domain/plan.ts';
import type { Planner, PlanRequest } from '../../planner/api.ts';
import type { Metrics } from '../metrics/registry.ts';
import { checkPlan } from '../plans/checkPlan.ts';
import { dayRows } from '../plans/dayView.ts';
import { TravelError } from '../../travel/travelError.ts';
import type { TravelSource } from '../../travel/travelSource.ts';
import { mergeReplan } from '../plans/mergeReplan.ts';
import type { Store } from '../store/index.ts';
import type { Job } from '../store/jobs.ts';
import { withPlannedKinds } from '../visits/plannedKinds.ts';

/** Why a job failed, in `jobs.error_code`. */
export type JobErrorCode = 'JOB_INTERRUPTED' | 'JOB_CANCELLED' | 'JOB_NOT_RESUMED' | 'PLANNER_FAILED' | 'TRAVEL_FAILED' | 'PLAN_INVALID' | 'DATASET_MISSING' | 'PREVIOUS_PLAN_MISSING';

/** Why an abort was asked for: a cancel is recorded by cancel() itself; a shutdown as interrupted. */
const CANCELLED = Symbol('cancelled');

export interface JobEvent {
  type: 'progress' | 'succeeded' | 'failed';
  job: Job;
}

/**
 * Runs plan jobs one at a time (the planner spreads one job's lines over its worker
 * pool; two jobs at once would only compete for the same cores). Every state change is
 * written to the store before it is announced, so a restart finds the truth: a queued
 * job still wanted is resumed, a running one is marked failed (JOB_INTERRUPTED) and can
 * be retried. A planner that throws fails its job; the service stays up. A queued or
 * running job can be cancelled (JOB_CANCELLED, with who and when).
 */
export class JobRunner {
  readonly #store: Store;
  readonly #planner: Planner;
  readonly #travel: TravelSource | undefined;
  readonly #log: FastifyBaseLogger;
  readonly #metrics: Metrics;
  readonly #events = new EventEmitter();
  readonly #queue: string[] = [];
  #running: { id: string; abort: AbortController; done: Promise<void> } | undefined;
  #closed = false;
  readonly #abortWaitMs: number;

  constructor(deps: { store: Store; planner: Planner; travel?: TravelSource; log: FastifyBaseLogger; metrics: Metrics; abortWaitMs?: number }) {
    this.#travel = deps.travel;
    this.#abortWaitMs = deps.abortWaitMs ?? 5_000;
    this.#store = deps.store;
    this.#planner = deps.planner;
    this.#log = deps.log;
    this.#metrics = deps.metrics;
    this.#events.setMaxListeners(0);
  }

  /**
   * At start: what a previous process left running failed with it; what it left queued
   * runs now if `unwanted` finds no reason against it, else it is recorded as not resumed
   * (JOB_NOT_RESUMED, cancelled by `service`; a retry runs it).
   */
  async recover(unwanted: (job: Job) => string | undefined = () => undefined): Promise<{ failed: string[]; resumed: string[]; dropped: string[] }> {
    const failed = (await this.#store.jobs.withStatus('running')).map((j) => j.id);
    for (const id of failed) {
      await this.#store.jobs.markFailed(id, 'JOB_INTERRUPTED', 'the service stopped while this job ran; POST /v1/plans/{id}/retry runs it again');
    }
    const resumed: string[] = [];
    const dropped: string[] = [];
    for (const job of await this.#store.jobs.withStatus('queued')) {
      const why = unwanted(job);
      if (why === undefined) {
        resumed.push(job.id);
        this.enqueue(job.id);
      } else {
        dropped.push(job.id);
        await this.#store.jobs.markCancelled(job.id, 'service', 'JOB_NOT_RESUMED', `not resumed after a restart: ${why}; POST /v1/plans/{id}/retry runs it`);
      }
    }
    if (failed.length + resumed.length + dropped.length > 0) this.#log.warn({ failed, resumed, dropped }, 'jobs recovered after a restart');
    return { failed, resumed, dropped };
  }

  enqueue(id: string): void {
    if (this.#closed) return;
    this.#queue.push(id);
    this.#pump();
  }

  /** Job events for one job id; returns the unsubscribe function. */
  subscribe(id: string, listener: (e: JobEvent) => void): () => void {
    this.#events.on(id, listener);
    return () => this.#events.off(id, listener);
  }

  /** Jobs waiting behind the running one (the routes' room rules read it). */
  queued(): number {
    return this.#queue.length;
  }

  /**
   * Cancels a queued or running job, recorded with who and when; a running one is
   * aborted (the planner stops at its next check). False if it was not queued or running.
   */
  async cancel(id: string, by: string): Promise<boolean> {
    if (!(await this.#store.jobs.markCancelled(id, by, 'JOB_CANCELLED', `cancelled by ${by}`))) return false;
    const i = this.#queue.indexOf(id);
    if (i >= 0) this.#queue.splice(i, 1);
    if (this.#running?.id === id) this.#running.abort.abort(CANCELLED);
    this.#log.info({ job: id, by }, 'plan job cancelled');
    await this.#emit('failed', id);
    return true;
  }

  /** The running job and the queue length, for /health. */
  state(): { running: string | null; queued: number } {
    return { running: this.#running?.id ?? null, queued: this.#queue.length };
  }

  /** Resolves when no job is running or queued (tests). */
  async idle(): Promise<void> {
    while (this.#running || this.#queue.length > 0) await (this.#running?.done ?? new Promise((r) => setImmediate(r)));
  }

  /** Shutdown: stop taking jobs, abort the running one and record it as interrupted. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#queue.length = 0;
    const running = this.#running;
    if (running) {
      running.abort.abort(new Error('the service is shutting down'));
      // A planner that ignores the signal must not hold the shutdown: wait a while, then record the job as interrupted.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), this.#abortWaitMs)));
      const outcome = await Promise.race([running.done.then(() => 'done' as const), late]);
      clearTimeout(timer);
      if (outcome === 'late') {
        this.#log.warn({ job: running.id }, 'the planner did not stop in time; job recorded as interrupted');
        await this.#store.jobs.markFailed(running.id, 'JOB_INTERRUPTED', 'the service stopped while this job ran; POST /v1/plans/{id}/retry runs it again');
      }
    }
  }

  #pump(): void {
    if (this.#running || this.#closed) return;
    const id = this.#queue.shift();
    if (id === undefined) return;
    const abort = new AbortController();
    const done = this.#run(id, abort.signal)
      .catch(async (e: unknown) => {
        // Only the store failing gets here (the planner's errors are handled in #run).
        this.#log.error({ err: e, job: id }, 'plan job crashed');
        try {
          await this.#store.jobs.markFailed(id, 'PLANNER_FAILED', 'the job could not be run; see the service log');
        } catch {
          // The store is gone too; the next start marks the job interrupted.
        }
      })
      .finally(() => {
      this.#running = undefined;
      this.#pump();
    });
    this.#running = { id, abort, done };
  }

  async #emit(type: JobEvent['type'], id: string): Promise<void> {
    const job = await this.#store.jobs.get(id);
    if (job) this.#events.emit(id, { type, job });
  }

  async #fail(id: string, code: JobErrorCode, message: string, started: number): Promise<void> {
    await this.#store.jobs.markFailed(id, code, message);
    this.#metrics.job('failed', (performance.now() - started) / 1000);
    await this.#emit('failed', id);
  }

  async #run(id: string, signal: AbortSignal): Promise<void> {
    const { jobs, datasets, plans, visits } = this.#store;
    const job = await jobs.get(id);
    if (!job || !(await jobs.markRunning(id))) return;
    const started = performance.now();
    const log = this.#log.child({ job: id });
    const dataset = await datasets.load(job.datasetId);
    if (!dataset) return this.#fail(id, 'DATASET_MISSING', `dataset ${job.datasetId} is not in the store`, started);
    const previous = job.parentPlanId === null ? undefined : (await plans.get(job.parentPlanId))?.plan;
    if (job.parentPlanId !== null && !previous) return this.#fail(id, 'PREVIOUS_PLAN_MISSING', `plan ${job.parentPlanId} is not in the store`, started);
    const lines = job.request.lines;
    const history = await withPlannedKinds(lines?.length === 1 ? await visits.list(job.datasetId, lines[0]) : await visits.list(job.datasetId), plans);
    // The planner reads history only before the horizon; a shop found closed inside it is told as closed that day.
    const closed = uniqueClosed([
      ...(job.request.closed ?? []),
      ...history.filter((h) => h.outcome === 'failed' && h.reason === 'closed').map((h) => ({ retailer: h.retailer, date: h.date })),
    ]);
    await jobs.progress(id, 0, lines?.length ?? dataset.lines.length);
    await this.#emit('progress', id);

    const request: PlanRequest = {
      dataset,
      start: job.request.start,
      weeks: job.request.weeks,
      ...(job.request.seed === undefined ? {} : { seed: job.request.seed }),
      ...(job.request.timeLimitMs === undefined ? {} : { timeLimitMs: job.request.timeLimitMs }),
      ...(job.request.blocked === undefined ? {} : { blocked: job.request.blocked }),
      ...(closed.length === 0 ? {} : { closed }),
      ...(lines === undefined ? {} : { lines }),
      ...(job.request.from === undefined ? {} : { from: job.request.from }),
      ...(history.length === 0 ? {} : { history }),
      ...(previous === undefined ? {} : { previous }),
    };
    log.info({ kind: job.kind, lines: lines ?? 'all', start: request.start, weeks: request.weeks }, 'plan job started');
    let result: Plan;
    // The planner reports progress without waiting: each report is written and announced after the one before it.
    let reported = Promise.resolve();
    try {
      result = await this.#planner(request, {
        signal,
        onProgress: (p) => {
          reported = reported
            .then(async () => {
              if (!this.#store.isOpen()) return;
              await jobs.progress(id, p.linesDone, p.linesTotal);
              await this.#emit('progress', id);
            })
            .catch((err: unknown) => log.warn({ err }, 'plan job progress not recorded'));
        },
      });
    } catch (e) {
      await reported;
      if (signal.reason === CANCELLED) return this.#metrics.job('failed', (performance.now() - started) / 1000);
      if (signal.aborted) {
        log.warn('plan job interrupted by shutdown');
        return this.#fail(id, 'JOB_INTERRUPTED', 'the service stopped while this job ran; POST /v1/plans/{id}/retry runs it again', started);
      }
      // A road engine down or refusing a shop: the planner must know which (the message names the URL and the shop).
      if (e instanceof TravelError) {
        log.error({ err: e }, 'travel source failed');
        return this.#fail(id, 'TRAVEL_FAILED', e.message, started);
      }
      // The planner's own words (a stack, a path) go to the log; the client gets a fixed text.
      log.error({ err: e }, 'planner failed');
      return this.#fail(id, 'PLANNER_FAILED', 'the planner failed; the service log has the details under this job id', started);
    }
    await reported;
    // Cancelled while the planner finished anyway: the result is not wanted.
    if (signal.reason === CANCELLED) return this.#metrics.job('failed', (performance.now() - started) / 1000);
    if (signal.aborted) return this.#fail(id, 'JOB_INTERRUPTED', 'the service stopped while this job ran; POST /v1/plans/{id}/retry runs it again', started);

    const merged = previous && lines ? mergeReplan(previous, result, lines) : result;
    // A re-plan is checked and stored for the lines it changed only: the others were checked
    // when the plan they come from was stored, and are read from there.
    const base = previous && lines && job.parentPlanId !== null ? { planId: job.parentPlanId, changed: lines } : undefined;
    const checked = await checkPlan(base ? { ...merged, lines: merged.lines.filter((l) => lines!.includes(l.line)) } : merged);
    if (!checked.ok) {
      log.error({ issues: checked.issues.slice(0, 5) }, 'planner returned an invalid plan');
      return this.#fail(id, 'PLAN_INVALID', `the planner returned a plan that does not match the plan schema (${checked.issues.length} issues)`, started);
    }
    const fresh = new Map(checked.plan.lines.map((l) => [l.line, l]));
    const plan = base ? { ...checked.plan, lines: merged.lines.map((l) => fresh.get(l.line) ?? l) } : checked.plan;
    let days;
    try {
      days = await dayRows(id, checked.plan, dataset, this.#travel);
    } catch (e) {
      if (!(e instanceof TravelError)) throw e;
      log.error({ err: e }, 'travel source failed on the day routes');
      return this.#fail(id, 'TRAVEL_FAILED', e.message, started);
    }
    // Cancelled or stopped while the plan was checked: nothing is stored.
    if (signal.aborted) return signal.reason === CANCELLED ? undefined : this.#fail(id, 'JOB_INTERRUPTED', 'the service stopped while this job ran; POST /v1/plans/{id}/retry runs it again', started);
    await plans.insert(id, job.datasetId, plan, days, base);
    const seconds = (performance.now() - started) / 1000;
    this.#metrics.job('succeeded', seconds);
    log.info({ seconds: Number(seconds.toFixed(3)), yuan: plan.figures.yuan }, 'plan job succeeded');
    await this.#emit('succeeded', id);
  }
}

function uniqueClosed(list: { retailer: string; date: string }[]): { retailer: string; date: string }[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const k = `${c.retailer} ${c.date}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
