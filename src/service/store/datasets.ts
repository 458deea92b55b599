import type { DatabaseSync } from 'node:sqlite';
import { setImmediate as yieldTurn } from 'node:timers/promises';
import type { Line } from '../../domain/line.ts';
import { PolicySchema, type Policy } from '../../domain/policy.ts';
import type { Retailer } from '../../domain/retailer.ts';
import type { Dataset } from '../../io/dataset.ts';
import { transaction } from './db.ts';
import { newId } from './ids.ts';
import { DEFAULT_CITY } from '../auth/keys.ts';

export interface DatasetSummary {
  id: string;
  /** The city (organisation, dataset family) it belongs to. */
  city: string;
  createdAt: string;
  files: string[];
  retailers: number;
  lines: number;
  warnings: Dataset['warnings'];
}

/** A dataset's points for the planner's map: parallel columns, so 26,400 retailers stay a few hundred kilobytes of JSON. */
export interface DatasetMap {
  lines: Line[];
  retailers: { id: string[]; name: string[]; line: string[]; class: string[]; lon: number[]; lat: number[] };
}

/** Retailers per page when a dataset is loaded for a plan job. */
const PAGE = 5_000;

/**
 * Datasets: written once on upload, read whole when a plan job starts. Datasets never
 * change, so a read one is cached (a city's 26,400 retailers parse in ~100 ms).
 */
export class DatasetStore {
  readonly #db: DatabaseSync;
  readonly #cache = new Map<string, Dataset>();
  readonly #cacheSize = 4;
  /** Dataset → city: every access check reads it, and it never changes. */
  readonly #cities = new Map<string, string>();
  /** Dataset → the policy's unplanned share: every visit record reads it. */
  readonly #shares = new Map<string, number>();

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  /** A dataset already checked (the demo's, a benchmark's), stored in one transaction; uploads go through imports/. */
  insert(dataset: Dataset, files: string[], city = DEFAULT_CITY): DatasetSummary {
    const id = newId('ds');
    const createdAt = new Date().toISOString();
    const db = this.#db;
    transaction(db, () => {
      db.prepare('INSERT INTO datasets (id, created_at, files, policy, calendar, warnings, city) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        id, createdAt, JSON.stringify(files), JSON.stringify(dataset.policy), JSON.stringify(dataset.calendar), JSON.stringify(dataset.warnings), city,
      );
      const line = db.prepare('INSERT INTO dataset_lines (dataset_id, line, seq, body) VALUES (?, ?, ?, ?)');
      dataset.lines.forEach((l, i) => line.run(id, l.line, i, JSON.stringify(l)));
      const retailer = db.prepare('INSERT INTO dataset_retailers (dataset_id, retailer, line, seq, body) VALUES (?, ?, ?, ?, ?)');
      dataset.retailers.forEach((r, i) => retailer.run(id, r.id, r.line, i, JSON.stringify(r)));
    });
    return { id, city, createdAt, files, retailers: dataset.retailers.length, lines: dataset.lines.length, warnings: dataset.warnings };
  }

  /** The city a ready dataset belongs to, or undefined for no such dataset. */
  cityOf(id: string): string | undefined {
    const hit = this.#cities.get(id);
    if (hit !== undefined) return hit;
    const row = this.#db.prepare("SELECT city FROM datasets WHERE id = ? AND state = 'ready'").get(id) as { city: string } | undefined;
    if (row) this.#cities.set(id, row.city);
    return row?.city;
  }

  summary(id: string): DatasetSummary | undefined {
    const row = this.#db
      .prepare(
        `SELECT id, city, created_at, files, warnings,
           (SELECT COUNT(*) FROM dataset_retailers r WHERE r.dataset_id = d.id) AS retailers,
           (SELECT COUNT(*) FROM dataset_lines l WHERE l.dataset_id = d.id) AS lines
         FROM datasets d WHERE id = ? AND state = 'ready'`,
      )
      .get(id) as { id: string; city: string; created_at: string; files: string; warnings: string; retailers: number; lines: number } | undefined;
    if (!row) return undefined;
    return { id: row.id, city: row.city, createdAt: row.created_at, files: JSON.parse(row.files), retailers: row.retailers, lines: row.lines, warnings: JSON.parse(row.warnings) };
  }

  /** The latest ready datasets, newest first; a city's only when a city is given. */
  list(limit: number, city?: string): DatasetSummary[] {
    const ids = (
      city === undefined
        ? this.#db.prepare("SELECT id FROM datasets WHERE state = 'ready' ORDER BY created_at DESC, rowid DESC LIMIT ?").all(limit)
        : this.#db.prepare("SELECT id FROM datasets WHERE state = 'ready' AND city = ? ORDER BY created_at DESC, rowid DESC LIMIT ?").all(city, limit)
    ) as { id: string }[];
    return ids.map((r) => this.summary(r.id)!);
  }

  /**
   * The lines and the retailers' positions, names and classes (of one line, when given),
   * read as columns by SQLite rather than parsing each retailer's body here.
   */
  map(id: string, line?: string): DatasetMap | undefined {
    const head = this.#head(id);
    if (!head) return undefined;
    const rows = this.#db
      .prepare(
        `SELECT retailer, line, json_extract(body, '$.name') AS name, json_extract(body, '$.class') AS class,
           json_extract(body, '$.lon') AS lon, json_extract(body, '$.lat') AS lat
         FROM dataset_retailers WHERE dataset_id = ? AND (? IS NULL OR line = ?) ORDER BY seq`,
      )
      .all(id, line ?? null, line ?? null) as MapRow[];
    return { lines: line === undefined ? head.lines : head.lines.filter((l) => l.line === line), retailers: mapColumns(rows) };
  }

  /** The newest dataset's id, if any. */
  latestId(): string | undefined {
    const row = this.#db.prepare("SELECT id FROM datasets WHERE state = 'ready' ORDER BY created_at DESC, rowid DESC LIMIT 1").get() as { id: string } | undefined;
    return row?.id;
  }

  /** A whole dataset, read at once (the export worker; tests). Cached. */
  get(id: string): Dataset | undefined {
    const hit = this.#cache.get(id);
    if (hit) return hit;
    const head = this.#head(id);
    if (!head) return undefined;
    const retailers = (this.#db.prepare('SELECT body FROM dataset_retailers WHERE dataset_id = ? ORDER BY seq').all(id) as { body: string }[]).map(
      (r) => JSON.parse(r.body) as Retailer,
    );
    return this.#remember(id, { ...head, retailers });
  }

  /**
   * A whole dataset, read a page of retailers at a time with the event loop free between
   * pages (a city's 26,400 retailers parse in ~100 ms; 400,000 in seconds). Cached.
   */
  async load(id: string): Promise<Dataset | undefined> {
    const hit = this.#cache.get(id);
    if (hit) return hit;
    const head = this.#head(id);
    if (!head) return undefined;
    const page = this.#db.prepare('SELECT seq, body FROM dataset_retailers WHERE dataset_id = ? AND seq > ? ORDER BY seq LIMIT ?');
    const retailers: Retailer[] = [];
    for (let after = -1; ; ) {
      const rows = page.all(id, after, PAGE) as { seq: number; body: string }[];
      for (const r of rows) retailers.push(JSON.parse(r.body) as Retailer);
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].seq;
      await yieldTurn();
    }
    return this.#remember(id, { ...head, retailers });
  }

  /** What recording a visit needs of the policy: the share of a day's visits that may be outside the plan. A column, cached. */
  unplannedShare(id: string): number | undefined {
    const hit = this.#shares.get(id);
    if (hit !== undefined) return hit;
    const row = this.#db.prepare("SELECT json_extract(policy, '$.unplannedReserveShare.value') AS share FROM datasets WHERE id = ? AND state = 'ready'").get(id) as
      | { share: number }
      | undefined;
    if (row) this.#shares.set(id, row.share);
    return row?.share;
  }

  /** The dataset's policy (defaults applied), or undefined for no ready dataset. */
  policy(id: string): Policy | undefined {
    const row = this.#db.prepare("SELECT policy FROM datasets WHERE id = ? AND state = 'ready'").get(id) as { policy: string } | undefined;
    return row ? PolicySchema.parse(JSON.parse(row.policy)) : undefined;
  }

  /** The working day's bounds a calendar flags days by: market minutes at least, day minutes at most (from the policy, defaults applied). */
  dayRules(id: string): { marketMinutesMin: number; maxDayMinutes: number } | undefined {
    const policy = this.policy(id);
    if (!policy) return undefined;
    return { marketMinutesMin: policy.marketMinutesMin.value, maxDayMinutes: policy.maxDayMinutes.value };
  }

  #head(id: string): Omit<Dataset, 'retailers'> | undefined {
    const head = this.#db.prepare("SELECT policy, calendar, warnings FROM datasets WHERE id = ? AND state = 'ready'").get(id) as
      | { policy: string; calendar: string; warnings: string }
      | undefined;
    if (!head) return undefined;
    const lines = (this.#db.prepare('SELECT body FROM dataset_lines WHERE dataset_id = ? ORDER BY seq').all(id) as { body: string }[]).map(
      (r) => JSON.parse(r.body) as Line,
    );
    return { lines, policy: PolicySchema.parse(JSON.parse(head.policy)), calendar: JSON.parse(head.calendar), warnings: JSON.parse(head.warnings) };
  }

  #remember(id: string, dataset: Dataset): Dataset {
    if (this.#cache.size >= this.#cacheSize) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(id, dataset);
    return dataset;
  }

  /** Removes what imports left half written (a crash, a killed worker): see imports/datasetWriter.ts. */
  purgeUnfinished(): string[] {
    const ids = (this.#db.prepare("SELECT id FROM datasets WHERE state = 'importing'").all() as { id: string }[]).map((r) => r.id);
    for (const id of ids) purgeDataset(this.#db, id);
    return ids;
  }

  /** The line a retailer is on in a dataset, if the retailer is in it. */
  lineOf(datasetId: string, retailer: string): string | undefined {
    const row = this.#db.prepare('SELECT line FROM dataset_retailers WHERE dataset_id = ? AND retailer = ?').get(datasetId, retailer) as { line: string } | undefined;
    return row?.line;
  }

  /** A dataset's line ids, in file order (a column, not the lines' bodies). */
  lineIds(datasetId: string): string[] {
    return (this.#db.prepare('SELECT line FROM dataset_lines WHERE dataset_id = ? ORDER BY seq').all(datasetId) as { line: string }[]).map((r) => r.line);
  }

  hasLine(datasetId: string, line: string): boolean {
    return this.#db.prepare('SELECT 1 FROM dataset_lines WHERE dataset_id = ? AND line = ?').get(datasetId, line) !== undefined;
  }
}

/** A map's retailer rows, as either store reads them, turned into the columns the page draws from. */
export function mapColumns(rows: readonly MapRow[]): DatasetMap['retailers'] {
  const retailers: DatasetMap['retailers'] = { id: [], name: [], line: [], class: [], lon: [], lat: [] };
  for (const r of rows) {
    retailers.id.push(r.retailer);
    retailers.name.push(r.name);
    retailers.line.push(r.line);
    retailers.class.push(r.class);
    retailers.lon.push(r.lon);
    retailers.lat.push(r.lat);
  }
  return retailers;
}

/** One retailer of a map as the stores' queries return it. */
export type MapRow = { retailer: string; line: string; name: string; class: string; lon: number; lat: number };

/** Deletes a dataset that is still importing, with its rows, in one transaction; a ready one is left alone. */
export function purgeDataset(db: DatabaseSync, id: string): void {
  transaction(db, () => {
    if (db.prepare("SELECT 1 FROM datasets WHERE id = ? AND state = 'importing'").get(id) === undefined) return;
    db.prepare('DELETE FROM dataset_retailers WHERE dataset_id = ?').run(id);
    db.prepare('DELETE FROM dataset_lines WHERE dataset_id = ?').run(id);
    db.prepare('DELETE FROM datasets WHERE id = ?').run(id);
  });
}
