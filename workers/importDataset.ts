/** Piscina worker: one dataset upload (or the removal of one a crash left). Thin: the work is in src/service/imports/importTask.ts. */
import { runTask, type ImportOutcome, type ImportTask, type PurgeTask } from '../src/service/imports/importTask.ts';

export default function importDataset(task: ImportTask | PurgeTask): Promise<ImportOutcome | null> {
  return runTask(task);
}
