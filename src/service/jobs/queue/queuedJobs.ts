import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { PgBoss } from 'pg-boss';
import type { PgStore } from '../../store/pg/index.ts';
import type { JobEvent, PlanJobs } from '../planJobs.ts';
import { PgListener } from '../../store/pg/listener.ts';
import { JOB_EVENTS, notifyJob, parseJobEvent } from './jobEvents.ts';
import { SPLIT, type SplitData } from './queues.ts';

/**
 * Plan jobs on the shared queue, as an API instance sees them: it puts jobs on the queue
 * and follows them, and planner workers (worker.ts, on any machine) run them. Everything
 * is in PostgreSQL, so any number of API instances can stand behind a load balancer: a
 * job's events reach every instance by LISTEN/NOTIFY, whichever worker sent them.
 */
export class QueuedJobs implements PlanJobs {
  readonly #store: PgStore;
  readonly #boss: PgBoss;
  readonly #log: FastifyBaseLogger;
  readonly #events = new EventEmitter();
  readonly #listener: PgListener;

  constructor(deps: { url: string; store: PgStore; boss: PgBoss; log: FastifyBaseLogger }) {
    this.#store = deps.store;
    this.#boss = deps.boss;
    this.#log = deps.log;
    this.#events.setMaxListeners(0);
    this.#listener = new PgListener(
      deps.url,
      JOB_EVENTS,
      deps.log,
      (payload) => {
        const { type, id } = parseJobEvent(payload);
        this.#announce(type, id);
      },
      // What happened while the connection was down: each followed job's state now.
      () => {
        for (const id of this.#events.eventNames()) this.#announce('progress', String(id));
      },
    );
  }

  /** Starts listening for job events. */
  async start(): Promise<void> {
    await this.#listener.start();
  }

  async enqueue(id: string): Promise<void> {
    const data: SplitData = { job: id };
    await this.#boss.send(SPLIT, data, { singletonKey: id });
  }

  subscribe(id: string, listener: (e: JobEvent) => void): () => void {
    this.#events.on(id, listener);
    return () => this.#events.off(id, listener);
  }

  async queued(): Promise<number> {
    return (await this.#store.jobs.counts()).queued;
  }

  /** Marks the job cancelled; the workers see it at their next look (a second) and stop its lines. */
  async cancel(id: string, by: string): Promise<boolean> {
    if (!(await this.#store.jobs.markCancelled(id, by, 'JOB_CANCELLED', `cancelled by ${by}`))) return false;
    this.#log.info({ job: id, by }, 'plan job cancelled');
    await notifyJob(this.#store.pool, 'failed', id);
    return true;
  }

  async state(): Promise<{ running: string | null; queued: number }> {
    const running = await this.#store.jobs.withStatus('running');
    return { running: running[0]?.id ?? null, queued: await this.queued() };
  }

  /**
   * At start: every queued job is put on the queue again. The queue keeps one waiting split
   * per job, so this adds nothing for a job already there; it saves one whose instance died
   * between creating it and queueing it. Nothing is dropped for its age (unlike in
   * process): a queued job here waits for workers, not for this process, and a province's
   * jobs may rightly wait longer than an hour. A running job is the workers' and their
   * heartbeats': nothing here fails it.
   */
  async recover(): Promise<{ failed: string[]; resumed: string[]; dropped: string[] }> {
    const resumed: string[] = [];
    for (const job of await this.#store.jobs.withStatus('queued')) {
      resumed.push(job.id);
      await this.enqueue(job.id);
    }
    return { failed: [], resumed, dropped: [] };
  }

  async idle(): Promise<void> {
    for (;;) {
      const c = await this.#store.jobs.counts();
      if (c.queued + c.running === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async close(): Promise<void> {
    await this.#listener.close();
  }

  #announce(type: JobEvent['type'], id: string): void {
    if (this.#events.listenerCount(id) === 0) return;
    this.#store.jobs.get(id).then(
      (job) => {
        if (job) this.#events.emit(id, { type: type === 'progress' && job.status !== 'running' && job.status !== 'queued' ? (job.status as 'succeeded' | 'failed') : type, job });
      },
      (err: unknown) => this.#log.warn({ err, job: id }, 'job events: the job could not be read'),
    );
  }
}
