import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { Plan } from '../../domain/plan.ts';
import type { Planner } from '../../planner/api.ts';
import { TravelError } from '../../travel/travelError.ts';
import type { TravelSource } from '../../travel/travelSource.ts';
import type { Metrics } from '../metrics/registry.ts';
import type { Store } from '../store/index.ts';
import type { Job } from '../store/jobs.ts';
import { INTERRUPTED, jobInputs, planRequest, type JobFailure } from './jobInputs.ts';
import type { JobEvent, PlanJobs } from './planJobs.ts';
import { storePlan } from './storePlan.ts';

const PLANNER_FAILED: JobFailure = { code: 'PLANNER_FAILED', message: 'the planner failed; the service log has the details under this job id' };

/** Why an abort was asked for: a cancel is recorded by cancel() itself; a shutdown as interrupted. */
const CANCELLED = Symbol('cancelled');

/**
 * Runs plan jobs one at a time (the planner spreads one job's lines over its worker
 * pool; two jobs at once would only compete for the same cores). Every state change is
 * written to the store before it is announced, so a restart finds the truth: a queued
 * job still wanted is resumed, a running one is marked failed (JOB_INTERRUPTED) and can
 * be retried. A planner that throws fails its job; the service stays up. A queued or
 * running job can be cancelled (JOB_CANCELLED, with who and when).
 */
export class JobRunner implements PlanJobs {
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
      await this.#store.jobs.markFailed(id, INTERRUPTED.code, INTERRUPTED.message);
    }
    const resumed: string[] = [];
    const dropped: string[] = [];
    for (const job of await this.#store.jobs.withStatus('queued')) {
      const why = unwanted(job);
      if (why === undefined) {
        resumed.push(job.id);
        await this.enqueue(job.id);
      } else {
        dropped.push(job.id);
        await this.#store.jobs.markCancelled(job.id, 'service', 'JOB_NOT_RESUMED', `not resumed after a restart: ${why}; POST /v1/plans/{id}/retry runs it`);
      }
    }
    if (failed.length + resumed.length + dropped.length > 0) this.#log.warn({ failed, resumed, dropped }, 'jobs recovered after a restart');
    return { failed, resumed, dropped };
  }

  async enqueue(id: string): Promise<void> {
    if (this.#closed) return;
    this.#queue.push(id);
    this.#pump();
  }

  subscribe(id: string, listener: (e: JobEvent) => void): () => void {
    this.#events.on(id, listener);
    return () => this.#events.off(id, listener);
  }

  /** Jobs waiting behind the running one. */
  async queued(): Promise<number> {
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

  async state(): Promise<{ running: string | null; queued: number }> {
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
        await this.#store.jobs.markFailed(running.id, INTERRUPTED.code, INTERRUPTED.message);
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

  async #fail(id: string, { code, message }: JobFailure, started: number): Promise<void> {
    await this.#store.jobs.markFailed(id, code, message);
    this.#metrics.job('failed', (performance.now() - started) / 1000);
    await this.#emit('failed', id);
  }

  async #run(id: string, signal: AbortSignal): Promise<void> {
    const job = await this.#store.jobs.get(id);
    if (!job || !(await this.#store.jobs.markRunning(id))) return;
    const started = performance.now();
    const log = this.#log.child({ job: id });
    const inputs = await jobInputs(this.#store, job);
    if ('code' in inputs) return this.#fail(id, inputs, started);
    const request = await planRequest(this.#store, job, inputs);
    await this.#store.jobs.progress(id, 0, request.lines?.length ?? inputs.dataset.lines.length);
    await this.#emit('progress', id);

    log.info({ kind: job.kind, lines: request.lines ?? 'all', start: request.start, weeks: request.weeks }, 'plan job started');
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
              await this.#store.jobs.progress(id, p.linesDone, p.linesTotal);
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
        return this.#fail(id, INTERRUPTED, started);
      }
      // A road engine down or refusing a shop: the planner must know which (the message names the URL and the shop).
      if (e instanceof TravelError) {
        log.error({ err: e }, 'travel source failed');
        return this.#fail(id, { code: 'TRAVEL_FAILED', message: e.message }, started);
      }
      // The planner's own words (a stack, a path) go to the log; the client gets a fixed text.
      log.error({ err: e }, 'planner failed');
      return this.#fail(id, PLANNER_FAILED, started);
    }
    await reported;
    // Cancelled while the planner finished anyway: the result is not wanted.
    if (signal.reason === CANCELLED) return this.#metrics.job('failed', (performance.now() - started) / 1000);
    if (signal.aborted) return this.#fail(id, INTERRUPTED, started);

    const out = await storePlan({ store: this.#store, travel: this.#travel, log }, job, inputs, result, () => signal.aborted);
    // Cancelled or stopped while the plan was checked: nothing is stored.
    if (out === 'stopped') return signal.reason === CANCELLED ? undefined : this.#fail(id, INTERRUPTED, started);
    if ('code' in out) return this.#fail(id, out, started);
    const seconds = (performance.now() - started) / 1000;
    this.#metrics.job('succeeded', seconds);
    log.info({ seconds: Number(seconds.toFixed(3)), yuan: out.stored.figures.yuan }, 'plan job succeeded');
    await this.#emit('succeeded', id);
  }
}
