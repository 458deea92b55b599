import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { RETAILER_COLUMNS } from '../../src/domain/retailer.ts';
import { importDataset, importRetailers, type ImportLimits } from '../../src/io/index.ts';
import { shareOut } from '../../src/io/problemLog.ts';
import { csvBytes, csvText, importError, lineRow, linesCsv, retailerRow } from './helpers.ts';

const limits = (over: Partial<ImportLimits>): ImportLimits => ({ maxRows: Infinity, maxInflatedBytes: Infinity, maxProblems: Infinity, ...over });
const utf8 = (text: string) => new TextEncoder().encode(text);

/** `n` retailer rows, each with a bad latitude and a bad weekday. */
const badRows = (n: number) => Array.from({ length: n }, (_, i) => retailerRow({ id: `R${i}`, lat: 'north', order_weekday: '9' }));

describe('rows: counted before they are parsed', () => {
  test('a CSV with more lines than the limit is one whole-file problem', async () => {
    const e = await importError(importRetailers(csvBytes(badRows(10)), 'csv', { limits: limits({ maxRows: 10 }) }));
    expect(e.problems).toEqual([{ file: 'retailers.csv', kind: 'file', reason: '11 lines, more than the 10 rows an upload may have' }]);
    expect(e.counts).toEqual([{ file: 'retailers.csv', kind: 'file', problems: 1 }]);
  });

  test('blank lines count: a file of line breaks is refused, whatever ends its lines', async () => {
    for (const text of ['\n'.repeat(50), '\r'.repeat(50), '\r\n'.repeat(50)]) {
      const e = await importError(importRetailers(utf8(text), 'csv', { limits: limits({ maxRows: 20 }) }));
      expect(e.message).toBe('retailers.csv: 50 lines, more than the 20 rows an upload may have');
    }
  });

  test('a file at the limit is read', async () => {
    const rows = Array.from({ length: 9 }, (_, i) => retailerRow({ id: `R${i}` }));
    expect(await importRetailers(csvBytes(rows), 'csv', { limits: limits({ maxRows: 10 }) })).toHaveLength(9);
  });

  test('a GeoJSON with more features than the limit', async () => {
    const features = Array.from({ length: 4 }, () => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [114, 32] } }));
    const e = await importError(importRetailers(utf8(JSON.stringify({ type: 'FeatureCollection', features })), 'geojson', { limits: limits({ maxRows: 3 }) }));
    expect(e.message).toBe('retailers.geojson: 4 features, more than the 3 rows an upload may have');
  });
});

describe('XLSX: the zip directory is read before anything is inflated', () => {
  async function workbook(rows: number): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('retailers');
    ws.addRow([...RETAILER_COLUMNS]);
    for (let i = 0; i < rows; i++) ws.addRow(RETAILER_COLUMNS.map((c) => retailerRow({ id: `R${i}` })[c]));
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  test('a workbook that says it inflates past the limit is refused by its size', async () => {
    const bytes = await workbook(3000);
    const e = await importError(importRetailers(bytes, 'xlsx', { limits: limits({ maxInflatedBytes: 256 * 1024 }) }));
    expect(e.problems).toHaveLength(1);
    expect(e.message).toMatch(/^retailers\.xlsx: the workbook inflates to \d+\.\d MB, more than the 0\.3 MB an upload may$/);
  });

  test('worksheet rows past the limit stop the reading', async () => {
    const e = await importError(importRetailers(await workbook(30), 'xlsx', { limits: limits({ maxRows: 20 }) }));
    expect(e.message).toBe('retailers.xlsx: 21 rows or more, more than the 20 rows an upload may have');
  });

  test('under both limits it reads as before', async () => {
    expect(await importRetailers(await workbook(30), 'xlsx', { limits: limits({ maxRows: 40, maxInflatedBytes: 1024 * 1024 }) })).toHaveLength(30);
  });
});

describe('problems: the first ones listed, every one counted', () => {
  test('a thousand bad rows: the first problems in file order, counts by file, kind and column', async () => {
    const e = await importError(importRetailers(csvBytes(badRows(1000)), 'csv', { limits: limits({ maxProblems: 3 }) }));
    expect(e.problems.map((p) => [p.line, p.column])).toEqual([[2, 'lat'], [2, 'order_weekday'], [3, 'lat']]);
    expect(e.total).toBe(2000);
    expect(e.counts).toEqual([
      { file: 'retailers.csv', kind: 'value', column: 'lat', problems: 1000 },
      { file: 'retailers.csv', kind: 'value', column: 'order_weekday', problems: 1000 },
    ]);
    expect(e.message.split('\n').at(-1)).toBe('… and 1997 more problems (2000 in all)');
  });

  test('a small file with problems is not crowded out by a big one: the listed problems are shared out', async () => {
    const policy = JSON.parse(await readFile(new URL('./fixtures/policy.json', import.meta.url), 'utf8'));
    policy.unplannedReserveShare.value = 2;
    const e = await importError(
      importDataset(
        {
          retailers: { name: 'retailers.csv', bytes: csvBytes(badRows(500)) },
          lines: { name: 'lines.csv', bytes: linesCsv([lineRow()]) },
          policy: { name: 'policy.json', bytes: utf8(JSON.stringify(policy)) },
        },
        { limits: limits({ maxProblems: 4 }) },
      ),
    );
    expect(e.problems.map((p) => p.file)).toEqual(['retailers.csv', 'retailers.csv', 'retailers.csv', 'policy.json']);
    expect(e.total).toBe(1001);
    expect(e.counts.map((c) => [c.file, c.kind, c.problems])).toEqual([
      ['retailers.csv', 'value', 500],
      ['retailers.csv', 'value', 500],
      ['policy.json', 'document', 1],
    ]);
  });

  test('duplicates and unknown lines are counted by kind', async () => {
    const rows = [retailerRow(), retailerRow(), retailerRow({ id: 'R9', line: 'L09' })];
    const e = await importError(
      importDataset(
        { retailers: { name: 'r.csv', bytes: utf8(csvText(rows)) }, lines: { name: 'l.csv', bytes: linesCsv([lineRow()]) }, policy: { name: 'p.json', bytes: await readFile(new URL('./fixtures/policy.json', import.meta.url)) } },
        { limits: limits({ maxProblems: 10 }) },
      ),
    );
    expect(e.counts).toEqual([
      { file: 'r.csv', kind: 'duplicate', column: 'id', problems: 1 },
      { file: 'r.csv', kind: 'reference', column: 'line', problems: 1 },
    ]);
  });

  test('shareOut: the smallest demands met in full, the rest split evenly', () => {
    expect(shareOut([1000, 1, 3], 10)).toEqual([6, 1, 3]);
    expect(shareOut([1000, 1000, 1000], 200)).toEqual([66, 67, 67]);
    expect(shareOut([2, 0], Infinity)).toEqual([2, 0]);
  });
});
