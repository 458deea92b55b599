import { request } from 'node:http';
import { expect, test } from 'vitest';
import { tinyUpload } from './support/dataset.ts';
import { fakePlanner } from './support/fakePlanner.ts';
import { ENV_TOKENS, startTestService } from './support/harness.ts';

test('graceful shutdown finishes the request in flight, then closes', async () => {
  const svc = await startTestService(fakePlanner().planner);
  try {
    const body = Buffer.from(JSON.stringify(tinyUpload()));
    const url = new URL(svc.url);
    let closed = false;
    const answer = new Promise<{ status: number; body: any }>((resolve, reject) => {
      const headers = { authorization: `Bearer ${ENV_TOKENS.planner}`, 'content-type': 'application/json', 'content-length': body.length };
      const req = request({ host: url.hostname, port: url.port, method: 'POST', path: '/v1/datasets', headers }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      });
      req.on('error', reject);
      // Half the body now; the shutdown starts; the rest after it.
      req.write(body.subarray(0, 100));
      setTimeout(() => {
        void svc.close().then(() => (closed = true));
        setTimeout(() => {
          expect(closed).toBe(false);
          req.end(body.subarray(100));
        }, 100);
      }, 50);
    });
    const res = await answer;
    expect(res.status).toBe(201);
    expect(res.body.retailers).toBe(23);
    // Then the close completes (worker threads end, the store closes): bounded, not timed.
    for (let i = 0; i < 400 && !closed; i++) await new Promise((r) => setTimeout(r, 25));
    expect(closed).toBe(true);
    await expect(fetch(`${svc.url}/health`)).rejects.toThrow();
  } finally {
    await svc.stop(); // close() is idempotent; stop() also removes the data dir
  }
});
