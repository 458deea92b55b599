import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importDataset, type Dataset, type UploadedFile } from './dataset.ts';
import { ImportError } from './importError.ts';

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
  const retailers = await tableFile(dir, 'retailers');
  const lines = await tableFile(dir, 'lines');
  const policy = await file(join(dir, 'policy.json'));
  const calendarPath = join(dir, 'calendar.json');
  const calendar = existsSync(calendarPath) ? await file(calendarPath) : undefined;
  return importDataset(calendar ? { retailers, lines, policy, calendar } : { retailers, lines, policy });
}

async function tableFile(dir: string, base: string): Promise<UploadedFile> {
  for (const ext of TABLE_NAMES) {
    const path = join(dir, `${base}.${ext}`);
    if (existsSync(path)) return file(path);
  }
  throw new ImportError([{ file: join(dir, `${base}.csv`), reason: `not found (nor ${base}.xlsx, ${base}.geojson)` }]);
}

async function file(path: string): Promise<UploadedFile> {
  try {
    return { name: path, bytes: await readFile(path) };
  } catch (e) {
    throw new ImportError([{ file: path, reason: `not readable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }]);
  }
}
