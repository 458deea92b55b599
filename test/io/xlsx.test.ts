import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, test } from 'vitest';
import { LINE_COLUMNS } from '../../src/domain/line.ts';
import { RETAILER_COLUMNS } from '../../src/domain/retailer.ts';
import { importLines, importRetailers } from '../../src/io/index.ts';
import { cellText } from '../../src/io/xlsxRows.ts';
import { importError, retailerRow } from './helpers.ts';

/** Excel's own stored value for 08:30 and 21:45: fractions of a day, a hair off in binary. */
const T0830 = 0.35416666666666669;
const T2145 = 0.90625;

/** A workbook as a planner's Excel would save it: typed cells, not text. */
async function workbook(rows: ExcelJS.CellValue[][], build?: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('零售户');
  for (const r of rows) sheet.addRow(r);
  build?.(sheet);
  wb.addWorksheet('notes').addRow(['id', 'ignored: only the first sheet is read']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A retailer row with the cell types Excel gives: numbers, booleans, times. */
function typedRow(over: Partial<Record<string, ExcelJS.CellValue>> = {}): ExcelJS.CellValue[] {
  const text = retailerRow();
  const typed: Record<string, ExcelJS.CellValue> = {
    ...text, lon: 114.0712, lat: 32.1234, urban: true, supply_stopped: false, must_in_person: 0, vulnerable: false,
    opens: T0830, closes: T2145, order_weekday: 2, phone: 13800138000, elevation_m: 80, ...over,
  };
  return RETAILER_COLUMNS.map((c) => typed[c]);
}

/** Formats the opens/closes columns as times, as Excel does when a planner types 8:30. */
function timeColumns(sheet: ExcelJS.Worksheet): void {
  for (const c of ['opens', 'closes']) sheet.getColumn(RETAILER_COLUMNS.indexOf(c as 'opens') + 1).numFmt = 'hh:mm';
}

describe('importRetailers from XLSX', () => {
  test('typed cells: numbers as written, booleans as 0/1, Excel times as HH:MM', async () => {
    const bytes = await workbook([[...RETAILER_COLUMNS], typedRow(), typedRow({ id: 'R0002', opens: '07:00', closes: '22:00', urban: 0 })], timeColumns);
    const got = await importRetailers(bytes, 'xlsx');
    expect(got[0]).toMatchObject({ lon: 114.0712, lat: 32.1234, urban: true, opensMin: 8 * 60 + 30, closesMin: 21 * 60 + 45, phone: '13800138000', elevationM: 80, orderWeekday: 2 });
    expect(got[1]).toMatchObject({ id: 'R0002', opensMin: 420, closesMin: 1320, urban: false });
  });

  test('problems name the worksheet row, blank rows counted as Excel counts them', async () => {
    const bytes = await workbook(
      [
        [...RETAILER_COLUMNS],
        typedRow(),
        [],
        typedRow({ id: 'R0002', lat: { error: '#N/A' } as ExcelJS.CellErrorValue, opens: T0830 + 20 / 86400 }),
        typedRow({ id: 'R0001', format: 'kiosk', elevation_m: { formula: 'B2*2', result: 12000 } as ExcelJS.CellFormulaValue }),
      ],
      timeColumns,
    );
    const e = await importError(importRetailers(bytes, 'xlsx'));
    expect(e.message).toBe(
      [
        'retailers.xlsx line 4, column lat: "#N/A": expected a latitude in degrees',
        'retailers.xlsx line 4, column opens: "08:30:20": expected a time of day HH:MM',
        'retailers.xlsx line 5, column id: "R0001": duplicate of line 2',
        'retailers.xlsx line 5, column format: "kiosk": expected one of grocery, tobacco_liquor, convenience, supermarket, entertainment, other, mall',
        'retailers.xlsx line 5, column elevation_m: "12000": expected -500 to 9000',
      ].join('\n'),
    );
  });

  test('a time left as a plain number is refused, not guessed', async () => {
    const e = await importError(importRetailers(await workbook([[...RETAILER_COLUMNS], typedRow({ opens: 0.3125 })]), 'xlsx'));
    expect(e.message).toBe(
      ['retailers.xlsx line 2, column opens: "0.3125": expected a time of day HH:MM', 'retailers.xlsx line 2, column closes: "0.90625": expected a time of day HH:MM'].join('\n'),
    );
  });

  test('missing columns and an empty sheet', async () => {
    const cols = RETAILER_COLUMNS.filter((c) => c !== 'class');
    let e = await importError(importRetailers(await workbook([cols, cols.map((c) => retailerRow()[c])]), 'xlsx'));
    expect(e.message).toBe('retailers.xlsx: missing column class');
    e = await importError(importRetailers(await workbook([]), 'xlsx'));
    expect(e.message).toBe('retailers.xlsx: no rows');
  });

  test('bytes that are no workbook', async () => {
    const e = await importError(importRetailers(new TextEncoder().encode('id,name\n'), 'xlsx'));
    expect(e.message).toBe('retailers.xlsx: not readable as an XLSX workbook (save it again from Excel as .xlsx)');
    expect(e.problems[0].detail).toEqual(expect.any(String));
  });

  // Some writers put a worksheet after the shared strings but before the workbook part, where
  // exceljs's streaming reader meets it with no sheet list yet; Excel and exceljs put the
  // worksheets first of all. Every order of the parts reads the same.
  test.each([
    ['worksheets first, as Excel writes them', (p: string) => (p.startsWith('xl/worksheets/') ? 0 : 1)],
    ['a worksheet between the shared strings and the workbook part', (p: string) => ({ 'xl/sharedStrings.xml': 0, 'xl/_rels/workbook.xml.rels': 0, 'xl/worksheets/sheet1.xml': 1 })[p] ?? 2],
  ])('parts in any order: %s', async (_, rank) => {
    const bytes = await workbook([[...LINE_COLUMNS], ['L01', '浉河区', '王磊', 114.06, 32.13, 'motorbike', 2.5]]);
    const zip = await JSZip.loadAsync(bytes);
    const reordered = new JSZip();
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    for (const name of [...names].sort((x, y) => rank(x) - rank(y))) reordered.file(name, await zip.files[name].async('uint8array'));
    const out = await reordered.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(Object.keys((await JSZip.loadAsync(out)).files).filter((n) => !n.endsWith('/'))).toEqual([...names].sort((x, y) => rank(x) - rank(y)));
    expect(await importLines(out, 'xlsx')).toEqual([{ line: 'L01', county: '浉河区', manager: '王磊', baseLon: 114.06, baseLat: 32.13, vehicle: 'motorbike', litresPer100Km: 2.5 }]);
  });

  test('lines from XLSX', async () => {
    const bytes = await workbook([[...LINE_COLUMNS], ['L01', '浉河区', '王磊', 114.06, 32.13, 'motorbike', 2.5]]);
    expect(await importLines(bytes, 'xlsx')).toEqual([{ line: 'L01', county: '浉河区', manager: '王磊', baseLon: 114.06, baseLat: 32.13, vehicle: 'motorbike', litresPer100Km: 2.5 }]);
  });
});

describe('cellText: one rule for every cell', () => {
  test.each<[string, ExcelJS.CellValue, string]>([
    ['empty', null, ''],
    ['text', '张记', '张记'],
    ['number', 114.0712, '114.0712'],
    ['phone number', 13800138000, '13800138000'],
    ['boolean', true, '1'],
    ['time of day', new Date(Date.UTC(1899, 11, 30, 8, 30)), '08:30'],
    ['time a hair short of the minute', new Date(Date.UTC(1899, 11, 30, 8, 29, 59, 999)), '08:30'],
    ['date', new Date(Date.UTC(2026, 2, 2)), '2026-03-02'],
    ['date and time', new Date(Date.UTC(2026, 2, 2, 9, 5)), '2026-03-02 09:05'],
    ['rich text', { richText: [{ text: '张记' }, { text: '烟酒' }] }, '张记烟酒'],
    ['hyperlink', { text: '店铺', hyperlink: 'https://example.com' }, '店铺'],
    ['formula', { formula: 'A1+1', result: 3 }, '3'],
    ['formula never computed', { formula: 'A1+1' } as ExcelJS.CellFormulaValue, '=A1+1'],
    ['error', { error: '#DIV/0!' } as ExcelJS.CellErrorValue, '#DIV/0!'],
  ])('%s', (_, value, text) => {
    expect(cellText(value)).toBe(text);
  });

  test('a 1904-based workbook puts times on 1904-01-01', () => {
    expect(cellText(new Date(Date.UTC(1904, 0, 1, 17, 30)), true)).toBe('17:30');
  });
});

describe('workbooks read at once', () => {
  // Once flaky: each read pointed TMPDIR at a scratch folder and put back what it found, so
  // two reads at once left TMPDIR on a removed folder for the next one.
  test('both are read, and TMPDIR is what it was', async () => {
    const before = process.env.TMPDIR;
    const bytes = await workbook([[...RETAILER_COLUMNS], typedRow(), typedRow({ id: 'R0002' })], timeColumns);
    const read = await Promise.all([1, 2, 3].map(() => importRetailers(bytes, 'xlsx')));
    expect(read.map((r) => r.map((x) => x.id))).toEqual([1, 2, 3].map(() => ['R0001', 'R0002']));
    expect(process.env.TMPDIR).toBe(before);
  });
});
