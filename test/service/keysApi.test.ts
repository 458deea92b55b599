import { readdirSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { addKey } from '../../src/service/auth/keysFile.ts';
import { readKeysFile } from '../../src/service/auth/keys.ts';
import { openStore } from '../../src/service/store/index.ts';
import { startServer } from '../../src/service/server.ts';
import { fakePlanner } from './support/fakePlanner.ts';
import { seedPlan, startTestService, STORES, type TestService } from './support/harness.ts';
import { tinyUpload } from './support/dataset.ts';

let svc: TestService | undefined;
afterEach(async () => {
  await svc?.stop();
  svc = undefined;
});
const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });
const mode = (path: string) => statSync(path).mode & 0o777;

describe.each(STORES)('keys through the API, effective at once, on %s', (store) => {
  test('a planner issues a manager key that works at once for its line; revoked, it is refused at once, and after a restart', async () => {
    const s = (svc = await startTestService(fakePlanner().planner, { store }));
    const { planId } = await seedPlan(s, tinyUpload());
    const issued = await json(await s.call('POST', '/v1/keys', { body: { id: 'zhang', role: 'manager', line: 'L02' } }));
    expect(issued.status).toBe(201);
    expect(issued.body).toEqual({ id: 'zhang', role: 'manager', line: 'L02', city: 'default', source: 'api', token: expect.stringMatching(/^zhang\.[A-Za-z0-9_-]{43}$/) });
    const token = issued.body.token as string;
    const day = `/v1/plans/${planId}/lines/L02/days/2026-03-10`;
    expect((await s.call('GET', day, { key: token })).status).toBe(200);
    expect((await s.call('GET', `/v1/plans/${planId}/lines/L01/days/2026-03-10`, { key: token })).status).toBe(403);

    const listed = (await json(await s.call('GET', '/v1/keys'))).body.keys as { id: string; source: string }[];
    expect(listed.find((k) => k.id === 'zhang')).toEqual({ id: 'zhang', role: 'manager', line: 'L02', city: 'default', source: 'api' });
    expect(JSON.stringify(listed)).not.toMatch(/salt|hash|token/);
    expect(await json(await s.call('POST', '/v1/keys', { body: { id: 'zhang', role: 'manager', line: 'L01' } }))).toMatchObject({ status: 409, body: { code: 'VP_KEY_CONFLICT' } });

    expect(await json(await s.call('DELETE', '/v1/keys/zhang'))).toMatchObject({ status: 200, body: { id: 'zhang', revokedBy: 'plan' } });
    expect((await s.call('GET', day, { key: token })).status).toBe(401);
    // An API_KEYS key is revoked the same way, and a key cannot revoke itself.
    expect((await s.call('DELETE', '/v1/keys/li')).status).toBe(200);
    expect((await s.call('GET', '/v1/plans', { key: s.keys.l02 })).status).toBe(401);
    expect(await json(await s.call('DELETE', '/v1/keys/plan'))).toMatchObject({ status: 409, body: { message: 'a key cannot revoke itself; revoke it with another planner key' } });

    // A new key issued before a restart works after it; the revoked ones stay revoked, API_KEYS or not.
    const kept = ((await json(await s.call('POST', '/v1/keys', { body: { role: 'manager', line: 'L01' } }))).body.token) as string;
    await s.close();
    const again = await startServer({ config: s.config, planner: fakePlanner().planner });
    try {
      const call = (key: string) => fetch(`${again.url}/v1/plans/${planId}/lines/L01/days/2026-03-10`, { headers: { authorization: `Bearer ${key}` } });
      expect((await call(kept)).status).toBe(200);
      expect((await fetch(`${again.url}/v1/plans`, { headers: { authorization: `Bearer ${s.keys.l02}` } })).status).toBe(401);
      expect((await call(token)).status).toBe(401);
    } finally {
      await again.close();
    }
  });

  test('only planner keys issue keys; a city planner issues and sees keys of its city only', async () => {
    const s = (svc = await startTestService(fakePlanner().planner, { store }));
    expect((await s.call('POST', '/v1/keys', { key: s.keys.l01, body: { role: 'manager', line: 'L01' } })).status).toBe(403);
    expect(await json(await s.call('POST', '/v1/keys', { key: s.keys.otherPlanner, body: { role: 'manager', line: 'L01', city: 'default' } }))).toEqual({
      status: 403,
      body: { statusCode: 403, code: 'VP_FORBIDDEN', message: 'this key issues keys of city other only' },
    });
    const mine = await json(await s.call('POST', '/v1/keys', { key: s.keys.otherPlanner, body: { role: 'planner' } }));
    expect(mine.body).toMatchObject({ role: 'planner', city: 'other' });
    const seen = ((await json(await s.call('GET', '/v1/keys', { key: s.keys.otherPlanner }))).body.keys as { id: string }[]).map((k) => k.id).sort();
    expect(seen).toEqual(['kim', mine.body.id, 'xy'].sort());
    expect((await s.call('DELETE', '/v1/keys/wang', { key: s.keys.otherPlanner })).status).toBe(404);
  });
});

describe('files only their owner reads', () => {
  test('DATA_DIR is 0700; the database, its WAL and shared memory 0600, a store from before included', async () => {
    const s = (svc = await startTestService(fakePlanner().planner));
    await seedPlan(s, tinyUpload());
    expect(mode(s.dir)).toBe(0o700);
    for (const f of ['planner.db', 'planner.db-wal', 'planner.db-shm']) expect(mode(join(s.dir, f)), f).toBe(0o600);
    await s.close();
    chmodSync(s.dir, 0o755);
    chmodSync(join(s.dir, 'planner.db'), 0o644);
    await (await openStore(s.dir)).close();
    expect(mode(s.dir)).toBe(0o700);
    expect(mode(join(s.dir, 'planner.db'))).toBe(0o600);
  });

  test('the keys file is replaced whole (a new file renamed over it), 0600, nothing left beside it', async () => {
    const s = (svc = await startTestService(fakePlanner().planner));
    const path = join(s.dir, 'keys.json');
    writeFileSync(path, '{"keys":[]}\n', { mode: 0o644 });
    const before = statSync(path).ino;
    addKey(path, 'wu', 'manager', { line: 'L01' });
    expect(statSync(path).ino).not.toBe(before);
    expect(mode(path)).toBe(0o600);
    expect(readKeysFile(path).map((k) => k.id)).toEqual(['wu']);
    expect(readdirSync(s.dir).filter((f) => f.startsWith('keys.json'))).toEqual(['keys.json']);
  });
});
