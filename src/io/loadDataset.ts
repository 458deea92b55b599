import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importDataset, type Dataset, type UploadedFile } from './dataset.ts';
import { ImportError, type ImportProblem } from './importError.ts';

/** The names a dataset directory's table may have, in the order they are looked for. */
const TABLE_NAMES = ['csv', 'xlsx', 'geojson'] as const;

/**
 * A dataset directory → a dataset: `retailers.csv` and `lines.csv` (or `.xlsx`,
 * `.geojson`), `policy.json`, and `calendar.json` if present, else the shipped China
 * calendar. The only module of the importer that touches the file system.
 *
 * @throws {ImportError} naming files as `<dir>/retailers.csv` etc.
 */
export async function loadDataset(dir: string): Promise<Dataset> {
  const problems: ImportProblem[] = [];
  const retailers = await tableFile(dir, 'retailers', problems);
  const lines = await tableFile(dir, 'lines', problems);
  const policy = await file(join(dir, 'policy.json'), problems);
  const calendarPath = join(dir, 'calendar.json');
  const calendar = existsSync(calendarPath) ? await file(calendarPath, problems) : undefined;
  // Every missing file at once, like every bad row.
  if (!retailers || !lines || !policy || problems.length > 0) throw new ImportError(problems);
  return importDataset(calendar ? { retailers, lines, policy, calendar } : { retailers, lines, policy });
}

async function tableFile(dir: string, base: string, problems: ImportProblem[]): Promise<UploadedFile | undefined> {
  for (const ext of TABLE_NAMES) {
    const path = join(dir, `${base}.${ext}`);
    if (existsSync(path)) return file(path, problems);
  }
  problems.push({ file: join(dir, `${base}.csv`), reason: `not found (nor ${base}.xlsx, ${base}.geojson)` });
  return undefined;
}

async function file(path: string, problems: ImportProblem[]): Promise<UploadedFile | undefined> {
  try {
    return { name: path, bytes: await readFile(path) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    problems.push({ file: path, reason: code === 'ENOENT' ? 'not found' : `not readable: ${code ?? (e as Error).message}` });
    return undefined;
  }
}
