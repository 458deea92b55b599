import { describe, expect, it } from 'vitest';
import { parsePlace, placeHash } from '../../src/web/app.ts';
import { calendarDay, calendarWeeks } from '../../src/web/calendar.ts';
import { gridCorners, hillshade, parseAsc } from '../../src/web/hillshade.ts';
import { nextMode, retailerFeatures, routeLegs, visitsByShop } from '../../src/web/mapData.ts';
import { SseParser } from '../../src/web/sse.ts';
import { slotOf, toBase64, uploadBody } from '../../src/web/upload.ts';
import { day, linePlan } from './fixtures.ts';

describe('calendar cells', () => {
  const rules = { marketMinutesMin: 300, maxDayMinutes: 570 };
  it('counts visits by mode and flags empty, short, long and late days; a blocked day is only blocked', () => {
    expect(calendarDay(day('2026-12-07', ['R1', 'R2'], ['R3:phone', 'R4:online', 'R5:phone']), rules)).toEqual({
      date: '2026-12-07', inPerson: 2, phone: 2, online: 1, marketHours: 6, dayHours: 8.5, flags: [],
    });
    expect(calendarDay(day('2026-12-07', [], [], { marketMinutes: 0 }), rules).flags).toEqual(['empty', 'short']);
    expect(calendarDay(day('2026-12-07', ['R1'], [], { leaveBase: '07:00', backAtBase: '16:31', lateMinutes: 3 }), rules).flags).toEqual(['long', 'late']);
    expect(calendarDay(day('2026-12-07', [], [], { blocked: true, marketMinutes: 0 }), rules).flags).toEqual(['blocked']);
  });

  it('groups days into weeks from Monday', () => {
    const weeks = calendarWeeks(linePlan(['2026-12-03', '2026-12-04', '2026-12-07', '2026-12-11', '2026-12-14'].map((d) => day(d))));
    expect(weeks.map((w) => w.map((d) => d.date))).toEqual([['2026-12-03', '2026-12-04'], ['2026-12-07', '2026-12-11'], ['2026-12-14']]);
  });
});

describe('server-sent events read through fetch', () => {
  it('splits events across chunks, joins data lines and skips comments', () => {
    const p = new SseParser();
    expect(p.push(': keep-alive\n\nid: 1\nevent: progress\nda')).toEqual([]);
    expect(p.push('ta: {"a":1}\n\nevent: succeeded\r\ndata: x\r\ndata: y\r\n\r\n')).toEqual([
      { event: 'progress', data: '{"a":1}' },
      { event: 'succeeded', data: 'x\ny' },
    ]);
  });
});

describe('uploads from the page', () => {
  it('places files by name and sends their bytes as they are', async () => {
    expect(['retailers.xlsx', '零售户.csv', 'lines.csv', '线路.CSV', 'policy.json', 'calendar.json', 'notes.txt'].map(slotOf)).toEqual(['retailers', 'retailers', 'lines', 'lines', 'policy', 'calendar', undefined]);
    const gbk = Uint8Array.from([0xc1, 0xe3, 0xca, 0xdb, 0x0a]);
    const file = (name: string, bytes: Uint8Array) => ({ name, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer });
    const body = await uploadBody([file('retailers.csv', gbk), file('lines.csv', new TextEncoder().encode('line\n'))]);
    expect(Buffer.from(body.retailers.base64, 'base64')).toEqual(Buffer.from(gbk));
    expect(Buffer.from(body.lines.base64, 'base64').toString()).toBe('line\n');
    await expect(uploadBody([file('notes.txt', gbk)])).rejects.toThrow('notes.txt: cannot tell whether this is the retailers, lines, policy or calendar file');
  });

  it('encodes large files in slices', () => {
    const big = new Uint8Array(200_000).map((_, i) => i % 251);
    expect(Buffer.from(toBase64(big), 'base64')).toEqual(Buffer.from(big));
  });
});

describe('the map', () => {
  it("makes a shop's feature id its index in the columns (the popup reads it back) and carries only what the map colours by", () => {
    const data = {
      lines: [],
      retailers: { id: ['R7', 'R9'], name: ['甲', '乙'], line: ['L1', 'L2'], class: ['modern1', 'ordinary'], lon: [114.1, 114.2], lat: [32.1, 32.2] },
    };
    expect(retailerFeatures(data, (id) => (id === 'R9' ? 'phone' : 'none')).features).toEqual([
      { type: 'Feature', id: 0, geometry: { type: 'Point', coordinates: [114.1, 32.1] }, properties: { class: 'modern1', mode: 'none' } },
      { type: 'Feature', id: 1, geometry: { type: 'Point', coordinates: [114.2, 32.2] }, properties: { class: 'ordinary', mode: 'phone' } },
    ]);
  });

  it('draws straight legs unless a leg has road geometry, and the drive home', () => {
    const legs = routeLegs({
      base: { lon: 114, lat: 32 },
      stops: [{ lon: 114.1, lat: 32, leg: {} }, { lon: 114.2, lat: 32.1, leg: { geometry: [[114.1, 32], [114.15, 32.2], [114.2, 32.1]] } }],
      returnLeg: {},
    });
    expect(legs.features.map((f) => [f.properties?.seq, f.properties?.road, f.geometry.coordinates])).toEqual([
      [1, false, [[114, 32], [114.1, 32]]],
      [2, true, [[114.1, 32], [114.15, 32.2], [114.2, 32.1]]],
      [0, false, [[114.2, 32.1], [114, 32]]],
    ]);
  });

  it("colours a shop by its next visit's mode from a date on", () => {
    const byShop = visitsByShop({ dates: ['2026-12-08', '2026-12-07'], retailer: ['R1', 'R1', 'R2'], day: [0, 1, 1], mode: ['phone', 'in_person', 'online'], arrive: [null, '08:20', null] });
    expect(byShop.get('R1')).toEqual([{ date: '2026-12-07', mode: 'in_person', arrive: '08:20' }, { date: '2026-12-08', mode: 'phone', arrive: null }]);
    expect(nextMode(byShop.get('R1'), '2026-12-08')).toBe('phone');
    expect(nextMode(byShop.get('R2'), '2026-12-08')).toBe('none');
    expect(nextMode(undefined, '2026-12-07')).toBe('none');
  });

  it('shades the terrain: flat land clear, a slope facing the light lighter than one facing away', () => {
    const asc = 'ncols 3\nnrows 3\nxllcorner 114\nyllcorner 32\ncellsize 0.01\nNODATA_value -9999\n0 0 0\n0 0 0\n0 0 0\n';
    const flat = hillshade(parseAsc(asc));
    expect([...flat].filter((_, i) => i % 4 === 3)).toEqual(new Array(9).fill(0));
    // Rising to the east: its slopes face west, towards the north-west light's side.
    const east = hillshade(parseAsc(asc.replace('0 0 0\n0 0 0\n0 0 0\n', '0 100 200\n0 100 200\n0 100 200\n')));
    const west = hillshade(parseAsc(asc.replace('0 0 0\n0 0 0\n0 0 0\n', '200 100 0\n200 100 0\n200 100 0\n')));
    expect(east[4 * 4]).toBe(255);
    expect(west[4 * 4]).toBe(40);
    expect(gridCorners(parseAsc(asc))).toEqual([[114, 32.03], [114.03, 32.03], [114.03, 32], [114, 32]]);
    expect(() => parseAsc('ncols 2\nnrows 2\ncellsize 1\n1 2 3\n')).toThrow('terrain: expected 4 values, found 3');
  });
});

describe('the URL hash', () => {
  it('round-trips a place and falls back to the first view', () => {
    const place = { view: 'calendar' as const, plan: 'pl_1', line: 'L01', date: '2026-12-07' };
    expect(parsePlace(placeHash(place), 'figures')).toEqual(place);
    expect(parsePlace('#view=nonsense&plan=x', 'figures')).toEqual({ view: 'figures', plan: 'x' });
  });
});
