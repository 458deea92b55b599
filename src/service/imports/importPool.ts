import type { FastifyBaseLogger } from 'fastify';
import { Piscina } from 'piscina';
import type { ImportLimits } from '../../io/index.ts';
import { AppError } from '../errors.ts';
import { newId } from '../store/ids.ts';
import type { StoreLocation } from '../store/interfaces.ts';
import type { ImportOutcome, ImportTask, PurgeTask } from './importTask.ts';

export interface ImportPoolOptions {
  /** The store the worker writes to on a connection of its own. */
  store: StoreLocation;
  limits: ImportLimits;
  heapMb: number;
  timeoutMs: number;
  maxQueued: number;
  log: FastifyBaseLogger;
}

/**
 * Dataset uploads, checked and stored off the event loop: one worker thread with a
 * bounded heap, one upload at a time, a few waiting. A worker that runs out of memory or
 * time fails its upload alone (413); what it had written is removed by a fresh worker.
 */
export class ImportPool {
  readonly #pool: Piscina;
  readonly #opts: ImportPoolOptions;
  readonly #closing = new AbortController();
  #inFlight = 0;

  constructor(opts: ImportPoolOptions) {
    this.#opts = opts;
    this.#pool = new Piscina({
      filename: new URL('../../../workers/importDataset.ts', import.meta.url).href,
      minThreads: 0,
      maxThreads: 1,
      // Started on the first upload, gone a minute after the last: an idle service holds no import heap.
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: opts.heapMb },
    });
  }

  /**
   * The upload body's bytes → the stored dataset (in the key's city, or the one the body names), or why not.
   * @throws {AppError} VP_UNAVAILABLE when uploads are already waiting or the service is closing, VP_IMPORT_TOO_LARGE.
   */
  async import(body: Uint8Array, keyCity: string | undefined): Promise<ImportOutcome> {
    if (this.#closing.signal.aborted) throw new AppError('VP_UNAVAILABLE', 'the service is shutting down; retry shortly');
    if (this.#inFlight >= 1 + this.#opts.maxQueued) throw new AppError('VP_UNAVAILABLE', 'other uploads are being checked; retry shortly');
    this.#inFlight += 1;
    const id = newId('ds');
    const timeout = AbortSignal.timeout(this.#opts.timeoutMs);
    // Moved, not copied, to the worker: the body may be tens of megabytes.
    const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? body : new Uint8Array(body);
    const task: ImportTask = { kind: 'import', body: own, store: this.#opts.store, id, limits: this.#opts.limits, keyCity };
    try {
      return (await this.#pool.run(task, { signal: AbortSignal.any([timeout, this.#closing.signal]), transferList: [own.buffer as ArrayBuffer] })) as ImportOutcome;
    } catch (e) {
      if (!this.#closing.signal.aborted) void this.#purge(id);
      if ((e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.#opts.log.warn({ err: e, dataset: id }, 'an upload ran the import worker out of memory');
        throw new AppError('VP_IMPORT_TOO_LARGE', `checking the upload needs more than the ${this.#opts.heapMb} MB an import may use; nothing was stored: send fewer rows per upload`);
      }
      if (timeout.aborted) {
        this.#opts.log.warn({ dataset: id }, 'an upload took too long to check');
        throw new AppError('VP_IMPORT_TOO_LARGE', `checking the upload took longer than ${this.#opts.timeoutMs / 1000} s; nothing was stored: send fewer rows per upload`);
      }
      if (this.#closing.signal.aborted) throw new AppError('VP_UNAVAILABLE', 'the service is shutting down; retry shortly');
      throw e;
    } finally {
      this.#inFlight -= 1;
    }
  }

  /** Uploads being checked (0 or 1) and waiting, for /health. */
  state(): { checking: number; waiting: number } {
    return { checking: Math.min(this.#inFlight, 1), waiting: Math.max(this.#inFlight - 1, 0) };
  }

  /** Stops the upload being checked (its rows are removed at the next start) and the worker. */
  async close(): Promise<void> {
    this.#closing.abort(new Error('the service is shutting down'));
    await this.#pool.destroy();
  }

  async #purge(id: string): Promise<void> {
    try {
      const task: PurgeTask = { kind: 'purge', store: this.#opts.store, id };
      await this.#pool.run(task);
    } catch (err) {
      this.#opts.log.error({ err, dataset: id }, 'could not remove a failed upload; the next start removes it');
    }
  }
}
