import type { Retailer } from '../../domain/retailer.ts';
import type { CheckedDataset } from '../../io/index.ts';
import { createPool, transaction, type Pool } from '../store/pg/db.ts';
import { purgeDataset } from '../store/pg/datasets.ts';
import type { DatasetSink } from './datasetWriter.ts';

/** Retailers per INSERT: a few round trips for a city, and each batch's transaction short. */
const BATCH = 2_000;

/**
 * datasetWriter.ts's writer on PostgreSQL, on the worker's own connection: the head
 * first (`importing`, which no read sees), retailers in batches as they are checked,
 * then lines, documents and `ready` in one last transaction. The checker hands over
 * retailers synchronously; each full batch's INSERT is queued behind the one before, and
 * finish() waits for all of them (the first error fails the upload, which is deleted).
 */
export class PgDatasetWriter implements DatasetSink {
  readonly #pool: Pool;
  readonly #id: string;
  #batch: Retailer[] = [];
  #seq = 0;
  /** The batches' INSERTs, one after another; never rejects (an unhandled rejection would end the worker): the first error is kept. */
  #written: Promise<void> = Promise.resolve();
  #error: unknown;

  private constructor(pool: Pool, id: string) {
    this.#pool = pool;
    this.#id = id;
  }

  static async open(url: string, id: string, createdAt: string, files: readonly string[], city: string): Promise<PgDatasetWriter> {
    const pool = createPool(url, 1);
    try {
      await pool.query("INSERT INTO datasets (id, created_at, files, policy, calendar, warnings, state, city) VALUES ($1, $2, $3, 'null', 'null', '[]', 'importing', $4)", [
        id, createdAt, JSON.stringify(files), city,
      ]);
    } catch (e) {
      await pool.end();
      throw e;
    }
    return new PgDatasetWriter(pool, id);
  }

  retailer(r: Retailer): void {
    this.#batch.push(r);
    if (this.#batch.length >= BATCH) this.#flush();
  }

  async finish(d: CheckedDataset): Promise<void> {
    this.#flush();
    await this.#written;
    if (this.#error !== undefined) throw this.#error;
    await transaction(this.#pool, async (c) => {
      await c.query('INSERT INTO dataset_lines (dataset_id, line, seq, body) SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[])', [
        this.#id, d.lines.map((l) => l.line), d.lines.map((_, i) => i), d.lines.map((l) => JSON.stringify(l)),
      ]);
      await c.query("UPDATE datasets SET policy = $1, calendar = $2, warnings = $3, state = 'ready' WHERE id = $4", [
        JSON.stringify(d.policy), JSON.stringify(d.calendar), JSON.stringify(d.warnings), this.#id,
      ]);
    });
  }

  async discard(): Promise<void> {
    this.#batch = [];
    await this.#written;
    await purgeDataset(this.#pool, this.#id);
  }

  async close(): Promise<void> {
    await this.#written;
    await this.#pool.end();
  }

  #flush(): void {
    if (this.#batch.length === 0) return;
    const batch = this.#batch;
    this.#batch = [];
    const from = this.#seq;
    this.#seq += batch.length;
    this.#written = this.#written.then(async () => {
      if (this.#error !== undefined) return;
      await this.#pool.query('INSERT INTO dataset_retailers (dataset_id, retailer, line, seq, body) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[], $5::text[])', [
        this.#id, batch.map((r) => r.id), batch.map((r) => r.line), batch.map((_, i) => from + i), batch.map((r) => JSON.stringify(r)),
      ]).catch((e: unknown) => {
        this.#error = e;
      });
    });
  }
}
