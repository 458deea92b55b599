import { expect, test } from 'vitest';
import { fakePlanner } from './support/fakePlanner.ts';
import { startTestService } from './support/harness.ts';

test('a lagging event loop sheds /v1 requests with 503 and Retry-After; /health stays up; then it recovers', async () => {
  const svc = await startTestService(fakePlanner().planner, { maxEventLoopDelayMs: 50 });
  try {
    // The service runs in this process: block its event loop for a while.
    const until = Date.now() + 1500;
    while (Date.now() < until);
    let shed: Response | undefined;
    for (let i = 0; i < 60 && !shed; i++) {
      const res = await svc.call('GET', '/v1/plans');
      if (res.status === 503) shed = res;
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(shed?.headers.get('retry-after')).toBe('5');
    expect(await shed!.json()).toEqual({ statusCode: 503, code: 'VP_UNAVAILABLE', message: 'the service is overloaded; retry shortly' });
    expect((await fetch(`${svc.url}/health`)).status).toBe(200);
    let status = 503;
    for (let i = 0; i < 60 && status === 503; i++) {
      status = (await svc.call('GET', '/v1/plans')).status;
      if (status === 503) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
  } finally {
    await svc.stop();
  }
});
