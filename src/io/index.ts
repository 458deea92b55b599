/**
 * Import of a planner's own data: retailers and lines (CSV, XLSX, GeoJSON), policy and
 * calendar (JSON). Every importer is all or nothing and throws one {@link ImportError}
 * naming every bad row and field. Only loadDataset.ts reads files; the rest takes bytes.
 */
export { decodeText, type DecodedText, type DetectedEncoding } from './decode.ts';
export { ImportError, formatProblem, problemsMessage, MESSAGE_PROBLEM_LIMIT, type ImportProblem, type ProblemCount, type ProblemKind } from './importError.ts';
export { NO_LIMITS, type ImportLimits } from './importLimits.ts';
export { importRetailers, importLines, type TableOptions } from './importTables.ts';
export { importDataset, checkDataset, type CheckedDataset, type CheckOptions, type Dataset, type DatasetFiles, type UploadedFile } from './dataset.ts';
export { loadDataset } from './loadDataset.ts';
export { TABLE_FORMATS, type TableFormat } from './table.ts';
