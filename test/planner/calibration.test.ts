/** The demo command's calibration table, its figures recomputed here from the city itself. */
import { describe, expect, test } from 'vitest';
import { FORMATS } from '../../src/domain/retailer.ts';
import { SEED } from '../../src/domain/seedFigures.ts';
import { visitsPer4Weeks } from '../../src/domain/visitRules.ts';
import { calibrate, formatCalibration, retailersByLine } from '../../src/planner/calibration.ts';
import { TerrainModel, terrainModelParams } from '../../src/travel/terrainModel.ts';
import { smallCity } from '../support/smallCity.ts';

const city = smallCity(7);
const model = new TerrainModel(city.terrain, terrainModelParams(city.policy));
const { rows, practice } = await calibrate(city.lines, city.retailers, city.policy, model, { plain: 0.25, hill: 0.5, mountain: 0.25 });
const value = (what: string) => rows.find((r) => r.what === what)?.dataset;

describe('calibration of the small city', () => {
  test('counts and shares, as the retailers say', () => {
    const rs = city.retailers;
    expect(value('visit lines (managers)')).toBe(city.lines.length);
    expect(value('retailers')).toBe(rs.length);
    expect([value('urban retailers'), value('rural retailers')]).toEqual([rs.filter((r) => r.urban).length, rs.filter((r) => !r.urban).length]);
    for (const f of FORMATS) expect(value(`format ${f}`)).toBe(rs.filter((r) => r.format === f).length);
    const sizes = city.lines.map((l) => rs.filter((r) => r.line === l.line).length);
    expect(value('retailers per line, max')).toBe(Math.max(...sizes));
    expect([value('land: plain'), value('land: hill'), value('land: mountain')]).toEqual(['25.0%', '50.0%', '25.0%']);
  });

  test("today's practice: every shop in person at its frequency, km per workday from its metres", () => {
    const due = city.lines.map((l) => city.retailers.filter((r) => r.line === l.line).reduce((s, r) => s + visitsPer4Weeks(r, city.policy), 0));
    expect(practice.map((p) => p.visits)).toEqual(due);
    expect(practice.map((p) => p.days.reduce((s, d) => s + d.stops.length, 0))).toEqual(due);
    const kmPerDay = practice.map((p) => p.metres / 1000 / SEED.workdaysPerMonth);
    const mean = kmPerDay.reduce((a, b) => a + b, 0) / kmPerDay.length;
    expect(value('km per manager-workday, city mean')).toBe(Number(mean.toFixed(1)));
    const far = kmPerDay.indexOf(Math.max(...kmPerDay));
    expect(value(`km per workday, farthest line (${city.lines[far].line})`)).toBe(Number(kmPerDay[far].toFixed(1)));
  });

  test('a retailer of an unknown line is in no line; the table is aligned', () => {
    const stray = { ...city.retailers[0], id: 'RX', line: 'L999' };
    const by = retailersByLine(city.lines, [...city.retailers, stray]);
    expect([...by.keys()]).toEqual(city.lines.map((l) => l.line));
    expect([...by.values()].flat()).not.toContain(stray);
    const text = formatCalibration(rows).split('\n');
    expect(new Set(text.map((l) => l.length)).size).toBe(1);
    expect(text[0]).toMatch(/^what +seed +dataset$/);
  });
});
