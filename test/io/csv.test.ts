import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { formatClock } from '../../src/domain/clock.ts';
import { RETAILER_COLUMNS, type Retailer } from '../../src/domain/retailer.ts';
import { importLines, importRetailers } from '../../src/io/index.ts';
import { csvBytes, csvText, importError, lineRow, linesCsv, retailerRow } from './helpers.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('importRetailers from CSV: what it accepts', () => {
  test('a valid row becomes a domain retailer', async () => {
    const [r] = await importRetailers(csvBytes([retailerRow()]), 'csv');
    expect(r).toEqual({
      id: 'R0001', name: '张记烟酒', lon: 114.0712, lat: 32.1234, county: '浉河区', township: '老城街道',
      urban: true, format: 'tobacco_liquor', class: 'ordinary', supplyStopped: false, mustInPerson: false,
      vulnerable: false, line: 'L01', opensMin: 480, closesMin: 1260, orderWeekday: 2, ordering: 'computer',
      phone: '13800138000', elevationM: 80,
    });
  });

  test('columns in any order, extra columns ignored, spaces and case in headers forgiven', async () => {
    const columns = [...RETAILER_COLUMNS].reverse();
    const header = [' Notes ', ...columns.map((c) => (c === 'lat' ? ' LAT ' : c))];
    const row = retailerRow();
    const text = stringify([header, ['call first', ...columns.map((c) => row[c])]]);
    const [r] = await importRetailers(utf8(text), 'csv');
    expect(r.lat).toBe(32.1234);
    expect(r.name).toBe('张记烟酒');
  });

  test('GBK-encoded Chinese names (Excel "CSV" on a Chinese Windows)', async () => {
    const rows = [retailerRow({ name: '张记烟酒商行' }), retailerRow({ id: 'R0002', name: '平桥区鑫鑫便利店', county: '平桥区' })];
    const bytes = iconv.encode(csvText(rows), 'gbk');
    const got = await importRetailers(bytes, 'csv');
    expect(got.map((r) => [r.name, r.county])).toEqual([['张记烟酒商行', '浉河区'], ['平桥区鑫鑫便利店', '平桥区']]);
  });

  test('a UTF-8 BOM file (Excel "CSV UTF-8"): the first column is still "id"', async () => {
    const bytes = utf8(`\uFEFF${csvText([retailerRow()])}`);
    expect(bytes.slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    const [r] = await importRetailers(bytes, 'csv');
    expect(r.id).toBe('R0001');
  });

  test('CRLF line ends, blank rows skipped, a quoted name with a comma and a line break', async () => {
    // Excel ends records with CRLF and keeps a bare LF inside a quoted cell.
    const [header, row] = stringify([retailerRow({ name: '张记, 烟酒\n二店' })], { header: true, columns: [...RETAILER_COLUMNS], record_delimiter: 'windows' }).split('\r\n');
    const text = [header, '', row, ',,,', ''].join('\r\n');
    const got = await importRetailers(utf8(text), 'csv');
    expect(got).toHaveLength(1);
    expect(got[0].name).toBe('张记, 烟酒\n二店');
  });

  test('the round trip: demo-like retailers written with csv-stringify come back equal', async () => {
    const retailers = demoLikeRetailers(60);
    const text = stringify(retailers.map(retailerToRow), { header: true, columns: [...RETAILER_COLUMNS] });
    expect(await importRetailers(utf8(text), 'csv')).toEqual(retailers);
    // GBK too, as a planner who opened and saved it in Excel would send it back.
    expect(await importRetailers(iconv.encode(text, 'gbk'), 'csv')).toEqual(retailers);
  });
});

describe('importRetailers from CSV: what it refuses, naming every problem', () => {
  test('missing columns: reported once, not per row', async () => {
    const columns = RETAILER_COLUMNS.filter((c) => c !== 'lat' && c !== 'format');
    const e = await importError(importRetailers(csvBytes([retailerRow(), retailerRow({ id: 'R0002' })], columns), 'csv'));
    expect(e.message).toBe('retailers.csv: missing columns lat, format');
    expect(e.problems).toEqual([{ file: 'retailers.csv', kind: 'file', reason: 'missing columns lat, format' }]);
  });

  test('one missing column', async () => {
    const e = await importError(importRetailers(csvBytes([retailerRow()], RETAILER_COLUMNS.filter((c) => c !== 'phone')), 'csv'));
    expect(e.message).toBe('retailers.csv: missing column phone');
  });

  test('non-numeric coordinate', async () => {
    const e = await importError(importRetailers(csvBytes([retailerRow(), retailerRow({ id: 'R0002', lon: 'abc' })]), 'csv'));
    expect(e.message).toBe('retailers.csv line 3, column lon: "abc": expected a longitude in degrees');
    expect(e.problems).toEqual([{ file: 'retailers.csv', line: 3, place: 'line', column: 'lon', value: 'abc', kind: 'value', reason: 'expected a longitude in degrees' }]);
  });

  test('out-of-range coordinates', async () => {
    const e = await importError(importRetailers(csvBytes([retailerRow({ lon: '214.07', lat: '-91' })]), 'csv'));
    expect(e.message).toBe(['retailers.csv line 2, column lon: "214.07": expected -180 to 180', 'retailers.csv line 2, column lat: "-91": expected -90 to 90'].join('\n'));
  });

  test('unknown format', async () => {
    const e = await importError(importRetailers(csvBytes([retailerRow({ format: 'kiosk' })]), 'csv'));
    expect(e.message).toBe('retailers.csv line 2, column format: "kiosk": expected one of grocery, tobacco_liquor, convenience, supermarket, entertainment, other, mall');
  });

  test('unknown class', async () => {
    const e = await importError(importRetailers(csvBytes([retailerRow({ class: 'modern3' })]), 'csv'));
    expect(e.message).toBe('retailers.csv line 2, column class: "modern3": expected one of modern1, modern2, ordinary, violating');
  });

  test('duplicate id names both lines', async () => {
    const rows = [retailerRow(), retailerRow({ id: 'R0002' }), retailerRow({ id: 'R0001', name: '另一家' })];
    const e = await importError(importRetailers(csvBytes(rows), 'csv'));
    expect(e.message).toBe('retailers.csv line 4, column id: "R0001": duplicate of line 2');
  });

  test('closes before opens', async () => {
    const e = await importError(importRetailers(csvBytes([retailerRow({ opens: '09:00', closes: '08:30' })]), 'csv'));
    expect(e.message).toBe('retailers.csv line 2, column closes: "08:30": closes at or before opens (09:00)');
    // Closing at the very minute it opens is no opening either.
    const same = await importError(importRetailers(csvBytes([retailerRow({ opens: '09:00', closes: '09:00' })]), 'csv'));
    expect(same.message).toBe('retailers.csv line 2, column closes: "09:00": closes at or before opens (09:00)');
  });

  test('empty file, header only, blank lines only', async () => {
    for (const text of ['', `${RETAILER_COLUMNS.join(',')}\n`, '\n\n,,\n']) {
      const e = await importError(importRetailers(utf8(text), 'csv'));
      expect(e.message).toBe('retailers.csv: no rows');
    }
  });

  test('several errors in one file: all reported, in file order, line numbers as Excel shows them', async () => {
    const header = RETAILER_COLUMNS.join(',');
    const ok = (over: Record<string, string>) => RETAILER_COLUMNS.map((c) => retailerRow(over)[c]).join(',');
    const text = [
      header,
      ok({ id: 'R1' }),
      '', // a blank row is still row 3 in Excel
      ok({ id: 'R2', lat: 'north', urban: 'yes' }),
      ok({ id: 'R1', opens: '8:00', order_weekday: '6' }),
      ok({ id: 'R 4', name: ' ', phone: 'call me', elevation_m: '' }),
      '',
    ].join('\n');
    const e = await importError(importRetailers(utf8(text), 'csv'));
    expect(e.message).toBe(
      [
        'retailers.csv line 4, column lat: "north": expected a latitude in degrees',
        'retailers.csv line 4, column urban: "yes": expected 0 or 1',
        'retailers.csv line 5, column id: "R1": duplicate of line 2',
        'retailers.csv line 5, column opens: "8:00": expected a time of day HH:MM',
        'retailers.csv line 5, column order_weekday: "6": expected a weekday 1 to 5',
        'retailers.csv line 6, column id: "R 4": expected 1–32 letters, digits, _ or -',
        'retailers.csv line 6, column name: "": expected a name',
        'retailers.csv line 6, column phone: "call me": expected a phone number or nothing',
        'retailers.csv line 6, column elevation_m: "": expected metres above sea level',
      ].join('\n'),
    );
    expect(e.problems).toHaveLength(9);
  });

  test('a column written twice is refused (which one would win is a guess)', async () => {
    const text = `${RETAILER_COLUMNS.join(',')},lat\n${RETAILER_COLUMNS.map((c) => retailerRow()[c]).join(',')},33\n`;
    const e = await importError(importRetailers(utf8(text), 'csv'));
    expect(e.message).toBe('retailers.csv line 1, column lat: column appears more than once');
  });

  test('a header-only file with a column written twice says so, not "no rows"', async () => {
    const e = await importError(importRetailers(utf8(`${RETAILER_COLUMNS.join(',')},lat\n`), 'csv'));
    expect(e.message).toBe('retailers.csv line 1, column lat: column appears more than once');
  });

  test('an id its rule refuses is not also called a duplicate of the same bad id', async () => {
    const e = await importError(importRetailers(csvBytes([retailerRow({ id: 'R 1' }), retailerRow({ id: 'R 1' })]), 'csv'));
    expect(e.message).toBe(
      ['retailers.csv line 2, column id: "R 1": expected 1–32 letters, digits, _ or -', 'retailers.csv line 3, column id: "R 1": expected 1–32 letters, digits, _ or -'].join('\n'),
    );
  });

  test('an unclosed quote', async () => {
    const e = await importError(importRetailers(utf8(`${csvText([retailerRow()])}R2,"unclosed\n`), 'csv'));
    expect(e.message).toMatch(/^retailers\.csv: not readable as CSV: Quote Not Closed/);
  });

  test('an unknown file format', async () => {
    const e = await importError(importRetailers(utf8('x'), 'ods' as 'csv'));
    expect(e.message).toBe('retailers.ods: unknown file format "ods" (expected csv, xlsx, geojson)');
  });

  test('a caller-given file name is used in messages', async () => {
    const e = await importError(importRetailers(utf8(''), 'csv', { file: '零售户.csv' }));
    expect(e.message).toBe('零售户.csv: no rows');
  });

  test('the message lists the first 50 problems and counts the rest; the object keeps all', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => retailerRow({ id: `R${i}`, lon: 'x' }));
    const e = await importError(importRetailers(csvBytes(rows), 'csv'));
    expect(e.problems).toHaveLength(60);
    const lines = e.message.split('\n');
    expect(lines).toHaveLength(51);
    expect(lines[49]).toBe('retailers.csv line 51, column lon: "x": expected a longitude in degrees');
    expect(lines[50]).toBe('… and 10 more problems (60 in all)');
  });
});

describe('importLines from CSV', () => {
  test('valid lines', async () => {
    const got = await importLines(linesCsv([lineRow(), lineRow({ line: 'L02', vehicle: 'motorbike', litres_per_100km: '2.5' })]), 'csv');
    expect(got).toEqual([
      { line: 'L01', county: '浉河区', manager: '王磊', baseLon: 114.06, baseLat: 32.13, vehicle: 'car', litresPer100Km: 8 },
      { line: 'L02', county: '浉河区', manager: '王磊', baseLon: 114.06, baseLat: 32.13, vehicle: 'motorbike', litresPer100Km: 2.5 },
    ]);
  });

  test('duplicate line, bad vehicle, bad base', async () => {
    const e = await importError(importLines(linesCsv([lineRow(), lineRow({ vehicle: 'truck', base_lat: '' })]), 'csv'));
    expect(e.message).toBe(
      [
        'lines.csv line 3, column line: "L01": duplicate of line 2',
        'lines.csv line 3, column base_lat: "": expected a latitude in degrees',
        'lines.csv line 3, column vehicle: "truck": expected one of car, motorbike',
      ].join('\n'),
    );
  });
});

/** Retailer → its retailers.csv row, the inverse of the row schema (what an export writes). */
function retailerToRow(r: Retailer): Record<string, string> {
  const flag = (b: boolean) => (b ? '1' : '0');
  return {
    id: r.id, name: r.name, lon: String(r.lon), lat: String(r.lat), county: r.county, township: r.township,
    urban: flag(r.urban), format: r.format, class: r.class, supply_stopped: flag(r.supplyStopped),
    must_in_person: flag(r.mustInPerson), vulnerable: flag(r.vulnerable), line: r.line,
    opens: formatClock(r.opensMin), closes: formatClock(r.closesMin), order_weekday: String(r.orderWeekday),
    ordering: r.ordering, phone: r.phone, elevation_m: String(r.elevationM),
  };
}

/** Seeded, varied retailers shaped like the demo region's (Xinyang). */
function demoLikeRetailers(n: number): Retailer[] {
  let s = 12345;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const counties = ['浉河区', '平桥区', '罗山县', '光山县', '新县', '商城县'];
  const shops = ['烟酒商行', '便利店', '超市', '副食店', '百货', '小卖部'];
  const formats = ['grocery', 'tobacco_liquor', 'convenience', 'supermarket', 'entertainment', 'other', 'mall'] as const;
  return Array.from({ length: n }, (_, i) => {
    const opens = pick([420, 450, 480, 510, 570, 780]);
    return {
      id: `R${String(i + 1).padStart(5, '0')}`,
      name: `${pick(['张', '王', '李', '刘', '陈'])}记${pick(shops)}${i % 7 === 0 ? ', "老店"' : ''}`,
      lon: Math.round((113.8 + rand() * 1.6) * 1e6) / 1e6,
      lat: Math.round((31.4 + rand() * 1.0) * 1e6) / 1e6,
      county: pick(counties),
      township: i % 5 === 0 ? '' : `${pick(['五星', '东双河', '谭家河', '董家河'])}镇`,
      urban: rand() < 0.4,
      format: pick(formats),
      class: pick(['modern1', 'modern2', 'ordinary', 'ordinary', 'violating'] as const),
      supplyStopped: rand() < 0.03,
      mustInPerson: rand() < 0.1,
      vulnerable: rand() < 0.05,
      line: `L${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}`,
      opensMin: opens,
      closesMin: Math.min(opens + 600 + Math.floor(rand() * 8) * 30, 1430),
      orderWeekday: 1 + Math.floor(rand() * 5),
      ordering: pick(['computer', 'computer', 'phone', 'mobile', 'other'] as const),
      phone: rand() < 0.2 ? '' : `1${3 + Math.floor(rand() * 6)}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
      elevationM: Math.round(40 + rand() * 800),
    };
  });
}
