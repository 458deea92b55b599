import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Retailer } from '../../domain/retailer.ts';
import type { CheckedDataset } from '../../io/index.ts';
import { connect, transaction } from '../store/db.ts';
import { purgeDataset } from '../store/datasets.ts';

/** Retailers per transaction: short enough that a visit's COMMIT on the main thread waits a few milliseconds at most. */
const BATCH = 2_000;

/** What the import worker writes a dataset through, on SQLite or PostgreSQL (pgDatasetWriter.ts). */
export interface DatasetSink {
  /** Takes one checked retailer; written in batches. */
  retailer(r: Retailer): void;
  /** The last transaction: the rest of the retailers, the lines, the head's documents, and `ready`. */
  finish(d: CheckedDataset): void | Promise<void>;
  /** Drops what was written (the upload failed). */
  discard(): void | Promise<void>;
  close(): void | Promise<void>;
}

/**
 * Writes an upload's dataset from the import worker, on the worker's own connection,
 * as its rows are checked: the head first (`importing`, which no read sees), retailers in
 * short transactions, then lines, policy, calendar and `ready` in one last transaction.
 * An upload that fails is deleted; what a crash leaves is deleted at the next start
 * (DatasetStore.purgeUnfinished). So nothing is ever half-stored for a reader.
 */
export class DatasetWriter implements DatasetSink {
  readonly #db: DatabaseSync;
  readonly #id: string;
  readonly #retailer: StatementSync;
  #batch: Retailer[] = [];
  #seq = 0;

  constructor(dbPath: string, id: string, createdAt: string, files: readonly string[], city: string) {
    this.#db = connect(dbPath);
    // Batches need not reach the disk one by one: the last COMMIT (synchronous FULL again) syncs the log they are in.
    this.#db.exec('PRAGMA synchronous = NORMAL');
    this.#id = id;
    this.#db
      .prepare("INSERT INTO datasets (id, created_at, files, policy, calendar, warnings, state, city) VALUES (?, ?, ?, 'null', 'null', '[]', 'importing', ?)")
      .run(id, createdAt, JSON.stringify(files), city);
    this.#retailer = this.#db.prepare('INSERT INTO dataset_retailers (dataset_id, retailer, line, seq, body) VALUES (?, ?, ?, ?, ?)');
  }

  retailer(r: Retailer): void {
    this.#batch.push(r);
    if (this.#batch.length >= BATCH) this.#flush();
  }

  /** The last transaction: the rest of the retailers, the lines, the head's documents, and `ready`. */
  finish(d: CheckedDataset): void {
    this.#flush();
    const db = this.#db;
    db.exec('PRAGMA synchronous = FULL');
    transaction(db, () => {
      const line = db.prepare('INSERT INTO dataset_lines (dataset_id, line, seq, body) VALUES (?, ?, ?, ?)');
      d.lines.forEach((l, i) => line.run(this.#id, l.line, i, JSON.stringify(l)));
      db.prepare("UPDATE datasets SET policy = ?, calendar = ?, warnings = ?, state = 'ready' WHERE id = ?").run(
        JSON.stringify(d.policy), JSON.stringify(d.calendar), JSON.stringify(d.warnings), this.#id,
      );
    });
  }

  /** Drops what was written (the upload failed). */
  discard(): void {
    this.#batch = [];
    purgeDataset(this.#db, this.#id);
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }

  #flush(): void {
    if (this.#batch.length === 0) return;
    const batch = this.#batch;
    this.#batch = [];
    transaction(this.#db, () => {
      for (const r of batch) this.#retailer.run(this.#id, r.id, r.line, this.#seq++, JSON.stringify(r));
    });
  }
}
