import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import type { ServiceConfig } from '../../src/service/config.ts';
import { fakePlanner } from './support/fakePlanner.ts';
import { seedPlan, startTestService, type TestService } from './support/harness.ts';
import { tinyUpload } from './support/dataset.ts';
import { poll } from '../support/poll.ts';

let svc: TestService | undefined;
afterEach(async () => {
  await svc?.stop();
  svc = undefined;
});
const start = async (over: Partial<ServiceConfig>) => (svc = await startTestService(fakePlanner().planner, over));
const json = async (res: Response) => ({ status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { code: string; message: string } });

/** A raw TCP connection to the service; resolves `closed` when the server ends it. */
function raw(url: string): { socket: Socket; opened: Promise<void>; closed: Promise<string>; received: () => string } {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let received = '';
  socket.on('data', (d) => (received += d));
  return {
    socket,
    opened: new Promise((r) => socket.once('connect', () => r())),
    closed: new Promise((r) => socket.once('close', () => r(received))),
    received: () => received,
  };
}

describe('keys are throttled, failed ones far more', () => {
  test('after AUTH_FAILURES_PER_MINUTE failed keys an address gets 429 with Retry-After, even with a valid key', async () => {
    const s = await start({ authFailuresPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await s.call('GET', '/v1/plans', { key: 'plan.wrong-secret' })).status).toBe(401);
    const locked = await json(await s.call('GET', '/v1/plans', { key: 'plan.wrong-secret' }));
    expect(locked).toMatchObject({ status: 429, body: { code: 'VP_RATE_LIMITED' } });
    expect(locked.body.message).toMatch(/^too many failed keys from this address; retry in \d+ s$/);
    expect(Number(locked.retryAfter)).toBeGreaterThan(0);
    expect((await s.call('GET', '/v1/plans')).status).toBe(429);
    expect((await fetch(`${s.url}/health`)).status).toBe(200);
  });

  test('a key gets RATE_LIMIT_PER_MINUTE requests a minute; other keys are counted apart', async () => {
    const s = await start({ rateLimitPerMinute: 5 });
    for (let i = 0; i < 5; i++) expect((await s.call('GET', '/v1/plans')).status).toBe(200);
    const over = await json(await s.call('GET', '/v1/plans'));
    expect(over).toMatchObject({ status: 429, body: { statusCode: 429, code: 'VP_RATE_LIMITED', message: 'too many requests; retry in 1 minute' } });
    expect(Number(over.retryAfter)).toBeGreaterThan(0);
    expect((await s.call('GET', '/v1/plans', { key: s.keys.planner2 })).status).toBe(200);
  });
});

describe('event streams', () => {
  test('at most MAX_STREAMS_PER_KEY per key and MAX_STREAMS in all; each ends with a shutdown event when the service stops', async () => {
    const fake = fakePlanner();
    const s = (svc = await startTestService(fake.planner, { maxStreamsPerKey: 1, maxStreams: 2 }));
    const { datasetId } = await seedPlan(s, tinyUpload());
    fake.hold({ honourAbort: true });
    const job = ((await (await s.call('POST', '/v1/plans', { body: { dataset: datasetId, start: '2026-03-16', weeks: 1 } })).json()) as { id: string }).id;
    const path = `/v1/plans/${job}/events`;
    const first = await s.call('GET', path);
    expect(first.status).toBe(200);
    expect(await json(await s.call('GET', path))).toMatchObject({ status: 429, retryAfter: '5', body: { message: 'this key has 1 event streams open already; close one first' } });
    const second = await s.call('GET', path, { key: s.keys.planner2 });
    expect(second.status).toBe(200);
    expect(await json(await s.call('GET', path, { key: s.keys.l01 }))).toMatchObject({ status: 429, body: { message: 'too many event streams are open; retry shortly' } });

    // The job still runs: the streams end because the service stops.
    const texts = Promise.all([first.text(), second.text()]);
    await s.close();
    for (const text of await texts) expect(text.trimEnd().split('\n\n').at(-1)).toBe('event: shutdown\ndata: {"message":"the service is shutting down; reconnect shortly"}');
  });
});

describe('connections', () => {
  test('a body that stops arriving ends its connection after IDLE_TIMEOUT_MS; headers likewise', async () => {
    const s = await start({ idleTimeoutMs: 300 });
    const body = raw(s.url);
    await body.opened;
    body.socket.write(`POST /v1/visits HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${s.keys.planner}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"plan":`);
    expect(await body.closed).toBe('');
    const headers = raw(s.url);
    await headers.opened;
    headers.socket.write('GET /v1/plans HTTP/1.1\r\nHost: x\r\n');
    const timedOut = await headers.closed;
    expect(timedOut).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(timedOut.slice(timedOut.indexOf('\r\n\r\n') + 4))).toEqual({ statusCode: 408, code: 'VP_REQUEST_TIMEOUT', message: 'the request did not arrive in time' });
  });

  test('connections past MAX_CONNECTIONS are closed at once', async () => {
    const s = await start({ maxConnections: 2 });
    const open = [raw(s.url), raw(s.url)];
    await Promise.all(open.map((c) => c.opened));
    // A request on each proves both are served and held open (keep-alive).
    for (const c of open) c.socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    await poll(() => open.map((c) => c.received()), (got) => got.every((g) => g.startsWith('HTTP/1.1 200')), 'both connections answered');
    const third = raw(s.url);
    await third.opened;
    third.socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await third.closed).toBe('');
    for (const c of open) c.socket.destroy();
  });
});

describe('an answer given before the body arrived ends the connection', () => {
  test('a refused key with a body still on its way: the 401 comes and the socket closes, not waiting for the body', async () => {
    const s = await start({});
    const c = raw(s.url);
    await c.opened;
    c.socket.write('POST /v1/visits HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer plan.wrong\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"plan":');
    const got = await c.closed;
    expect(got).toMatch(/^HTTP\/1\.1 401 /);
    expect(got).toMatch(/\r\nconnection: close\r\n/i);
  });
});
