/**
 * `npm run bench:print`: is the XLSX a planner hands out printable? Plans two demo lines over
 * four weeks that hold the 2027-01-01 holiday and a blocked day (fixed seed and iterations),
 * writes the workbook, has LibreOffice (Debian's `libreoffice-calc`, headless) render it to
 * PDF, and counts the pages by size and orientation with poppler's `pdfinfo`; renders the
 * first page of each kind of sheet to PNG for a person to look at. Needs `soffice`,
 * `pdfinfo` and `pdftoppm` (apt-get install libreoffice-calc poppler-utils). Prints a table
 * and writes bench/results/print.json and bench/results/print/*.png (not the PDF).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../src/io/loadDataset.ts';
import { planXlsx } from '../src/io/exportPlanXlsx.ts';
import type { PlanRequest } from '../src/planner/api.ts';
import { lineTasks, mergePlan } from '../src/planner/planCity.ts';
import { planLineOn } from '../src/planner/planLine.ts';
import { linePoints } from '../src/planner/travelPoints.ts';
import { loadTerrain } from '../src/travel/loadTerrain.ts';
import { TerrainModel, terrainModelParams } from '../src/travel/terrainModel.ts';

const dataset = await loadDataset('data/demo');
const model = new TerrainModel(loadTerrain('data/demo/terrain.asc'), terrainModelParams(dataset.policy));
const request: PlanRequest = { dataset, start: '2026-12-28', weeks: 4, seed: 1, lines: ['L001', 'L046'], blocked: [{ line: 'L001', date: '2027-01-06' }] };
const plan = mergePlan(
  request,
  lineTasks(request, { iterationsPerLine: 400 }, 1).map((t) => planLineOn(t, model.matrixSync(linePoints(t.line, t.retailers, t.policy.coordinateSystem.value)))),
);

const dir = mkdtempSync(join(tmpdir(), 'vp-print-'));
const xlsx = join(dir, 'plan.xlsx');
writeFileSync(xlsx, await planXlsx(plan, dataset.retailers, dataset.lines, { calendar: dataset.calendar }));
execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], { stdio: 'ignore', timeout: 300_000 });
const pdf = join(dir, 'plan.pdf');
const info = (args: string[]) => execFileSync('pdfinfo', [...args, pdf], { encoding: 'utf8' });
const pages = Number(/Pages:\s+(\d+)/.exec(info([]))![1]);
const sizes = new Map<string, number>();
const text = (p: number) => execFileSync('pdftotext', ['-f', String(p), '-l', String(p), '-layout', pdf, '-'], { encoding: 'utf8' });
const firstOf = new Map<string, number>();
for (let p = 1; p <= pages; p++) {
  const m = /Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts(?: \((\w+)\))?/.exec(info(['-f', String(p), '-l', String(p)]))!;
  const [w, h] = [Number(m[1]), Number(m[2])];
  const key = `${m[3] ?? `${w}x${h}`} ${w > h ? 'landscape' : 'portrait'}`;
  sizes.set(key, (sizes.get(key) ?? 0) + 1);
  // The first page of each kind of sheet (the footer names the sheet), and the page with the holiday.
  const t = text(p);
  const sheet = t.trim().split('\n').at(-1)!.replace(/\d+ \/ \d+\s*$/, '').trim();
  const kind = t.includes('元旦') ? 'holiday' : sheet === '汇总' ? 'summary' : sheet.endsWith('汇总') ? 'line-summary' : 'days';
  if (!firstOf.has(kind)) firstOf.set(kind, p);
}
const out = 'bench/results/print';
mkdirSync(out, { recursive: true });
for (const [kind, p] of firstOf) execFileSync('pdftoppm', ['-r', '70', '-png', '-singlefile', '-f', String(p), '-l', String(p), pdf, join(out, kind)]);
rmSync(dir, { recursive: true, force: true });

const result = {
  plan: { start: request.start, weeks: request.weeks, lines: request.lines, sheets: 1 + 2 * plan.lines.length },
  pages,
  pageSizes: Object.fromEntries(sizes),
  renderedPages: Object.fromEntries(firstOf),
  soffice: execFileSync('soffice', ['--version'], { encoding: 'utf8' }).trim(),
};
console.table([...sizes].map(([size, n]) => ({ size, pages: n })));
console.log(`${pages} pages; first page of each kind: ${[...firstOf].map(([k, p]) => `${k} ${p}`).join(', ')} (PNG in ${out}/)`);
writeFileSync('bench/results/print.json', `${JSON.stringify(result, null, 2)}\n`);
