/** Piscina worker: one plan export (CSV, XLSX, GeoJSON) written to the export cache. Thin: the work is in src/service/exports/exportTask.ts. */
import { buildExport, type ExportTask } from '../src/service/exports/exportTask.ts';

export default function exportPlan(task: ExportTask): Promise<number> {
  return buildExport(task);
}
