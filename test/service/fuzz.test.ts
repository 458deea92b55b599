import { afterAll, beforeAll, expect, test } from 'vitest';
import { ERROR_CATALOGUE } from '../../src/service/errors.ts';
import { fakePlanner } from './support/fakePlanner.ts';
import { seedPlan, startTestService, type TestService } from './support/harness.ts';
import { tinyUpload } from './support/dataset.ts';

/**
 * A fuzzer, deterministic (seeded) and bounded (a fixed number of requests, one at a
 * time): every route of the OpenAPI document, with path parameters good and bad, and
 * bodies valid, mutated and hostile. No answer may be a 5xx, and every 4xx carries a
 * catalogued code with its own status.
 */
const REQUESTS = 1500;

let svc: TestService;
let planId = '';
let datasetId = '';
beforeAll(async () => {
  // Shedding load (under-pressure) and rate limits are tested elsewhere; here every request reaches its route.
  svc = await startTestService(fakePlanner().planner, { rateLimitPerMinute: 1e9, authFailuresPerMinute: 1e9, uploadLimitBytes: 1024 * 1024 });
  ({ planId, datasetId } = await seedPlan(svc, tinyUpload()));
});
afterAll(async () => {
  await svc?.stop();
});

/** mulberry32: a small seeded PRNG, so that a failure replays. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test(`${REQUESTS} fuzzed requests over every route: no 5xx, every 4xx coded`, async () => {
  const random = prng(20261128);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const doc = (await (await fetch(`${svc.url}/docs/json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
  expect(routes.length).toBeGreaterThan(15);

  const junk = ['', ' ', 'x', '..', '%2e%2e', '%zz', 'a'.repeat(150), '测试', '<script>', "'; DROP TABLE plans;--", '\u0000', '1e309', '-1', '__proto__', 'constructor'];
  const params: Record<string, string[]> = {
    id: [planId, datasetId, 'pl_nope', 'zhang', 'wang', ...junk],
    line: ['L01', 'L02', 'L99', ...junk],
    date: ['2026-03-10', '2026-03-14', '2026-02-30', '2026-13-45', ...junk],
  };
  const valid: Record<string, () => unknown> = {
    'POST /v1/datasets': () => tinyUpload(),
    'POST /v1/plans': () => ({ dataset: datasetId, start: '2026-03-16', weeks: 1 }),
    'POST /v1/plans/{id}/replan': () => ({ line: 'L01', blocked: ['2026-03-11'] }),
    'POST /v1/visits': () => ({ plan: planId, retailer: 'R11', date: '2026-03-12', mode: 'in_person', outcome: 'unplanned', startedAt: '2026-03-12T10:00:00+08:00' }),
    'POST /v1/keys': () => ({ role: 'manager', line: 'L01' }),
  };
  const hostileValues: unknown[] = [null, true, 0, -1, 1e308, -0, 'x'.repeat(20_000), '', [], {}, [[[[[]]]]], { __proto__: { admin: true } }, { constructor: { prototype: { x: 1 } } }, '\ud800', '2026-03-10', 'L01'];
  const deep = (n: number): unknown => (n === 0 ? 1 : { a: deep(n - 1) });
  const mutate = (body: unknown): unknown => {
    const r = random();
    if (r < 0.15 || typeof body !== 'object' || body === null) return pick(hostileValues);
    if (r < 0.2) return deep(200);
    const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
    const keys = Object.keys(copy);
    if (r < 0.45 && keys.length > 0) copy[pick(keys)] = pick(hostileValues);
    else if (r < 0.6 && keys.length > 0) delete copy[pick(keys)];
    else if (r < 0.7) copy[pick(['extra', '__proto__', 'constructor', '测试'])] = pick(hostileValues);
    else if (r < 0.8 && keys.length > 0) copy[pick(keys)] = mutate(copy[pick(keys)]);
    return copy;
  };
  const auth = () => {
    const r = random();
    if (r < 0.55) return `Bearer ${svc.keys.planner}`;
    if (r < 0.75) return `Bearer ${pick([svc.keys.l01, svc.keys.l02, svc.keys.otherPlanner, svc.keys.otherL01])}`;
    return pick(['', 'Bearer', 'Bearer .', 'Bearer x.y', `Basic ${svc.keys.planner}`, `Bearer ${svc.keys.planner}x`, `bearer  ${svc.keys.planner}`, 'Bearer ' + 'a'.repeat(5000)]);
  };
  const query = () => pick(['', '?line=L01', '?line=L99', `?plan=${planId}&line=L01`, `?plan=${planId}&line=L01&limit=0`, `?plan=${planId}&line=L01&after=x`, '?language=fr', '?x=%zz', `?plan=${planId}&line=L01&date=2026-02-30`, '?line=' + 'a'.repeat(3000)]);

  const failures: string[] = [];
  const hit = new Set<string>();
  const catalogue = ERROR_CATALOGUE as Record<string, { status: number }>;
  for (let i = 0; i < REQUESTS; i++) {
    const route = pick(routes);
    hit.add(`${route.method} ${route.path}`);
    const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pick(params[name] ?? junk)).replace(/%25/g, random() < 0.3 ? '%' : '%25')) + (random() < 0.3 ? query() : '');
    const headers: Record<string, string> = {};
    const authorization = auth();
    if (authorization) headers.authorization = authorization;
    let body: string | undefined;
    if (route.method === 'POST' || route.method === 'DELETE') {
      const template = valid[`${route.method} ${route.path}`] as (() => unknown) | undefined;
      const r = random();
      if (r < 0.1) {
        body = pick(['{', '{"a":', 'null', '[]', '"x"', 'NaN', '{"a":1}{"b":2}', '\u0000', '']);
        headers['content-type'] = 'application/json';
      } else if (r < 0.15) {
        body = 'hello';
        headers['content-type'] = pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1']);
      } else if (r > 0.97) {
        body = undefined;
      } else {
        body = JSON.stringify(template && random() < 0.4 ? template() : mutate(template ? template() : {}));
        headers['content-type'] = 'application/json';
      }
    }
    let res: Response;
    try {
      res = await fetch(`${svc.url}${path}`, { method: route.method, headers, ...(body === undefined ? {} : { body }) });
    } catch (e) {
      failures.push(`${route.method} ${path}: no answer (${(e as Error).message})`);
      continue;
    }
    const text = await res.text();
    if (res.status >= 500) failures.push(`${route.method} ${path}: ${res.status} ${text.slice(0, 200)} after ${JSON.stringify(headers)} ${body?.slice(0, 300)}`);
    else if (res.status >= 400) {
      let parsed: { statusCode?: number; code?: string } | undefined;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      const code = parsed?.code;
      if (!code || !(code in catalogue) || catalogue[code].status !== res.status || parsed?.statusCode !== res.status) {
        failures.push(`${route.method} ${path}: ${res.status} uncoded ${text.slice(0, 200)}`);
      }
    }
  }
  expect(failures.slice(0, 10)).toEqual([]);
  expect(hit.size).toBe(routes.length);
});
