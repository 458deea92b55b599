/**
 * A road engine's failure in the service: the job fails with TRAVEL_FAILED and the travel
 * error's own words (the URL and the shop), whether the planner met it or the day routes did;
 * no day of such a plan is stored.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { TravelError } from '../../src/travel/travelError.ts';
import type { TravelSource } from '../../src/travel/travelSource.ts';
import { tinyUpload } from './support/dataset.ts';
import { fakePlan } from './support/fakePlanner.ts';
import { startTestService, waitForJob, type TestService } from './support/harness.ts';

let svc: TestService | undefined;
afterEach(async () => {
  await svc?.stop();
  svc = undefined;
});

async function planOn(s: TestService): Promise<string> {
  const ds = ((await (await s.call('POST', '/v1/datasets', { body: tinyUpload() })).json()) as { id: string }).id;
  return ((await (await s.call('POST', '/v1/plans', { body: { dataset: ds, start: '2026-03-09', weeks: 1 } })).json()) as { id: string }).id;
}

describe('a road engine that fails', () => {
  test('in the planner: TRAVEL_FAILED with the message naming the URL and the shop', async () => {
    const message = 'OSRM at http://127.0.0.1:5000 refused the connection (is osrm-routed running?) for the table of 11 points (the base of line L01, shop R01, shop R02, …) (3 tries)';
    svc = await startTestService(async () => {
      throw new TravelError(message);
    });
    const id = await planOn(svc);
    expect(await waitForJob(svc, id)).toMatchObject({ status: 'failed', error: { code: 'TRAVEL_FAILED', message } });
  });

  test('on the day routes: the plan is not stored, not even in part', async () => {
    let asked = 0;
    const roads: TravelSource = {
      name: 'osrm',
      matrix: () => Promise.reject(new Error('not asked')),
      route: async (points) => {
        asked++;
        if (asked > 3) throw new TravelError(`OSRM at http://127.0.0.1:5000 found no road from ${points[1].id === undefined ? '?' : `shop ${points[1].id}`} to the base of line L01 (NoRoute)`);
        return { roads: true, legs: points.slice(1).map((p, k) => ({ metres: 1000, seconds: 60, ascentM: 0, path: [[points[k].lon, points[k].lat], [p.lon, p.lat]], steps: [] })) };
      },
    };
    svc = await startTestService(async (r) => fakePlan(r), {}, undefined, roads);
    const id = await planOn(svc);
    const job = await waitForJob(svc, id);
    expect(job).toMatchObject({ status: 'failed', error: { code: 'TRAVEL_FAILED', message: expect.stringMatching(/^OSRM at http:\/\/127\.0\.0\.1:5000 found no road from shop R\d+ to the base of line L01 \(NoRoute\)$/) } });
    expect(asked).toBeGreaterThan(3);
    const day = await svc.call('GET', `/v1/plans/${id}/lines/L01/days/2026-03-10`);
    expect(day.status).toBe(409);
  });
});
