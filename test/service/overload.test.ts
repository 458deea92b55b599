import { expect, test } from 'vitest';
import { fakePlanner } from './support/fakePlanner.ts';
import { startTestService } from './support/harness.ts';
import { poll } from '../support/poll.ts';

test('a lagging event loop sheds /v1 requests with 503 and Retry-After; /health stays up; then it recovers', async () => {
  const svc = await startTestService(fakePlanner().planner, { maxEventLoopDelayMs: 50 });
  try {
    // The service runs in this process: keep its event loop lagging for 2.5 s in 100 ms blocks.
    // under-pressure reads the mean delay once a second; one long block is a single sample among
    // a hundred, and whether it counts depended on which timer fired first (1 run in 6 failed).
    const until = Date.now() + 2500;
    while (Date.now() < until) {
      const block = Date.now() + 100;
      while (Date.now() < block);
      await new Promise((r) => setImmediate(r));
    }
    const shed = await poll(() => svc.call('GET', '/v1/plans'), (res) => res.status === 503, 'a request shed with 503', { timeoutMs: 3000, everyMs: 50 });
    expect(shed.headers.get('retry-after')).toBe('5');
    expect(await shed.json()).toEqual({ statusCode: 503, code: 'VP_UNAVAILABLE', message: 'the service is overloaded; retry shortly' });
    expect((await fetch(`${svc.url}/health`)).status).toBe(200);
    await poll(async () => (await svc.call('GET', '/v1/plans')).status, (status) => status === 200, 'the service to recover', { timeoutMs: 6000, everyMs: 100 });
  } finally {
    await svc.stop();
  }
});
