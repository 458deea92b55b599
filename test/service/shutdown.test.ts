import { request, type ClientRequest } from 'node:http';
import { describe, expect, test } from 'vitest';
import { tinyUpload } from './support/dataset.ts';
import { fakePlanner } from './support/fakePlanner.ts';
import { STORES, ENV_TOKENS, startTestService } from './support/harness.ts';
import { delay, poll } from '../support/poll.ts';

describe.each(STORES)('on %s', (store) => {
  test('graceful shutdown finishes the request in flight, then closes', async () => {
    const svc = await startTestService(fakePlanner().planner, { store });
    try {
      const body = Buffer.from(JSON.stringify(tinyUpload()));
      const url = new URL(svc.url);
      let closed = false;
      const started = Promise.withResolvers<ClientRequest>();
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
        started.resolve(req);
      });
      // The shutdown starts once the server holds the request (its headers parsed): an idle
      // connection would be closed at once, which is not what this test is about.
      const arrived = new Promise<void>((r) => svc.app.server.once('request', () => r()));
      const req = await started.promise;
      await arrived;
      void svc.close().then(() => (closed = true));
      // The request in flight holds the close open (a while, to show that it waits).
      await delay(100);
      expect(closed).toBe(false);
      req.end(body.subarray(100));
      const res = await answer;
      expect(res.status).toBe(201);
      expect(res.body.retailers).toBe(23);
      // Then the close completes (worker threads end, the store closes).
      await poll(() => closed, (c) => c, 'the close to complete');
      await expect(fetch(`${svc.url}/health`)).rejects.toThrow();
    } finally {
      await svc.stop(); // close() is idempotent; stop() also removes the data dir
    }
  });
});
