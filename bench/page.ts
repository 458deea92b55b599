/**
 * bench:page — the planner's page in headless chromium (Debian's, through playwright-core)
 * against `npm start` on the demo city (26,400 retailers, 105 lines), on loopback:
 *   usable  navigation → signed in (key kept in the session) and the city figures shown
 *   map     navigation → the city map idle with every retailer drawn
 *   route   click "show route" → a line's day drawn (stops, legs, timetable) and the map idle
 * and the map's stages (its performance marks: created, style read, data in, layers added, idle).
 * Each the median of 5 (route: 5 lines), a fresh browser context per page load. Prints a
 * table, writes bench/results/page.json, and the README's screenshot (docs/page.png).
 *
 *   npm run bench:page [-- --url http://127.0.0.1:3000 --key <planner key>]   # or a running service
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launch } from '../test/e2e/support/browser.ts';
import { median } from './support/median.ts';

const TARGETS = { usableMs: 1500, mapMs: 3000, routeMs: 300 };
const RUNS = 5;
const { values: args } = parseArgs({ options: { url: { type: 'string' }, key: { type: 'string' } } });
const KEY = args.key ?? 'bench.Vb7Nq2Lm9Xc4Zr8Tw1Yp6Hs3Jd5Kf0Ga';

async function startCity(): Promise<{ url: string; plan: string; stop: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'vp-bench-page-'));
  const child = spawn(process.execPath, ['src/service/main.ts'], {
    env: { ...process.env, DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn', API_KEYS: `bench:planner::${KEY.split('.')[1]}`, PLAN_TIME_LIMIT_MS: process.env.PLAN_TIME_LIMIT_MS ?? '20000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  const out = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (d) => {
      text += d;
      if (/this week: .*\n/.test(text)) resolve(text);
    });
    child.on('exit', (code) => reject(new Error(`npm start exited (${code})`)));
  });
  const url = /listening on (\S+)/.exec(out)![1];
  const plan = /this week: \S+plan=(\S+)/.exec(out)![1];
  process.stdout.write(`planning the demo city's week (${plan}) for the page…\n`);
  for (;;) {
    const job = (await (await fetch(`${url}/v1/plans/${plan}`, { headers: { authorization: `Bearer ${KEY}` } })).json()) as { status: string };
    if (job.status === 'succeeded') break;
    if (job.status === 'failed') throw new Error(`the plan failed: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  return { url, plan, stop };
}

/** A fresh context with the key in the session, as after signing in; console errors collected. */
async function freshPage(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript((key) => sessionStorage.setItem('visit-planner.key', key), KEY);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { context, page, errors, url };
}

const service = args.url ? { url: args.url, plan: '', stop: () => {} } : await startCity();
const browser = await launch();
try {
  if (!service.plan) {
    // The newest whole-city plan there (the most lines): the page's heaviest case.
    const { plans } = (await (await fetch(`${service.url}/v1/plans`, { headers: { authorization: `Bearer ${KEY}` } })).json()) as {
      plans: { id: string; status: string; progress: { linesTotal: number } }[];
    };
    const done = plans.filter((p) => p.status === 'succeeded');
    service.plan = done.sort((a, b) => b.progress.linesTotal - a.progress.linesTotal)[0].id;
  }
  const { lines } = (await (await fetch(`${service.url}/v1/plans/${service.plan}`, { headers: { authorization: `Bearer ${KEY}` } })).json()) as { lines: { line: string }[] };
  const usable: number[] = [];
  const map: number[] = [];
  const route: number[] = [];
  const errors: string[] = [];
  const stages: Record<string, number>[] = [];
  for (let i = 0; i < RUNS; i++) {
    const a = await freshPage(browser, service.url);
    const t0 = Date.now();
    await a.page.goto(`${service.url}/#view=figures&plan=${service.plan}`);
    await a.page.waitForSelector('#city-figures tbody tr', { timeout: 30_000 });
    usable.push(Date.now() - t0);
    errors.push(...a.errors);
    await a.context.close();

    const b = await freshPage(browser, service.url);
    const t1 = Date.now();
    await b.page.goto(`${service.url}/#view=map&plan=${service.plan}`);
    await b.page.waitForFunction(() => document.body.dataset.map, null, { timeout: 60_000 });
    map.push(Date.now() - t1);
    // The map's own marks (views/map.ts), from navigation: where its time went.
    stages.push(await b.page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('map:')).map((m) => [m.name, Math.round(m.startTime)]))));
    // A line's day: the click, then the route drawn and the map idle, timed inside the page.
    const line = lines[(i * 21) % lines.length].line;
    await b.page.selectOption('#map-line', line);
    const ms = await b.page.evaluate(async () => {
      const start = performance.now();
      (document.getElementById('map-show') as HTMLButtonElement).click();
      while (!(document.body.dataset.route ?? '').includes('/')) await new Promise((r) => setTimeout(r, 5));
      return performance.now() - start;
    });
    route.push(ms);
    if (i === 0) {
      mkdirSync('docs', { recursive: true });
      await b.page.screenshot({ path: 'docs/page.png' });
    }
    errors.push(...b.errors);
    await b.context.close();
  }
  const rows = [
    ['usable (signed in, city figures)', median(usable), TARGETS.usableMs, usable],
    ['city map, all retailers', median(map), TARGETS.mapMs, map],
    ["a line's day route after the click", median(route), TARGETS.routeMs, route],
  ] as const;
  console.table(rows.map(([what, med, target, runs]) => ({ what, 'median ms': Math.round(med), 'target ms': target, met: med <= target, runs: runs.map((r) => Math.round(r)).join(' ') })));
  const stageMedians = Object.fromEntries(Object.keys(stages[0] ?? {}).map((k) => [k, median(stages.map((s) => s[k]))]));
  console.log('the map\'s stages, ms from navigation (median):', stageMedians);
  if (errors.length > 0) console.log('console errors:', errors);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/page.json',
    `${JSON.stringify({ when: new Date().toISOString(), runs: RUNS, retailers: 26_400, usableMs: usable, mapMs: map, routeMs: route.map(Math.round), medians: { usableMs: median(usable), mapMs: median(map), routeMs: Math.round(median(route)) }, mapStagesMs: stageMedians, targets: TARGETS, consoleErrors: errors }, null, 2)}\n`,
  );
} finally {
  await browser.close();
  service.stop();
}
