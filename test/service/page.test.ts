import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RETAILER_COLUMNS } from '../../src/domain/retailer.ts';
import { PolicySchema } from '../../src/domain/policy.ts';
import { csv, POLICY_TEXT, retailerRow, tinyRetailers, tinyUpload } from './support/dataset.ts';
import { fakePlanner } from './support/fakePlanner.ts';
import { seedPlan, startTestService, waitForJob, type TestService } from './support/harness.ts';

// The tiny dataset with its shops spread north and south too, so each line has a territory.
const spread = () => tinyRetailers().map((r, i) => retailerRow({ ...r, lat: (32.1 + (i % 4) / 100).toFixed(4) }));

const fake = fakePlanner();
let svc: TestService;
let web: string;
let datasetId = '';
let planId = '';
beforeAll(async () => {
  web = await mkdtemp(join(tmpdir(), 'vp-web-'));
  await writeFile(join(web, 'index.html'), '<!doctype html><title>page</title>');
  await writeFile(join(web, 'app.js'), 'export {};');
  svc = await startTestService(fake.planner, { webDir: web, mapTerrain: join(web, 'no-such-terrain.asc') });
  ({ datasetId, planId } = await seedPlan(svc, tinyUpload({ retailers: { name: 'retailers.csv', text: csv(spread(), RETAILER_COLUMNS) } })));
});
afterAll(async () => {
  fake.release();
  await svc?.stop();
  await rm(web, { recursive: true, force: true });
});

const get = async (path: string, key?: string) => {
  const res = await svc.call('GET', path, key === undefined ? {} : { key });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe("the page's static files and settings", () => {
  test('/ is the page, with a policy that keeps it on this origin; the map settings and basemap are open', async () => {
    const page = await fetch(`${svc.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<!doctype html><title>page</title>');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${svc.url}/app.js`)).status).toBe(200);
    expect(await (await fetch(`${svc.url}/page-config.json`)).json()).toEqual({
      styleUrl: null, tilesUrl: null, tilesAttribution: '', counties: '/basemap/counties.geojson', terrain: '/basemap/terrain.asc',
    });
    const counties = await fetch(`${svc.url}/basemap/counties.geojson`);
    expect((await counties.json()) as { features: unknown[] }).toMatchObject({ type: 'FeatureCollection' });
    expect(await (await fetch(`${svc.url}/basemap/terrain.asc`)).json()).toEqual({
      statusCode: 404, code: 'VP_NOT_FOUND', message: 'the basemap file no-such-terrain.asc (see MAP_COUNTIES, MAP_TERRAIN) not found',
    });
    // No catch-all: an unknown path is still the API's 404.
    expect((await get('/v1/nothing-here')).body).toMatchObject({ statusCode: 404, code: 'VP_NOT_FOUND' });
  });

  test('a service whose page is not built says how to build it', async () => {
    const bare = await startTestService(fake.planner, { webDir: join(web, 'missing') });
    try {
      const res = await fetch(`${bare.url}/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('run <code>npm run build:web</code>');
    } finally {
      await bare.stop();
    }
  });
});

describe('who a key is', () => {
  test('planner, manager, and a bad key', async () => {
    expect(await get('/v1/me')).toEqual({ status: 200, body: { id: 'plan', role: 'planner' } });
    expect(await get('/v1/me', svc.keys.l02)).toEqual({ status: 200, body: { id: 'li', role: 'manager', line: 'L02', city: 'default' } });
    expect((await get('/v1/me', 'nobody.xxxxxxxx')).status).toBe(401);
  });
});

describe('datasets for the page', () => {
  test('the list: newest first, a city sees its own', async () => {
    const { body } = await get('/v1/datasets');
    expect(body.datasets).toEqual([expect.objectContaining({ id: datasetId, retailers: 23, lines: 2, files: ['retailers.csv', 'lines.csv', 'policy.json'] })]);
    expect((await get('/v1/datasets', svc.keys.otherPlanner)).body).toEqual({ datasets: [] });
    expect((await get('/v1/datasets', svc.keys.l01)).status).toBe(403);
  });

  test("the map: every retailer's position, name, line and class; each line's base and territory; a manager its own line", async () => {
    const { body } = (await get(`/v1/datasets/${datasetId}/map`)) as unknown as { body: { lines: { line: string; base: number[]; territory: number[][][] | null }[]; retailers: Record<string, unknown[]> } };
    const rows = spread();
    expect(body.retailers).toEqual({
      id: rows.map((r) => r.id), name: rows.map((r) => r.name), line: rows.map((r) => r.line), class: rows.map((r) => r.class),
      lon: rows.map((r) => Number(r.lon)), lat: rows.map((r) => Number(r.lat)),
    });
    expect(body.lines.map((l) => [l.line, l.base])).toEqual([['L01', [114.06, 32.13]], ['L02', [114.2, 32.13]]]);
    // The territory holds every retailer of its line: each is inside or on the hull's bounding box.
    for (const l of body.lines) {
      const ring = l.territory![0];
      expect(ring[0]).toEqual(ring.at(-1));
      const [w, e] = [Math.min(...ring.map((p) => p[0])), Math.max(...ring.map((p) => p[0]))];
      const lons = rows.filter((r) => r.line === l.line).map((r) => Number(r.lon));
      expect([w, e]).toEqual([Math.min(...lons), Math.max(...lons)]);
    }
    const mine = (await get(`/v1/datasets/${datasetId}/map`, svc.keys.l02)).body as { lines: { line: string }[]; retailers: { line: string[] } };
    expect(mine.lines.map((l) => l.line)).toEqual(['L02']);
    expect(new Set(mine.retailers.line)).toEqual(new Set(['L02']));
    expect((await get(`/v1/datasets/${datasetId}/map`, svc.keys.otherPlanner)).status).toBe(404);
  });
});

describe("a plan's line, figures and visits by retailer", () => {
  test("the line's whole plan, with the policy's day bounds; a manager reads only its own", async () => {
    const stored = (await svc.store.plans.get(planId))!.plan.lines.find((l) => l.line === 'L01')!;
    const policy = PolicySchema.parse(JSON.parse(POLICY_TEXT));
    expect((await get(`/v1/plans/${planId}/lines/L01`)).body).toEqual({
      ...JSON.parse(JSON.stringify(stored)),
      plan: planId, parent: null, replan: null,
      rules: { marketMinutesMin: policy.marketMinutesMin.value, maxDayMinutes: policy.maxDayMinutes.value },
    });
    expect((await get(`/v1/plans/${planId}/lines/L01`, svc.keys.l02)).body).toMatchObject({ statusCode: 403, code: 'VP_FORBIDDEN' });
    expect((await get(`/v1/plans/${planId}/lines/L09`)).body).toMatchObject({ statusCode: 404, message: `line L09 in plan ${planId} not found` });
  });

  test("a re-plan's line says what it was asked: blocked days and closed shops", async () => {
    const res = await svc.call('POST', `/v1/plans/${planId}/replan`, { body: { line: 'L02', blocked: ['2026-03-10'], closed: [{ retailer: 'R25', date: '2026-03-12' }] } });
    const { id } = (await res.json()) as { id: string };
    await waitForJob(svc, id);
    expect((await get(`/v1/plans/${id}/lines/L02`)).body).toMatchObject({
      plan: id, parent: planId, replan: { from: null, blocked: ['2026-03-10'], closed: [{ retailer: 'R25', date: '2026-03-12' }] },
    });
    // The line it did not re-plan is read from the parent, and was not asked anything.
    expect((await get(`/v1/plans/${id}/lines/L01`)).body).toMatchObject({ plan: id, parent: planId, replan: null });
  });

  test("the figures: the city's and each line's beside today's practice", async () => {
    const plan = (await svc.store.plans.get(planId))!.plan;
    const { body } = await get(`/v1/plans/${planId}/figures`);
    expect(body).toEqual(JSON.parse(JSON.stringify({
      figures: plan.figures, baseline: plan.baseline, ratios: plan.ratios,
      lines: plan.lines.map((l) => ({ line: l.line, manager: l.manager, figures: l.figures, notPlaced: l.notPlaced.length, error: l.error ?? null, baseline: l.baseline })),
    })));
    expect((await get(`/v1/plans/${planId}/figures`, svc.keys.l01)).status).toBe(403);
  });

  test('every visit by retailer, recomputed from the lines; a manager its own line', async () => {
    const plan = (await svc.store.plans.get(planId))!.plan;
    const { body } = (await get(`/v1/plans/${planId}/retailer-visits`)) as unknown as { body: { dates: string[]; retailer: string[]; day: number[]; mode: string[]; arrive: (string | null)[] } };
    const got = body.retailer.map((r, i) => `${r} ${body.dates[body.day[i]]} ${body.mode[i]} ${body.arrive[i]}`).sort();
    const want = plan.lines.flatMap((l) => l.days.flatMap((d) => [...d.stops.map((s) => `${s.retailer} ${d.date} in_person ${s.arrive}`), ...d.remote.map((v) => `${v.retailer} ${d.date} ${v.mode} null`)])).sort();
    expect(got).toEqual(want);
    expect(want.length).toBeGreaterThan(0);
    const mine = (await get(`/v1/plans/${planId}/retailer-visits`, svc.keys.l02)).body as { retailer: string[] };
    expect(mine.retailer.length).toBe(want.filter((w) => Number(w.slice(1, 3)) >= 21).length);
    expect((await get('/v1/plans/pl_nothing/retailer-visits')).status).toBe(404);
  });
});
