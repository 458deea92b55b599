import type { z } from 'zod';
import { checkDataset, ImportError, type ImportLimits, type ImportProblem, type ProblemCount, type UploadedFile } from '../../io/index.ts';
import { DEFAULT_CITY } from '../auth/keys.ts';
import type { Issue } from '../errors.ts';
import { UploadBodySchema, type UploadFileSchema } from '../routes/datasets/schemas.ts';
import type { DatasetSummary } from '../store/datasets.ts';
import { connect } from '../store/db.ts';
import { purgeDataset } from '../store/datasets.ts';
import type { StoreLocation } from '../store/interfaces.ts';
import { createPool } from '../store/pg/db.ts';
import { purgeDataset as purgePgDataset } from '../store/pg/datasets.ts';
import { DatasetWriter, type DatasetSink } from './datasetWriter.ts';
import { PgDatasetWriter } from './pgDatasetWriter.ts';

/** An upload to check and store, as the import worker receives it: the request body's bytes, unparsed. */
export interface ImportTask {
  kind: 'import';
  body: Uint8Array;
  store: StoreLocation;
  /** Chosen by the caller, so that it can remove what a crashed worker left. */
  id: string;
  limits: ImportLimits;
  /** The uploading key's city; undefined for a planner key of every city, which names the city in the body (or gets the default). */
  keyCity: string | undefined;
}

/** Removes a dataset an import left half written. */
export interface PurgeTask {
  kind: 'purge';
  store: StoreLocation;
  id: string;
}

export type ImportOutcome =
  | { ok: true; dataset: DatasetSummary }
  | { ok: false; code: 'VP_MALFORMED_JSON' }
  | { ok: false; code: 'VP_VALIDATION'; issues: Issue[] }
  | { ok: false; code: 'VP_IMPORT'; problems: ImportProblem[]; warnings: ImportProblem[]; total: number; counts: ProblemCount[] };

/** The import worker's one job (workers/importDataset.ts is its glue). */
export async function runTask(task: ImportTask | PurgeTask): Promise<ImportOutcome | null> {
  if (task.kind === 'purge') {
    if (task.store.kind === 'sqlite') {
      const db = connect(task.store.path);
      try {
        purgeDataset(db, task.id);
      } finally {
        db.close();
      }
    } else {
      const pool = createPool(task.store.url, 1);
      try {
        await purgePgDataset(pool, task.id);
      } finally {
        await pool.end();
      }
    }
    return null;
  }
  return importUpload(task);
}

/**
 * Parses and checks an upload body, streaming its valid retailers into the store as
 * they are read; any problem deletes what was written. The same zod schema as the
 * route's OpenAPI document checks the body, with the same issue format as the service's
 * error handler.
 */
export async function importUpload(task: ImportTask): Promise<ImportOutcome> {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(task.body));
  } catch {
    return { ok: false, code: 'VP_MALFORMED_JSON' };
  }
  const parsed = UploadBodySchema.safeParse(doc);
  if (!parsed.success) {
    return { ok: false, code: 'VP_VALIDATION', issues: parsed.error.issues.map((i) => ({ in: 'body', path: i.path.join('.'), message: i.message })) };
  }
  const b = parsed.data;
  if (task.keyCity !== undefined && b.city !== undefined && b.city !== task.keyCity) {
    return { ok: false, code: 'VP_VALIDATION', issues: [{ in: 'body', path: 'city', message: `this key uploads to city ${task.keyCity} only` }] };
  }
  const city = b.city ?? task.keyCity ?? DEFAULT_CITY;
  const names = [b.retailers.name, b.lines.name, b.policy.name, ...(b.calendar ? [b.calendar.name] : [])];
  const createdAt = new Date().toISOString();
  const writer: DatasetSink =
    task.store.kind === 'sqlite'
      ? new DatasetWriter(task.store.path, task.id, createdAt, names, city)
      : await PgDatasetWriter.open(task.store.url, task.id, createdAt, names, city);
  try {
    const checked = await checkDataset(
      { retailers: toFile(b.retailers), lines: toFile(b.lines), policy: toFile(b.policy), ...(b.calendar ? { calendar: toFile(b.calendar) } : {}) },
      { limits: task.limits, onRetailer: (r) => writer.retailer(r) },
    );
    await writer.finish(checked);
    return { ok: true, dataset: { id: task.id, city, createdAt, files: names, retailers: checked.retailers, lines: checked.lines.length, warnings: checked.warnings } };
  } catch (e) {
    await writer.discard();
    if (e instanceof ImportError) return { ok: false, code: 'VP_IMPORT', problems: [...e.problems], warnings: [...e.warnings], total: e.total, counts: [...e.counts] };
    throw e;
  } finally {
    await writer.close();
  }
}

const toFile = (f: z.infer<typeof UploadFileSchema>): UploadedFile => ({
  name: f.name,
  bytes: f.base64 !== undefined ? Buffer.from(f.base64, 'base64') : new TextEncoder().encode(f.text),
  ...(f.format === undefined ? {} : { format: f.format }),
});
