import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { Piscina } from 'piscina';
import { AppError } from '../errors.ts';
import type { StoreLocation } from '../store/interfaces.ts';
import type { ExportFormat, ExportTask } from './exportTask.ts';

export interface ExportCacheOptions {
  /** The store the worker reads on a connection of its own. */
  store: StoreLocation;
  /** Where built files are kept (`<DATA_DIR>/exports`). */
  dir: string;
  heapMb: number;
  maxQueued: number;
  log: FastifyBaseLogger;
}

/**
 * Plan exports, built off the event loop (one worker thread, bounded heap) and kept on
 * disk: a plan never changes, so each file is built once and then streamed. Requests for
 * a file being built wait for that build; a full queue is a 503. The retention policy
 * removes a purged plan's files.
 */
export class ExportCache {
  readonly #pool: Piscina;
  readonly #opts: ExportCacheOptions;
  readonly #building = new Map<string, Promise<string>>();
  #closing = false;

  constructor(opts: ExportCacheOptions) {
    this.#opts = opts;
    this.#pool = new Piscina({
      filename: new URL('../../../workers/exportPlan.ts', import.meta.url).href,
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: opts.heapMb },
    });
  }

  /** The file of a plan's export, built now if it is not yet. */
  async file(planId: string, format: ExportFormat, language: 'zh' | 'en', line?: string): Promise<string> {
    const path = join(this.#opts.dir, fileName(planId, format, language, line));
    if (existsSync(path)) return path;
    const pending = this.#building.get(path);
    if (pending) return pending;
    if (this.#closing) throw new AppError('VP_UNAVAILABLE', 'the service is shutting down; retry shortly');
    if (this.#building.size >= 1 + this.#opts.maxQueued) throw new AppError('VP_UNAVAILABLE', 'other exports are being built; retry shortly');
    const task: ExportTask = { store: this.#opts.store, path, planId, format, language, ...(line === undefined ? {} : { line }) };
    const started = performance.now();
    const build = (this.#pool.run(task) as Promise<number>)
      .then((bytes) => {
        this.#opts.log.info({ plan: planId, format, line, bytes, ms: Math.round(performance.now() - started) }, 'export built');
        return path;
      })
      .finally(() => this.#building.delete(path));
    this.#building.set(path, build);
    return build;
  }

  /** Exports being built, for /health. */
  state(): { building: number } {
    return { building: this.#building.size };
  }

  /** Removes a plan's files (its plan was purged). */
  forget(planId: string): void {
    if (!existsSync(this.#opts.dir)) return;
    for (const f of readdirSync(this.#opts.dir)) if (f.startsWith(`${planId}.`) || f.startsWith(`${planId}~`)) rmSync(join(this.#opts.dir, f), { force: true });
  }

  async close(): Promise<void> {
    this.#closing = true;
    await this.#pool.destroy();
  }
}

/** `<plan>[~<line hash>].<language>.<format>`: line ids are the planner's text, so they are hashed, never put in a path. */
function fileName(planId: string, format: ExportFormat, language: string, line?: string): string {
  const part = line === undefined ? '' : `~${createHash('sha256').update(line).digest('base64url').slice(0, 16)}`;
  return `${planId}${part}.${format === 'geojson' ? 'any' : language}.${format}`;
}
