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
