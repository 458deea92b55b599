import { readFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { LINE_COLUMNS } from '../../../src/domain/line.ts';
import { RETAILER_COLUMNS } from '../../../src/domain/retailer.ts';

import { lineRow, retailerRow, type Row } from '../../io/helpers.ts';

export { lineRow, retailerRow, type Row };

export const POLICY_TEXT = readFileSync(new URL('../fixtures/policy.json', import.meta.url), 'utf8');

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

/** Four lines of 10 shops round four bases in the demo region's hills. */
export function fourLineUpload() {
  const bases = [
    ['L01', '114.06', '32.13'],
    ['L02', '114.20', '32.05'],
    ['L03', '113.95', '32.20'],
    ['L04', '114.30', '32.25'],
  ] as const;
  const retailers = bases.flatMap(([line, lon, lat], k) =>
    Array.from({ length: 10 }, (_, i) =>
      retailerRow({ id: `R${k}${i}`, name: `店${k}${i}`, line, lon: (Number(lon) + (i % 5) * 0.012).toFixed(4), lat: (Number(lat) + Math.floor(i / 5) * 0.015).toFixed(4), phone: `13800${k}${i}0000` }),
    ),
  );
  const lines = bases.map(([line, lon, lat], k) => lineRow({ line, manager: `经理${k}`, base_lon: lon, base_lat: lat }));
  return {
    retailers: { name: 'retailers.csv', text: csv(retailers, RETAILER_COLUMNS) },
    lines: { name: 'lines.csv', text: csv(lines, LINE_COLUMNS) },
    policy: { name: 'policy.json', text: POLICY_TEXT },
  };
}
