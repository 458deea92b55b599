import { readFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { LINE_COLUMNS } from '../../../src/domain/line.ts';
import { RETAILER_COLUMNS } from '../../../src/domain/retailer.ts';

export type Row = Record<string, string>;

export const POLICY_TEXT = readFileSync(new URL('../fixtures/policy.json', import.meta.url), 'utf8');

export function retailerRow(over: Row = {}): Row {
  return {
    id: 'R01', name: '张记烟酒', lon: '114.0712', lat: '32.1234', county: '浉河区', township: '老城街道',
    urban: '1', format: 'tobacco_liquor', class: 'ordinary', supply_stopped: '0', must_in_person: '0',
    vulnerable: '0', line: 'L01', opens: '08:00', closes: '21:00', order_weekday: '2', ordering: 'computer',
    phone: '13800138000', elevation_m: '80', ...over,
  };
}

export function lineRow(over: Row = {}): Row {
  return { line: 'L01', county: '浉河区', manager: '王磊', base_lon: '114.06', base_lat: '32.13', vehicle: 'car', litres_per_100km: '8', ...over };
}

export const csv = (rows: Row[], columns: readonly string[]) => stringify(rows, { header: true, columns: [...columns] });

const pad = (n: number) => String(n).padStart(2, '0');

/** L01: R01–R13 (8 in person + 2 phone a day, 3 left for unplanned visits); L02: R21–R30. */
export function tinyRetailers(): Row[] {
  const rows: Row[] = [];
  for (let i = 1; i <= 13; i++) rows.push(retailerRow({ id: `R${pad(i)}`, name: `一号店${i}`, phone: `1380013${pad(i)}00`, lon: (114 + i / 100).toFixed(4) }));
  for (let i = 21; i <= 30; i++) rows.push(retailerRow({ id: `R${pad(i)}`, name: `二号店${i}`, line: 'L02', lon: (114 + i / 100).toFixed(4) }));
  return rows;
}

export const tinyLines = () => [lineRow(), lineRow({ line: 'L02', manager: '李娜', base_lon: '114.2' })];

/** The upload body of the tiny dataset, files as text. */
export function tinyUpload(over: Record<string, unknown> = {}) {
  return {
    retailers: { name: 'retailers.csv', text: csv(tinyRetailers(), RETAILER_COLUMNS) },
    lines: { name: 'lines.csv', text: csv(tinyLines(), LINE_COLUMNS) },
    policy: { name: 'policy.json', text: POLICY_TEXT },
    ...over,
  };
}
