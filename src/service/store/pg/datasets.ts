import { setImmediate as yieldTurn } from 'node:timers/promises';
import type { Line } from '../../../domain/line.ts';
import { PolicySchema, type Policy } from '../../../domain/policy.ts';
import type { Retailer } from '../../../domain/retailer.ts';
import type { Dataset } from '../../../io/dataset.ts';
import { DEFAULT_CITY } from '../../auth/keys.ts';
import { mapColumns, type DatasetMap, type DatasetSummary, type MapRow } from '../datasets.ts';
import { newId } from '../ids.ts';
import type { Datasets } from '../interfaces.ts';
import { transaction, type Pool, type Queryable } from './db.ts';

/** Retailers per page when a dataset is loaded for a plan job, and per INSERT when one is stored. */
const PAGE = 5_000;

/** Datasets on PostgreSQL: the statements of ../datasets.ts; datasets never change, so reads are cached alike. */
export class PgDatasets implements Datasets {
  readonly #pool: Pool;
  readonly #cache = new Map<string, Dataset>();
  readonly #cities = new Map<string, string>();
  readonly #shares = new Map<string, number>();

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  async insert(dataset: Dataset, files: string[], city = DEFAULT_CITY): Promise<DatasetSummary> {
    const id = newId('ds');
    const createdAt = new Date().toISOString();
    await transaction(this.#pool, async (c) => {
      await c.query('INSERT INTO datasets (id, created_at, files, policy, calendar, warnings, city) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        id, createdAt, JSON.stringify(files), JSON.stringify(dataset.policy), JSON.stringify(dataset.calendar), JSON.stringify(dataset.warnings), city,
      ]);
      await c.query('INSERT INTO dataset_lines (dataset_id, line, seq, body) SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[])', [
        id, dataset.lines.map((l) => l.line), dataset.lines.map((_, i) => i), dataset.lines.map((l) => JSON.stringify(l)),
      ]);
      // Arrays per column, a page per statement: one round trip per 5,000 retailers rather than one each.
      for (let from = 0; from < dataset.retailers.length; from += PAGE) {
        const page = dataset.retailers.slice(from, from + PAGE);
        await c.query('INSERT INTO dataset_retailers (dataset_id, retailer, line, seq, body) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[], $5::text[])', [
          id, page.map((r) => r.id), page.map((r) => r.line), page.map((_, i) => from + i), page.map((r) => JSON.stringify(r)),
        ]);
      }
    });
    return { id, city, createdAt, files, retailers: dataset.retailers.length, lines: dataset.lines.length, warnings: dataset.warnings };
  }

  async cityOf(id: string): Promise<string | undefined> {
    const hit = this.#cities.get(id);
    if (hit !== undefined) return hit;
    const row = (await this.#pool.query<{ city: string }>({ name: 'ds_city', text: "SELECT city FROM datasets WHERE id = $1 AND state = 'ready'", values: [id] })).rows[0];
    if (row) this.#cities.set(id, row.city);
    return row?.city;
  }

  async summary(id: string): Promise<DatasetSummary | undefined> {
    const row = (
      await this.#pool.query<{ id: string; city: string; created_at: string; files: string; warnings: string; retailers: number; lines: number }>(
        `SELECT id, city, created_at, files, warnings,
           (SELECT COUNT(*) FROM dataset_retailers r WHERE r.dataset_id = d.id)::int AS retailers,
           (SELECT COUNT(*) FROM dataset_lines l WHERE l.dataset_id = d.id)::int AS lines
         FROM datasets d WHERE id = $1 AND state = 'ready'`,
        [id],
      )
    ).rows[0];
    if (!row) return undefined;
    return { id: row.id, city: row.city, createdAt: row.created_at, files: JSON.parse(row.files), retailers: row.retailers, lines: row.lines, warnings: JSON.parse(row.warnings) };
  }

  async list(limit: number, city?: string): Promise<DatasetSummary[]> {
    const { rows } =
      city === undefined
        ? await this.#pool.query<{ id: string }>("SELECT id FROM datasets WHERE state = 'ready' ORDER BY created_at DESC, rowid DESC LIMIT $1", [limit])
        : await this.#pool.query<{ id: string }>("SELECT id FROM datasets WHERE state = 'ready' AND city = $1 ORDER BY created_at DESC, rowid DESC LIMIT $2", [city, limit]);
    const out: DatasetSummary[] = [];
    for (const r of rows) out.push((await this.summary(r.id))!);
    return out;
  }

  async map(id: string, line?: string): Promise<DatasetMap | undefined> {
    const head = await this.#head(id);
    if (!head) return undefined;
    const { rows } = await this.#pool.query<MapRow>(
      `SELECT retailer, line, body::json->>'name' AS name, body::json->>'class' AS class, body::json->'lon' AS lon, body::json->'lat' AS lat
       FROM dataset_retailers WHERE dataset_id = $1 AND ($2::text IS NULL OR line = $2) ORDER BY seq`,
      [id, line ?? null],
    );
    return { lines: line === undefined ? head.lines : head.lines.filter((l) => l.line === line), retailers: mapColumns(rows) };
  }

  async latestId(): Promise<string | undefined> {
    return (await this.#pool.query<{ id: string }>("SELECT id FROM datasets WHERE state = 'ready' ORDER BY created_at DESC, rowid DESC LIMIT 1")).rows[0]?.id;
  }

  async get(id: string): Promise<Dataset | undefined> {
    const hit = this.#cache.get(id);
    if (hit) return hit;
    const head = await this.#head(id);
    if (!head) return undefined;
    const { rows } = await this.#pool.query<{ body: string }>('SELECT body FROM dataset_retailers WHERE dataset_id = $1 ORDER BY seq', [id]);
    return this.#remember(id, { ...head, retailers: rows.map((r) => JSON.parse(r.body) as Retailer) });
  }

  async load(id: string): Promise<Dataset | undefined> {
    const hit = this.#cache.get(id);
    if (hit) return hit;
    const head = await this.#head(id);
    if (!head) return undefined;
    const retailers: Retailer[] = [];
    for (let after = -1; ; ) {
      const { rows } = await this.#pool.query<{ seq: number; body: string }>('SELECT seq, body FROM dataset_retailers WHERE dataset_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [
        id, after, PAGE,
      ]);
      for (const r of rows) retailers.push(JSON.parse(r.body) as Retailer);
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].seq;
      await yieldTurn();
    }
    return this.#remember(id, { ...head, retailers });
  }

  async unplannedShare(id: string): Promise<number | undefined> {
    const hit = this.#shares.get(id);
    if (hit !== undefined) return hit;
    const row = (
      await this.#pool.query<{ share: number }>("SELECT policy::json->'unplannedReserveShare'->'value' AS share FROM datasets WHERE id = $1 AND state = 'ready'", [id])
    ).rows[0];
    if (row) this.#shares.set(id, row.share);
    return row?.share;
  }

  async policy(id: string): Promise<Policy | undefined> {
    const row = (await this.#pool.query<{ policy: string }>("SELECT policy FROM datasets WHERE id = $1 AND state = 'ready'", [id])).rows[0];
    return row ? PolicySchema.parse(JSON.parse(row.policy)) : undefined;
  }

  async dayRules(id: string): Promise<{ marketMinutesMin: number; maxDayMinutes: number } | undefined> {
    const policy = await this.policy(id);
    if (!policy) return undefined;
    return { marketMinutesMin: policy.marketMinutesMin.value, maxDayMinutes: policy.maxDayMinutes.value };
  }

  async #head(id: string): Promise<Omit<Dataset, 'retailers'> | undefined> {
    const head = (await this.#pool.query<{ policy: string; calendar: string; warnings: string }>("SELECT policy, calendar, warnings FROM datasets WHERE id = $1 AND state = 'ready'", [id]))
      .rows[0];
    if (!head) return undefined;
    const { rows } = await this.#pool.query<{ body: string }>('SELECT body FROM dataset_lines WHERE dataset_id = $1 ORDER BY seq', [id]);
    return {
      lines: rows.map((r) => JSON.parse(r.body) as Line),
      policy: PolicySchema.parse(JSON.parse(head.policy)),
      calendar: JSON.parse(head.calendar),
      warnings: JSON.parse(head.warnings),
    };
  }

  #remember(id: string, dataset: Dataset): Dataset {
    if (this.#cache.size >= 4) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(id, dataset);
    return dataset;
  }

  /** Removes what imports left half written; with `before`, only those begun before it (other instances' imports go on). */
  async purgeUnfinished(before?: string): Promise<string[]> {
    const { rows } = await this.#pool.query<{ id: string }>("SELECT id FROM datasets WHERE state = 'importing' AND ($1::text IS NULL OR created_at < $1)", [before ?? null]);
    for (const r of rows) await purgeDataset(this.#pool, r.id);
    return rows.map((r) => r.id);
  }

  async lineOf(datasetId: string, retailer: string): Promise<string | undefined> {
    return (await this.#pool.query<{ line: string }>({ name: 'ds_line_of', text: 'SELECT line FROM dataset_retailers WHERE dataset_id = $1 AND retailer = $2', values: [datasetId, retailer] }))
      .rows[0]?.line;
  }

  async lineIds(datasetId: string): Promise<string[]> {
    return (await this.#pool.query<{ line: string }>('SELECT line FROM dataset_lines WHERE dataset_id = $1 ORDER BY seq', [datasetId])).rows.map((r) => r.line);
  }

  async hasLine(datasetId: string, line: string): Promise<boolean> {
    return (await this.#pool.query('SELECT 1 FROM dataset_lines WHERE dataset_id = $1 AND line = $2', [datasetId, line])).rowCount === 1;
  }
}

/** Deletes a dataset that is still importing, with its rows, in one transaction; a ready one is left alone. */
export async function purgeDataset(pool: Pool, id: string): Promise<void> {
  await transaction(pool, async (c: Queryable) => {
    if ((await c.query("SELECT 1 FROM datasets WHERE id = $1 AND state = 'importing' FOR UPDATE", [id])).rowCount === 0) return;
    await c.query('DELETE FROM dataset_retailers WHERE dataset_id = $1', [id]);
    await c.query('DELETE FROM dataset_lines WHERE dataset_id = $1', [id]);
    await c.query('DELETE FROM datasets WHERE id = $1', [id]);
  });
}
