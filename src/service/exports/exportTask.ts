import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from '../../domain/plan.ts';
import { planCsv } from '../../io/exportPlanCsv.ts';
import { planGeojson } from '../../io/exportPlanGeojson.ts';
import { planXlsx } from '../../io/exportPlanXlsx.ts';
import type { Dataset } from '../../io/dataset.ts';
import { DatasetStore } from '../store/datasets.ts';
import { connect } from '../store/db.ts';
import type { StoredPlan } from '../store/plans.ts';
import { PlanStore } from '../store/plans.ts';
import type { StoreLocation } from '../store/interfaces.ts';
import { createPool } from '../store/pg/db.ts';
import { PgDatasets } from '../store/pg/datasets.ts';
import { PgPlans } from '../store/pg/plans.ts';

export type ExportFormat = 'csv' | 'xlsx' | 'geojson';

/** One export to build, as the export worker receives it: where the store is and where the file goes. */
export interface ExportTask {
  store: StoreLocation;
  /** The file to write (atomically: a temporary name, then renamed). */
  path: string;
  planId: string;
  format: ExportFormat;
  line?: string;
  language: 'zh' | 'en';
}

/**
 * The export worker's job (workers/exportPlan.ts is its glue): reads the plan and its
 * dataset on its own connection, builds the file with the io writers, writes it. Only
 * the file's size goes back: the bytes never cross to the event loop.
 */
export async function buildExport(task: ExportTask): Promise<number> {
  const { stored, dataset } = await readPlan(task.store, task.planId);
  const plan: Plan = task.line === undefined ? stored.plan : { ...stored.plan, lines: stored.plan.lines.filter((l) => l.line === task.line) };
  const bytes =
    task.format === 'csv'
      ? Buffer.from(planCsv(plan, dataset.retailers, dataset.lines, { language: task.language }))
      : task.format === 'geojson'
        ? Buffer.from(JSON.stringify(planGeojson(plan, dataset.retailers, dataset.lines)))
        : await planXlsx(plan, dataset.retailers, dataset.lines, { language: task.language, calendar: dataset.calendar });
  const dir = join(task.path, '..');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${task.path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, bytes, { mode: 0o600 });
  renameSync(tmp, task.path);
  return bytes.byteLength;
}

/** The plan and its dataset, on a connection of the worker's own. */
async function readPlan(store: StoreLocation, planId: string): Promise<{ stored: StoredPlan; dataset: Dataset }> {
  const read = async (plans: { get(id: string): StoredPlan | undefined | Promise<StoredPlan | undefined> }, datasets: { get(id: string): Dataset | undefined | Promise<Dataset | undefined> }) => {
    const stored = await plans.get(planId);
    if (!stored) throw new Error(`plan ${planId} is not in the store`);
    const dataset = await datasets.get(stored.datasetId);
    if (!dataset) throw new Error(`dataset ${stored.datasetId} is not in the store`);
    return { stored, dataset };
  };
  if (store.kind === 'sqlite') {
    const db = connect(store.path);
    try {
      return await read(new PlanStore(db), new DatasetStore(db));
    } finally {
      db.close();
    }
  }
  const pool = createPool(store.url, 1);
  try {
    return await read(new PgPlans(pool), new PgDatasets(pool));
  } finally {
    await pool.end();
  }
}
