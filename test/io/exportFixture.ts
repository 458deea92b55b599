import { expectGoldenAt, regenerateAt } from '../support/golden.ts';
import type { Line } from '../../src/domain/line.ts';
import type { Plan, PlanFigures, PlannedDay } from '../../src/domain/plan.ts';
import type { Retailer } from '../../src/domain/retailer.ts';

/**
 * A small hand-made plan for the export tests: two lines over two weeks, one day a week.
 * L01 drives both days (lunch after its second stop on the first, none on the second);
 * L02 is blocked the first day and has one visit it could not place.
 */

function retailer(id: string, name: string, lon: number, lat: number, line: string, over: Partial<Retailer> = {}): Retailer {
  return {
    id, name, lon, lat, county: '浉河区', township: '老城街道', urban: true, format: 'tobacco_liquor', class: 'ordinary',
    supplyStopped: false, mustInPerson: false, vulnerable: false, line, opensMin: 480, closesMin: 1260, orderWeekday: 2,
    ordering: 'computer', phone: '13800138000', elevationM: 80, ...over,
  };
}

export const RETAILERS: Retailer[] = [
  // More than 6 decimals: the exports round to 6.
  retailer('R0001', '张记烟酒', 114.07123456, 32.12345678, 'L01', { phone: '13800138001' }),
  retailer('R0002', '李家便利店', 114.0801, 32.1302, 'L01', { phone: '0376-6221234', township: '五星街道' }),
  // A name with a comma and a quote: the CSV must quote it.
  retailer('R0003', '好又多超市, "旗舰店"', 114.0905, 32.1411, 'L01', { phone: '13800138003' }),
  retailer('R0004', '王姐小卖部', 114.0655, 32.1188, 'L01', { phone: '', township: '' }),
  retailer('R0005', '东方商行', 114.0999, 32.1502, 'L01', { phone: '13800138005' }),
  retailer('R0101', '平桥烟酒行', 114.1203, 32.2104, 'L02', { county: '平桥区', township: '平桥街道', phone: '13900139001' }),
  retailer('R0102', '明港超市', 114.1302, 32.2201, 'L02', { county: '平桥区', township: '明港镇', phone: '13900139002' }),
  retailer('R0103', '老街副食店', 114.1404, 32.2305, 'L02', { county: '平桥区', township: '明港镇', phone: '13900139003' }),
  retailer('R0104', '山里人家', 114.2501, 32.3002, 'L02', { county: '平桥区', township: '邢集镇', phone: '13900139004' }),
];

export const LINES: Line[] = [
  { line: 'L01', county: '浉河区', manager: '王磊', baseLon: 114.06, baseLat: 32.13, vehicle: 'car', litresPer100Km: 8 },
  { line: 'L02', county: '平桥区', manager: '李娜', baseLon: 114.1, baseLat: 32.2, vehicle: 'motorbike', litresPer100Km: 2.5 },
];

export function figures(over: Partial<PlanFigures> = {}): PlanFigures {
  return {
    workdays: 2, yuan: 40, fuelYuan: 38, phoneYuan: 2, km: 50, litres: 4.75, ascentM: 120, visits: 10,
    inPersonVisits: 7, remoteVisits: 3, inPersonShare: 0.7, visitsPerDay: 5,
    marketHoursPerDay: { min: 2, mean: 3.25, max: 4.5 }, spacingErrorDays: 0.2, dayImbalanceHours: 1.5,
    lateMinutes: 0, firstShopLateDays: 0, backLateDays: 0, shortMarketDays: 1, notPlaced: 0,
    inPersonPerDay: { min: 3, mean: 3.5, max: 4 }, dayHours: { min: 6, mean: 7, max: 8 }, waitMinutesPerDay: { mean: 10, max: 20 },
    emptyWorkdays: 0, earlyLeaveDays: 0, longDays: 0, longWaitDays: 0, unbalancedDays: 0, ...over,
  };
}

// Untyped on purpose: spread into a PlannedDay it is checked for missing fields but not
// for extra ones, so it keeps compiling while the planner's day schema grows.
const idle = {
  leaveBase: null, backAtBase: null, lunch: null, stops: [], remote: [], returnKm: 0, km: 0, ascentM: 0, litres: 0,
  yuan: 0, marketMinutes: 0, freeMarketMinutes: 0, waitMinutes: 0, lateMinutes: 0, firstShopLateMinutes: 0, backLateMinutes: 0,
};

function day(date: string, over: Partial<PlannedDay>): PlannedDay {
  return { date, blocked: false, ...idle, ...over };
}

export function fixturePlan(): Plan {
  return {
    start: '2025-03-03',
    weeks: 2,
    seed: 7,
    figures: figures(),
    baseline: figures({ yuan: 52.5, fuelYuan: 52.5, phoneYuan: 0, km: 68.2, litres: 6.1, inPersonShare: 1, inPersonVisits: 10, remoteVisits: 0 }),
    ratios: { yuan: 40 / 52.5, fuelYuan: 38 / 52.5, km: 50 / 68.2, litres: 4.75 / 6.1 },
    lines: [
      {
        line: 'L01',
        manager: '王磊',
        figures: figures({ km: 31.5, yuan: 21.4 }),
        baseline: figures({ km: 40, yuan: 30 }),
        notPlaced: [],
        days: [
          day('2025-03-04', {
            leaveBase: '07:52',
            backAtBase: '13:40',
            lunch: '11:35',
            stops: [
              { retailer: 'R0001', arrive: '08:00', start: '08:00', depart: '08:20', legKm: 2.31, legMinutes: 7.5 },
              { retailer: 'R0002', arrive: '08:40', start: '08:40', depart: '11:30', legKm: 3.1, legMinutes: 12.25 },
              { retailer: 'R0003', arrive: '12:50', start: '12:50', depart: '13:10', legKm: 4.04, legMinutes: 9 },
            ],
            remote: [{ retailer: 'R0004', mode: 'phone' }],
            returnKm: 5.5,
            km: 14.95,
            ascentM: 40,
            litres: 1.196,
            yuan: 9.2092,
            marketMinutes: 250,
          }),
          day('2025-03-11', {
            leaveBase: '07:50',
            backAtBase: '10:10',
            stops: [
              { retailer: 'R0005', arrive: '08:05', start: '08:05', depart: '08:25', legKm: 6.2, legMinutes: 15 },
              { retailer: 'R0001', arrive: '08:50', start: '08:50', depart: '09:10', legKm: 4.6, legMinutes: 20 },
            ],
            remote: [{ retailer: 'R0003', mode: 'online' }],
            returnKm: 1.75,
            km: 12.55,
            ascentM: 30,
            litres: 1.004,
            yuan: 7.7308,
            marketMinutes: 65,
          }),
        ],
      },
      {
        line: 'L02',
        manager: '李娜',
        figures: figures({ km: 18.5, yuan: 18.6, notPlaced: 1 }),
        baseline: figures({ km: 28.2, yuan: 22.5 }),
        notPlaced: [{ retailer: 'R0104', reason: 'no day of the horizon fits its window' }],
        days: [
          day('2025-03-04', { blocked: true }),
          day('2025-03-11', {
            leaveBase: '08:10',
            backAtBase: '10:45',
            stops: [
              { retailer: 'R0101', arrive: '08:30', start: '08:30', depart: '08:50', legKm: 3.3, legMinutes: 20 },
              { retailer: 'R0102', arrive: '09:05', start: '09:05', depart: '09:25', legKm: 1.45, legMinutes: 15 },
            ],
            remote: [{ retailer: 'R0103', mode: 'phone' }],
            returnKm: 4.1,
            km: 8.85,
            ascentM: 12,
            litres: 0.221,
            yuan: 1.7017,
            marketMinutes: 55,
          }),
        ],
      },
    ],
  };
}

const OUT = new URL('./fixtures/out/', import.meta.url);

/**
 * Compares an export with its golden file under test/io/fixtures/out; with REGEN=1 set,
 * rewrites the file instead (review the diff before committing it).
 */
export function expectGolden(file: string, actual: string): void {
  expectGoldenAt(new URL(file, OUT), file, actual);
}

/**
 * With REGEN=1, writes a file for a person to open (the XLSX itself, whose zip carries
 * timestamps and so cannot be compared byte for byte); says whether it wrote.
 */
export function regenerate(file: string, bytes: string | Uint8Array): boolean {
  return regenerateAt(new URL(file, OUT), file, bytes);
}
