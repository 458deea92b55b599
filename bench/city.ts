/**
 * `npm run bench:city`: the city planner's targets (issues 4 and 8), on this machine.
 *  - the four-week plan of all lines: wall time and peak memory (median of --runs), fuel
 *    against today's practice (both driving every workday), and every rule figure; the first
 *    plan is read again by the independent rules checker (checks/planRules.ts), whose
 *    violations are counted by line and rule, beside the lines' own warnings;
 *  - stability: re-planning unchanged inputs with the previous plan (visits moved), and
 *    blocking one day of one line (other lines unchanged);
 *  - one line's weekly re-plan (median of 5);
 *  - the pool's speed-up from 1 to 2 threads at a fixed iteration budget, side by side.
 * Prints tables and writes bench/results/city.json (`--skip city,stability,replan,speedup`
 * leaves those parts of it as they were). Another city: `npm run demo:generate -- --out DIR
 * --seed N`, then `--data DIR --results FILE`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import { checkPlanRules } from '../checks/planRules.ts';
import { addDays, Workdays } from '../src/domain/calendar.ts';
import type { Plan } from '../src/domain/plan.ts';
import { loadDataset } from '../src/io/loadDataset.ts';
import { createCityPlanner } from '../src/planner/planCity.ts';
import { loadTerrain } from '../src/travel/loadTerrain.ts';
import { median } from './support/median.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'data/demo' },
    results: { type: 'string', default: 'bench/results/city.json' },
    start: { type: 'string', default: '2026-11-30' },
    time: { type: 'string', default: '60' },
    runs: { type: 'string', default: '3' },
    'speedup-iterations': { type: 'string', default: '300' },
    skip: { type: 'string', default: '' },
  },
});
const skip = new Set(values.skip.split(','));
const dataset = await loadDataset(values.data);
const terrain = loadTerrain(`${values.data}/terrain.asc`);
const budgetMs = Number(values.time) * 1000;
const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const results: Record<string, unknown> = { start: values.start, node: process.version, budgetSeconds: budgetMs / 1000 };

/** In-person visits as (retailer, date) keys. */
function visitDays(plan: Plan): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const l of plan.lines) for (const d of l.days) for (const s of d.stops) (out.get(s.retailer) ?? out.set(s.retailer, new Set()).get(s.retailer)!).add(d.date);
  return out;
}
/** Share of the first plan's in-person visits that the second puts on another day. */
function movedShare(a: Plan, b: Plan): number {
  const before = visitDays(a);
  const after = visitDays(b);
  let total = 0;
  let moved = 0;
  for (const [r, days] of before) for (const d of days) {
    total++;
    if (!after.get(r)?.has(d)) moved++;
  }
  return total === 0 ? 0 : moved / total;
}

const planner = createCityPlanner({ terrain });
let first: Plan | undefined;
if (!skip.has('city')) {
  const runs: Array<Record<string, number>> = [];
  for (let k = 0; k < Number(values.runs); k++) {
    const t0 = performance.now();
    const plan = await planner.plan({ dataset, start: values.start, weeks: 4, seed: 1, timeLimitMs: budgetMs });
    const seconds = (performance.now() - t0) / 1000;
    first ??= plan;
    const f = plan.figures;
    runs.push({
      seconds: Math.round(seconds * 10) / 10,
      peakMB: mb(),
      fuelRatio: Math.round(plan.ratios.fuelYuan * 1000) / 1000,
      yuanRatio: Math.round(plan.ratios.yuan * 1000) / 1000,
      inPersonShare: Math.round(f.inPersonShare * 1000) / 1000,
      inPersonPerDayMin: f.inPersonPerDay.min,
      inPersonPerDayMax: f.inPersonPerDay.max,
      longestDayHours: Math.round(f.dayHours.max * 100) / 100,
      worstWaitMinutes: Math.round(f.waitMinutesPerDay.max),
      lateMinutes: f.lateMinutes,
      emptyWorkdays: f.emptyWorkdays,
      earlyLeaveDays: f.earlyLeaveDays,
      firstShopLateDays: f.firstShopLateDays,
      backLateDays: f.backLateDays,
      shortMarketDays: f.shortMarketDays,
      longDays: f.longDays,
      longWaitDays: f.longWaitDays,
      unbalancedDays: f.unbalancedDays,
      notPlaced: f.notPlaced,
      failedLines: plan.lines.filter((l) => l.error).length,
    });
  }
  console.log(`four-week city plan from ${values.start}, ${budgetMs / 1000} s budget, ${planner.threads} threads`);
  console.table(runs);
  results.city = { runs, medianSeconds: median(runs.map((r) => r.seconds)), peakMB: Math.max(...runs.map((r) => r.peakMB)), medianFuelRatio: median(runs.map((r) => r.fuelRatio)) };
  if (first) {
    results.cityFigures = { plan: first.figures, baseline: first.baseline, ratios: first.ratios };
    // The work standard's duties: each month's analysis visits, each quarter's re-evaluations.
    results.duties = first.duties;
    console.log('duties: analysis visits by month, re-evaluations by quarter');
    // A month the plan holds only a few days of leaves its analyses to the plans around it
    // (duties.ts); its "missing" is what those plans, or records, must show.
    const planDays = first.lines[0]?.days.filter((d) => !d.blocked).map((d) => d.date) ?? [];
    const monthDays = (month: string) => new Workdays(dataset.calendar).between(`${month}-01`, addDays(`${month}-01`, 31)).filter((d) => d.startsWith(month)).length;
    console.table(first.duties?.analysis.map((a) => ({ ...a, workdaysInPlan: `${planDays.filter((d) => d.startsWith(a.month)).length} of ${monthDays(a.month)}` })));
    console.table(first.duties?.reevaluation);
    // Every rule re-derived from the plan by the independent checker, not the planner's own figures.
    const days = new Workdays(dataset.calendar).between(values.start, addDays(values.start, 28));
    const { violations } = checkPlanRules(first, dataset, { travel: terrain, days, weeks: 4, calendar: dataset.calendar });
    // Counted by line and rule (the message less its date, shop and figures).
    const kinds = new Map<string, number>();
    for (const v of violations) {
      const key = `${v.split(' ')[0]}: ${v.replace(/^\S+( \d{4}-\d{2}-\d{2})?( R\w+)?: /, '').replace(/[\d.:]+/g, '#')}`;
      kinds.set(key, (kinds.get(key) ?? 0) + 1);
    }
    const checked = { violations: violations.length, byKind: Object.fromEntries(kinds), first: violations.slice(0, 50) };
    console.log(`independent rules checker on the first plan: ${violations.length} violations`);
    for (const [k, n] of kinds) console.log(`  ${n} × ${k}`);
    const warnings = first.lines.flatMap((l) => (l.warnings ?? []).map((w) => `${l.line}: ${w}`));
    for (const w of warnings) console.log(`  warning ${w}`);
    results.rulesChecker = { ...checked, warnings };
  }
}

if (first && !skip.has('stability')) {
  const again = await planner.plan({ dataset, start: values.start, weeks: 4, seed: 1, timeLimitMs: budgetMs, previous: first });
  const line = first.lines[6].line;
  const date = first.lines[6].days[2].date;
  const t0 = performance.now();
  const blocked = await planner.plan({ dataset, start: values.start, weeks: 4, seed: 1, timeLimitMs: budgetMs / 20, previous: first, blocked: [{ line, date }], lines: [line] });
  const blockSeconds = (performance.now() - t0) / 1000;
  const others = blocked.lines.filter((l) => l.line !== line);
  const unchanged = others.every((l) => JSON.stringify(l) === JSON.stringify(first!.lines.find((x) => x.line === l.line)));
  const blockedLine = blocked.lines.find((l) => l.line === line)!;
  const stability = {
    replanUnchangedMovedShare: Math.round(movedShare(first, again) * 10000) / 10000,
    blockedLine: line,
    blockedDate: date,
    blockedDayEmpty: blockedLine.days.find((d) => d.date === date)?.stops.length === 0,
    otherLinesUnchanged: unchanged,
    blockedReplanSeconds: Math.round(blockSeconds * 100) / 100,
  };
  console.log('stability');
  console.table([stability]);
  results.stability = stability;
}

if (!skip.has('replan')) {
  const week = await planner.plan({ dataset, start: values.start, weeks: 1, seed: 1, timeLimitMs: budgetMs / 4 });
  const line = week.lines[0].line;
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    await planner.plan({ dataset, start: values.start, weeks: 1, seed: 1, timeLimitMs: 800, previous: week, lines: [line] });
    times.push(performance.now() - t0);
  }
  const replan = { line, msPerRun: times.map(Math.round), medianMs: Math.round(median(times)), targetMs: 1000 };
  console.log("one line's weekly re-plan");
  console.table([replan]);
  results.replan = replan;
}
await planner.close();

if (!skip.has('speedup')) {
  // Same work on 1 and 2 threads, side by side, three times: pools warmed up first (each
  // worker loads its modules once), then a whole city at a fixed iteration budget.
  const iterations = Number(values['speedup-iterations']);
  const pools = [1, 2].map((threads) => createCityPlanner({ terrain, threads, iterationsPerLine: iterations }));
  const warm = { dataset, start: values.start, weeks: 1, seed: 1, lines: dataset.lines.slice(0, 4).map((l) => l.line) };
  for (const p of pools) await p.plan(warm);
  const pairs: Array<{ seconds1: number; seconds2: number; ratio: number }> = [];
  for (let k = 0; k < 3; k++) {
    const wall = [];
    for (const p of pools) {
      const t0 = performance.now();
      await p.plan({ dataset, start: values.start, weeks: 4, seed: 1 });
      wall.push((performance.now() - t0) / 1000);
    }
    pairs.push({ seconds1: Math.round(wall[0] * 10) / 10, seconds2: Math.round(wall[1] * 10) / 10, ratio: Math.round((wall[0] / wall[1]) * 100) / 100 });
  }
  for (const p of pools) await p.close();
  const ceiling = await machineCeiling();
  const speedup = { iterationsPerLine: iterations, pairs, medianSpeedup: median(pairs.map((p) => p.ratio)), target: 1.8, machineCeiling: Math.round(ceiling * 100) / 100 };
  console.log('pool speed-up, same work on 1 and 2 threads (machineCeiling: a pure arithmetic loop, the most two threads give here)');
  console.table(pairs);
  console.table([{ iterationsPerLine: iterations, medianSpeedup: speedup.medianSpeedup, target: 1.8, machineCeiling: speedup.machineCeiling }]);
  results.speedup = speedup;
}

// A partial run (--skip) replaces only the parts it measured.
const file = values.results;
const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
mkdirSync('bench/results', { recursive: true });
writeFileSync(file, `${JSON.stringify({ ...kept, ...results }, null, 2)}\n`);

/** The machine's own two-thread speed-up on pure arithmetic: the ceiling for the pool's. */
async function machineCeiling(): Promise<number> {
  const loop = `let x = 0; for (let i = 0; i < 4e8; i++) x = (x + i * 2654435761) % 1000003; require('node:worker_threads').parentPort.postMessage(x);`;
  const once = () => new Promise((done) => new Worker(loop, { eval: true }).once('message', done));
  let t0 = performance.now();
  await once();
  await once();
  const sequential = performance.now() - t0;
  t0 = performance.now();
  await Promise.all([once(), once()]);
  return sequential / (performance.now() - t0);
}
