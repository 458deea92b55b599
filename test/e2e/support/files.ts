import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const demo = (f: string) => readFileSync(fileURLToPath(new URL(`../../../data/demo/${f}`, import.meta.url)), 'utf8');

/**
 * A small city cut from the demo one: its two smallest lines (L105, L096: ~420 retailers),
 * written as the files a planner drops on the page. `bad` spoils three rows of the
 * retailers file (a latitude, a class, a line that does not exist).
 */
export function writeSmallCity(dir: string, lines = ['L105', 'L096']): { good: string[]; bad: string[] } {
  const [head, ...rows] = demo('retailers.csv').trimEnd().split('\n');
  const lineCol = head.split(',').indexOf('line');
  const kept = rows.filter((r) => lines.includes(r.split(',')[lineCol]));
  const [lhead, ...lrows] = demo('lines.csv').trimEnd().split('\n');
  const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
  const good = [
    write('retailers.csv', [head, ...kept].join('\n') + '\n'),
    write('lines.csv', [lhead, ...lrows.filter((r) => lines.includes(r.split(',')[0]))].join('\n') + '\n'),
    write('policy.json', demo('policy.json')),
  ];
  const cols = head.split(',');
  const spoil = (row: string, col: string, value: string) => {
    const cells = row.split(',');
    cells[cols.indexOf(col)] = value;
    return cells.join(',');
  };
  const badRows = [...kept];
  badRows[0] = spoil(badRows[0], 'lat', 'north');
  badRows[4] = spoil(badRows[4], 'class', 'vip');
  badRows[9] = spoil(badRows[9], 'line', 'L999');
  writeFileSync(join(dir, 'bad-retailers.csv'), [head, ...badRows].join('\n') + '\n');
  return { good, bad: [join(dir, 'bad-retailers.csv'), good[1], good[2]] };
}
