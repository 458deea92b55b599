/**
 * The OSRM client against answers recorded from a real osrm-routed (test/fixtures/osrm/,
 * recorded by `node test/fixtures/osrm/record.ts`), replayed on loopback; and its error
 * paths against servers that time out, fail with 5xx, are down, or answer nonsense.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { ascentAlong } from '../../src/travel/ascent.ts';
import { legInstructions } from '../../src/travel/instructions.ts';
import { OsrmSource } from '../../src/travel/osrm/osrmSource.ts';
import { osrmOptions, type OsrmOptions } from '../../src/travel/osrm/osrmOptions.ts';
import { TerrainModel, terrainModelParams } from '../../src/travel/terrainModel.ts';
import type { DayRoute, TravelMatrix } from '../../src/travel/travelSource.ts';
import { demoPolicy, demoTerrain } from '../support/smallCity.ts';
import { replayServer, testServer, type Exchange, type TestServer } from '../support/osrmReplay.ts';
import { CALLS, DAY, POINTS } from './osrmScenario.ts';

const fixtureUrl = new URL('../fixtures/osrm/demo-L042.json', import.meta.url);
const exchanges: Exchange[] = JSON.parse(readFileSync(fixtureUrl, 'utf8')).exchanges;
const grid = demoTerrain();
const model = new TerrainModel(grid, terrainModelParams(demoPolicy()));
const source = (url: string, over: Partial<Omit<OsrmOptions, 'url'>> = {}) => new OsrmSource(osrmOptions(url, { retries: 0, ...over }), grid, model);

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
async function replay<T = TravelMatrix>(name: keyof typeof CALLS): Promise<T> {
  server = await replayServer(exchanges);
  return (await CALLS[name].run(source(server.url, { maxTableSize: CALLS[name].tableSize }))) as T;
}
const recorded = (pred: (path: string) => boolean) => exchanges.filter((e) => pred(e.path));

describe('OSRM client on recorded answers', () => {
  test('a table: road metres and seconds as OSRM gave them, climbing from the terrain grid', async () => {
    const m = await replay('table8');
    const body = recorded((p) => p.startsWith('/table/') && !p.includes('sources=') && p.split(';').length === 8)[0].body as { distances: number[][]; durations: number[][] };
    expect(m.size).toBe(8);
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 8; j++) {
        expect(m.metres[i * 8 + j]).toBe(Math.max(0, body.distances[i][j]));
        expect(m.seconds[i * 8 + j]).toBe(body.durations[i][j]);
      }
    }
    expect(m.ascentM).toEqual(model.matrixSync(POINTS.slice(0, 8)).ascentM);
    // Mountain roads: the road is longer than the straight line.
    expect(m.metres[1]).toBeGreaterThan(5_000);
  });

  test('a table larger than the server allows comes in row chunks that fit, put together in order', async () => {
    const m = await replay('tableChunked');
    const asked = server!.requests.filter((p) => p.startsWith('/table/'));
    // 15 points, sources × destinations ≤ 10²: 6 rows a request.
    expect(asked.map((p) => /sources=([\d;]+)/.exec(p)?.[1])).toEqual(['0;1;2;3;4;5', '6;7;8;9;10;11', '12;13;14']);
    const rows = asked.flatMap((p) => (exchanges.find((e) => e.path === p)!.body as { distances: number[][] }).distances);
    expect(rows).toHaveLength(15);
    rows.forEach((row, i) => row.forEach((d, j) => expect(m.metres[i * 15 + j]).toBe(Math.max(0, d))));
  });

  test('a table the server finds too big is an error that says what to change', async () => {
    await expect(replay('tableTooBig')).rejects.toThrow(
      /^OSRM at http:\/\/127\.0\.0\.1:\d+ refused the request as too big \(TooBig: Too many table coordinates\) for the table of 15 points \(the base of line L042, shop R10413, shop R10414, …\): start osrm-routed with --max-table-size 20 or set the client's table size to the server's$/,
    );
  });

  test('a day route: one leg per pair, road geometry from the first point to the last, steps, climbing on the grid', async () => {
    const route = await replay<DayRoute>('route');
    const body = recorded((p) => p.startsWith('/route/') && p.split(';').length === DAY.length)[0].body as { routes: { legs: { distance: number; duration: number; steps: unknown[] }[] }[] };
    expect(route.roads).toBe(true);
    expect(route.legs).toHaveLength(DAY.length - 1);
    route.legs.forEach((leg, k) => {
      const want = body.routes[0].legs[k];
      expect(leg.metres).toBe(want.distance);
      expect(leg.seconds).toBe(want.duration);
      expect(leg.steps).toHaveLength(want.steps.length);
      expect(leg.path.length).toBeGreaterThan(2);
      expect(leg.ascentM).toBe(ascentAlong(grid, leg.path, 250));
    });
    // The legs join: each starts where the previous ended.
    for (let k = 1; k < route.legs.length; k++) expect(route.legs[k].path[0]).toEqual(route.legs[k - 1].path.at(-1));
    // Base to the hills and back: it climbs as much as it descends, give or take the snapping.
    const up = route.legs.reduce((s, l) => s + l.ascentM, 0);
    expect(up).toBeGreaterThan(500);
  });

  test('turn-by-turn in Chinese from the recorded steps (golden; REGEN=1 rewrites it)', async () => {
    const route = await replay<DayRoute>('route');
    const text = route.legs.map((leg, k) => legInstructions(leg.steps ?? [], `第${k + 1}站`));
    const golden = new URL('../fixtures/osrm/instructions.zh-Hans.json', import.meta.url);
    if (process.env.REGEN) writeFileSync(golden, `${JSON.stringify(text, null, 1)}\n`);
    expect(text).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
    expect(text[0][0].text).toMatch(/^出发向/);
    expect(text[0].at(-1)!.text).toMatch(/^您已到达第1站/);
  });

  test('NoRoute names the leg: the two shops with no road between them', async () => {
    await expect(replay('routeToIsland')).rejects.toThrow(/^OSRM at http:\/\/127\.0\.0\.1:\d+ found no road from shop R10414 to shop R99901 \(NoRoute\)$/);
  });

  test('a table with no road to a shop names the pair', async () => {
    await expect(replay('tableWithIsland')).rejects.toThrow(/^OSRM at http:\/\/127\.0\.0\.1:\d+ found no road from the base of line L042 to shop R99901$/);
  });

  test('a shop off every road is refused, naming it and how far it is', async () => {
    await expect(replay('tableOffRoad')).rejects.toThrow(/^OSRM at http:\/\/127\.0\.0\.1:\d+: shop R99902 is 1373 m from the nearest road \(more than 500 m\)$/);
  });
});

describe('OSRM client error paths', () => {
  const two = POINTS.slice(0, 2);

  test('a server that does not answer in time: retried with backoff, then an error naming the URL and the table', async () => {
    server = await testServer(() => {
      /* never answers */
    });
    const url = server.url;
    await expect(source(url, { timeoutMs: 100, retries: 2, backoffMs: 10 }).matrix(two)).rejects.toThrow(
      `OSRM at ${url} did not answer within 100 ms for the table of 2 points (the base of line L042, shop R10413) (3 tries)`,
    );
    expect(server.requests).toHaveLength(3);
  });

  test('5xx answers are retried; a server that recovers gives its answer', async () => {
    const table = exchanges.find((e) => e.path.startsWith('/table/') && e.path.split(';').length === 8)!;
    server = await testServer((req, res, n) => {
      res.writeHead(n < 3 ? 503 : table.status, { 'content-type': 'application/json' });
      res.end(n < 3 ? '{"message":"busy"}' : JSON.stringify(table.body));
    });
    const m = await source(server.url, { retries: 2, backoffMs: 1 }).matrix(POINTS.slice(0, 8));
    expect(m.size).toBe(8);
    expect(server.requests).toHaveLength(3);
  });

  test('5xx after every try is an error with the status', async () => {
    server = await testServer((req, res) => {
      res.writeHead(500);
      res.end('Internal Server Error');
    });
    const url = server.url;
    await expect(source(url, { retries: 1, backoffMs: 1 }).route(two)).rejects.toThrow(`OSRM at ${url} answered HTTP 500 for the route the base of line L042 → shop R10413 (2 tries)`);
  });

  test('a server that is down: connection refused, said so', async () => {
    server = await testServer(() => {});
    const url = server.url;
    await server.close();
    server = undefined;
    await expect(source(url, { retries: 1, backoffMs: 1 }).matrix(two)).rejects.toThrow(`OSRM at ${url} refused the connection (is osrm-routed running?) for the table of 2 points (the base of line L042, shop R10413) (2 tries)`);
  });

  test('an Ok answer without the table is a bad answer, named', async () => {
    server = await testServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"code":"Ok","sources":[],"destinations":[]}');
    });
    await expect(source(server.url).matrix(two)).rejects.toThrow(/^OSRM at http:\/\/127\.0\.0\.1:\d+ gave an answer without the expected durations \(.+\) for the table of 2 points/);
  });

  test('a table of the wrong size is a bad answer, not a half-filled matrix', async () => {
    server = await testServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'Ok', durations: [[0, 1]], distances: [[0, 1]], sources: [], destinations: [] }));
    });
    await expect(source(server.url).matrix(two)).rejects.toThrow(/answered a table of another size than 2×2 for the table of 2 points/);
  });

  test('a URL that is not one is refused before any request', () => {
    expect(() => osrmOptions('localhost:5000')).toThrow('OSRM URL localhost:5000 must be http or https');
    expect(() => osrmOptions('not a url')).toThrow('OSRM URL "not a url" is not a URL (expected e.g. http://127.0.0.1:5000)');
  });
});
