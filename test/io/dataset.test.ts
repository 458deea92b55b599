import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RETAILER_COLUMNS } from '../../src/domain/retailer.ts';
import { point, featureCollection } from '@turf/turf';
import { checkDataset, formatProblem, importDataset, loadDataset, NO_LIMITS, type DatasetFiles } from '../../src/io/index.ts';
import { csvBytes, importError, lineRow, linesCsv, retailerRow } from './helpers.ts';

const POLICY_PATH = new URL('./fixtures/policy.json', import.meta.url);
let policyText = '';
beforeAll(async () => {
  policyText = await readFile(POLICY_PATH, 'utf8');
});

const bytes = (text: string) => new TextEncoder().encode(text);
const policyWith = (edit: (p: any) => void) => {
  const p = JSON.parse(policyText);
  edit(p);
  return { name: 'policy.json', bytes: bytes(JSON.stringify(p, null, 2)) };
};

function files(over: Partial<DatasetFiles> = {}): DatasetFiles {
  return {
    retailers: { name: 'retailers.csv', bytes: csvBytes([retailerRow(), retailerRow({ id: 'R0002', line: 'L02' }), retailerRow({ id: 'R0003' })]) },
    lines: { name: 'lines.csv', bytes: linesCsv([lineRow(), lineRow({ line: 'L02', manager: '李娜' })]) },
    policy: { name: 'policy.json', bytes: bytes(policyText) },
    ...over,
  };
}

describe('importDataset', () => {
  test('a good dataset: typed retailers, lines, policy, and the shipped calendar by default', async () => {
    const d = await importDataset(files());
    expect(d.retailers.map((r) => [r.id, r.line])).toEqual([['R0001', 'L01'], ['R0002', 'L02'], ['R0003', 'L01']]);
    expect(d.lines.map((l) => l.manager)).toEqual(['王磊', '李娜']);
    expect(d.policy.firstShopBy.value).toBe('08:30');
    expect(d.calendar.region).toBe('CN (mainland)');
    expect(d.calendar.holidays).toContainEqual({ date: '2026-10-01', name: '国庆节' });
    expect(d.warnings).toEqual([]);
  });

  test('a line with no retailers is a warning, not an error', async () => {
    const d = await importDataset(files({ lines: { name: 'lines.csv', bytes: linesCsv([lineRow(), lineRow({ line: 'L02' }), lineRow({ line: 'L03' })]) } }));
    expect(d.warnings.map(formatProblem)).toEqual(['lines.csv line 4, column line: "L03": no retailer is on this line']);
  });

  test('a retailer on an unknown line', async () => {
    const retailers = { name: 'retailers.csv', bytes: csvBytes([retailerRow(), retailerRow({ id: 'R0002', line: 'L09', lat: 'x' }), retailerRow({ id: 'R0003', line: 'L02' })]) };
    const e = await importError(importDataset(files({ retailers })));
    expect(e.message).toBe(
      ['retailers.csv line 3, column lat: "x": expected a latitude in degrees', 'retailers.csv line 3, column line: "L09": no such line in lines.csv'].join('\n'),
    );
  });

  test('every file checked, all problems in one error: retailers, lines, policy (by JSON path), calendar', async () => {
    const e = await importError(
      importDataset({
        retailers: { name: 'retailers.csv', bytes: csvBytes([retailerRow(), retailerRow({ closes: '06:00' })]) },
        lines: { name: 'lines.csv', bytes: linesCsv([lineRow({ litres_per_100km: '0' }), lineRow({ line: 'L02' })]) },
        policy: policyWith((p) => {
          p.lunch.value.minutes = '60';
          p.fuelPriceYuanPerLitre.reason = 'cheap';
          p.mustInPersonClasses.value.push('vip');
          p.colour = 'red';
        }),
        calendar: { name: 'calendar.json', bytes: bytes(JSON.stringify({ region: 'CN', source: 'test', holidays: [{ date: '2026-02-30', name: '春节' }], workingWeekends: [{ date: '2026-02-16', name: '春节' }] })) },
      }),
    );
    expect(e.message).toBe(
      [
        'retailers.csv line 3, column id: "R0001": duplicate of line 2',
        'retailers.csv line 3, column closes: "06:00": closes at or before opens (08:00)',
        'lines.csv line 2, column litres_per_100km: "0": expected more than 0',
        'policy.json at mustInPersonClasses.value[2]: "vip": Invalid option: expected one of "modern1"|"modern2"|"ordinary"|"violating"',
        'policy.json at lunch.value.minutes: "60": Invalid input: expected number, received string',
        'policy.json at fuelPriceYuanPerLitre.reason: "cheap": give a one-line reason',
        'policy.json: Unrecognized key: "colour"',
        'calendar.json at holidays[0].date: "2026-02-30": not a calendar date',
        'calendar.json at workingWeekends[0].date: "2026-02-16": 2026-02-16 is not a weekend day',
      ].join('\n'),
    );
    // Warnings travel with the error, so the planner sees them in the same pass.
    expect(e.warnings.map(formatProblem)).toEqual(['lines.csv line 3, column line: "L02": no retailer is on this line']);
  });

  test('a lines file that cannot be read does not make every retailer "on an unknown line"', async () => {
    const e = await importError(importDataset(files({ lines: { name: 'lines.csv', bytes: bytes('line,county\nL01,浉河区\n') } })));
    expect(e.message).toBe('lines.csv: missing columns manager, base_lon, base_lat, vehicle, litres_per_100km');
  });

  test('the format comes from the file name: retailers.xlsx', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('retailers');
    sheet.addRow([...RETAILER_COLUMNS]);
    sheet.addRow(RETAILER_COLUMNS.map((c) => retailerRow()[c]));
    const d = await importDataset(files({ retailers: { name: 'retailers.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) } }));
    expect(d.retailers).toHaveLength(1);
  });

  test('a policy that is not JSON', async () => {
    const e = await importError(importDataset(files({ policy: { name: 'policy.json', bytes: bytes('{ version: 1 }') } })));
    expect(e.message).toMatch(/^policy\.json: not valid JSON: /);
  });
});

describe('checkDataset', () => {
  /** A lines-file row as a GeoJSON point feature: its base as the geometry, the rest as properties. */
  const lineFeature = (over: Record<string, string>) => {
    const { base_lon: _x, base_lat: _y, ...props } = lineRow(over);
    return point([114.06, 32.13], props);
  };

  test('counts the retailers it streamed, one by one as read', async () => {
    const got: string[] = [];
    const d = await checkDataset(files(), { onRetailer: (r) => got.push(r.id) });
    expect(d.retailers).toBe(3);
    expect(got).toEqual(['R0001', 'R0002', 'R0003']);
  });

  test('no retailer is streamed after the first problem, even a valid one', async () => {
    const got: string[] = [];
    const retailers = { name: 'retailers.csv', bytes: csvBytes([retailerRow(), retailerRow({ id: 'R0002', lat: 'x' }), retailerRow({ id: 'R0003' })]) };
    const e = await importError(checkDataset(files({ retailers }), { onRetailer: (r) => got.push(r.id) }));
    expect(e.message).toBe('retailers.csv line 3, column lat: "x": expected a latitude in degrees');
    expect(got).toEqual(['R0001']);
  });

  test('an unreadable retailers file does not make every line "without retailers"', async () => {
    const e = await importError(importDataset(files({ retailers: { name: 'retailers.csv', bytes: bytes('id,name\nR0001,x\n') } })));
    expect(e.message).toMatch(/^retailers\.csv: missing columns lon, lat, /);
    expect(e.warnings).toEqual([]);
  });

  test('the lines-without-retailers warnings stop at the problem limit', async () => {
    const lines = { name: 'lines.csv', bytes: linesCsv([lineRow(), lineRow({ line: 'L02' }), lineRow({ line: 'L03' }), lineRow({ line: 'L04' })]) };
    const limits = { ...NO_LIMITS, maxProblems: 1 };
    const d = await importDataset(files({ lines }), { limits });
    expect(d.warnings.map(formatProblem)).toEqual(['lines.csv line 4, column line: "L03": no retailer is on this line']);
    expect((await importDataset(files({ lines }), { limits: { ...NO_LIMITS, maxProblems: 2 } })).warnings).toHaveLength(2);
  });

  test('a line without retailers in a GeoJSON lines file is named by its feature, by the name or the format given', async () => {
    const geo = new TextEncoder().encode(JSON.stringify(featureCollection([lineFeature({}), lineFeature({ line: 'L02' }), lineFeature({ line: 'L03' })])));
    const byName = await importDataset(files({ lines: { name: 'lines.geojson', bytes: geo } }));
    expect(byName.warnings.map(formatProblem)).toEqual(['lines.geojson feature 3, column line: "L03": no retailer is on this line']);
    const byFormat = await importDataset(files({ lines: { name: 'lines.txt', bytes: geo, format: 'geojson' } }));
    expect(byFormat.warnings.map(formatProblem)).toEqual(['lines.txt feature 3, column line: "L03": no retailer is on this line']);
    expect(byFormat.warnings[0]!.place).toBe('feature');
    const csv = await importDataset(files({ lines: { name: 'lines.csv', bytes: linesCsv([lineRow(), lineRow({ line: 'L02' }), lineRow({ line: 'L03' })]) } }));
    expect(csv.warnings[0]!.place).toBe('line');
  });

  test('a line without retailers is named as its file was read: by line when a .geojson name is read as CSV', async () => {
    const lines = { name: 'lines.geojson', bytes: linesCsv([lineRow(), lineRow({ line: 'L02' }), lineRow({ line: 'L03' })]), format: 'csv' as const };
    const d = await importDataset(files({ lines }));
    expect(d.warnings.map(formatProblem)).toEqual(['lines.geojson line 4, column line: "L03": no retailer is on this line']);
  });

  test('a lines file with no rows is no reference: retailers are not "on an unknown line"', async () => {
    const lines = { name: 'lines.csv', bytes: bytes('line,county,manager,base_lon,base_lat,vehicle,litres_per_100km,line\n') };
    const e = await importError(importDataset(files({ lines })));
    expect(e.message).toBe('lines.csv line 1, column line: column appears more than once');
    const retailers = { name: 'retailers.csv', bytes: bytes(`${RETAILER_COLUMNS.join(',')},id\n`) };
    const r = await importError(importDataset(files({ retailers })));
    expect(r.message).toBe('retailers.csv line 1, column id: column appears more than once');
    expect(r.warnings).toEqual([]);
  });

  test('a line without its key (blank, or a GeoJSON feature without it) is not a line "without retailers"', async () => {
    const blank = await importError(importDataset(files({ lines: { name: 'lines.csv', bytes: linesCsv([lineRow(), lineRow({ line: 'L02' }), lineRow({ line: '' })]) } })));
    expect(blank.message).toBe('lines.csv line 4, column line: "": expected 1–32 letters, digits, _ or -');
    expect(blank.warnings).toEqual([]);
    const noKey = lineFeature({});
    delete (noKey.properties as Record<string, unknown>).line;
    const geo = new TextEncoder().encode(JSON.stringify(featureCollection([lineFeature({}), lineFeature({ line: 'L02' }), noKey])));
    const missing = await importError(importDataset(files({ lines: { name: 'lines.geojson', bytes: geo } })));
    expect(missing.message).toBe('lines.geojson feature 3, column line: missing property');
    expect(missing.warnings).toEqual([]);
  });

  test('a policy that is not JSON counts as a whole-file problem, a bad value as a document one', async () => {
    const notJson = await importError(importDataset(files({ policy: { name: 'policy.json', bytes: bytes('{ version: 1 }') } })));
    expect(notJson.counts).toEqual([{ file: 'policy.json', kind: 'file', problems: 1 }]);
    const bad = await importError(importDataset(files({ policy: policyWith((p) => (p.lunch.value.minutes = '60')) })));
    expect(bad.counts).toEqual([{ file: 'policy.json', kind: 'document', column: 'lunch', problems: 1 }]);
  });
});

describe('loadDataset', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'io-dataset-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('reads retailers.csv, lines.csv, policy.json from a directory', async () => {
    const f = files();
    await writeFile(join(dir, 'retailers.csv'), f.retailers.bytes);
    await writeFile(join(dir, 'lines.csv'), f.lines.bytes);
    await writeFile(join(dir, 'policy.json'), policyText);
    const d = await loadDataset(dir);
    expect(d.retailers).toHaveLength(3);
    expect(d.calendar.region).toBe('CN (mainland)');
  });

  test('a calendar.json in the directory replaces the default; problems name the path', async () => {
    await writeFile(join(dir, 'calendar.json'), JSON.stringify({ region: 'test', source: 'test', holidays: [], workingWeekends: [] }));
    expect((await loadDataset(dir)).calendar.region).toBe('test');
    await writeFile(join(dir, 'lines.csv'), linesCsv([lineRow()]));
    const e = await importError(loadDataset(dir));
    expect(e.message).toBe(`${join(dir, 'retailers.csv')} line 3, column line: "L02": no such line in ${join(dir, 'lines.csv')}`);
    await rm(join(dir, 'calendar.json'));
  });

  test('missing files, all named at once', async () => {
    const e = await importError(loadDataset(join(dir, 'nowhere')));
    expect(e.message).toBe(
      [
        `${join(dir, 'nowhere', 'retailers.csv')}: not found (nor retailers.xlsx, retailers.geojson)`,
        `${join(dir, 'nowhere', 'lines.csv')}: not found (nor lines.xlsx, lines.geojson)`,
        `${join(dir, 'nowhere', 'policy.json')}: not found`,
      ].join('\n'),
    );
  });
});
