import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { canvasColours, launch, watchedPage } from './support/browser.ts';
import { writeSmallCity } from './support/files.ts';
import { PLANNER_TOKEN, startE2eService } from './support/service.ts';

/**
 * The planner's page in headless chromium against the real service and city planner, on
 * a two-line city cut from the demo: each flow of issue 11 in the order a planner meets
 * them. Every page must log no console error; screenshots go to out/e2e/.
 */
/** What the tests read of the page's map (window.__map). */
interface ShopMap {
  getCanvas(): HTMLCanvasElement;
  project(p: [number, number]): { x: number; y: number };
  queryRenderedFeatures(...args: unknown[]): { id: number; geometry: { coordinates: [number, number] } }[];
}

const SHOTS = join(process.cwd(), 'out', 'e2e');
let svc: Awaited<ReturnType<typeof startE2eService>>;
let browser: Browser;
let page: Page;
let errors: string[];
let files: { good: string[]; bad: string[] };
let tmp: string;
let planId = '';
let replanId = '';

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  tmp = mkdtempSync(join(tmpdir(), 'vp-e2e-files-'));
  files = writeSmallCity(tmp);
  [svc, browser] = await Promise.all([startE2eService(), launch()]);
  ({ page, errors } = await watchedPage(browser));
});
afterAll(async () => {
  await browser?.close();
  await svc?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const message = () => page.$eval('#message', (m) => ((m as HTMLElement).hidden ? '' : (m.textContent ?? '')));
/**
 * Waits for the message bar to show an error saying `text`. Waiting for any error is a race:
 * a link's new view starts on the next hashchange, so the last view's error is still up.
 */
async function errorSays(text: string): Promise<void> {
  await page.locator('#message.error', { hasText: text }).waitFor().catch(() => undefined);
  expect(await message()).toContain(text);
}
/** Clicks to the map and waits until it is drawn: the last map's marks are cleared first, or they would answer at once. */
async function mapFrom(selector: string): Promise<void> {
  await page.evaluate(() => {
    for (const k of ['map', 'route', 'moves']) delete document.body.dataset[k];
  });
  await page.click(selector);
  await page.waitForFunction(() => document.body.dataset.map, null, { timeout: 60_000 });
}
/** No console error so far; the page's own messages are not errors. */
const clean = () => expect(errors).toEqual([]);

async function signIn(token: string, hash = ''): Promise<void> {
  await page.goto(`${svc.url}/${hash}`);
  await page.evaluate(() => sessionStorage.clear());
  // A new hash alone is no navigation: reload so the page starts signed out.
  await page.reload();
  await page.fill('#key', token);
  await page.click('#sign-in button[type=submit]');
}

describe('the planner', () => {
  test('a wrong key is a clear message, then the planner signs in', async () => {
    await signIn('nobody.0123456789abcdef0123456789abcdef');
    await errorSays('密钥无效或已吊销');
    // The 401 itself is a failed resource load in chromium's console: that one is expected.
    errors.splice(0);
    await signIn(PLANNER_TOKEN);
    await page.waitForSelector('#who');
    expect(await page.textContent('#who')).toContain('e2e');
    expect(await page.textContent('#view-figures')).toContain('还没有已完成的计划');
    clean();
  });

  test('a bad file: every bad row in a table, nothing stored', async () => {
    await page.click('a[data-view=datasets]');
    await page.waitForSelector('#drop');
    await page.setInputFiles('#file-input', files.bad);
    await page.waitForSelector('#problems');
    const rows = await page.$$eval('#problems tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['bad-retailers.csv', '2', 'lat'],
      ['bad-retailers.csv', '6', 'class'],
      ['bad-retailers.csv', '11', 'line'],
    ]);
    expect(await page.$$eval('#dataset-list tbody tr', (trs) => trs.length)).toBe(0);
    await shot('upload-refused');
    errors.splice(0); // the 400 is logged by chromium as a failed load
  });

  test('a good file is stored and listed', async () => {
    await page.setInputFiles('#file-input', files.good);
    await page.waitForSelector('#upload-result .ok');
    const rows = await page.$$eval('#dataset-list tbody tr td', (tds) => tds.map((td) => td.textContent));
    expect(rows.slice(2)).toEqual(['retailers.csv, lines.csv, policy.json', '421', '2']);
    clean();
  });

  test('a small plan started from the page, followed live to the end', async () => {
    await page.click('a[data-view=plans]');
    await page.waitForSelector('#plan-form');
    await page.fill('#plan-start', '2026-12-07');
    await page.fill('#plan-budget', '3');
    await page.click('#plan-form button[type=submit]');
    await page.waitForSelector('#plan-list tr[data-plan]');
    planId = (await page.getAttribute('#plan-list tr[data-plan]', 'data-plan'))!;
    // The row changes with the job's events, with no reload of the list by the test.
    await page.waitForSelector(`tr[data-plan="${planId}"][data-status=succeeded]`, { timeout: 60_000 });
    expect(await page.textContent(`tr[data-plan="${planId}"]`)).toContain('2/2');
    await page.click(`tr[data-plan="${planId}"] a.open`);
    await page.waitForSelector('#city-figures');
    expect(await page.$$eval('#city-figures tbody tr', (trs) => trs.length)).toBe(8);
    expect(await page.$$eval('#line-table tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-line')))).toEqual(['L096', 'L105']);
    await page.click('#line-table th[data-key=kmPerMonth]');
    await shot('figures');
    clean();
  });

  test("a line's day on the map: all retailers, the route with numbered stops, the canvas not blank", async () => {
    const day = '2026-12-08';
    await page.goto(`${svc.url}/#view=map&plan=${planId}&line=L105&date=${day}`);
    await page.waitForFunction((d) => document.body.dataset.route === `L105/${d}`, day, { timeout: 60_000 });
    expect(await page.evaluate(() => document.body.dataset.map)).toBe('421');
    const served = (await (await fetch(`${svc.url}/v1/plans/${planId}/lines/L105/days/${day}`, { headers: { authorization: `Bearer ${PLANNER_TOKEN}` } })).json()) as { stops: unknown[] };
    expect(served.stops.length).toBeGreaterThan(0);
    expect(await page.$$eval('.stop-marker', (m) => m.map((e) => e.textContent))).toEqual(served.stops.map((_, i) => String(i + 1)));
    expect(await page.$$eval('#map-timetable tbody tr:not(.remote)', (trs) => trs.length)).toBe(served.stops.length);
    expect(await canvasColours(page)).toBeGreaterThan(20);
    await shot('map-day');
    // A click on a shop (one not under a stop's marker) shows that shop's visits.
    const { dataset } = (await (await fetch(`${svc.url}/v1/plans/${planId}`, { headers: { authorization: `Bearer ${PLANNER_TOKEN}` } })).json()) as { dataset: string };
    const ids = ((await (await fetch(`${svc.url}/v1/datasets/${dataset}/map`, { headers: { authorization: `Bearer ${PLANNER_TOKEN}` } })).json()) as { retailers: { id: string[] } }).retailers.id;
    const shop = await page.evaluate(() => {
      const map = (window as unknown as { __map: ShopMap }).__map;
      const box = map.getCanvas().getBoundingClientRect();
      for (const f of map.queryRenderedFeatures({ layers: ['retailers'] })) {
        const p = map.project(f.geometry.coordinates);
        const [x, y] = [box.left + p.x, box.top + p.y];
        if (document.elementFromPoint(x, y) !== map.getCanvas()) continue;
        // The shop the map finds under that pixel (another may be drawn over the first).
        return { x, y, index: map.queryRenderedFeatures([p.x, p.y], { layers: ['retailers'] })[0].id };
      }
      return null;
    });
    expect(shop).not.toBeNull();
    await page.mouse.click(shop!.x, shop!.y);
    expect(await page.waitForSelector('.maplibregl-popup .shop').then((e) => e.textContent())).toContain(`(${ids[shop!.index]})`);
    clean();
  });

  test('a re-plan of a blocked day, diffed against its parent on the calendar', async () => {
    await page.goto(`${svc.url}/#view=calendar&plan=${planId}&line=L105&date=2026-12-09`);
    await page.waitForSelector('#block-replan');
    const before = await page.$eval('td[data-date="2026-12-09"]', (td) => td.textContent);
    expect(before).not.toContain('停用');
    await page.fill('#replan-budget', '2');
    await page.click('#block-replan');
    await page.waitForSelector('#diff', { timeout: 60_000 });
    replanId = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1)).get('plan')!;
    expect(replanId).not.toBe(planId);
    expect(await page.$eval('td[data-date="2026-12-09"]', (td) => td.className)).toContain('blocked');
    const reasons = await page.$$eval('#diff tbody tr', (trs) => trs.map((tr) => [tr.children[1].textContent!.slice(0, 10), tr.getAttribute('data-reason')]));
    const fromBlocked = reasons.filter(([from]) => from === '2026-12-09');
    expect(fromBlocked.length).toBeGreaterThan(0);
    expect(new Set(fromBlocked.map(([, r]) => r))).toEqual(new Set(['blocked']));
    await shot('calendar-diff');
    // The same moves on the map: the line's shops whose visits moved, ringed.
    await mapFrom('#diff-map');
    expect(await page.evaluate(() => Number(document.body.dataset.moves))).toBe(reasons.length);
    await shot('map-diff');
    clean();
  });

  test('this week against last: visits matched by weekday, on the calendar and ringed on the map', async () => {
    // The next week's plan of the same dataset, made through the API (the comparison is the
    // flow here), with L105's Wednesday blocked: last Wednesday's visits must move, and why.
    const auth = { authorization: `Bearer ${PLANNER_TOKEN}`, 'content-type': 'application/json' };
    const { dataset } = (await (await fetch(`${svc.url}/v1/plans/${planId}`, { headers: auth })).json()) as { dataset: string };
    const started = await fetch(`${svc.url}/v1/plans`, { method: 'POST', headers: auth, body: JSON.stringify({ dataset, start: '2026-12-14', weeks: 1, timeLimitMs: 2000, blocked: [{ line: 'L105', date: '2026-12-16' }] }) });
    const { id: nextWeek } = (await started.json()) as { id: string };
    for (let status = ''; status !== 'succeeded'; await new Promise((r) => setTimeout(r, 300))) {
      status = ((await (await fetch(`${svc.url}/v1/plans/${nextWeek}`, { headers: auth })).json()) as { status: string }).status;
      expect(status).not.toBe('failed');
    }
    await page.goto(`${svc.url}/#view=calendar&plan=${nextWeek}&line=L105`);
    await page.waitForSelector(`#cal-against option[value="${planId}"]`, { state: 'attached' });
    await page.selectOption('#cal-against', planId);
    await page.waitForSelector('#diff[data-by=weekday]');
    const rows = await page.$$eval('#diff tbody tr', (trs) => trs.map((tr) => [tr.children[1].textContent!, tr.children[2].textContent!, tr.getAttribute('data-reason')!]));
    const fromWednesday = rows.filter(([from]) => from.startsWith('2026-12-09'));
    expect(fromWednesday.length).toBeGreaterThan(0);
    expect(new Set(fromWednesday.map(([, , why]) => why))).toEqual(new Set(['blocked']));
    expect(await page.$eval('td[data-date="2026-12-16"]', (td) => td.className)).toContain('blocked');
    for (const [from, to] of rows) {
      // From a day of last week's plan to a day of this week's.
      if (from !== '—') expect(from.slice(0, 10) < '2026-12-14').toBe(true);
      if (to !== '—') expect(to.slice(0, 10) >= '2026-12-14').toBe(true);
      // A visit kept on its weekday is not a move: a pair names two different weekdays.
      if (from !== '—' && to !== '—') expect(from.split(' ')[1]).not.toBe(to.split(' ')[1]);
    }
    // Each move is counted on this week's days: out of its old weekday, into its new day.
    const counts = await page.$$eval('td.day .moves', (ms) => ms.map((m) => m.textContent!.match(/\d+/g)!.map(Number)));
    expect(counts.reduce((n, [out, into]) => n + out + into, 0)).toBe(rows.filter(([f]) => f !== '—').length + rows.filter(([, t]) => t !== '—').length);
    await shot('calendar-week-diff');
    await mapFrom('#diff-map');
    expect(await page.evaluate(() => Number(document.body.dataset.moves))).toBe(rows.length);
    clean();
  });
});

describe('keys', () => {
  let token = '';
  test('a planner issues a manager key, shown once; the manager signs in with it at once', async () => {
    await page.goto(`${svc.url}/#view=keys`);
    await page.waitForSelector('#key-form');
    await page.fill('#key-line', 'L096');
    await page.fill('#key-id', 'wang');
    await page.click('#key-form button[type=submit]');
    token = (await page.waitForSelector('#token').then((e) => e.textContent()))!;
    expect(token).toMatch(/^wang\.\S{20,}$/);
    expect(await page.$$eval('#key-list tr[data-key]', (trs) => trs.map((t) => t.getAttribute('data-key')))).toEqual(['e2e', 'wang']);
    await signIn(token, `#view=calendar&plan=${replanId}`);
    await page.waitForSelector('#calendar');
    expect(await page.textContent('#who')).toContain('L096');
    expect(await page.$$eval('nav a', (as) => as.map((a) => a.getAttribute('data-view')))).toEqual(['calendar', 'map']);
    clean();
  });

  test('a manager cannot open another line', async () => {
    await page.goto(`${svc.url}/#view=calendar&plan=${replanId}&line=L105`);
    await errorSays('此密钥只能查看自己的线路');
    expect(await page.$$('#calendar')).toHaveLength(0);
    errors.splice(0); // the 403 as a failed load
  });

  test('revoked from the page, the key is refused at once', async () => {
    const planner = await browser.newPage();
    await planner.goto(`${svc.url}/`);
    await planner.fill('#key', PLANNER_TOKEN);
    await planner.click('#sign-in button[type=submit]');
    await planner.waitForSelector('#who');
    await planner.goto(`${svc.url}/#view=keys`);
    await planner.waitForSelector('tr[data-key=wang] button.revoke');
    await planner.click('tr[data-key=wang] button.revoke');
    await planner.waitForSelector('tr[data-key=wang]', { state: 'detached' });
    await planner.close();
    await page.click('a[data-view=map]');
    await errorSays('密钥无效或已吊销');
    errors.splice(0);
  });
});

describe('a service that is down', () => {
  test('is a clear message, not a blank screen', async () => {
    await signIn(PLANNER_TOKEN, '#view=plans');
    await page.waitForSelector('#plan-list table');
    await svc.stop();
    await page.click('a[data-view=datasets]');
    await errorSays('无法连接服务');
    await shot('service-down');
  });
});
