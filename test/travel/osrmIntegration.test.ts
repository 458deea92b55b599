/**
 * A real osrm-routed (../shared/tools/osrm, OSRM 6.0.0) on a small extract of the demo road
 * network, the box of 新县's town line L041: the line planned on it, the phone's days with road
 * directions in Chinese, and a plan on a server that is down. Skipped, saying so, where the
 * OSRM programs are not there.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadDataset } from '../../src/io/loadDataset.ts';
import type { Dataset } from '../../src/io/dataset.ts';
import { createCityPlanner, lineTasks, mergePlan } from '../../src/planner/planCity.ts';
import { planLine } from '../../src/planner/planLine.ts';
import { dayRows } from '../../src/service/plans/dayView.ts';
import { ManagerDaySchema } from '../../src/service/plans/daySchema.ts';
import { osrmTools, serveOsm, type LocalOsrm } from '../../src/travel/osrm/localOsrm.ts';
import { osrmOptions } from '../../src/travel/osrm/osrmOptions.ts';
import { travelSource } from '../../src/travel/travelSpec.ts';
import { TravelError } from '../../src/travel/travelError.ts';
import type { TravelSource } from '../../src/travel/travelSource.ts';
import { testServer } from '../support/osrmReplay.ts';
import { demoTerrain } from '../support/smallCity.ts';
import { scenarioOsm, TOWN_LINE } from './osrmScenario.ts';

const tools = osrmTools();
if (!tools) console.warn('OSRM integration test skipped: no OSRM programs in ../shared/tools/osrm (set OSRM_TOOLS to their folder)');

describe.skipIf(!tools)(`a real osrm-routed on the demo network (${tools ? 'OSRM 6.0.0' : 'skipped: no OSRM programs'})`, () => {
  let dir: string;
  let osrm: LocalOsrm;
  let dataset: Dataset;
  let source: TravelSource;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'osrm-it-'));
    writeFileSync(join(dir, 'roads.osm'), scenarioOsm(false));
    osrm = await serveOsm(tools!, join(dir, 'roads.osm'));
    dataset = await loadDataset(new URL('../../data/demo', import.meta.url).pathname);
    source = travelSource({ kind: 'osrm', osrm: osrmOptions(osrm.url, { maxSnapM: 300 }) }, demoTerrain(), dataset.policy);
  });
  afterAll(async () => {
    await osrm?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a four-week plan of the town line on roads (every shop within 300 m of one, every rule of the day kept) and its days with road directions in Chinese', async () => {
    const request = { dataset, start: '2026-12-07', weeks: 4, seed: 1, lines: [TOWN_LINE] };
    // 300 iterations: the plan carries the work standard's duties too (December's analyses, the quarter's re-evaluations).
    const [task] = lineTasks(request, { iterationsPerLine: 300 }, 1);
    const plan = mergePlan(request, [await planLine(task, source)]);
    const line = plan.lines[0];
    expect(line.error).toBeUndefined();
    const f = line.figures;
    expect({ empty: f.emptyWorkdays, early: f.earlyLeaveDays, late: f.firstShopLateDays, back: f.backLateDays, short: f.shortMarketDays, long: f.longDays, wait: f.longWaitDays, band: f.unbalancedDays, notPlaced: f.notPlaced }).toEqual({
      empty: 0,
      early: 0,
      late: 0,
      back: 0,
      short: 0,
      long: 0,
      wait: 0,
      band: 0,
      notPlaced: 0,
    });
    expect(f.km).toBeGreaterThan(0);
    expect(f.ascentM).toBeGreaterThan(0);
    expect(line.duties?.reevaluation.every((q) => q.onCourse)).toBe(true);
    expect(line.duties?.analysis.find((m) => m.month === '2026-12')?.missing).toBe(0);

    // The phone's days: road paths and Chinese turn-by-turn on every leg.
    const rows = await dayRows('p1', plan, dataset, source);
    const day = ManagerDaySchema.parse(JSON.parse(rows.find((r) => JSON.parse(r.body).stops.length > 2)!.body));
    expect(day.directions).toEqual({ source: 'osrm', roads: true });
    expect(day.stops.some((s) => s.leg.geometry!.length > 2)).toBe(true);
    for (const stop of day.stops) {
      expect(stop.leg.geometry!.length).toBeGreaterThanOrEqual(2);
      expect(stop.leg.instructions[0].text).toMatch(/^出发向/);
      expect(stop.leg.instructions.at(-1)!.text).toMatch(new RegExp(`^您已到达${stop.name}`));
      expect(stop.navigation.amap.app).toMatch(/^amapuri:\/\/route\/plan\/\?dlat=31\.\d{6}&dlon=114\.\d{6}&dname=/);
    }
    expect(day.returnLeg.instructions.at(-1)!.text).toMatch(/^您已到达基地/);
    expect(day.returnLeg.minutes).toBeGreaterThan(0);
  });

  test('a plan on an OSRM that is down fails whole, naming the URL and the line', async () => {
    // A port nothing listens on: a server opened and closed.
    const closed = await testServer(() => {});
    await closed.close();
    const down = osrmOptions(closed.url, { retries: 1, backoffMs: 10 });
    const planner = createCityPlanner({ terrain: demoTerrain(), travel: { kind: 'osrm', osrm: down }, threads: 1, iterationsPerLine: 10 });
    try {
      const plan = planner.plan({ dataset, start: '2026-12-07', weeks: 1, seed: 1, lines: [TOWN_LINE, 'L042'] });
      await expect(plan).rejects.toThrow(TravelError);
      await expect(plan).rejects.toThrow(/^OSRM at http:\/\/127\.0\.0\.1:\d+ refused the connection \(is osrm-routed running\?\) for the table of \d+ points \(the base of line L04[12], shop R\d{5}, shop R\d{5}, …\) \(2 tries\)$/);
    } finally {
      await planner.close();
    }
  });
});
