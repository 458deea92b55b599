/**
 * The demo city's road network (roads.osm, not committed: `npm run demo:roads`): regenerated
 * byte for byte, every highway class, one connected network, every retailer within 300 m of
 * a road, checked here on the XML itself (not with the generator's own index).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, test } from 'vitest';
import { DEMO_SEED, generateDemo } from '../../src/demo/generate.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** SHA-256 of roads.osm at the demo seed. A deliberate change of the generator updates it (and says why in its commit). */
const ROADS_SHA256 = 'd5628e7d400ee2288becb67ce1ed356f371910d24ba8f68fc5abe16e7652e753';

interface Osm {
  nodes: Map<number, [number, number]>;
  ways: { nodes: number[]; tags: Record<string, string> }[];
}

function parseOsm(xml: string): Osm {
  const nodes = new Map<number, [number, number]>();
  for (const m of xml.matchAll(/<node id="(\d+)" version="1" lat="([-\d.]+)" lon="([-\d.]+)"\/>/g)) nodes.set(Number(m[1]), [Number(m[3]), Number(m[2])]);
  const ways: Osm['ways'] = [];
  for (const m of xml.matchAll(/<way id="\d+" version="1">([\s\S]*?)<\/way>/g)) {
    ways.push({
      nodes: [...m[1].matchAll(/<nd ref="(\d+)"\/>/g)].map((x) => Number(x[1])),
      tags: Object.fromEntries([...m[1].matchAll(/<tag k="([^"]+)" v="([^"]*)"\/>/g)].map((x) => [x[1], x[2]])),
    });
  }
  return { nodes, ways };
}

let xml: string;
let osm: Osm;
beforeAll(() => {
  xml = generateDemo({ geoDir: join(root, 'data/geo'), policyPath: join(root, 'data/demo/policy.json'), seed: DEMO_SEED }).files['roads.osm'];
  osm = parseOsm(xml);
});

describe('the demo road network', () => {
  test('regenerates byte for byte from the seed', () => {
    expect(createHash('sha256').update(xml).digest('hex')).toBe(ROADS_SHA256);
  });

  test('carries the six highway classes, every way named, every node referenced exists', () => {
    const classes = new Set(osm.ways.map((w) => w.tags.highway));
    expect([...classes].sort()).toEqual(['primary', 'residential', 'secondary', 'tertiary', 'trunk', 'unclassified']);
    expect(osm.ways.every((w) => w.tags.name && w.tags.name.length > 0)).toBe(true);
    expect(osm.ways.every((w) => w.nodes.length >= 2 && w.nodes.every((n) => osm.nodes.has(n)))).toBe(true);
  });

  test('is one connected network', () => {
    const next = new Map<number, number[]>();
    for (const w of osm.ways) {
      for (let k = 1; k < w.nodes.length; k++) {
        const [a, b] = [w.nodes[k - 1], w.nodes[k]];
        next.set(a, [...(next.get(a) ?? []), b]);
        next.set(b, [...(next.get(b) ?? []), a]);
      }
    }
    const start = next.keys().next().value!;
    const seen = new Set([start]);
    const todo = [start];
    while (todo.length > 0) for (const m of next.get(todo.pop()!) ?? []) if (!seen.has(m)) (seen.add(m), todo.push(m));
    expect(seen.size).toBe(next.size);
  });

  test('every retailer is within 300 m of a road', () => {
    const kmLon = 111.32 * Math.cos((32 * Math.PI) / 180);
    const kmLat = 110.95;
    // Segments bucketed by 0.01° cells; a shop looks in its cell and the eight around it (≥ 940 m).
    const buckets = new Map<string, [number, number, number, number][]>();
    for (const w of osm.ways) {
      for (let k = 1; k < w.nodes.length; k++) {
        const a = osm.nodes.get(w.nodes[k - 1])!;
        const b = osm.nodes.get(w.nodes[k])!;
        for (let x = Math.floor(Math.min(a[0], b[0]) * 100); x <= Math.floor(Math.max(a[0], b[0]) * 100); x++) {
          for (let y = Math.floor(Math.min(a[1], b[1]) * 100); y <= Math.floor(Math.max(a[1], b[1]) * 100); y++) {
            const key = `${x},${y}`;
            buckets.set(key, [...(buckets.get(key) ?? []), [a[0], a[1], b[0], b[1]]]);
          }
        }
      }
    }
    const shops: { id: string; lon: string; lat: string }[] = parse(readFileSync(join(root, 'data/demo/retailers.csv'), 'utf8'), { columns: true });
    const far: string[] = [];
    for (const s of shops) {
      const [px, py] = [Number(s.lon), Number(s.lat)];
      let best = Infinity;
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (const [ax, ay, bx, by] of buckets.get(`${Math.floor(px * 100) + dx},${Math.floor(py * 100) + dy}`) ?? []) {
            const [x0, y0, x1, y1] = [(ax - px) * kmLon, (ay - py) * kmLat, (bx - px) * kmLon, (by - py) * kmLat];
            const len2 = (x1 - x0) ** 2 + (y1 - y0) ** 2;
            const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, -(x0 * (x1 - x0) + y0 * (y1 - y0)) / len2));
            best = Math.min(best, Math.hypot(x0 + t * (x1 - x0), y0 + t * (y1 - y0)) * 1000);
          }
        }
      }
      if (best > 300) far.push(`${s.id} ${Math.round(best)} m`);
    }
    expect(far).toEqual([]);
  });
});
